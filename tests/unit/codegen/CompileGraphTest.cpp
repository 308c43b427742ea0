// compileGraph, the driver: options are checked like Poplar's engine
// options, progress is reported step by step, pass errors arrive as typed
// poplar exceptions, and the result does not depend on the run.
#include "compiler/codegen/ExecutableImage.hpp"

#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>

using namespace poplar;
using namespace poplar::program;
using Catch::Contains;
using Catch::StartsWith;

namespace {

Target smallTarget(unsigned bytesPerTile = 638976) {
  IPUModel model("ipu2");
  model.tilesPerIPU = 4;
  model.memoryBytesPerTile = bytesPerTile;
  return model.createTarget();
}

/// A graph with one copy between two mapped tensors.
struct CopyGraph {
  Graph graph{smallTarget()};
  Tensor a = graph.addVariable(FLOAT, {8}, "a");
  Tensor b = graph.addVariable(FLOAT, {8}, "b");
  Program prog;

  CopyGraph() {
    graph.setTileMapping(a, 0);
    graph.setTileMapping(b, 1);
    graph.createHostWrite("a", a);
    graph.createHostRead("b", b);
    prog = Copy(a, b);
  }
  Executable compile(const OptionFlags &options = {},
                     ProgressFunc progress = {}) {
    return compileGraph(graph, {prog}, options, progress);
  }
};

/// Sets an environment variable for one scope.
class ScopedEnv {
public:
  ScopedEnv(const char *name, const char *value) : name(name) {
    setenv(name, value, 1);
  }
  ~ScopedEnv() { unsetenv(name); }

private:
  const char *name;
};

std::string serialized(const Executable &exe) {
  std::ostringstream out;
  exe.serialize(out);
  return out.str();
}

} // namespace

TEST_CASE("Unknown options are invalid_option errors naming the option",
          "[codegen][driver][options]") {
  CopyGraph g;
  CHECK_THROWS_AS(g.compile({{"debug.nonsense", "true"}}),
                  poplar::invalid_option);
  CHECK_THROWS_WITH(g.compile({{"debug.nonsense", "true"}}),
                    Contains("unknown engine option 'debug.nonsense'"));
}

TEST_CASE("Option values are checked by kind", "[codegen][driver][options]") {
  CopyGraph g;
  CHECK_THROWS_WITH(g.compile({{"debug.instrument", "yes"}}),
                    Contains("option 'debug.instrument' must be true or "
                             "false, not 'yes'"));
  CHECK_THROWS_WITH(g.compile({{"prng.seed", "-1"}}),
                    Contains("must be a non-negative decimal number"));
  CHECK_THROWS_WITH(
      g.compile({{"debug.computeInstrumentationLevel", "core"}}),
      Contains("must be one of tile, vertex, device, ipu, not 'core'"));
}

TEST_CASE("The documented options are accepted", "[codegen][driver][options]") {
  CopyGraph g;
  CHECK_NOTHROW(
      g.compile({{"debug.allowOutOfMemory", "true"},
                 {"debug.instrument", "false"},
                 {"autoReport.directory", "./reports"},
                 {"exchange.streamBufferOverlap", "hostRearrangeOnly"},
                 {"prng.seed", "42"},
                 {"opt.maxCompilationThreads", "0"},
                 {"tessel.hostThreads", "2"}}));
}

TEST_CASE("POPLAR_ENGINE_OPTIONS overrides the program's options",
          "[codegen][driver][options]") {
  CopyGraph g;
  {
    ScopedEnv env("POPLAR_ENGINE_OPTIONS", R"({"debug.instrument": "maybe"})");
    CHECK_THROWS_WITH(g.compile({{"debug.instrument", "true"}}),
                      Contains("not 'maybe'"));
  }
  {
    ScopedEnv env("POPLAR_ENGINE_OPTIONS", R"({"debug.instrument": "true"})");
    CHECK_NOTHROW(g.compile({{"debug.instrument", "maybe"}}));
  }
  {
    ScopedEnv env("POPLAR_ENGINE_OPTIONS", R"({"no.such.option": "1"})");
    CHECK_THROWS_WITH(g.compile(), Contains("'no.such.option'"));
  }
}

TEST_CASE("Progress is reported for the import, every pass and codegen",
          "[codegen][driver]") {
  CopyGraph g;
  std::vector<std::pair<int, int>> calls;
  g.compile({}, [&](int done, int total) { calls.push_back({done, total}); });
  // Import, seven passes, codegen.
  const int total = 9;
  REQUIRE(calls.size() == std::size_t(total) + 1);
  for (int i = 0; i <= total; ++i) {
    CHECK(calls[i].first == i);
    CHECK(calls[i].second == total);
  }
}

