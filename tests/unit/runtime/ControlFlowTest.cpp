// Every control node run through poplar::Engine on hand-built images:
// Sequence, Exchange, Repeat, Loop, RepeatWhileTrue/False, If, Switch, Call,
// Sync, Abort, AbortOnCondition, ErrorWithTensor, Print, and stop().
#include "ImageBuilder.hpp"

#include "compiler/core/TargetParameters.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace runtime_test;
using namespace poplar;

namespace {

/// A 4-tile image with an int `x` (tile 0, value 7), a predicate or control
/// scalar `pred` of `predType` (tile 1), constants 11 and 22 (tile 2), an int
/// `result` (tile 3), host handles for pred and result, a device-to-host
/// stream "out" of x and a host-to-device stream "flags" into pred.
struct Fixture {
  explicit Fixture(const Type &predType = INT)
      : device(modelDevice(4)), b(device.getTarget()) {
    x = b.tensor("x", INT, {1}, 0, 0);
    b.initial<int>(0, 0, {7});
    pred = b.tensor("pred", predType, {}, 1, 0);
    eleven = b.tensor("eleven", INT, {1}, 2, 0);
    twentyTwo = b.tensor("twentyTwo", INT, {1}, 2, 4);
    b.initial<int>(2, 0, {11, 22});
    result = b.tensor("result", INT, {1}, 3, 0);
    b.hostWrite("pred", pred);
    b.hostRead("result", result);
    out = b.stream("out", INT, 1, false);
    flags = b.stream("flags", predType, 1, true);
  }
  /// A step copying constant 11 (or 22) into result.
  std::uint32_t copyEleven() { return b.exchange({{2, 0, 3, 0, 4}}); }
  std::uint32_t copyTwentyTwo() { return b.exchange({{2, 4, 3, 0, 4}}); }
  std::uint32_t emitX() { return b.streamCopy(out, x); }
  std::uint32_t readFlag() { return b.streamCopy(flags, pred); }

  /// An engine of the image, loaded, counting copies to "out".
  Engine loaded() {
    Engine engine = b.engine();
    engine.load(device);
    engine.connectStreamToCallback(
        "out", [this](void *p) { emitted.push_back(*static_cast<int *>(p)); });
    return engine;
  }
  int readResult(Engine &engine) {
    int r = 0;
    engine.readTensor("result", &r, &r + 1);
    return r;
  }

  Device device;
  ImageBuilder b;
  std::uint32_t x, pred, eleven, twentyTwo, result, out, flags;
  std::vector<int> emitted;
};

} // namespace

TEST_CASE("A sequence runs its steps in order", "[runtime][control]") {
  Fixture f;
  f.b.program(f.b.sequence({f.copyEleven(), f.emitX(), f.copyTwentyTwo()}));
  Engine engine = f.loaded();
  engine.run(0);
  CHECK(f.emitted == std::vector<int>{7});
  CHECK(f.readResult(engine) == 22);
}

TEST_CASE("Repeat runs its body count times", "[runtime][control]") {
  Fixture f;
  f.b.program(f.b.counted(NodeKind::Repeat, 3, {f.emitX()}));
  f.b.program(f.b.counted(NodeKind::Repeat, 0, {f.emitX()}));
  Engine engine = f.loaded();
  engine.run(0);
  CHECK(f.emitted == std::vector<int>{7, 7, 7});
  engine.run(1);
  CHECK(f.emitted.size() == 3);
}

TEST_CASE("RepeatWhileTrue and RepeatWhileFalse test after the condition",
          "[runtime][control]") {
  Fixture f;
  f.b.program(f.b.control(NodeKind::RepeatWhileTrue, f.pred,
                          {f.readFlag(), f.emitX()}));
  f.b.program(f.b.control(NodeKind::RepeatWhileFalse, f.pred,
                          {f.readFlag(), f.emitX()}));
  Engine engine = f.loaded();
  std::vector<int> flags = {1, 1, 1, 0, 0, 0, 1};
  engine.connectStream("flags", flags.data(), flags.data() + flags.size());
  engine.run(0); // reads 1, 1, 1, 0: three bodies
  CHECK(f.emitted.size() == 3);
  engine.run(1); // reads 0, 0, 1: two bodies
  CHECK(f.emitted.size() == 5);
}

