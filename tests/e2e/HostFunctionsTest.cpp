// Host functions: Graph::addHostFunction, program::Call(HostFunction, inputs,
// outputs) and Engine::connectHostFunction. The host receives the inputs'
// bytes, its callback fills the outputs, and each error names the function,
// the argument and what was expected.
#include "ErrorOf.hpp"
#include "Harness.hpp"

#include <popops/ElementWise.hpp>
#include <popops/codelets.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <sstream>
#include <stdexcept>

using namespace poplar;
using namespace poplar::program;
using tessel_test::errorOf;

namespace {

constexpr std::size_t kParts = 8;

/// The host's own exception type: it must reach the caller of run unchanged.
struct LedgerClosed : std::runtime_error {
  LedgerClosed() : std::runtime_error("the ledger is closed") {}
};

/// x (8 floats over 2 tiles, written by the host) is doubled on the device,
/// then host function "reduce" returns its sum and its largest element
/// into `stats` and the count of elements above a threshold (an int input)
/// into `above`.
struct Reduction {
  Device device = e2e::modelDevice(2);
  Graph graph{device.getTarget()};
  HostFunction reduce = graph.addHostFunction(
      "reduce", {{FLOAT, kParts}, {INT, 1}}, {{FLOAT, 2}, {UNSIGNED_INT, 1}});
  Sequence program;

  Reduction() {
    popops::addCodelets(graph);
    Tensor x = graph.addVariable(FLOAT, {kParts}, "x");
    Tensor threshold = graph.addVariable(INT, {1}, "threshold");
    Tensor stats = graph.addVariable(FLOAT, {2}, "stats");
    Tensor above = graph.addVariable(UNSIGNED_INT, {1}, "above");
    graph.setTileMapping(x.slice(0, kParts / 2), 0);
    graph.setTileMapping(x.slice(kParts / 2, kParts), 1);
    graph.setTileMapping(threshold, 1);
    graph.setTileMapping(stats, 0);
    graph.setTileMapping(above, 1);
    graph.createHostWrite("x", x);
    graph.createHostWrite("threshold", threshold);
    graph.createHostRead("stats", stats);
    graph.createHostRead("above", above);
    Tensor doubled = popops::add(graph, x, x, program, "double");
    program.add(Call(reduce, {doubled, threshold}, {stats, above}, "reduce"));
  }
};

void connectReduce(Engine &engine) {
  engine.connectHostFunction(
      "reduce", 0, [](ArrayRef<const void *> in, ArrayRef<void *> out) {
        REQUIRE(in.size() == 2);
        REQUIRE(out.size() == 2);
        const float *x = static_cast<const float *>(in[0]);
        int threshold = *static_cast<const int *>(in[1]);
        float *stats = static_cast<float *>(out[0]);
        stats[0] = std::accumulate(x, x + kParts, 0.0f);
        stats[1] = *std::max_element(x, x + kParts);
        *static_cast<unsigned *>(out[1]) = unsigned(std::count_if(
            x, x + kParts, [&](float v) { return v > threshold; }));
      });
}

} // namespace

TEST_CASE("A host function reduces a device tensor on the host and its "
          "results land in device tensors",
          "[e2e][hostfn]") {
  Reduction r;
  Engine engine(r.graph, r.program);
  engine.load(r.device);
  connectReduce(engine);
  std::vector<float> x{1.5f, -2, 4, 0.25f, 8, -1, 3, 2};
  for (int threshold : {0, 5}) {
    engine.writeTensor("x", x.data(), x.data() + x.size());
    engine.writeTensor("threshold", &threshold, &threshold + 1);
    engine.run();
    std::vector<float> doubled(x.size());
    std::transform(x.begin(), x.end(), doubled.begin(),
                   [](float v) { return v + v; });
    float stats[2];
    unsigned above = 0;
    engine.readTensor("stats", stats, stats + 2);
    engine.readTensor("above", &above, &above + 1);
    CHECK(stats[0] == std::accumulate(doubled.begin(), doubled.end(), 0.0f));
    CHECK(stats[1] == *std::max_element(doubled.begin(), doubled.end()));
    CHECK(above ==
          unsigned(std::count_if(doubled.begin(), doubled.end(),
                                 [&](float v) { return v > threshold; })));
  }
}

