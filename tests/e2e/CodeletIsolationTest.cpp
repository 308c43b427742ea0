// Codelet isolation: every way a vertex can fault, read another tile's
// memory, write through the C library or never return ends the run with an
// application_runtime_error naming the vertex, codelet, compute set, tile
// and what happened, and afterwards the same Engine runs a correct program.
#include "Harness.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <climits>

using namespace poplar;
using namespace poplar::program;
using Catch::Matchers::Contains;

namespace {

const std::string isolation = TESSEL_E2E_CODELETS "/isolation.cpp";

std::string runtimeErrorOf(const std::function<void()> &f) {
  try {
    f();
  } catch (const application_runtime_error &e) {
    return e.what();
  } catch (const std::exception &e) {
    return std::string("(another error: ") + e.what() + ")";
  }
  return "(no error)";
}

/// A graph with the isolation codelets and a healthy compute set (84 / 2
/// on tile 0) to run after the misbehaving one.
struct Isolation {
  Isolation() : device(e2e::modelDevice(4)), graph(device.getTarget()) {
    graph.addCodelets(isolation);
    healthy = graph.addComputeSet("healthy");
    healthyOut = output(0, "healthyOut");
    graph.addVertex(
        healthy, "Divide",
        {{"a", constant(84, 0)}, {"b", constant(2, 0)}, {"out", healthyOut}},
        0);
  }
  Tensor constant(int value, unsigned tile) {
    Tensor t = graph.addConstant(INT, {}, value);
    graph.setTileMapping(t, tile);
    return t;
  }
  Tensor output(unsigned tile, const std::string &name,
                std::vector<std::size_t> shape = {}) {
    Tensor t = graph.addVariable(INT, shape, name);
    graph.setTileMapping(t, tile);
    graph.createHostRead(name, t);
    return t;
  }
  int healthyResult(Engine &engine) {
    int result = 0;
    engine.readTensor("healthyOut", &result, &result + 1);
    return result;
  }
  /// Runs `bad`, expecting an application_runtime_error, then the healthy
  /// compute set on the same Engine; with `again`, both once more. Returns
  /// the error's message.
  std::string failThenRecover(ComputeSet bad, const OptionFlags &options = {},
                              bool again = true) {
    Engine engine(graph, {Execute(bad), Execute(healthy)}, options);
    engine.load(device);
    const std::string message = runtimeErrorOf([&] { engine.run(0); });
    engine.run(1);
    CHECK(healthyResult(engine) == 42);
    if (again) {
      // The same error, but for host addresses, which may differ.
      const std::string second = runtimeErrorOf([&] { engine.run(0); });
      CHECK(second.substr(0, second.find("0x")) ==
            message.substr(0, message.find("0x")));
      engine.run(1);
      CHECK(healthyResult(engine) == 42);
    }
    return message;
  }
  Device device;
  Graph graph;
  ComputeSet healthy;
  Tensor healthyOut;
};

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

} // namespace

TEST_CASE("Integer division by zero and INT_MIN / -1 are errors, not "
          "SIGFPE",
          "[e2e][isolation]") {
  for (const char *threads : {"1", "4"}) {
    Isolation f;
    ComputeSet byZero = f.graph.addComputeSet("byZero");
    f.graph.addVertex(byZero, "Divide",
                      {{"a", f.constant(7, 2)},
                       {"b", f.constant(0, 2)},
                       {"out", f.output(2, "q0")}},
                      2);
    ComputeSet overflow = f.graph.addComputeSet("overflow");
    f.graph.addVertex(overflow, "Divide",
                      {{"a", f.constant(INT_MIN, 3)},
                       {"b", f.constant(-1, 3)},
                       {"out", f.output(3, "q1")}},
                      3);
    const OptionFlags options{{"tessel.hostThreads", threads}};
    const std::string zero = f.failThenRecover(byZero, options);
    CHECK_THAT(zero, Contains("vertex") && Contains("codelet 'Divide'") &&
                         Contains("compute set 'byZero'") &&
                         Contains("on tile 2") &&
                         Contains("divided an integer by zero"));
    CHECK_THAT(f.failThenRecover(overflow, options),
               Contains("compute set 'overflow'") && Contains("tile 3") &&
                   Contains("INT_MIN / -1"));
  }
}

