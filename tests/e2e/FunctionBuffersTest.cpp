// Function buffers (issue 13 part 5): a function's code kept in streaming
// memory and loaded into tile memory by Copy(FunctionBuffer, Function),
// costed as a remote-buffer transfer of the code's size; and the calls that
// need replication or external exchange, refused with typed errors.
#include "Harness.hpp"

#include "ErrorOf.hpp"

#include <catch2/catch.hpp>

#include <numeric>

using namespace poplar;
using namespace poplar::program;
using tessel_test::errorOf;

namespace {

const std::string codelets = TESSEL_E2E_CODELETS "/vertices.cpp";

/// A device of 4 tiles whose instruction words are `instructionBytes`.
Device deviceWithWords(unsigned instructionBytes) {
  IPUModel model("ipu2");
  model.tilesPerIPU = 4;
  model.instructionBytes = instructionBytes;
  return model.createDevice();
}

/// A graph whose compute set sums in[0:4] on tile 0 and in[4:8] on tile 2,
/// one SumVertex each.
struct SumGraph {
  explicit SumGraph(const Device &device) : graph(device.getTarget()) {
    graph.addCodelets(codelets);
    in = graph.addVariable(FLOAT, {8}, "in");
    out = graph.addVariable(FLOAT, {2}, "out");
    cs = graph.addComputeSet("sums");
    for (unsigned i = 0; i < 2; ++i) {
      const unsigned tile = 2 * i;
      graph.setTileMapping(in.slice(4 * i, 4 * i + 4), tile);
      graph.setTileMapping(out[i], tile);
      VertexRef v = graph.addVertex(cs, "SumVertex");
      graph.connect(v["in"], in.slice(4 * i, 4 * i + 4));
      graph.connect(v["out"], out[i]);
      graph.setTileMapping(v, tile);
    }
    graph.createHostWrite("in", in);
    graph.createHostRead("out", out);
  }
  Graph graph;
  Tensor in, out;
  ComputeSet cs;
};

/// Device cycles of one run of `prog`.
std::uint64_t cyclesOf(const Device &device, const Graph &graph,
                       const Program &prog) {
  Engine engine(graph, prog);
  engine.load(device);
  std::vector<float> zeros(8, 0.0f);
  engine.writeTensor("in", zeros.data(), zeros.data() + zeros.size());
  const std::uint64_t before = engine.getCycleCount();
  engine.run(0);
  return engine.getCycleCount() - before;
}

} // namespace

TEST_CASE("A function loaded from its function buffer runs and matches the "
          "host",
          "[e2e][function-buffer]") {
  Device device = deviceWithWords(4);
  SumGraph g(device);
  Function f = g.graph.addFunction(Execute(g.cs));
  FunctionBuffer buffer =
      g.graph.addFunctionBuffer(f, FunctionBufferMappingType::REMOTE);
  CHECK(buffer == buffer);
  CHECK(buffer != FunctionBuffer());

  Engine engine(g.graph, Sequence{Copy(buffer, f, "load"), Call(f)});
  engine.load(device);
  std::vector<float> in(8);
  std::iota(in.begin(), in.end(), 0.5f);
  engine.writeTensor("in", in.data(), in.data() + in.size());
  engine.run(0);
  std::vector<float> out(2);
  engine.readTensor("out", out.data(), out.data() + out.size());
  float first = 0, second = 0;
  for (unsigned i = 0; i < 4; ++i) {
    first += in[i];
    second += in[4 + i];
  }
  CHECK(out == std::vector<float>{first, second});
}

