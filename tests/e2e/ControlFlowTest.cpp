// Control programs: Repeat, RepeatWhileTrue/False, If, Switch, Call, Loop
// with aborts. Predicates come from the host through streams and handles, so
// each branch taken is visible in the results.
#include "Harness.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

using namespace poplar;
using namespace poplar::program;

namespace {

/// A graph with a scalar control `c` (host-writable), an output `out` and
/// constants to copy into it.
struct Fixture {
  Device device = e2e::modelDevice(4);
  Graph graph{device.getTarget()};
  Tensor out = graph.addVariable(INT, {}, "out");

  Fixture() {
    graph.setTileMapping(out, 3);
    graph.createHostRead("out", out);
  }
  Tensor constant(int v) {
    Tensor c = graph.addConstant(INT, {}, v);
    graph.setTileMapping(c, 1);
    return c;
  }
  Program set(int v) { return Copy(constant(v), out); }
  int readOut(Engine &engine) {
    int v = 0;
    engine.readTensor("out", &v, &v + 1);
    return v;
  }
};

} // namespace

TEST_CASE("If runs the branch its predicate selects", "[e2e][control]") {
  Fixture f;
  Tensor p = f.graph.addVariable(BOOL, {}, "p");
  f.graph.setTileMapping(p, 0);
  f.graph.createHostWrite("p", p);
  Tensor i = f.graph.addVariable(UNSIGNED_INT, {1}, "i");
  f.graph.setTileMapping(i, 2);
  f.graph.createHostWrite("i", i);
  Engine engine(f.graph, {If(p, f.set(10), f.set(20)), If(i, f.set(30))});
  engine.load(f.device);
  for (bool value : {true, false}) {
    unsigned char byte = value;
    engine.writeTensor("p", &byte, &byte + 1);
    engine.run(0);
    CHECK(f.readOut(engine) == (value ? 10 : 20));
  }
  unsigned zero = 0, seven = 7;
  engine.writeTensor("i", &zero, &zero + 1);
  engine.run(1);
  CHECK(f.readOut(engine) == 20); // no else branch: unchanged
  engine.writeTensor("i", &seven, &seven + 1);
  engine.run(1);
  CHECK(f.readOut(engine) == 30);
}

TEST_CASE("Switch runs the matching case or the default", "[e2e][control]") {
  Fixture f;
  Tensor c = f.graph.addVariable(INT, {}, "c");
  f.graph.setTileMapping(c, 2);
  f.graph.createHostWrite("c", c);
  Switch sw(c, {{0, f.set(100)}, {5, f.set(105)}}, f.set(-1));
  sw.add(-3, f.set(97));
  Engine engine(f.graph, sw);
  engine.load(f.device);
  for (auto [control, expected] : std::vector<std::pair<int, int>>{
           {0, 100}, {5, 105}, {-3, 97}, {2, -1}}) {
    engine.writeTensor("c", &control, &control + 1);
    engine.run();
    CHECK(f.readOut(engine) == expected);
  }
}

TEST_CASE("A bounds-checked Switch fails on a value with no case",
          "[e2e][control][errors]") {
  Fixture f;
  Tensor c = f.graph.addVariable(UNSIGNED_INT, {}, "c");
  f.graph.setTileMapping(c, 2);
  f.graph.createHostWrite("c", c);
  Engine engine(f.graph, Switch::switchWithBoundsChecking(c, {{0, f.set(1)}}));
  engine.load(f.device);
  unsigned value = 4;
  engine.writeTensor("c", &value, &value + 1);
  CHECK_THROWS_WITH(engine.run(), Catch::Contains("4"));
}

