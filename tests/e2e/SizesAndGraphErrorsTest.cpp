// Sizes that do not fit and tensors used with the wrong graph: every element
// and byte count is checked for overflow and reported with its true figure
// (never a wrapped or negative one), a tensor of another graph is a typed
// poplar error naming both graphs, and overlapping intervals in one mapping
// call are an error.
#include "ErrorOf.hpp"
#include "Harness.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <regex>

using namespace poplar;
using namespace poplar::program;
using Catch::Matchers::Contains;

namespace {

constexpr std::size_t k2to62 = std::size_t(1) << 62;

using tessel_test::errorOf;

bool hasNegativeNumber(const std::string &message) {
  return std::regex_search(message, std::regex("-[0-9]"));
}

} // namespace

TEST_CASE("Tensors too large to count or hold are refused with their true "
          "size",
          "[e2e][sizes]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  const std::string one = errorOf<tensor_creation_error>(
      [&] { graph.addVariable(FLOAT, {k2to62}, "huge"); });
  CHECK_THAT(one, Contains("addVariable 'huge'") &&
                      Contains("4611686018427387904 elements of float") &&
                      Contains("18446744073709551616 bytes"));
  const std::string two = errorOf<tensor_creation_error>([&] {
    graph.addVariable(FLOAT, {k2to62, 16}, "wide");
  });
  CHECK_THAT(two, Contains("73786976294838206464 elements"));
  const std::string constant = errorOf<tensor_creation_error>([&] {
    graph.addConstant(INT, {k2to62, 4}, 0, "constant");
  });
  CHECK_THAT(constant, Contains("addConstant 'constant'") &&
                           Contains("18446744073709551616 elements"));
  CHECK_THAT(errorOf<tensor_creation_error>([&] {
               graph.addConstantHalf(HALF, {k2to62}, std::uint16_t(0));
             }),
             Contains("4611686018427387904 elements"));
  for (const std::string &m : {one, two, constant})
    CHECK_FALSE(hasNegativeNumber(m));
  // At the limit it is fine; one element more is not.
  CHECK(graph.addVariable(FLOAT, {std::size_t(1) << 46}).numElements() ==
        std::size_t(1) << 46);
  CHECK_THAT(errorOf<tensor_creation_error>([&] {
               graph.addVariable(FLOAT, {(std::size_t(1) << 46) + 1});
             }),
             Contains("2^48"));
  // A zero dimension makes any shape empty.
  CHECK(graph.addVariable(FLOAT, {0, k2to62}).numElements() == 0);
}

TEST_CASE("Initial values the host cannot hold are a poplar error",
          "[e2e][sizes]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  // 2^48 bytes: the largest tensor, and more than x86-64 user space (2^47),
  // so the host allocation fails however memory is overcommitted.
  const std::size_t most = std::size_t(1) << 46;
  CHECK_THAT(errorOf<graph_memory_allocation_error>(
                 [&] { graph.addConstant(FLOAT, {most}, 0.0f, "zeros"); }),
             Contains("addConstant 'zeros': the host cannot allocate the "
                      "281474976710656 bytes"));
  CHECK_THROWS_AS(graph.addConstantHalf(HALF, {most * 2}, std::uint16_t(0)),
                  graph_memory_allocation_error);
  Tensor big = graph.addVariable(FLOAT, {most}, "big");
  CHECK_THROWS_AS(graph.setInitialValue(big[0], 1.0f),
                  graph_memory_allocation_error);
  // The graph is still usable.
  Tensor small = graph.addConstant(FLOAT, {2}, 3.0f, "small");
  CHECK(small.numElements() == 2);
}