TEST_CASE("Loop runs until an abort", "[runtime][control]") {
  Fixture f;
  std::uint32_t abort =
      f.b.control(NodeKind::AbortOnCondition, f.pred, {}, "flag raised");
  f.b.program(f.b.counted(NodeKind::Loop, 0,
                          {f.b.sequence({f.readFlag(), f.emitX(), abort})}));
  Engine engine = f.loaded();
  int fetches = 0;
  engine.connectStreamToCallback(
      "flags", [&](void *p) { *static_cast<int *>(p) = ++fetches == 4; });
  CHECK_THROWS_AS(engine.run(0), application_runtime_error);
  CHECK(fetches == 4);
  CHECK(f.emitted.size() == 4);
  fetches = 0;
  CHECK_THROWS_WITH(engine.run(0), "flag raised");
}

TEST_CASE("An AbortOnCondition without a message names its predicate",
          "[runtime][control]") {
  Fixture f;
  f.b.program(f.b.control(NodeKind::AbortOnCondition, f.pred, {}));
  Engine engine = f.loaded();
  int zero = 0, one = 1;
  engine.writeTensor("pred", &zero, &zero + 1);
  CHECK_NOTHROW(engine.run(0));
  engine.writeTensor("pred", &one, &one + 1);
  CHECK_THROWS_WITH(engine.run(0),
                    Catch::Contains("'pred'") && Catch::Contains("was true"));
}

TEST_CASE("If runs the branch its predicate selects", "[runtime][control]") {
  const Type types[] = {BOOL,           CHAR, UNSIGNED_CHAR, SHORT,
                        UNSIGNED_SHORT, INT,  UNSIGNED_INT};
  for (const Type &type : types) {
    Fixture f(type);
    f.b.program(
        f.b.control(NodeKind::If, f.pred, {f.copyEleven(), f.copyTwentyTwo()}));
    Engine engine = f.loaded();
    std::uint32_t raw = 0;
    unsigned size = tessel::typeInfo(type).size;
    engine.writeTensor("pred", &raw, reinterpret_cast<char *>(&raw) + size);
    engine.run(0);
    CHECK(f.readResult(engine) == 22);
    // Any nonzero value is true; for wide types the high byte alone too.
    raw = size == 1 ? 0x80 : 0x100;
    engine.writeTensor("pred", &raw, reinterpret_cast<char *>(&raw) + size);
    engine.run(0);
    CHECK(f.readResult(engine) == 11);
  }
}

TEST_CASE("Switch picks the matching case or the default",
          "[runtime][control]") {
  for (const Type &type : {INT, UNSIGNED_INT}) {
    Fixture f(type);
    std::uint32_t one = f.b.exchange({{2, 0, 3, 0, 4}});
    std::uint32_t two = f.b.exchange({{2, 4, 3, 0, 4}});
    std::uint32_t three = f.b.exchange({{0, 0, 3, 0, 4}}); // x = 7
    ControlNode s;
    s.kind = NodeKind::Switch;
    s.layout = f.pred;
    s.children = {f.b.sequence({}), one, two, three};
    s.caseValues = {0, 5, -1};
    f.b.program(f.b.node(s));
    Engine engine = f.loaded();
    auto select = [&](std::uint32_t value) {
      engine.writeTensor("pred", &value, &value + 1);
      engine.run(0);
      return f.readResult(engine);
    };
    CHECK(select(0) == 11);
    CHECK(select(5) == 22);
    // -1 and 0xffffffff are the same 32-bit control value.
    CHECK(select(0xffffffffu) == 7);
    CHECK(select(6) == 7); // the default, an empty sequence, changes nothing
  }
}

TEST_CASE("Call runs a function's tree", "[runtime][control]") {
  Fixture f;
  std::uint32_t fn = f.b.function(f.b.sequence({f.emitX(), f.copyEleven()}));
  ControlNode call;
  call.kind = NodeKind::Call;
  call.index = fn;
  std::uint32_t c = f.b.node(call);
  f.b.program(f.b.sequence({c, c}));
  Engine engine = f.loaded();
  engine.run(0);
  CHECK(f.emitted.size() == 2);
  CHECK(f.readResult(engine) == 11);
}

TEST_CASE("Sync costs the cycles of its type", "[runtime][control][cycles]") {
  Fixture f;
  f.b.program(f.b.counted(NodeKind::Sync, 2)); // GLOBAL
  f.b.program(f.b.counted(NodeKind::Sync, 0)); // INTERNAL
  Engine engine = f.loaded();
  const tessel::TargetParams &p = tessel::targetParams(f.device.getTarget());
  engine.run(0);
  CHECK(engine.getCycleCount() == p.globalSyncCycles);
  engine.run(1);
  CHECK(engine.getCycleCount() == p.globalSyncCycles + p.internalSyncCycles);
}

