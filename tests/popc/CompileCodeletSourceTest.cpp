// compileCodeletSource: compiling through popc, the content cache and its
// invalidation, and the errors it throws. A wrapper script stands in for
// popc and counts its runs, so a cache hit is observed, not timed.
#include "compiler/codelets/CodeletArchive.hpp"

#include "tests/popc/PopcTestSupport.hpp"
#include "tests/unit/core/ScopedEnv.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <sys/stat.h>

using namespace tessel::codelets;
using popctest::readFile;
using popctest::ScratchDir;
using popctest::writeFile;

namespace {

/// A cache directory and a popc that records each run in a file.
struct CountingPopc {
  ScratchDir dir;
  std::string counter = dir / "runs";
  ScopedEnv cache{"TESSEL_CODELET_CACHE", dir / "cache"};
  ScopedEnv popc{"TESSEL_POPC", dir / "popc-wrapper"};

  CountingPopc() {
    writeFile(dir / "popc-wrapper", "#!/bin/sh\necho run >> '" + counter +
                                        "'\nexec '" + popctest::kPopc +
                                        "' \"$@\"\n");
    chmod((dir / "popc-wrapper").c_str(), 0755);
  }
  std::size_t runs() const {
    const std::string text = readFile(counter);
    return std::size_t(std::count(text.begin(), text.end(), '\n'));
  }
};

const char *const kScaledSource = R"(#include "Factor.hpp"
#include <poplar/Vertex.hpp>
class Scale : public poplar::Vertex {
public:
  poplar::InOut<float> x;
  void compute() { *x = *x * kFactor; }
};
)";

/// Runs Scale on 2.0 and returns the result.
float runScale(const CodeletArchive &archive) {
  ScratchDir dir;
  popctest::LoadedCodelets codelets(archive, dir);
  popctest::TileMemory tile;
  const std::uint32_t x = tile.place(std::vector<float>{2.0f});
  const std::uint32_t state = tile.words({x});
  const auto context = tile.run(codelets.vertex("Scale"), state);
  REQUIRE(context.status == tessel::abi::RunStatus::Ok);
  return tile.read<float>(x);
}

} // namespace

TEST_CASE("A second compile of the same source is a cache hit",
          "[compileCodeletSource]") {
  CountingPopc popc;
  const std::string source = popctest::codelet("sum.cpp");
  const CodeletArchive first =
      compileCodeletSource(source, "", "", "", nullptr);
  CHECK(popc.runs() == 1);
  const CodeletArchive second =
      compileCodeletSource(source, "", "", "", nullptr);
  CHECK(popc.runs() == 1);
  REQUIRE(second.objects.size() == 1);
  CHECK(second.objects[0].contentHash == first.objects[0].contentHash);
  REQUIRE(second.vertices.size() == 1);
  CHECK(second.vertices[0].name == "SumVertex");
  CHECK(second.objects[0].targets ==
        std::vector<std::string>{"cpu", "ipu1", "ipu2", "ipu21"});
}

TEST_CASE("Editing an included header invalidates the cached compile",
          "[compileCodeletSource]") {
  CountingPopc popc;
  ScratchDir sources;
  const std::string source = sources / "scale.cpp";
  writeFile(source, kScaledSource);
  writeFile(sources / "Factor.hpp", "constexpr float kFactor = 3;\n");
  CHECK(runScale(compileCodeletSource(source, "", "", "ipu2", nullptr)) ==
        6.0f);
  CHECK(runScale(compileCodeletSource(source, "", "", "ipu2", nullptr)) ==
        6.0f);
  CHECK(popc.runs() == 1);
  writeFile(sources / "Factor.hpp", "constexpr float kFactor = 5.0f;\n");
  CHECK(runScale(compileCodeletSource(source, "", "", "ipu2", nullptr)) ==
        10.0f);
  CHECK(popc.runs() == 2);
}