TEST_CASE("A host function may read and write the same tensor, called "
          "again and again in a loop",
          "[e2e][hostfn]") {
  Device device = e2e::modelDevice(1);
  Graph graph(device.getTarget());
  Tensor counter = graph.addVariable(UNSIGNED_INT, {3}, "counter");
  graph.setTileMapping(counter, 0);
  graph.createHostWrite("counter", counter);
  graph.createHostRead("counter", counter);
  HostFunction step =
      graph.addHostFunction("step", {{UNSIGNED_INT, 3}}, {{UNSIGNED_INT, 3}});
  Engine engine(graph, Repeat(4, Call(step, {counter}, {counter})));
  engine.load(device);
  unsigned calls = 0;
  engine.connectHostFunction(
      "step", 0, [&](ArrayRef<const void *> in, ArrayRef<void *> out) {
        unsigned v[3];
        std::memcpy(v, in[0], sizeof v);
        for (unsigned &e : v)
          e = e * 2 + 1;
        std::memcpy(out[0], v, sizeof v);
        ++calls;
      });
  std::vector<unsigned> start{0, 1, 5};
  engine.writeTensor("counter", start.data(), start.data() + 3);
  engine.run();
  std::vector<unsigned> got(3), expected = start;
  for (int i = 0; i < 4; ++i)
    for (unsigned &e : expected)
      e = e * 2 + 1;
  engine.readTensor("counter", got.data(), got.data() + 3);
  CHECK(got == expected);
  CHECK(calls == 4);
}

TEST_CASE("A HostCallback object connects as a host function, and a host "
          "function without inputs fills its outputs",
          "[e2e][hostfn]") {
  Device device = e2e::modelDevice(1);
  Graph graph(device.getTarget());
  Tensor seed = graph.addVariable(INT, {2}, "seed");
  graph.setTileMapping(seed, 0);
  graph.createHostRead("seed", seed);
  HostFunction draw = graph.addHostFunction("draw", {}, {{INT, 2}});
  struct Draw : HostCallback {
    int next = 40;
    void operator()(ArrayRef<const void *> in, ArrayRef<void *> out) override {
      CHECK(in.empty());
      int *v = static_cast<int *>(out[0]);
      v[0] = next++;
      v[1] = -next;
    }
  };
  Engine engine(graph, Call(draw, {}, {seed}));
  engine.load(device);
  engine.connectHostFunction("draw", 0, std::make_unique<Draw>());
  engine.run();
  engine.run();
  int got[2];
  engine.readTensor("seed", got, got + 2);
  CHECK(got[0] == 41);
  CHECK(got[1] == -42);
}

TEST_CASE("dumpProgram shows a host function call with its tensors",
          "[e2e][hostfn]") {
  Reduction r;
  std::ostringstream out;
  dumpProgram(r.graph, r.program, out);
  CHECK_THAT(out.str(), Catch::Contains("Call(host function)") &&
                            Catch::Contains("'reduce' in 'double/out'") &&
                            Catch::Contains("in 'threshold'") &&
                            Catch::Contains("out 'stats'"));
}

TEST_CASE("A host function survives serialising the executable",
          "[e2e][hostfn]") {
  Reduction r;
  Executable exe = compileGraph(r.graph, {r.program});
  std::stringstream bytes;
  exe.serialize(bytes);
  Engine engine(Executable::deserialize(bytes));
  engine.load(r.device);
  connectReduce(engine);
  std::vector<float> x{1, 2, 3, 4, 5, 6, 7, 8};
  int threshold = 9;
  engine.writeTensor("x", x.data(), x.data() + x.size());
  engine.writeTensor("threshold", &threshold, &threshold + 1);
  engine.run();
  float stats[2];
  unsigned above = 0;
  engine.readTensor("stats", stats, stats + 2);
  engine.readTensor("above", &above, &above + 1);
  CHECK(stats[0] == 72);
  CHECK(stats[1] == 16);
  CHECK(above == 4); // 10, 12, 14, 16
}

