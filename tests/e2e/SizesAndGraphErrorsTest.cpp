// Sizes that do not fit and tensors used with the wrong graph: every element
// and byte count is checked for overflow and reported with its true figure
// (never a wrapped or negative one), a tensor of another graph is a typed
// poplar error naming both graphs, and overlapping intervals in one mapping
// call are an error.
#include "ErrorOf.hpp"
#include "Harness.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

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
