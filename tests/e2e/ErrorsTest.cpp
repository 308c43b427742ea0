// Every user mistake the foundation can detect raises a typed poplar
// exception whose message names what is wrong and where.
#include "Harness.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

using namespace poplar;
using namespace poplar::program;
using Catch::Contains;

TEST_CASE("A tile whose data does not fit fails compilation naming the tile "
          "and its largest variables",
          "[e2e][errors][memory]") {
  IPUModel model("ipu2");
  model.tilesPerIPU = 4;
  model.memoryBytesPerTile = 16 * 1024;
  Device device = model.createDevice();
  Graph graph(device.getTarget());
  Tensor big = graph.addVariable(FLOAT, {5000}, "bigWeights");
  Tensor small = graph.addVariable(FLOAT, {16}, "smallBias");
  graph.setTileMapping(big, 2);
  graph.setTileMapping(small, 2);
  graph.createHostWrite("big", big);
  try {
    Engine engine(graph, Sequence{});
    FAIL("expected graph_memory_allocation_error");
  } catch (const graph_memory_allocation_error &e) {
    std::string what = e.what();
    CHECK_THAT(what, Contains("Out of memory: Cannot fit all variable data "
                              "onto one or more tiles."));
    CHECK_THAT(what, Contains("tile 2"));
    CHECK_THAT(what, Contains("bigWeights"));
    CHECK_THAT(what, Contains("20000"));
  }
}

TEST_CASE("On a hardware IPU every tensor must be mapped", "[e2e][errors]") {
  auto devices =
      DeviceManager::createDeviceManager().getDevices(TargetType::IPU, 1);
  REQUIRE_FALSE(devices.empty());
  Graph graph(devices.front().getTarget());
  Tensor a = graph.addVariable(INT, {10}, "activations");
  graph.setTileMapping(a.slice(0, 5), 0);
  graph.createHostRead("a", a);
  CHECK_THROWS_AS(Engine(graph, Sequence{}), invalid_tile_mapping);
  CHECK_THROWS_WITH(Engine(graph, Sequence{}), Contains("activations"));
}

TEST_CASE("Copy rejects mismatched sizes, types and constant destinations",
          "[e2e][errors]") {
  Graph graph(e2e::modelDevice(2).getTarget());
  Tensor a = graph.addVariable(FLOAT, {2, 3}, "a");
  Tensor b = graph.addVariable(FLOAT, {4, 2}, "b");
  Tensor i = graph.addVariable(INT, {3, 2}, "i");
  Tensor c = graph.addConstant(FLOAT, {6}, 1.0f, "c");
  CHECK_THROWS_AS(Copy(a, b), control_program_error);
  CHECK_THROWS_WITH(Copy(a, b), Contains("'a' (float {2,3})") &&
                                    Contains("'b' (float {4,2})") &&
                                    Contains("6 elements") &&
                                    Contains("has 8"));
  CHECK_THROWS_AS(Copy(b, a.flatten()), control_program_error);
  // A differing type is reported first, even when the shapes differ too.
  CHECK_THROWS_AS(Copy(a, i), type_error);
  CHECK_THROWS_WITH(Copy(a, i), Contains("'a' (float {2,3})") &&
                                    Contains("'i' (int {3,2})") &&
                                    Contains("element types differ"));
  CHECK_THROWS_AS(Copy(a, c), control_program_error);
  CHECK_THROWS_WITH(Copy(a, c), Contains("constant"));
  CHECK_THROWS_AS(Copy(a, concat(a[0], a[0])), control_program_error);
}

TEST_CASE("If, Switch and RepeatWhile predicates must be integral scalars",
          "[e2e][errors]") {
  Graph graph(e2e::modelDevice(2).getTarget());
  Tensor f = graph.addVariable(FLOAT, {}, "fpred");
  Tensor v = graph.addVariable(BOOL, {2}, "vpred");
  Tensor u = graph.addVariable(UNSIGNED_INT, {}, "u");
  CHECK_THROWS_AS(If(f, Sequence{}, Sequence{}), control_program_error);
  CHECK_THROWS_WITH(If(f, Sequence{}, Sequence{}),
                    Contains("fpred") && Contains("float"));
  CHECK_THROWS_WITH(If(v, Sequence{}), Contains("vpred") && Contains("{2}"));
  CHECK_THROWS_AS(RepeatWhileTrue(Sequence{}, f, Sequence{}),
                  control_program_error);
  CHECK_THROWS_AS(Switch(f), control_program_error);
  Switch sw(u);
  sw.add(1, Sequence{});
  CHECK_THROWS_WITH(sw.add(1, Sequence{}), Contains("case 1"));
}