TEST_CASE("A host function call is charged as a round trip to the host, "
          "longer for more bytes, and shows in the profile",
          "[e2e][hostfn]") {
  Device device = e2e::modelDevice(1);
  Graph graph(device.getTarget());
  Tensor small = graph.addVariable(FLOAT, {1}, "small");
  Tensor large = graph.addVariable(FLOAT, {4096}, "large");
  graph.setTileMapping(small, 0);
  graph.setTileMapping(large, 0);
  HostFunction s =
      graph.addHostFunction("smallCall", {{FLOAT, 1}}, {{FLOAT, 1}});
  HostFunction l =
      graph.addHostFunction("largeCall", {{FLOAT, 4096}}, {{FLOAT, 4096}});
  Engine engine(graph, {Call(s, {small}, {small}), Call(l, {large}, {large})});
  engine.load(device);
  auto nothing = [](ArrayRef<const void *>, ArrayRef<void *>) {};
  engine.connectHostFunction("smallCall", 0, nothing);
  engine.connectHostFunction("largeCall", 0, nothing);
  std::uint64_t before = engine.getCycleCount();
  engine.run(0);
  std::uint64_t smallCycles = engine.getCycleCount() - before;
  engine.run(1);
  std::uint64_t largeCycles = engine.getCycleCount() - before - smallCycles;
  CHECK(smallCycles > 0);
  CHECK(largeCycles > smallCycles);
  std::ostringstream summary;
  engine.printProfileSummary(summary, {{"showExecutionSteps", "true"}});
  CHECK_THAT(summary.str(), Catch::Contains("host function call") &&
                                Catch::Contains("largeCall ("));
}

TEST_CASE("A host function's callback exception reaches the caller of run "
          "unchanged, and the engine runs again",
          "[e2e][hostfn][faults]") {
  Reduction r;
  Engine engine(r.graph, r.program);
  engine.load(r.device);
  bool fail = true;
  engine.connectHostFunction("reduce", 0,
                             [&](ArrayRef<const void *>, ArrayRef<void *> out) {
                               if (fail)
                                 throw LedgerClosed();
                               float stats[2] = {1, 2};
                               std::memcpy(out[0], stats, sizeof stats);
                             });
  CHECK_THROWS_AS(engine.run(), LedgerClosed);
  CHECK_THROWS_WITH(engine.run(), "the ledger is closed");
  fail = false;
  engine.run();
  float stats[2];
  engine.readTensor("stats", stats, stats + 2);
  CHECK(stats[0] == 1);
  CHECK(stats[1] == 2);
}

TEST_CASE("A host function's callback may not use its own engine",
          "[e2e][hostfn][faults]") {
  Reduction r;
  Engine engine(r.graph, r.program);
  engine.load(r.device);
  std::string inner;
  engine.connectHostFunction(
      "reduce", 0, [&](ArrayRef<const void *>, ArrayRef<void *>) {
        inner = errorOf<application_runtime_error>([&] { engine.run(); });
        errorOf<application_runtime_error>([&] { connectReduce(engine); });
      });
  engine.run();
  CHECK_THAT(inner, Catch::Contains("already running program 0"));
  // Connected again once idle, it runs normally.
  connectReduce(engine);
  engine.run();
}

TEST_CASE("Running a program whose host function is not connected names it",
          "[e2e][hostfn][errors]") {
  Reduction r;
  Engine engine(r.graph, r.program);
  engine.load(r.device);
  std::string message = errorOf<stream_connection_error>([&] { engine.run(); });
  CHECK_THAT(message, Catch::Contains("host function 'reduce'") &&
                          Catch::Contains("connectHostFunction"));
}

TEST_CASE("connectHostFunction refuses an unknown handle, a replica other "
          "than 0 and a null callback",
          "[e2e][hostfn][errors]") {
  Reduction r;
  Engine engine(r.graph, r.program);
  auto nothing = [](ArrayRef<const void *>, ArrayRef<void *>) {};
  CHECK_THAT(errorOf<stream_connection_error>(
                 [&] { engine.connectHostFunction("reduction", 0, nothing); }),
             Catch::Contains("no host function 'reduction'") &&
                 Catch::Contains("'reduce'"));
  CHECK_THAT(errorOf<index_error>(
                 [&] { engine.connectHostFunction("reduce", 1, nothing); }),
             Catch::Contains("replica 1"));
  CHECK_THAT(errorOf<stream_connection_error>([&] {
               engine.connectHostFunction("reduce", 0,
                                          std::unique_ptr<HostCallback>());
             }),
             Catch::Contains("null"));
}

