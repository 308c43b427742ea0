// popc as a command: options, inputs and outputs, exit status and messages.
#include "compiler/codelets/CodeletCache.hpp"
#include "tests/popc/PopcTestSupport.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

using namespace tessel::codelets;
using popctest::codelet;
using popctest::readFile;
using popctest::runPopc;
using popctest::ScratchDir;

namespace {

std::vector<std::string> vertexNames(const CodeletArchive &archive) {
  std::vector<std::string> names;
  for (const VertexMeta &v : archive.vertices)
    names.push_back(v.name);
  return names;
}

/// Runs a vertex with one InOut<float> field on `value`.
float runInOutFloat(const CodeletArchive &archive, const std::string &vertex,
                    float value) {
  ScratchDir dir;
  std::uint32_t object = 0;
  for (const VertexMeta &v : archive.vertices)
    if (v.name == vertex)
      object = v.object;
  popctest::LoadedCodelets codelets(archive, dir, object);
  popctest::TileMemory tile;
  const std::uint32_t x = tile.place(std::vector<float>{value});
  const auto context = tile.run(codelets.vertex(vertex), tile.words({x}));
  REQUIRE(context.status == tessel::abi::RunStatus::Ok);
  return tile.read<float>(x);
}

} // namespace

TEST_CASE("popc -h prints the options", "[popc]") {
  const ProcessResult result = runPopc({"-h"});
  CHECK(result.exitStatus == 0);
  for (const char *option : {"-O", "-I", "-D", "-W", "--target",
                             "--list-targets", "-MD", "-o", "-g"})
    CHECK_THAT(result.output, Catch::Contains(option));
}

TEST_CASE("popc --list-targets prints every target", "[popc]") {
  const ProcessResult result = runPopc({"--list-targets"});
  CHECK(result.exitStatus == 0);
  CHECK(result.output == "cpu,ipu1,ipu2,ipu21\n");
}

TEST_CASE("Bad command lines fail with one line saying why", "[popc]") {
  ScratchDir dir;
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases{
      {{"--frobnicate", codelet("sum.cpp"), "-o", dir / "x.gp"},
       "--frobnicate"},
      {{"-O7", codelet("sum.cpp"), "-o", dir / "x.gp"}, "7"},
      {{codelet("sum.cpp")}, "no output file"},
      {{"-o", dir / "x.gp"}, "no input files"},
      {{"--target", "ipu3", codelet("sum.cpp"), "-o", dir / "x.gp"},
       "unknown target 'ipu3'"},
      {{dir / "missing.cpp", "-o", dir / "x.gp"}, "cannot read"},
      {{codelet("include/Scale.hpp"), "-o", dir / "x.gp"},
       "unknown kind of input"},
  };
  for (const Case &c : cases) {
    const ProcessResult result = runPopc(c.args);
    INFO(result.output);
    CHECK(result.exitStatus == 1);
    CHECK_THAT(result.output, Catch::StartsWith("popc: error: "));
    CHECK_THAT(result.output, Catch::Contains(c.message));
    CHECK(std::count(result.output.begin(), result.output.end(), '\n') == 1);
  }
}

TEST_CASE("Assembly codelets are refused", "[popc]") {
  ScratchDir dir;
  popctest::writeFile(dir / "kernel.S", "nop\n");
  const ProcessResult result = runPopc({dir / "kernel.S", "-o", dir / "x.gp"});
  CHECK(result.exitStatus == 1);
  CHECK_THAT(result.output, Catch::Contains("run only on a real IPU"));
}

TEST_CASE("Every optimisation level compiles a working codelet", "[popc]") {
  ScratchDir dir;
  for (const char *level : {"-O0", "-O1", "-O2", "-O3", "-Os"}) {
    INFO(level);
    const ProcessResult result =
        runPopc({level, codelet("templates.cpp"), "-o", dir / "t.gp"});
    REQUIRE(result.exitStatus == 0);
    const CodeletArchive archive = readArchiveFile(dir / "t.gp");
    popctest::LoadedCodelets codelets(archive, dir);
    popctest::TileMemory tile;
    const std::uint32_t a = tile.place(std::vector<unsigned>{6});
    const std::uint32_t b = tile.place(std::vector<unsigned>{7});
    const std::uint32_t out = tile.place(std::vector<unsigned>{0});
    const auto context = tile.run(
        codelets.vertex("ops::Binary<unsigned int,ops::Operation::Multiply,"
                        "true,3>"),
        tile.words({a, b, out}));
    CHECK(context.status == tessel::abi::RunStatus::Ok);
    CHECK(tile.read<unsigned>(out) == 126);
  }
}