TEST_CASE("Host access errors name the handle", "[e2e][errors]") {
  Device device = e2e::modelDevice(2);
  Graph graph(device.getTarget());
  Tensor a = graph.addVariable(INT, {4}, "a");
  graph.setTileMapping(a, 0);
  graph.createHostRead("known", a);
  CHECK_THROWS_AS(graph.createHostRead("known", a),
                  graph_object_creation_error);
  Engine engine(graph, Sequence{});
  std::vector<int> buf(4);
  CHECK_THROWS_AS(engine.run(), poplar_error); // not loaded yet
  engine.load(device);
  CHECK_THROWS_WITH(engine.readTensor("nope", buf.data(), buf.data() + 4),
                    Contains("nope"));
  CHECK_THROWS_WITH(engine.readTensor("known", buf.data(), buf.data() + 3),
                    Contains("known"));
  CHECK_THROWS_AS(engine.run(3), poplar_error);
}

TEST_CASE("A read and a write share a handle only on the same tensor",
          "[e2e][errors]") {
  Graph graph(e2e::modelDevice(2).getTarget());
  Tensor a = graph.addVariable(INT, {4}, "a");
  Tensor b = graph.addVariable(INT, {4}, "b");
  graph.setTileMapping(a, 0);
  graph.setTileMapping(b, 1);
  graph.createHostRead("io", a);
  CHECK_NOTHROW(graph.createHostWrite("io", a));
  CHECK_THROWS_AS(graph.createHostRead("io", a), graph_object_creation_error);
  CHECK_THROWS_WITH(graph.createHostRead("io", a),
                    Contains("createHostRead") && Contains("'io'") &&
                        Contains("already a host read"));
  CHECK_THROWS_WITH(graph.createHostWrite("io", a),
                    Contains("already a host write"));

  graph.createHostRead("only.read", a);
  CHECK_THROWS_AS(graph.createHostWrite("only.read", b),
                  graph_object_creation_error);
  CHECK_THROWS_WITH(graph.createHostWrite("only.read", b),
                    Contains("'only.read'") && Contains("host read of 'a'") &&
                        Contains("not of 'b'") && Contains("another name"));
  CHECK_THROWS_WITH(graph.createHostWrite("only.read", a.slice(0, 2)),
                    Contains("not of 'a' (int {2})"));

  graph.addHostToDeviceFIFO("fifo", INT, 4);
  CHECK_THROWS_WITH(graph.createHostWrite("fifo", a),
                    Contains("'fifo'") && Contains("used by a stream"));
  CHECK_THROWS_AS(graph.addDeviceToHostFIFO("io", INT, 4),
                  graph_object_creation_error);
  CHECK_THROWS_WITH(graph.addDeviceToHostFIFO("io", INT, 4),
                    Contains("stream handles must be unique"));
  CHECK_THROWS_WITH(graph.createHostRead("", b), Contains("handle is empty"));
}

TEST_CASE("Stream errors: unconnected at run, buffer too small",
          "[e2e][errors][streams]") {
  Device device = e2e::modelDevice(2);
  Graph graph(device.getTarget());
  Tensor x = graph.addVariable(FLOAT, {8}, "x");
  graph.setTileMapping(x, 1);
  DataStream in = graph.addHostToDeviceFIFO("samples", FLOAT, 8);
  Engine engine(graph, Copy(in, x));
  engine.load(device);
  CHECK_THROWS_AS(engine.run(), stream_connection_error);
  CHECK_THROWS_WITH(engine.run(), Contains("samples"));
  std::vector<float> tooSmall(4);
  CHECK_THROWS_AS(
      engine.connectStream("samples", tooSmall.data(), tooSmall.data() + 4),
      stream_connection_error);
  CHECK_THROWS_AS(Copy(in, graph.addVariable(FLOAT, {7}, "y")),
                  control_program_error);
  CHECK_THROWS_AS(Copy(in, graph.addVariable(INT, {8}, "z")), type_error);
}

TEST_CASE("Mapping to a tile that does not exist is rejected",
          "[e2e][errors]") {
  Graph graph(e2e::modelDevice(4).getTarget());
  Tensor a = graph.addVariable(FLOAT, {4}, "weights");
  CHECK_THROWS_AS(graph.setTileMapping(a, 4), invalid_tile_mapping);
  CHECK_THROWS_WITH(graph.setTileMapping(a, 4),
                    Contains("weights") && Contains("tile 4"));
  CHECK_THROWS_AS(graph.getTileMapping(a), invalid_tile_mapping);
}