TEST_CASE("A reshape whose shape overflows is refused", "[e2e][sizes]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  Tensor t = graph.addVariable(FLOAT, {16}, "t");
  // 2^62 * 64 wraps to 0 and 2^60 * 2^4 * 2^4 + 16 would wrap to 16.
  const std::string message = errorOf<tensor_creation_error>([&] {
    t.reshape({k2to62, 64});
  });
  CHECK_THAT(message, Contains("295147905179352825856 elements"));
  CHECK_FALSE(hasNegativeNumber(message));
  CHECK_THROWS_AS(t.reshape({std::size_t(1) << 60, 16, 16, 1}),
                  tensor_creation_error);
  const float value = 0;
  CHECK_THROWS_AS(graph.addConstant(FLOAT, {k2to62, 8}, &value),
                  tensor_creation_error);
  // A broadcast of an empty tensor stays empty, however many copies.
  Tensor empty = graph.addVariable(FLOAT, {0, 3}, "empty");
  CHECK(empty.broadcast(1u << 31, 1).numElements() == 0);
}

TEST_CASE("Repeating views too large to describe fail at once with their "
          "size",
          "[e2e][sizes]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  Tensor t = graph.addVariable(FLOAT, {16}, "t");
  // 2^31 copies of t would be 2^31 pieces: this once took the host's
  // memory for half a minute and ended in std::bad_alloc.
  const std::string copies =
      errorOf<tensor_creation_error>([&] { t.broadcast(1u << 31, 0); });
  CHECK_THAT(copies, Contains("Tensor::broadcast") && Contains("'t'") &&
                         Contains("2147483648 copies") &&
                         Contains("2147483648 pieces") && Contains("67108864"));
  CHECK_FALSE(hasNegativeNumber(copies));
  CHECK_THROWS_AS(t.broadcast(4294967295u, 0), tensor_creation_error);
  // Along an inner dimension, every outer index is a piece of each copy.
  Tensor rows = graph.addVariable(FLOAT, {1u << 20, 1}, "rows");
  CHECK_THAT(errorOf<tensor_creation_error>([&] { rows.broadcast(128, 1); }),
             Contains("134217728 pieces"));
  CHECK_THAT(errorOf<tensor_creation_error>(
                 [&] { t.upsample(1u << 30, 0, UpsampleMethod::REPEAT); }),
             Contains("Tensor::upsample") && Contains("17179869184 pieces"));
  // Large repeats that stay describable are views as before.
  CHECK(t.broadcast(1u << 20, 0).numElements() == std::size_t(1) << 24);
  CHECK(rows.broadcast(16, 1).numElements() == std::size_t(1) << 24);
  CHECK(t.upsample(1u << 16, 0, UpsampleMethod::REPEAT).numElements() ==
        std::size_t(1) << 20);
}

TEST_CASE("A FIFO too large for its bytes is refused with its true size",
          "[e2e][sizes]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  const std::string message = errorOf<stream_memory_allocation_error>(
      [&] { graph.addHostToDeviceFIFO("in", FLOAT, k2to62); });
  CHECK_THAT(message, Contains("18446744073709551616 bytes") &&
                          Contains("4611686018427387904 elements of float"));
  CHECK_FALSE(hasNegativeNumber(message));
  CHECK_THROWS_AS(graph.addDeviceToHostFIFO("out", INT, k2to62 * 2),
                  stream_memory_allocation_error);
}

TEST_CASE("Mapping a tensor of another graph is a poplar error naming both "
          "graphs",
          "[e2e][errors]") {
  Device device = e2e::modelDevice(4);
  Graph g1(device.getTarget());
  Graph g2(device.getTarget());
  Tensor t = g1.addVariable(FLOAT, {8}, "t");
  g2.addVariable(FLOAT, {4}, "a");
  g2.addVariable(FLOAT, {4}, "b");
  const std::string message =
      errorOf<graph_object_load_error>([&] { g2.setTileMapping(t, 1); });
  CHECK_THAT(message, Contains("setTileMapping") && Contains("'t'") &&
                          Contains("belongs to a graph of 1 variable") &&
                          Contains("not to this graph (a graph of 2 "
                                   "variables"));
  CHECK_THROWS_AS(g2.setTileMapping(t, TileToTensorMapping(4)),
                  graph_object_load_error);
  CHECK_THROWS_AS(g2.getTileMapping(t), graph_object_load_error);
  // The tensor's own graph, and its virtual graphs, still map it.
  Graph half = g1.createVirtualGraph(2, 4);
  half.setTileMapping(t, 0);
  CHECK(g1.getTileMapping(t)[2].size() == 1);
}