TEST_CASE("Options -I and -D find headers and define macros", "[popc]") {
  ScratchDir dir;
  const std::string out = dir / "s.gp";
  const ProcessResult missing = runPopc({codelet("scaled.cpp"), "-o", out});
  CHECK(missing.exitStatus == 1);
  CHECK_THAT(missing.output,
             Catch::Contains("scaled.cpp:2:10: fatal error: 'Scale.hpp' file "
                             "not found"));
  REQUIRE(runPopc({"-I", codelet("include"), codelet("scaled.cpp"), "-o", out})
              .exitStatus == 0);
  CHECK(runInOutFloat(readArchiveFile(out), "Scale", 1.5f) == 3.0f);
  REQUIRE(runPopc({"-I" + codelet("include"), "-D", "SCALE_FACTOR=7",
                   codelet("scaled.cpp"), "-o", out})
              .exitStatus == 0);
  CHECK(runInOutFloat(readArchiveFile(out), "Scale", 1.5f) == 10.5f);
}

TEST_CASE("Option -Werror turns a warning into a failure", "[popc]") {
  ScratchDir dir;
  const std::string source = codelet("warning.cpp");
  const ProcessResult warns =
      runPopc({"-Wdouble-promotion", source, "-o", dir / "w.gp"});
  CHECK(warns.exitStatus == 0);
  CHECK_THAT(warns.output,
             Catch::Contains(source + ":10:16: warning: implicit conversion "
                                      "increases floating-point precision"));
  const ProcessResult fails =
      runPopc({"-Wdouble-promotion", "-Werror", source, "-o", dir / "e.gp"});
  CHECK(fails.exitStatus == 1);
  CHECK_THAT(fails.output, Catch::Contains(source + ":10:16: error:"));
  CHECK_THAT(fails.output, Catch::Contains("[-Werror,-Wdouble-promotion]"));
  CHECK_FALSE(std::filesystem::exists(dir / "e.gp"));
}

TEST_CASE("Option --target lists the targets the object serves", "[popc]") {
  ScratchDir dir;
  REQUIRE(
      runPopc({"--target=ipu21,ipu2", codelet("sum.cpp"), "-o", dir / "x.gp"})
          .exitStatus == 0);
  const CodeletArchive archive = readArchiveFile(dir / "x.gp");
  REQUIRE(archive.objects.size() == 1);
  CHECK(archive.objects[0].targets ==
        std::vector<std::string>{"ipu2", "ipu21"});
  CHECK(archive.objects[0].source == codelet("sum.cpp"));
}

TEST_CASE("Several sources, C among them, make one object", "[popc]") {
  ScratchDir dir;
  const ProcessResult result =
      runPopc({codelet("uses_helper.cpp"), codelet("helper.c"),
               codelet("sum.cpp"), "-o", dir / "m.gp"});
  REQUIRE(result.exitStatus == 0);
  const CodeletArchive archive = readArchiveFile(dir / "m.gp");
  CHECK(archive.objects.size() == 1);
  CHECK(vertexNames(archive) ==
        std::vector<std::string>{"UsesHelper", "SumVertex"});
  ScratchDir run;
  popctest::LoadedCodelets codelets(archive, run);
  popctest::TileMemory tile;
  const std::uint32_t x = tile.place(std::vector<int>{14});
  CHECK(tile.run(codelets.vertex("UsesHelper"), tile.words({x})).status ==
        tessel::abi::RunStatus::Ok);
  CHECK(tile.read<int>(x) == 42);
}

TEST_CASE("A function no source defines fails at link time", "[popc]") {
  ScratchDir dir;
  const ProcessResult result =
      runPopc({codelet("uses_helper.cpp"), "-o", dir / "m.gp"});
  CHECK(result.exitStatus == 1);
  CHECK_THAT(result.output,
             Catch::Contains("undefined reference to `tripled'"));
  CHECK_THAT(result.output, Catch::Contains("popc: error: linking"));
}