TEST_CASE("Flags and targets are part of the cache key",
          "[compileCodeletSource]") {
  CountingPopc popc;
  const std::string source = popctest::codelet("scaled.cpp");
  const std::string include = "-I " + popctest::codelet("include");
  const CodeletArchive two =
      compileCodeletSource(source, "", include, "ipu2", nullptr);
  const CodeletArchive five = compileCodeletSource(
      source, "", include + " -DSCALE_FACTOR=5", "ipu2", nullptr);
  const CodeletArchive cpu =
      compileCodeletSource(source, "", include, "cpu", nullptr);
  CHECK(popc.runs() == 3);
  CHECK(two.objects[0].targets == std::vector<std::string>{"ipu2"});
  CHECK(cpu.objects[0].targets == std::vector<std::string>{"cpu"});
  CHECK(five.objects[0].contentHash != two.objects[0].contentHash);
  compileCodeletSource(source, "", include + " -DSCALE_FACTOR=5", "ipu2",
                       nullptr);
  CHECK(popc.runs() == 3);
}

TEST_CASE("Source text compiles and is cached like a file",
          "[compileCodeletSource]") {
  CountingPopc popc;
  const std::string text = R"(#include <poplar/Vertex.hpp>
class Scale : public poplar::Vertex {
public:
  poplar::InOut<float> x;
  void compute() { *x = *x + 0.5f; }
};
)";
  CHECK(runScale(compileCodeletSource("", text, "", "", nullptr)) == 2.5f);
  CHECK(runScale(compileCodeletSource("", text, "", "", nullptr)) == 2.5f);
  CHECK(popc.runs() == 1);
}

namespace {

/// Runs in another current directory for its lifetime.
struct ScopedDirectory {
  explicit ScopedDirectory(const std::string &path)
      : previous(std::filesystem::current_path()) {
    std::filesystem::current_path(path);
  }
  ~ScopedDirectory() { std::filesystem::current_path(previous); }
  std::filesystem::path previous;
};

} // namespace

TEST_CASE("The cache hits from any directory unless a relative path is used",
          "[compileCodeletSource]") {
  CountingPopc popc;
  ScratchDir first, second;
  const std::string text = R"(#include <poplar/Vertex.hpp>
class Scale : public poplar::Vertex {
public:
  poplar::InOut<float> x;
  void compute() { *x = *x * 4.0f; }
};
)";
  const std::string absolute = "-I " + popctest::codelet("include");
  {
    ScopedDirectory in(first / "");
    CHECK(runScale(compileCodeletSource("", text, absolute, "ipu2", nullptr)) ==
          8.0f);
    compileCodeletSource("", text, "-I .", "ipu2", nullptr);
  }
  CHECK(popc.runs() == 2);
  ScopedDirectory in(second / "");
  CHECK(runScale(compileCodeletSource("", text, absolute, "ipu2", nullptr)) ==
        8.0f);
  CHECK(popc.runs() == 2); // the same text and absolute flags: a hit
  compileCodeletSource("", text, "-I .", "ipu2", nullptr);
  CHECK(popc.runs() == 3); // "." is another directory now: a miss
  compileCodeletSource("", text, "-I.", "ipu2", nullptr);
  CHECK(popc.runs() == 4);
}

TEST_CASE("A compile error carries the compiler's file:line:column",
          "[compileCodeletSource]") {
  CountingPopc popc;
  const std::string source = popctest::codelet("syntax_error.cpp");
  std::ostringstream output;
  try {
    compileCodeletSource(source, "", "", "", &output);
    FAIL("no error");
  } catch (const poplar::graph_program_compilation_error &e) {
    const std::string expected =
        source + ":9:27: error: use of undeclared identifier 'undefinedName'";
    CHECK_THAT(e.what(), Catch::Contains(expected));
    CHECK_THAT(output.str(), Catch::Contains(expected));
  }
}

TEST_CASE("An error in source text is reported against <stream>",
          "[compileCodeletSource]") {
  CountingPopc popc;
  const std::string text = "#include <poplar/Vertex.hpp>\n"
                           "class Bad : public poplar::Vertex {\n"
                           "  NoSuchType field;\n"
                           "};\n";
  CHECK_THROWS_WITH(compileCodeletSource("", text, "", "", nullptr),
                    Catch::Contains("<stream>:3:3: error: unknown type name "
                                    "'NoSuchType'"));
}