TEST_CASE("A tensor kept after its graph is destroyed stays readable and is "
          "refused by other graphs",
          "[e2e][errors]") {
  Device device = e2e::modelDevice(4);
  Graph g2(device.getTarget());
  g2.addVariable(FLOAT, {4}, "a");
  std::optional<Tensor> kept;
  {
    Graph g1(device.getTarget());
    kept = g1.addVariable(FLOAT, {8}, "orphan").slice(2, 6);
  }
  // Once read freed memory (std::length_error, or worse).
  CHECK(kept->numElements() == 4);
  CHECK(kept->reshape({2, 2}).shape() == std::vector<std::size_t>{2, 2});
  const std::string message =
      errorOf<graph_object_load_error>([&] { g2.setTileMapping(*kept, 0); });
  CHECK_THAT(message, Contains("'orphan'") &&
                          Contains("belongs to a graph of 1 variable") &&
                          Contains("not to this graph"));
  CHECK_THROWS_AS(g2.getTileMapping(*kept), graph_object_load_error);
}

TEST_CASE("Overlapping intervals in one setTileMapping call are an error",
          "[e2e][errors]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  Tensor t = graph.addVariable(FLOAT, {10}, "t");
  graph.setTileMapping(t, 3);
  TileToTensorMapping mapping(4);
  mapping[0] = {{0, 6}};
  mapping[1] = {{5, 10}};
  const std::string message =
      errorOf<invalid_tile_mapping>([&] { graph.setTileMapping(t, mapping); });
  CHECK_THAT(message, Contains("'t'") &&
                          Contains("interval [0, 6) for tile 0 and interval "
                                   "[5, 10) for tile 1 overlap"));
  // Nothing was changed.
  CHECK(graph.getTileMapping(t)[3] == std::vector<Interval>{{0, 10}});
  // The same interval twice for one tile overlaps too.
  TileToTensorMapping twice(4);
  twice[2] = {{0, 4}, {2, 8}};
  CHECK_THROWS_AS(graph.setTileMapping(t, twice), invalid_tile_mapping);
  // Touching intervals are fine.
  mapping[0] = {{0, 5}};
  graph.setTileMapping(t, mapping);
  CHECK(graph.getTileMapping(t)[1] == std::vector<Interval>{{5, 10}});
}