TEST_CASE(".gp inputs are linked in", "[popc]") {
  ScratchDir dir;
  REQUIRE(runPopc({codelet("sum.cpp"), "-o", dir / "sum.gp"}).exitStatus == 0);
  REQUIRE(runPopc({codelet("scaled.cpp"), "-I", codelet("include"), "-o",
                   dir / "scaled.gp"})
              .exitStatus == 0);
  REQUIRE(runPopc({codelet("templates.cpp"), dir / "sum.gp", dir / "scaled.gp",
                   "-o", dir / "all.gp"})
              .exitStatus == 0);
  const CodeletArchive all = readArchiveFile(dir / "all.gp");
  CHECK(all.objects.size() == 3);
  CHECK(all.vertices.size() == 7);
  CHECK(vertexNames(all).back() == "Scale");
  CHECK(all.vertices.back().object == 2);
  CHECK(runInOutFloat(all, "Scale", 4.0f) == 8.0f);
}

TEST_CASE("The same vertex from two inputs is an error naming both", "[popc]") {
  ScratchDir dir;
  const ProcessResult sources = runPopc(
      {codelet("sum.cpp"), codelet("duplicate.cpp"), "-o", dir / "d.gp"});
  CHECK(sources.exitStatus == 1);
  CHECK_THAT(sources.output,
             Catch::Contains("vertex 'SumVertex' is defined twice: in " +
                             codelet("sum.cpp") + " and in " +
                             codelet("duplicate.cpp")));
  REQUIRE(runPopc({codelet("sum.cpp"), "-o", dir / "sum.gp"}).exitStatus == 0);
  const ProcessResult archives =
      runPopc({codelet("duplicate.cpp"), dir / "sum.gp", "-o", dir / "d.gp"});
  CHECK(archives.exitStatus == 1);
  CHECK_THAT(archives.output, Catch::Contains(dir / "sum.gp"));
  CHECK_THAT(archives.output, Catch::Contains(codelet("duplicate.cpp")));
}

TEST_CASE("Option -MD writes the files the archive was built from", "[popc]") {
  ScratchDir dir;
  REQUIRE(runPopc({"-MD", "-I", codelet("include"), codelet("scaled.cpp"), "-o",
                   dir / "s.gp"})
              .exitStatus == 0);
  const std::vector<std::string> files =
      parseDependencyFile(readFile(dir / "s.gp.d"));
  auto listed = [&](const std::string &end) {
    return std::any_of(files.begin(), files.end(), [&](const std::string &f) {
      return f.size() >= end.size() &&
             f.compare(f.size() - end.size(), end.size(), end) == 0;
    });
  };
  CHECK(listed("scaled.cpp"));
  CHECK(listed("include/Scale.hpp"));
  CHECK(listed("poplar/Vertex.hpp"));
  CHECK(listed("tessel/internal/CodeletGlue.hpp"));
  CHECK_FALSE(listed("-glue.cpp"));
}

TEST_CASE("Option -g keeps debug information in the object", "[popc]") {
  ScratchDir dir;
  REQUIRE(runPopc({"-g", "-O1", codelet("sum.cpp"), "-o", dir / "g.gp"})
              .exitStatus == 0);
  REQUIRE(runPopc({"-O1", codelet("sum.cpp"), "-o", dir / "n.gp"}).exitStatus ==
          0);
  const std::vector<std::uint8_t> debug =
      readArchiveFile(dir / "g.gp").objects[0].sharedObject;
  const std::string text(debug.begin(), debug.end());
  CHECK(text.find(".debug_info") != std::string::npos);
  CHECK(readArchiveFile(dir / "n.gp").objects[0].sharedObject.size() <
        debug.size());
}

TEST_CASE("popc writes the same archive every time", "[popc]") {
  ScratchDir dir;
  for (const char *level : {"-O0", "-O2"}) {
    INFO(level);
    std::vector<std::string> archives;
    for (const char *name : {"a.gp", "b.gp"}) {
      REQUIRE(runPopc({level, "-g", codelet("field_kinds.cpp"),
                       codelet("behaviour.cpp"), "-o", dir / name})
                  .exitStatus == 0);
      archives.push_back(readFile(dir / name));
    }
    CHECK(archives[0] == archives[1]);
  }
}