TEST_CASE("Compile warnings reach compileOutput", "[compileCodeletSource]") {
  CountingPopc popc;
  std::ostringstream output;
  compileCodeletSource(popctest::codelet("warning.cpp"), "",
                       "-Wdouble-promotion", "", &output);
  CHECK_THAT(output.str(), Catch::Contains("warning.cpp:10:16: warning"));
}

TEST_CASE("Unusable inputs are typed errors", "[compileCodeletSource]") {
  CountingPopc popc;
  ScratchDir dir;
  CHECK_THROWS_AS(
      compileCodeletSource(dir / "missing.cpp", "", "", "", nullptr),
      poplar::file_load_error);
  CHECK_THROWS_WITH(compileCodeletSource(popctest::codelet("sum.cpp"), "",
                                         "-DX='unterminated", "", nullptr),
                    Catch::Contains("end inside a quoted string"));
  CHECK_THROWS_WITH(compileCodeletSource(popctest::codelet("sum.cpp"), "", "",
                                         "ipu9", nullptr),
                    Catch::Contains("unknown target 'ipu9'"));
  CHECK_THROWS_WITH(compileCodeletSource(popctest::codelet("sum.cpp"), "",
                                         "--no-such-option", "", nullptr),
                    Catch::Contains("--no-such-option"));
}

TEST_CASE("A popc that cannot run is a compilation error saying so",
          "[compileCodeletSource]") {
  ScratchDir dir;
  ScopedEnv cache("TESSEL_CODELET_CACHE", dir / "cache");
  ScopedEnv popc("TESSEL_POPC", dir / "no-popc-here");
  try {
    compileCodeletSource(popctest::codelet("sum.cpp"), "", "", "", nullptr);
    FAIL("no error");
  } catch (const poplar::graph_program_compilation_error &e) {
    CHECK_THAT(e.what(), Catch::Contains("could not be started"));
    CHECK_THAT(e.what(), Catch::Contains("no-popc-here"));
  }
}

TEST_CASE("popc is found beside libpoplar without TESSEL_POPC",
          "[compileCodeletSource]") {
  ScratchDir dir;
  ScopedEnv cache("TESSEL_CODELET_CACHE", dir / "cache");
  ScopedEnv popc("TESSEL_POPC", "");
  const CodeletArchive archive = compileCodeletSource(
      popctest::codelet("sum.cpp"), "", "-O1", "ipu21", nullptr);
  CHECK(archive.vertices.size() == 1);
}

TEST_CASE("A damaged cache entry is recompiled", "[compileCodeletSource]") {
  CountingPopc popc;
  const std::string source = popctest::codelet("sum.cpp");
  compileCodeletSource(source, "", "", "", nullptr);
  for (const auto &entry :
       std::filesystem::directory_iterator(popc.dir / "cache"))
    if (entry.path().extension() == ".gp")
      std::filesystem::resize_file(entry.path(), 100);
  CHECK(compileCodeletSource(source, "", "", "", nullptr).vertices.size() == 1);
  CHECK(popc.runs() == 2);
  compileCodeletSource(source, "", "", "", nullptr);
  CHECK(popc.runs() == 2);
}

TEST_CASE("Without a usable cache directory every compile runs popc",
          "[compileCodeletSource]") {
  CountingPopc popc;
  writeFile(popc.dir / "a-file", "not a directory");
  ScopedEnv cache("TESSEL_CODELET_CACHE", popc.dir / "a-file/cache");
  const std::string source = popctest::codelet("sum.cpp");
  CHECK(compileCodeletSource(source, "", "", "", nullptr).vertices.size() == 1);
  CHECK(compileCodeletSource(source, "", "", "", nullptr).vertices.size() == 1);
  CHECK(popc.runs() == 2);
}