TEST_CASE("A load from another tile's memory is an error, not that tile's "
          "data",
          "[e2e][isolation]") {
  Isolation f;
  Tensor in = f.graph.addVariable(INT, {4}, "in");
  f.graph.setTileMapping(in, 1);
  Tensor neighbour = f.graph.addVariable(INT, {4}, "neighbour");
  f.graph.setTileMapping(neighbour, 2);
  f.graph.setInitialValue(neighbour, ArrayRef<int>({11, 12, 13, 14}));
  Tensor out = f.output(1, "out");
  f.graph.setInitialValue(out, -1);
  ComputeSet cs = f.graph.addComputeSet("peek");
  VertexRef v = f.graph.addVertex(cs, "LoadAt", {{"in", in}, {"out", out}}, 1);
  f.graph.setInitialValue(v["offset"],
                          (long long)(f.device.getTarget().getBytesPerTile()));
  Engine engine(f.graph, {Execute(cs), Execute(f.healthy)});
  engine.load(f.device);
  CHECK_THAT(runtimeErrorOf([&] { engine.run(0); }),
             Contains("codelet 'LoadAt'") && Contains("compute set 'peek'") &&
                 Contains("on tile 1 loaded 4 bytes from address") &&
                 Contains("of tile 2, another tile's memory"));
  int result = 0;
  engine.readTensor("out", &result, &result + 1);
  CHECK(result == -1); // nothing was stored, least of all tile 2's data
  engine.run(1);
  CHECK(f.healthyResult(engine) == 42);
}

TEST_CASE("Loads through a null pointer and below the tiles' memory are "
          "errors",
          "[e2e][isolation]") {
  Isolation f;
  ComputeSet null = f.graph.addComputeSet("null");
  VertexRef n =
      f.graph.addVertex(null, "LoadAddress", {{"out", f.output(1, "o1")}}, 1);
  f.graph.setInitialValue(n["address"], 0ull);
  CHECK_THAT(f.failThenRecover(null),
             Contains("codelet 'LoadAddress'") && Contains("tile 1") &&
                 Contains("loaded 4 bytes from host address 0x0"));

  ComputeSet below = f.graph.addComputeSet("below");
  Tensor in = f.graph.addVariable(INT, {4}, "in");
  f.graph.setTileMapping(in, 0);
  VertexRef b = f.graph.addVertex(below, "LoadAt",
                                  {{"in", in}, {"out", f.output(0, "o2")}}, 0);
  f.graph.setInitialValue(b["offset"], -(1ll << 16));
  CHECK_THAT(f.failThenRecover(below), Contains("codelet 'LoadAt'") &&
                                           Contains("tile 0") &&
                                           Contains("below the tiles' memory"));
}

TEST_CASE("A fault inside a C library call is an error", "[e2e][isolation]") {
  Isolation f;
  ComputeSet cs = f.graph.addComputeSet("strlen");
  VertexRef v =
      f.graph.addVertex(cs, "LibraryFault", {{"out", f.output(3, "o")}}, 3);
  f.graph.setInitialValue(v["address"], 16ull);
  for (const char *threads : {"1", "4"})
    CHECK_THAT(f.failThenRecover(cs, {{"tessel.hostThreads", threads}}),
               Contains("codelet 'LibraryFault'") &&
                   Contains("compute set 'strlen'") && Contains("tile 3") &&
                   Contains("null pointer (host address 0x10)"));
}