TEST_CASE("Every entry point taking a tensor refuses one of another graph",
          "[e2e][errors]") {
  Device device = e2e::modelDevice(4);
  Graph g1(device.getTarget());
  Graph g2(device.getTarget());
  Tensor foreign = g1.addVariable(FLOAT, {8}, "foreign");
  g1.setTileMapping(foreign, 0);
  Tensor own = g2.addVariable(FLOAT, {8}, "own");
  g2.setTileMapping(own, 1);

  const std::string write = errorOf<graph_object_load_error>(
      [&] { g2.createHostWrite("w", foreign); });
  CHECK_THAT(write, Contains("createHostWrite 'w'") && Contains("'foreign'") &&
                        Contains("belongs to a graph of 1 variable") &&
                        Contains("not to this graph (a graph of 1 variable"));
  CHECK_THROWS_AS(g2.createHostRead("r", foreign), graph_object_load_error);
  CHECK_THAT(errorOf<graph_object_load_error>(
                 [&] { g2.setInitialValue(foreign, 1.0f); }),
             Contains("setInitialValue: 'foreign'"));
  CHECK_THROWS_AS(g2.getVariableTileMapping(foreign), graph_object_load_error);
  CHECK_THAT(errorOf<graph_object_load_error>([&] { g2.clone(foreign); }),
             Contains("clone: 'foreign'"));
  CHECK_THROWS_AS(g2.cloneN(foreign, 2), graph_object_load_error);
  // Nothing was added to g2 by the refused calls.
  CHECK(g2.getTileMapping(own)[1] == std::vector<Interval>{{0, 8}});
  CHECK(g1.getTileMapping(foreign)[0] == std::vector<Interval>{{0, 8}});

  // A program of g1's tensors fails when g2 compiles it.
  CHECK_THAT(errorOf<control_program_error>(
                 [&] { Engine engine(g2, Copy(foreign, own)); }),
             Contains("'foreign'") && Contains("another graph"));

  // g2 is still usable: its own program runs.
  g2.createHostWrite("w", own);
  g2.createHostRead("r", own);
  Engine engine(g2, Sequence{});
  engine.load(device);
  const std::vector<float> values{1, 2, 3, 4, 5, 6, 7, 8};
  engine.writeTensor("w", values.data(), values.data() + values.size());
  engine.run(0);
  std::vector<float> back(8);
  engine.readTensor("r", back.data(), back.data() + back.size());
  CHECK(back == values);
}

TEST_CASE("Vertices and fields of another graph are poplar errors naming "
          "both graphs",
          "[e2e][errors]") {
  Device device = e2e::modelDevice(4);
  Graph g1(device.getTarget());
  Graph g2(device.getTarget());
  const std::string vertices = TESSEL_E2E_CODELETS "/vertices.cpp";
  g1.addCodelets(vertices);
  g2.addCodelets(vertices);
  Tensor in1 = g1.addVariable(FLOAT, {4}, "in1");
  Tensor in2 = g2.addVariable(FLOAT, {4}, "in2");
  Tensor out2 = g2.addVariable(FLOAT, {1}, "out2");
  g1.setTileMapping(in1, 0);
  g2.setTileMapping(in2, 0);
  g2.setTileMapping(out2, 0);
  ComputeSet cs1 = g1.addComputeSet("cs1");
  ComputeSet cs2 = g2.addComputeSet("cs2");
  VertexRef v1 = g1.addVertex(cs1, "SumVertex");
  VertexRef v2 = g2.addVertex(cs2, "SumVertex");

  const std::string connect =
      errorOf<graph_object_load_error>([&] { g2.connect(v1["in"], in2); });
  CHECK_THAT(connect, Contains("connect: vertex 0 belongs to a graph of 1 "
                               "variable, 1 vertex") &&
                          Contains("not to this graph (a graph of 2 "
                                   "variables, 1 vertex"));
  CHECK_THROWS_AS(g2.setTileMapping(v1, 0), graph_object_load_error);
  CHECK_THROWS_AS(g2.setPerfEstimate(v1, 10), graph_object_load_error);
  CHECK_THROWS_AS(g2.getPerfEstimate(v1), graph_object_load_error);
  CHECK_THROWS_AS(g2.setInitialValue(v1["in"], 1.0f), graph_object_load_error);
  // cs1 has the same id as cs2, yet it is g1's.
  CHECK_THAT(
      errorOf<graph_object_load_error>([&] { g2.addVertex(cs1, "SumVertex"); }),
      Contains("addVertex 'SumVertex': compute set 0 belongs to a "
               "graph of 1 variable"));
  CHECK_THAT(
      errorOf<control_program_error>([&] { Engine engine(g2, Execute(cs1)); }),
      Contains("compute set 0 of another graph"));
  // A tensor of another graph on this graph's vertex.
  CHECK_THAT(
      errorOf<graph_connection_error>([&] { g2.connect(v2["in"], in1); }),
      Contains("'in1'") && Contains("belongs to a graph of 1 variable") &&
          Contains("not to this graph (a graph of 2 variables"));

  // g2's vertex can still be completed and run.
  g2.connect(v2["in"], in2);
  g2.connect(v2["out"], out2);
  g2.setTileMapping(v2, 0);
  g2.createHostWrite("in", in2);
  g2.createHostRead("out", out2);
  Engine engine(g2, Execute(cs2));
  engine.load(device);
  const std::vector<float> values{1, 2, 3, 4};
  engine.writeTensor("in", values.data(), values.data() + values.size());
  engine.run(0);
  float sum = 0;
  engine.readTensor("out", &sum, &sum + 1);
  CHECK(sum == 10);
}