TEST_CASE("Abort stops the program with its message", "[runtime][control]") {
  Fixture f;
  ControlNode abort;
  abort.kind = NodeKind::Abort;
  abort.text = "unreachable state";
  std::uint32_t withText = f.b.node(abort);
  f.b.program(f.b.sequence({f.emitX(), withText, f.emitX()}));
  abort.text.clear();
  f.b.program(f.b.node(abort));
  Engine engine = f.loaded();
  CHECK_THROWS_AS(engine.run(0), application_runtime_error);
  CHECK(f.emitted.size() == 1);
  CHECK_THROWS_WITH(engine.run(0), "unreachable state");
  CHECK_THROWS_WITH(engine.run(1), "Abort program executed");
}

TEST_CASE("ErrorProgram shows its message and the tensor's values",
          "[runtime][control]") {
  Fixture f;
  std::uint32_t values = f.b.tensor("values", INT, {3}, 2, 16);
  f.b.initial<int>(2, 16, {4, -5, 6});
  f.b.program(
      f.b.control(NodeKind::ErrorWithTensor, values, {}, "index out of range"));
  Engine engine = f.loaded();
  CHECK_THROWS_AS(engine.run(0), application_runtime_error);
  CHECK_THROWS_WITH(engine.run(0), "index out of range: [ 4 -5  6]");
}

TEST_CASE("PrintTensor writes to the print tensor stream",
          "[runtime][control][print]") {
  Fixture f;
  f.b.program(f.b.print("x", f.x));
  Engine engine = f.loaded();
  std::ostringstream general, tensors;
  engine.setPrintStream(general);
  engine.run(0);
  CHECK(general.str() == "x: [7]\n"); // follows the print stream by default
  engine.setPrintTensorStream(tensors);
  engine.run(0);
  CHECK(tensors.str() == "x: [7]\n");
  CHECK(general.str() == "x: [7]\n");
}

TEST_CASE("stop() ends a Loop at the next step", "[runtime][control]") {
  Fixture f;
  f.b.program(f.b.counted(NodeKind::Loop, 0,
                          {f.b.sequence({f.readFlag(), f.emitX()})}));
  f.b.program(f.emitX());
  Engine engine = f.loaded();
  int fetches = 0;
  engine.connectStreamToCallback("flags", [&](void *p) {
    *static_cast<int *>(p) = 0;
    if (++fetches == 5)
      engine.stop();
  });
  engine.run(0);
  CHECK(fetches == 5);
  CHECK(f.emitted.size() == 4); // the fifth body step never started
  engine.run(1);                // a new run is not stopped
  CHECK(f.emitted.size() == 5);
}

TEST_CASE("Predicates must be integer scalars", "[runtime][control][errors]") {
  Fixture f(FLOAT);
  f.b.program(
      f.b.control(NodeKind::If, f.pred, {f.copyEleven(), f.copyTwentyTwo()}));
  CHECK_THROWS_AS(f.b.engine(), type_error);
  CHECK_THROWS_WITH(f.b.engine(), Catch::Contains("the predicate of an If") &&
                                      Catch::Contains("'pred'") &&
                                      Catch::Contains("float"));
}

TEST_CASE("A nameless predicate is named by where it lives",
          "[runtime][control][errors]") {
  Fixture f;
  std::uint32_t nameless = f.b.tensor("", INT, {}, 1, 8);
  f.b.initial<int>(1, 8, {1});
  f.b.program(f.b.control(NodeKind::AbortOnCondition, nameless, {}));
  Engine engine = f.loaded();
  CHECK_THROWS_WITH(engine.run(0),
                    "AbortOnCondition: the predicate at tile 1, address 8 "
                    "was true");
}

TEST_CASE("Malformed control nodes are refused when the engine is made",
          "[runtime][control][errors]") {
  Fixture f;
  f.b.program(f.b.counted(NodeKind::Sync, 7));
  CHECK_THROWS_AS(f.b.engine(), parse_error);
  CHECK_THROWS_WITH(f.b.engine(), Catch::Contains("control node 0") &&
                                      Catch::Contains("unknown type 7"));
  Fixture g;
  std::uint32_t vector = g.b.tensor("vec", INT, {2}, 1, 16);
  ControlNode s;
  s.kind = NodeKind::Switch;
  s.layout = vector;
  s.children = {g.b.sequence({})};
  g.b.image.nodes.push_back(s); // validate() would refuse a 2-element control
  g.b.program(std::uint32_t(g.b.image.nodes.size() - 1));
  CHECK_THROWS_WITH(poplar::Engine(tessel::ExecutableAccess::make(g.b.image)),
                    Catch::Contains("the control value of a Switch") &&
                        Catch::Contains("'vec'") &&
                        Catch::Contains("not a single element"));
}