TEST_CASE("Unbounded recursion and a 64 MiB local array are stack "
          "overflows, not crashes",
          "[e2e][isolation]") {
  for (const char *threads : {"1", "4"}) {
    Isolation f;
    ComputeSet deep = f.graph.addComputeSet("deep");
    f.graph.addVertex(
        deep, "Recurse",
        {{"limit", f.constant(1 << 30, 1)}, {"out", f.output(1, "o1")}}, 1);
    // Two tiles, so that with 4 host threads one runs on a pool thread.
    ComputeSet huge = f.graph.addComputeSet("huge");
    f.graph.addVertex(
        huge, "HugeFrame",
        {{"index", f.constant(12345, 2)}, {"out", f.output(2, "o2")}}, 2);
    f.graph.addVertex(
        huge, "HugeFrame",
        {{"index", f.constant(12345, 3)}, {"out", f.output(3, "o3")}}, 3);
    const OptionFlags options{{"tessel.hostThreads", threads}};
    CHECK_THAT(f.failThenRecover(deep, options),
               Contains("codelet 'Recurse'") && Contains("tile 1") &&
                   Contains("ran out of stack"));
    CHECK_THAT(f.failThenRecover(huge, options),
               Contains("codelet 'HugeFrame'") && Contains("tile 2") &&
                   Contains("ran out of stack"));
  }
}

TEST_CASE("__builtin_trap is an error", "[e2e][isolation]") {
  Isolation f;
  ComputeSet cs = f.graph.addComputeSet("trap");
  f.graph.addVertex(cs, "Trap",
                    {{"a", f.constant(1, 2)}, {"out", f.output(2, "o")}}, 2);
  CHECK_THAT(f.failThenRecover(cs),
             Contains("codelet 'Trap'") && Contains("compute set 'trap'") &&
                 Contains("tile 2") && Contains("__builtin_trap()"));
}

TEST_CASE("memset and memcpy through a function pointer are checked",
          "[e2e][isolation]") {
  Isolation f;
  Tensor out = f.output(2, "out", {4});
  Tensor next = f.output(2, "next", {4});
  f.graph.setInitialValue(next, ArrayRef<int>({1, 2, 3, 4}));
  Tensor in = f.graph.addVariable(INT, {16}, "in");
  f.graph.setTileMapping(in, 2);
  ComputeSet set = f.graph.addComputeSet("memset");
  VertexRef s = f.graph.addVertex(set, "MemsetPointer", {{"out", out}}, 2);
  f.graph.setInitialValue(s["bytes"], 64u);
  ComputeSet copy = f.graph.addComputeSet("memcpy");
  VertexRef c =
      f.graph.addVertex(copy, "MemcpyPointer", {{"in", in}, {"out", out}}, 2);
  f.graph.setInitialValue(c["bytes"], 64u);
  ComputeSet fits = f.graph.addComputeSet("fits");
  VertexRef ok = f.graph.addVertex(fits, "MemsetPointer", {{"out", out}}, 2);
  f.graph.setInitialValue(ok["bytes"], 16u);
  Engine engine(f.graph, {Execute(set), Execute(copy), Execute(fits)});
  engine.load(f.device);
  CHECK_THAT(runtimeErrorOf([&] { engine.run(0); }),
             Contains("codelet 'MemsetPointer'") && Contains("tile 2") &&
                 Contains("stored 64 bytes"));
  CHECK_THAT(runtimeErrorOf([&] { engine.run(1); }),
             Contains("codelet 'MemcpyPointer'") && Contains("tile 2") &&
                 Contains("stored 64 bytes"));
  std::vector<int> n(4), o(4);
  engine.readTensor("next", n.data(), n.data() + 4);
  CHECK(n == std::vector<int>{1, 2, 3, 4});
  engine.run(2);
  engine.readTensor("out", o.data(), o.data() + 4);
  CHECK(o == std::vector<int>(4, 0x55555555));
}

TEST_CASE("The watchdog stops a vertex that never returns",
          "[e2e][isolation]") {
  Isolation f;
  ComputeSet forever = f.graph.addComputeSet("forever");
  f.graph.addVertex(forever, "SleepForever", {{"out", f.output(1, "o1")}}, 1);
  ComputeSet blocked = f.graph.addComputeSet("blocked");
  f.graph.addVertex(
      blocked, "SleepOnce",
      {{"seconds", f.constant(3600, 2)}, {"out", f.output(2, "o2")}}, 2);
  const OptionFlags options{{"tessel.vertexTimeout", "200"}};
  auto start = std::chrono::steady_clock::now();
  CHECK_THAT(f.failThenRecover(forever, options, false),
             Contains("codelet 'SleepForever'") &&
                 Contains("compute set 'forever'") && Contains("tile 1") &&
                 Contains("more than 200 ms of wall-clock time") &&
                 Contains("tessel.vertexTimeout"));
  CHECK(secondsSince(start) < 10);
  // Blocked in one call, it is interrupted.
  start = std::chrono::steady_clock::now();
  CHECK_THAT(f.failThenRecover(blocked, options, false),
             Contains("codelet 'SleepOnce'") && Contains("tile 2") &&
                 Contains("more than 200 ms of wall-clock time"));
  CHECK(secondsSince(start) < 10);
}