TEST_CASE("Pass errors are typed exceptions without the class prefix",
          "[codegen][driver][errors]") {
  SECTION("out of memory") {
    Graph graph(smallTarget(256));
    Tensor big = graph.addVariable(FLOAT, {100}, "tooBig");
    graph.setTileMapping(big, 3);
    graph.createHostWrite("big", big);
    try {
      compileGraph(graph, {Sequence{}});
      FAIL("expected graph_memory_allocation_error");
    } catch (const graph_memory_allocation_error &e) {
      CHECK_THAT(e.what(), StartsWith("Out of memory: Cannot fit all "
                                      "variable data onto one or more tiles."));
      CHECK_THAT(e.what(), Contains("On tile 3, 400 bytes are needed of 256 "
                                    "(144 over); its largest variables: "
                                    "'tooBig' 400 bytes."));
    }
  }
  SECTION("a float predicate") {
    Graph graph(smallTarget());
    Tensor p = graph.addVariable(FLOAT, {}, "floatFlag");
    graph.setTileMapping(p, 0);
    try {
      compileGraph(graph, {If(p, Sequence{}, Sequence{})});
      FAIL("expected control_program_error");
    } catch (const control_program_error &e) {
      CHECK_THAT(e.what(), StartsWith("If predicate"));
      CHECK_THAT(e.what(), Contains("'floatFlag'"));
    }
  }
}

TEST_CASE("Compiling the same graph twice gives the same bytes",
          "[codegen][driver]") {
  CopyGraph g;
  CHECK(serialized(g.compile()) == serialized(g.compile()));
}

namespace {

/// Where `line` of this file is, as an exception's "at" says it.
std::string here(unsigned line, const std::string &function) {
  return std::string(__FILE__) + ":" + std::to_string(line) + ", in " +
         function;
}

/// Two vertices of one compute set write out[1]; returns the line of the
/// addVariable of `out` (addComputeSet is two lines further).
unsigned buildOverlappingWrites(Graph &graph, ComputeSet &cs) {
  std::stringstream source(R"(
#include <poplar/Vertex.hpp>
class Pass : public poplar::Vertex {
public:
  poplar::Input<float> in;
  poplar::Output<float> out;
  bool compute() { *out = *in; return true; }
};
)");
  graph.addCodelets(source);
  Tensor in = graph.addVariable(FLOAT, {2}, "in");
  const unsigned line = __LINE__ + 1;
  Tensor out = graph.addVariable(FLOAT, {2}, "out");
  graph.setTileMapping(in, 0);
  cs = graph.addComputeSet("overlap");
  graph.setTileMapping(out, 1);
  for (unsigned i = 0; i < 2; ++i) {
    VertexRef v = graph.addVertex(cs, "Pass", {{"in", in[i]}, {"out", out[1]}});
    graph.setTileMapping(v, i);
  }
  return line;
}

/// A variable larger than its tile; returns the addVariable's line.
unsigned buildTooLarge(Graph &graph) {
  const unsigned line = __LINE__ + 1;
  Tensor big = graph.addVariable(FLOAT, {100}, "tooBig");
  graph.setTileMapping(big, 3);
  graph.createHostWrite("big", big);
  return line;
}

} // namespace

TEST_CASE("Engine errors name the source file and line of the user's "
          "addVariable and addComputeSet calls",
          "[codegen][driver][errors][locations]") {
  SECTION("a variable too large for its tile") {
    Graph graph(smallTarget(256));
    const unsigned line = buildTooLarge(graph);
    try {
      Engine engine(graph, Sequence{});
      FAIL("expected graph_memory_allocation_error");
    } catch (const graph_memory_allocation_error &e) {
      // The error is the module's; the note is the variable's.
      CHECK_THAT(e.what(),
                 Contains("\n  note: 'tooBig' needs 400 bytes on tile 3 (at " +
                          here(line, "buildTooLarge") + ")"));
    }
  }
  SECTION("two vertices writing the same element") {
    Graph graph(smallTarget());
    ComputeSet cs;
    const unsigned line = buildOverlappingWrites(graph, cs);
    try {
      Engine engine(graph, Execute(cs));
      FAIL("expected graph_cycle_error");
    } catch (const graph_cycle_error &e) {
      const std::string what = e.what();
      CHECK_THAT(what, Contains("writes to elements [1:2) of variable 'out'"));
      // The error is at the compute set (vertices have no op of their own).
      CHECK_THAT(what,
                 Contains("\n  at " + here(line + 2, "buildOverlappingWrites") +
                          "\n  note: vertex 0 writes them too"));
      CHECK_THAT(what, Contains("\n  note: variable 'out' made here (at " +
                                here(line, "buildOverlappingWrites") + ")"));
    }
  }
  SECTION("an error at a variable's own op") {
    // On IPU hardware every element must be mapped: poplar-verify's error
    // is at the variable, so the message itself ends with the position.
    Graph graph(Target::createIPUTarget(1, "ipu2"));
    const unsigned line = __LINE__ + 1;
    Tensor half = graph.addVariable(INT, {10}, "halfMapped");
    graph.setTileMapping(half.slice(0, 5), 0);
    graph.createHostRead("h", half);
    try {
      Engine engine(graph, Sequence{});
      FAIL("expected invalid_tile_mapping");
    } catch (const invalid_tile_mapping &e) {
      const std::string what = e.what();
      CHECK_THAT(what, StartsWith("'halfMapped' has elements [5, 10) with no "
                                  "tile mapping"));
      CHECK_THAT(what, Contains("\n  at " + std::string(__FILE__) + ":" +
                                std::to_string(line) + ", in "));
    }
  }
}