TEST_CASE("Joins and clones whose sizes overflow are refused", "[e2e][sizes]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  Tensor one = graph.addVariable(FLOAT, {1}, "one");
  graph.setTileMapping(one, 0);
  // 2^63 elements each (a view of 2^17 copies of 2^46 elements, which
  // takes no device memory); together 2^64 would wrap to 0.
  Tensor half = graph.addVariable(FLOAT, {std::size_t(1) << 46}, "big")
                    .broadcast(1u << 17, 0);
  REQUIRE(half.numElements() == std::size_t(1) << 63);
  const std::string joined =
      errorOf<tensor_creation_error>([&] { concat(half, half); });
  CHECK_THAT(joined, Contains("concat along dimension 0") &&
                         Contains("longer than 2^64 - 1"));
  CHECK_FALSE(hasNegativeNumber(joined));
  const std::string clones = errorOf<tensor_creation_error>(
      [&] { graph.cloneN(one, k2to62, "copies"); });
  CHECK_THAT(clones, Contains("cloneN 'copies'") &&
                         Contains("4611686018427387904 elements of float") &&
                         Contains("18446744073709551616 bytes"));
  CHECK_FALSE(hasNegativeNumber(clones));
  // Copies of an empty tensor are empty, however many.
  Tensor empty = graph.addVariable(FLOAT, {0}, "empty");
  CHECK(graph.cloneN(empty, k2to62).shape() ==
        std::vector<std::size_t>{k2to62, 0});
  // The graph is still usable.
  CHECK(graph.cloneN(one, 3).numElements() == 3);
}

TEST_CASE("Vertex fields too large for any tile are refused with their size",
          "[e2e][sizes]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(TESSEL_E2E_CODELETS "/vertices.cpp");
  ComputeSet cs = graph.addComputeSet("cs");
  VertexRef sum = graph.addVertex(cs, "SumOfVectors");
  const std::string entries = errorOf<graph_memory_allocation_error>(
      [&] { graph.setFieldSize(sum["ins"], k2to62); });
  CHECK_THAT(entries, Contains("field 'ins' of vertex 0 (SumOfVectors)") &&
                          Contains(std::to_string(k2to62) + " entries") &&
                          Contains("split the work over more vertices"));
  CHECK_FALSE(hasNegativeNumber(entries));

  VertexRef gather = graph.addVertex(cs, "Gather");
  const std::size_t tooMany =
      device.getTarget().getBytesPerTile() / sizeof(unsigned) + 1;
  const std::vector<unsigned> offsets(tooMany, 0);
  CHECK_THAT(errorOf<graph_memory_allocation_error>([&] {
               graph.setInitialValue(gather["offsets"],
                                     ArrayRef<unsigned>(offsets));
             }),
             Contains("field 'offsets' of vertex 1 (Gather)") &&
                 Contains(std::to_string(tooMany) + " values of 4 bytes"));

  // Both vertices can still be given sizes that fit.
  graph.setFieldSize(sum["ins"], 2);
  CHECK(graph.getFieldSize(sum["ins"]) == 2);
  graph.setInitialValue(gather["offsets"], ArrayRef<unsigned>({1u, 0u}));
  CHECK(graph.getFieldSize(gather["offsets"]) == 2);
}