TEST_CASE("tessel.vertexTimeout takes milliseconds, 0 for no limit",
          "[e2e][isolation]") {
  Isolation f;
  for (const char *bad : {"", "-1", "1.5", "ten", "99999999999999999"})
    CHECK_THROWS_WITH(
        Engine(f.graph, Execute(f.healthy), {{"tessel.vertexTimeout", bad}}),
        Contains("tessel.vertexTimeout"));
  Engine engine(f.graph, Execute(f.healthy), {{"tessel.vertexTimeout", "0"}});
  engine.load(f.device);
  engine.run(0);
  CHECK(f.healthyResult(engine) == 42);
}

TEST_CASE("Faults on several host threads at once are each caught",
          "[e2e][isolation]") {
  Isolation f;
  ComputeSet cs = f.graph.addComputeSet("everywhere");
  for (unsigned tile = 0; tile < 4; ++tile)
    f.graph.addVertex(cs, "Divide",
                      {{"a", f.constant(1, tile)},
                       {"b", f.constant(0, tile)},
                       {"out", f.output(tile, "q" + std::to_string(tile))}},
                      tile);
  Engine engine(f.graph, {Execute(cs), Execute(f.healthy)},
                {{"tessel.hostThreads", "4"}});
  engine.load(f.device);
  for (int i = 0; i < 20; ++i)
    CHECK_THAT(runtimeErrorOf([&] { engine.run(0); }),
               Contains("on tile 0") && Contains("divided an integer"));
  engine.run(1);
  CHECK(f.healthyResult(engine) == 42);
}

TEST_CASE("Honest vertices read their fields, state, lists, locals and "
          "constants",
          "[e2e][isolation]") {
  Isolation f;
  std::vector<int> inValues{5, 3, 8, 1, 9, 2};
  Tensor in = f.graph.addVariable(INT, {6}, "in");
  f.graph.setTileMapping(in, 1);
  f.graph.setInitialValue(in, ArrayRef<int>(inValues));
  Tensor row0 = f.graph.addVariable(INT, {3}, "row0");
  Tensor row1 = f.graph.addVariable(INT, {5}, "row1");
  f.graph.setTileMapping(row0, 1);
  f.graph.setTileMapping(row1, 2); // staged onto tile 1
  f.graph.setInitialValue(row0, ArrayRef<int>({1, 2, 3}));
  f.graph.setInitialValue(row1, ArrayRef<int>({10, 20, 30, 40, 50}));
  Tensor out = f.output(1, "out", {6});
  ComputeSet cs = f.graph.addComputeSet("honest");
  VertexRef v = f.graph.addVertex(cs, "HonestReader", {{"in", in}}, 1);
  f.graph.connect(v["rows"], {row0, row1});
  f.graph.connect(v["out"], out);
  f.graph.setInitialValue(v["weights"], ArrayRef<int>({2, -1}));
  Engine engine(f.graph, Execute(cs));
  engine.load(f.device);
  engine.run(0);
  std::vector<int> result(6);
  engine.readTensor("out", result.data(), result.data() + 6);
  const int lookup[8] = {3, 1, 4, 1, 5, 9, 2, 6};
  const std::vector<std::vector<int>> rows{{1, 2, 3}, {10, 20, 30, 40, 50}};
  const int weights[2] = {2, -1};
  std::vector<int> expected(6);
  for (unsigned i = 0; i < 6; ++i) {
    int sum = int((i * 7) % 16) * inValues[((i * 7) % 16) % 6] +
              lookup[unsigned(inValues[i]) % 8];
    for (unsigned r = 0; r < 2; ++r)
      sum += rows[r][i % rows[r].size()] * weights[r];
    expected[i] = sum;
  }
  CHECK(result == expected);
}
