// compileGraph produces an Executable that serializes, deserializes and runs
// later with the same results.
#include "Harness.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace poplar;
using namespace poplar::program;

TEST_CASE("An Executable round-trips through a stream and runs",
          "[e2e][executable]") {
  Device device = e2e::modelDevice(4);
  std::stringstream file;
  {
    Graph graph(device.getTarget());
    Tensor a = graph.addVariable(FLOAT, {6}, "a");
    Tensor b = graph.addVariable(FLOAT, {6}, "b");
    graph.setTileMapping(a, 0);
    graph.setTileMapping(b, 3);
    graph.createHostWrite("a", a);
    graph.createHostRead("b", b);
    Executable exe = compileGraph(graph, {Copy(a.reverse(0), b)});
    exe.serialize(file);
  }
  Executable loaded = Executable::deserialize(file);
  Engine engine(std::move(loaded));
  engine.load(device);
  std::vector<float> in{1, 2, 3, 4, 5, 6}, out(6);
  engine.writeTensor("a", in.data(), in.data() + 6);
  engine.run();
  engine.readTensor("b", out.data(), out.data() + 6);
  CHECK(out == std::vector<float>{6, 5, 4, 3, 2, 1});
}

TEST_CASE("A handle shared by a host read and write works, also after "
          "serialization",
          "[e2e][executable]") {
  Device device = e2e::modelDevice(4);
  for (bool serialized : {false, true}) {
    INFO("serialized: " << serialized);
    Graph graph(device.getTarget());
    Tensor x = graph.addVariable(FLOAT, {6}, "x");
    Tensor scratch = graph.addVariable(FLOAT, {6}, "scratch");
    graph.setTileMapping(x.slice(0, 3), 0);
    graph.setTileMapping(x.slice(3, 6), 2);
    graph.setTileMapping(scratch, 3);
    graph.createHostWrite("x", x);
    graph.createHostRead("x", x);
    Sequence reverseInPlace{Copy(x.reverse(0), scratch), Copy(scratch, x)};
    Executable exe = compileGraph(graph, {reverseInPlace});
    std::stringstream file;
    if (serialized) {
      exe.serialize(file);
      exe = Executable::deserialize(file);
    }
    Engine engine(std::move(exe));
    engine.load(device);
    std::vector<float> in{1, 2, 3, 4, 5, 6}, out(6);
    engine.writeTensor("x", in.data(), in.data() + 6);
    engine.readTensor("x", out.data(), out.data() + 6);
    CHECK(out == in);
    engine.run();
    engine.readTensor("x", out.data(), out.data() + 6);
    CHECK(out == std::vector<float>{6, 5, 4, 3, 2, 1});
  }
}

TEST_CASE("A corrupted executable is rejected with parse_error",
          "[e2e][executable][errors]") {
  std::stringstream junk("this is not an executable");
  CHECK_THROWS_AS(Executable::deserialize(junk), parse_error);
}

TEST_CASE("An executable runs only on a device of its target",
          "[e2e][executable][errors]") {
  Graph graph(e2e::modelDevice(4).getTarget());
  Tensor a = graph.addVariable(FLOAT, {6}, "a");
  graph.setTileMapping(a, 0);
  Engine engine(graph, Sequence{});
  Device other = e2e::modelDevice(8);
  CHECK_THROWS_AS(engine.load(other), poplar_error);
}