TEST_CASE("addHostFunction refuses a duplicate or empty handle, a host-only "
          "type and an empty argument",
          "[e2e][hostfn][errors]") {
  Device device = e2e::modelDevice(1);
  Graph graph(device.getTarget());
  graph.addHostFunction("f", {{FLOAT, 2}}, {});
  CHECK_THAT(errorOf<graph_object_creation_error>([&] {
               graph.addHostFunction("f", {}, {{INT, 1}});
             }),
             Catch::Contains("'f'") && Catch::Contains("unique"));
  CHECK_THAT(errorOf<graph_object_creation_error>(
                 [&] { graph.addHostFunction("", {}, {}); }),
             Catch::Contains("empty"));
  CHECK_THAT(errorOf<type_error>([&] {
               graph.addHostFunction("d", {{DOUBLE, 1}}, {});
             }),
             Catch::Contains("input 0") && Catch::Contains("double"));
  CHECK_THAT(errorOf<graph_object_creation_error>([&] {
               graph.addHostFunction("z", {}, {{INT, 0}});
             }),
             Catch::Contains("output 0") && Catch::Contains("no elements"));
}

TEST_CASE("Call of a host function refuses tensors that do not match its "
          "arguments, naming the function, the argument and both sides",
          "[e2e][hostfn][errors]") {
  Device device = e2e::modelDevice(1);
  Graph graph(device.getTarget());
  HostFunction f =
      graph.addHostFunction("f", {{FLOAT, 4}, {INT, 1}}, {{HALF, 2}});
  Tensor x = graph.addVariable(FLOAT, {4}, "x");
  Tensor n = graph.addVariable(INT, {1}, "n");
  Tensor y = graph.addVariable(HALF, {2}, "y");
  Tensor wrongType = graph.addVariable(UNSIGNED_INT, {1}, "wrongType");
  Tensor wrongSize = graph.addVariable(FLOAT, {5}, "wrongSize");
  Tensor constant = graph.addConstant<float>(HALF, {2}, {1, 2});
  SECTION("too few inputs") {
    CHECK_THAT(errorOf<control_program_error>([&] { Call(f, {x}, {y}); }),
               Catch::Contains("host function 'f'") &&
                   Catch::Contains("1 input tensor(s) given") &&
                   Catch::Contains("declares 2 input(s)"));
  }
  SECTION("too many outputs") {
    CHECK_THAT(errorOf<control_program_error>([&] {
                 Call(f, {x, n}, {y, y});
               }),
               Catch::Contains("2 output tensor(s) given") &&
                   Catch::Contains("declares 1 output(s)"));
  }
  SECTION("a tensor of another type") {
    CHECK_THAT(errorOf<type_error>([&] {
                 Call(f, {x, wrongType}, {y});
               }),
               Catch::Contains("host function 'f'") &&
                   Catch::Contains("input 1") && Catch::Contains("wrongType") &&
                   Catch::Contains("expects 1 int element(s)"));
  }
  SECTION("a tensor of another element count") {
    CHECK_THAT(errorOf<control_program_error>([&] {
                 Call(f, {wrongSize, n}, {y});
               }),
               Catch::Contains("input 0") && Catch::Contains("5 element(s)") &&
                   Catch::Contains("expects 4 float element(s)"));
  }
  SECTION("a constant output") {
    CHECK_THAT(errorOf<control_program_error>([&] {
                 Call(f, {x, n}, {constant});
               }),
               Catch::Contains("output 0") && Catch::Contains("constant"));
  }
  SECTION("a default-constructed host function") {
    CHECK_THAT(errorOf<control_program_error>([&] {
                 Call(HostFunction(), {x, n}, {y});
               }),
               Catch::Contains("addHostFunction"));
  }
}

TEST_CASE("A host function of another graph is refused when compiling",
          "[e2e][hostfn][errors]") {
  Device device = e2e::modelDevice(1);
  Graph graph(device.getTarget());
  Graph other(device.getTarget());
  HostFunction f = other.addHostFunction("f", {}, {});
  // No tensors, so only the compiler can tell the graphs apart.
  Program call = Call(f, {}, {});
  CHECK_THAT(
      errorOf<control_program_error>([&] { Engine engine(graph, call); }),
      Catch::Contains("another graph"));
}
