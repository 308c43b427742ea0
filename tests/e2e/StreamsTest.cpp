// Host streams: FIFOs with circular host buffers, pointer-only buffers,
// callbacks, and reconnection between runs.
#include "Harness.hpp"

#include <catch2/catch.hpp>

#include <numeric>

using namespace poplar;
using namespace poplar::program;

namespace {

/// in -> x (tile 0) -> y (tile 1) -> out, `repeats` times.
struct Loopback {
  Device device = e2e::modelDevice(2);
  Graph graph{device.getTarget()};
  Program program;

  explicit Loopback(unsigned repeats, std::size_t n = 4) {
    Tensor x = graph.addVariable(FLOAT, {n}, "x");
    Tensor y = graph.addVariable(FLOAT, {n}, "y");
    graph.setTileMapping(x, 0);
    graph.setTileMapping(y, 1);
    DataStream in = graph.addHostToDeviceFIFO("in", FLOAT, n);
    DataStream out = graph.addDeviceToHostFIFO("out", FLOAT, n);
    program = Repeat(repeats, Sequence{Copy(in, x), Copy(x, y), Copy(y, out)});
  }
};

} // namespace

TEST_CASE("Stream buffers are circular: each copy takes the next elements "
          "and wraps at the end",
          "[e2e][streams]") {
  Loopback lb(5);
  Engine engine(lb.graph, lb.program);
  engine.load(lb.device);
  std::vector<float> in(12), out(20, 0.0f);
  std::iota(in.begin(), in.end(), 1.0f);
  engine.connectStream("in", in.data(), in.data() + in.size());
  engine.connectStream("out", out.data(), out.data() + out.size());
  engine.run();
  std::vector<float> expected;
  for (int copy = 0; copy < 5; ++copy)
    for (int i = 0; i < 4; ++i)
      expected.push_back(in[(copy * 4 + i) % 12]);
  CHECK(out == expected);
}

TEST_CASE("A pointer-only stream supplies the same elements on every copy",
          "[e2e][streams]") {
  Loopback lb(3);
  Engine engine(lb.graph, lb.program);
  engine.load(lb.device);
  std::vector<float> in{1, 2, 3, 4}, out(12);
  engine.connectStream("in", in.data());
  engine.connectStream("out", out.data(), out.data() + out.size());
  engine.run();
  CHECK(out == std::vector<float>{1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4});
}

TEST_CASE("Streams connect to callbacks in both directions", "[e2e][streams]") {
  Loopback lb(3);
  Engine engine(lb.graph, lb.program);
  engine.load(lb.device);
  float next = 0.0f;
  std::vector<float> received;
  engine.connectStreamToCallback("in", [&](void *p) {
    auto *f = static_cast<float *>(p);
    for (int i = 0; i < 4; ++i)
      f[i] = next++;
  });
  engine.connectStreamToCallback("out", [&](void *p) {
    auto *f = static_cast<float *>(p);
    received.insert(received.end(), f, f + 4);
  });
  engine.run();
  std::vector<float> expected(12);
  std::iota(expected.begin(), expected.end(), 0.0f);
  CHECK(received == expected);
}

namespace {
class CountingCallback : public StreamCallback {
public:
  Result prefetch(void *p) override {
    ++prefetches;
    return Result::NotAvailable;
  }
  void fetch(void *p) override {
    auto *f = static_cast<float *>(p);
    for (int i = 0; i < 4; ++i)
      f[i] = float(fetches * 10 + i);
    ++fetches;
  }
  void complete() override { ++completes; }
  int prefetches = 0, fetches = 0, completes = 0;
};
} // namespace

TEST_CASE("A StreamCallback object is fetched once per copy",
          "[e2e][streams]") {
  Loopback lb(2);
  Engine engine(lb.graph, lb.program);
  engine.load(lb.device);
  auto callback = std::make_unique<CountingCallback>();
  CountingCallback *cb = callback.get();
  engine.connectStreamToCallback("in", std::move(callback));
  std::vector<float> out(8);
  engine.connectStream("out", out.data(), out.data() + 8);
  engine.run();
  CHECK(cb->fetches == 2);
  CHECK(cb->completes == 2);
  CHECK(out == std::vector<float>{0, 1, 2, 3, 10, 11, 12, 13});
}

TEST_CASE("Streams can be reconnected between runs", "[e2e][streams]") {
  Loopback lb(1);
  Engine engine(lb.graph, lb.program);
  engine.load(lb.device);
  std::vector<float> a{1, 2, 3, 4}, b{5, 6, 7, 8}, out(4);
  engine.connectStream("out", out.data(), out.data() + 4);
  engine.connectStream("in", a.data(), a.data() + 4);
  engine.run();
  CHECK(out == a);
  engine.connectStream("in", b.data(), b.data() + 4);
  engine.run();
  CHECK(out == b);
  auto streams = engine.listStreams();
  std::sort(streams.begin(), streams.end());
  CHECK(streams == std::vector<std::string>{"in", "out"});
}