TEST_CASE("Loading a function buffer costs a streaming-memory transfer of "
          "the code's size",
          "[e2e][function-buffer]") {
  // The function is one Execute node with one vertex on each of tiles 0 and
  // 2: each tile holds one instruction word for the node and one for its
  // vertex, so the code is 2 tiles x 2 words.
  for (unsigned word : {4u, 8u}) {
    CAPTURE(word);
    Device device = deviceWithWords(word);
    SumGraph g(device);
    Function f = g.graph.addFunction(Execute(g.cs));
    FunctionBuffer buffer =
        g.graph.addFunctionBuffer(f, FunctionBufferMappingType::REMOTE);
    const std::uint64_t withLoad =
        cyclesOf(device, g.graph, Sequence{Copy(buffer, f), Call(f)});
    const std::uint64_t callOnly = cyclesOf(device, g.graph, Call(f));

    // The same bytes as a plain remote buffer copy, on another graph.
    SumGraph plain(device);
    const std::size_t codeBytes = 2 * 2 * word;
    RemoteBuffer rb =
        plain.graph.addRemoteBuffer("code", UNSIGNED_CHAR, codeBytes);
    Tensor pad = plain.graph.addVariable(UNSIGNED_CHAR, {codeBytes}, "pad");
    plain.graph.setTileMapping(pad, 0);
    const std::uint64_t copyOnly = cyclesOf(device, plain.graph, Copy(rb, pad));
    const std::uint64_t empty = cyclesOf(device, plain.graph, Sequence{});
    CHECK(withLoad > callOnly);
    CHECK(withLoad - callOnly == copyOnly - empty);
  }
}

TEST_CASE("Function buffer misuse is a typed error saying what to do",
          "[e2e][function-buffer][errors]") {
  Device device = deviceWithWords(4);
  SumGraph g(device);
  Function f = g.graph.addFunction(Execute(g.cs));
  Function other = g.graph.addFunction(Sequence{});
  FunctionBuffer buffer =
      g.graph.addFunctionBuffer(f, FunctionBufferMappingType::REMOTE);

  CHECK_THAT(errorOf<control_program_error>([&] { Copy(buffer, other); }),
             Catch::Contains("code of function 0") &&
                 Catch::Contains("function it was made for"));
  CHECK_THAT(errorOf<control_program_error>([&] { Copy(FunctionBuffer(), f); }),
             Catch::Contains("not valid") &&
                 Catch::Contains("addFunctionBuffer"));
  CHECK_THAT(errorOf<graph_object_creation_error>([&] {
               g.graph.addFunctionBuffer(f,
                                         FunctionBufferMappingType::EXTERNAL);
             }),
             Catch::Contains("only FunctionBufferMappingType::REMOTE"));
  CHECK_THAT(errorOf<graph_object_creation_error>([&] {
               g.graph.addFunctionBuffer(Function(7),
                                         FunctionBufferMappingType::REMOTE);
             }),
             Catch::Contains("not one of this graph's"));

  // The code's size depends on the tiles its vertices run on.
  ComputeSet unmapped = g.graph.addComputeSet("unmapped");
  VertexRef v = g.graph.addVertex(unmapped, "SumVertex");
  g.graph.connect(v["in"], g.in.slice(0, 4));
  g.graph.connect(v["out"], g.out[0]);
  Function late = g.graph.addFunction(Sequence{Execute(unmapped)});
  CHECK_THAT(errorOf<invalid_tile_mapping>([&] {
               g.graph.addFunctionBuffer(late,
                                         FunctionBufferMappingType::REMOTE);
             }),
             Catch::Contains("'unmapped'") && Catch::Contains("has no tile") &&
                 Catch::Contains("setTileMapping"));
}

TEST_CASE("Cross-replica copies and external exchange vertices are refused "
          "naming what they need",
          "[e2e][replication][errors]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor a = graph.addVariable(FLOAT, {4}, "a");
  Tensor b = graph.addVariable(FLOAT, {4}, "b");
  CHECK_THAT(errorOf<graph_replication_error>([&] {
               CrossReplicaCopy(a, b, {{0, 1}, {1, 0}});
             }),
             Catch::Contains("'a'") && Catch::Contains("'b'") &&
                 Catch::Contains("replication_factor(n)") &&
                 Catch::Contains("one replica"));
  ComputeSet cs = graph.addComputeSet("x");
  CHECK_THAT(errorOf<graph_object_creation_error>([&] {
               graph.addExternalExchangeVertex(cs, "Gw", 1, false, true);
             }),
             Catch::Contains("'Gw'") &&
                 Catch::Contains("no external exchange"));
}