TEST_CASE("RepeatWhileTrue and RepeatWhileFalse test the predicate the "
          "condition program computes",
          "[e2e][control]") {
  Fixture f;
  Tensor p = f.graph.addVariable(UNSIGNED_INT, {}, "p");
  f.graph.setTileMapping(p, 0);
  DataStream preds = f.graph.addHostToDeviceFIFO("preds", UNSIGNED_INT, 1);
  Tensor item = f.graph.addVariable(INT, {}, "item");
  f.graph.setTileMapping(item, 2);
  DataStream items = f.graph.addHostToDeviceFIFO("items", INT, 1);
  DataStream seen = f.graph.addDeviceToHostFIFO("seen", INT, 1);
  Program body = Sequence{Copy(items, item), Copy(item, seen)};
  Engine engine(f.graph, {RepeatWhileTrue(Copy(preds, p), p, body),
                          RepeatWhileFalse(Copy(preds, p), p, body)});
  engine.load(f.device);

  std::vector<unsigned> whileTrue{1, 1, 1, 0};
  std::vector<int> itemValues{11, 12, 13, 14, 15};
  std::vector<int> seenValues;
  engine.connectStream("preds", whileTrue.data(),
                       whileTrue.data() + whileTrue.size());
  engine.connectStream("items", itemValues.data(),
                       itemValues.data() + itemValues.size());
  engine.connectStreamToCallback(
      "seen", [&](void *v) { seenValues.push_back(*static_cast<int *>(v)); });
  engine.run(0);
  CHECK(seenValues == std::vector<int>{11, 12, 13});

  std::vector<unsigned> whileFalse{0, 0, 2};
  engine.connectStream("preds", whileFalse.data(),
                       whileFalse.data() + whileFalse.size());
  seenValues.clear();
  engine.run(1);
  CHECK(seenValues == std::vector<int>{14, 15});
}

TEST_CASE("Repeat runs its body the given number of times", "[e2e][control]") {
  Fixture f;
  Tensor item = f.graph.addVariable(INT, {2}, "item");
  f.graph.setTileMapping(item, 2);
  DataStream items = f.graph.addHostToDeviceFIFO("items", INT, 2);
  DataStream seen = f.graph.addDeviceToHostFIFO("seen", INT, 2);
  Engine engine(f.graph, Repeat(3, Repeat(2, Sequence{Copy(items, item),
                                                      Copy(item, seen)})));
  engine.load(f.device);
  std::vector<int> in{1, 2, 3, 4}, out(12);
  engine.connectStream("items", in.data(), in.data() + 4);
  engine.connectStream("seen", out.data(), out.data() + 12);
  engine.run();
  CHECK(out == std::vector<int>{1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4});
}

TEST_CASE("Call runs a Function wherever it is called", "[e2e][control]") {
  Fixture f;
  Tensor a = f.graph.addVariable(INT, {}, "a");
  f.graph.setTileMapping(a, 0);
  f.graph.createHostWrite("a", a);
  // The function copies a to out; the program calls it around a change.
  Function copyA = f.graph.addFunction(Copy(a, f.out));
  Tensor five = f.constant(5);
  DataStream seen = f.graph.addDeviceToHostFIFO("seen", INT, 1);
  Engine engine(f.graph, Sequence{Call(copyA), Copy(f.out, seen), Copy(five, a),
                                  Call(copyA)});
  engine.load(f.device);
  int start = 42, firstSeen = 0;
  engine.writeTensor("a", &start, &start + 1);
  engine.connectStream("seen", &firstSeen);
  engine.run();
  CHECK(firstSeen == 42);
  CHECK(f.readOut(engine) == 5);
}

TEST_CASE("Loop runs until AbortOnCondition stops it with an error",
          "[e2e][control][errors]") {
  Fixture f;
  Tensor stop = f.graph.addVariable(BOOL, {}, "stop");
  f.graph.setTileMapping(stop, 0);
  DataStream stops = f.graph.addHostToDeviceFIFO("stops", BOOL, 1);
  Engine engine(f.graph,
                Loop(Sequence{Copy(stops, stop),
                              AbortOnCondition(stop, "stop requested")}));
  engine.load(f.device);
  std::vector<unsigned char> values{0, 0, 0, 1};
  int fetched = 0;
  engine.connectStreamToCallback("stops", [&](void *p) {
    *static_cast<unsigned char *>(p) = values[fetched++];
  });
  CHECK_THROWS_AS(engine.run(), application_runtime_error);
  CHECK(fetched == 4);
}

TEST_CASE("Abort stops the program with its message",
          "[e2e][control][errors]") {
  Fixture f;
  Engine engine(f.graph, Sequence{f.set(1), Abort("giving up here"), f.set(2)});
  engine.load(f.device);
  CHECK_THROWS_WITH(engine.run(), Catch::Contains("giving up here"));
  CHECK(f.readOut(engine) == 1);
}
