// Host streams through poplar::Engine: circular buffers and their wrap,
// pointer-only connections, function and StreamCallback connections,
// reconnection, and every connection error with its message words.
#include "ImageBuilder.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <numeric>

using namespace runtime_test;
using namespace poplar;

namespace {

/// Program 0 copies host-to-device stream "in" (4 ints) into tensor v, then
/// v out through device-to-host stream "out"; v is readable as "v".
struct StreamImage {
  StreamImage() : device(modelDevice(2)), b(device.getTarget()) {
    std::uint32_t v =
        b.layout("v", INT, {4}, {{0, 0, 8}, {1, 0, 8}}); // split over 2 tiles
    b.hostRead("v", v);
    in = b.stream("in", INT, 4, true);
    out = b.stream("out", INT, 4, false);
    b.program(b.sequence({b.streamCopy(in, v), b.streamCopy(out, v)}));
    b.program(b.streamCopy(in, v));
  }
  Engine loaded() {
    Engine engine = b.engine();
    engine.load(device);
    return engine;
  }
  Device device;
  ImageBuilder b;
  std::uint32_t in, out;
};

std::vector<int> readV(Engine &engine) {
  std::vector<int> v(4);
  engine.readTensor("v", v.data(), v.data() + 4);
  return v;
}

/// Records what the runtime asks of a StreamCallback.
class RecordingCallback : public StreamCallback {
public:
  explicit RecordingCallback(std::vector<std::string> &log) : log(log) {}
  Result prefetch(void *p) override {
    if (!prefetchable) {
      log.push_back("prefetch:none");
      return Result::NotAvailable;
    }
    fill(p);
    log.push_back("prefetch:" + std::to_string(next - 1));
    return Result::Success;
  }
  void fetch(void *p) override {
    fill(p);
    log.push_back("fetch:" + std::to_string(next - 1));
  }
  void complete() override { log.push_back("complete"); }
  void invalidatePrefetched() override {
    log.push_back("invalidate");
    --next; // the prefetched batch will be fetched again
  }
  bool prefetchable = true;

private:
  void fill(void *p) {
    int *v = static_cast<int *>(p);
    for (int i = 0; i < 4; ++i)
      v[i] = 100 * next + i;
    ++next;
  }
  std::vector<std::string> &log;
  int next = 0;
};

} // namespace

TEST_CASE("A buffer is circular: each copy takes the next elements",
          "[runtime][streams]") {
  StreamImage s;
  Engine engine = s.loaded();
  std::vector<int> in(10), out(12, -1);
  std::iota(in.begin(), in.end(), 0);
  engine.connectStream("in", in.data(), in.data() + in.size());
  engine.connectStream("out", out.data(), out.data() + out.size());
  engine.run(0);
  CHECK(readV(engine) == std::vector<int>{0, 1, 2, 3});
  engine.run(0);
  CHECK(readV(engine) == std::vector<int>{4, 5, 6, 7});
  engine.run(0); // wraps: 8, 9, then 0, 1
  CHECK(readV(engine) == std::vector<int>{8, 9, 0, 1});
  engine.run(0);
  CHECK(readV(engine) == std::vector<int>{2, 3, 4, 5});
  // The output buffer took 16 elements into 12: the fourth copy wrapped.
  CHECK(out == std::vector<int>{2, 3, 4, 5, 4, 5, 6, 7, 8, 9, 0, 1});
}

TEST_CASE("A pointer-only connection reuses the same elements",
          "[runtime][streams]") {
  StreamImage s;
  Engine engine = s.loaded();
  std::vector<int> in = {5, 6, 7, 8}, out(4);
  engine.connectStream("in", in.data());
  engine.connectStream("out", out.data());
  engine.run(0);
  in[0] = 50;
  engine.run(0);
  CHECK(readV(engine) == std::vector<int>{50, 6, 7, 8});
  CHECK(out == std::vector<int>{50, 6, 7, 8});
}

TEST_CASE("Function callbacks fill and receive copies", "[runtime][streams]") {
  StreamImage s;
  Engine engine = s.loaded();
  int calls = 0;
  std::vector<std::vector<int>> received;
  engine.connectStreamToCallback("in", [&](void *p) {
    int *v = static_cast<int *>(p);
    for (int i = 0; i < 4; ++i)
      v[i] = 10 * calls + i;
    ++calls;
  });
  engine.connectStreamToCallback("out", 0, [&](void *p) {
    int *v = static_cast<int *>(p);
    received.emplace_back(v, v + 4);
  });
  engine.run(0);
  engine.run(0);
  CHECK(calls == 2);
  CHECK(received ==
        std::vector<std::vector<int>>{{0, 1, 2, 3}, {10, 11, 12, 13}});
}

TEST_CASE("StreamCallbacks are fetched, completed, prefetched and "
          "invalidated",
          "[runtime][streams]") {
  StreamImage s;
  s.b.program(s.b.sequence({s.b.streamCopy(s.in, 0), s.b.streamCopy(s.in, 0)}));
  Engine engine = s.loaded();
  std::vector<int> sink(4);
  engine.connectStream("out", sink.data());
  std::vector<std::string> log;
  auto callback = std::make_unique<RecordingCallback>(log);
  RecordingCallback *cb = callback.get();
  engine.connectStreamToCallback("in", std::move(callback));
  engine.run(2); // two copies in one run
  CHECK(readV(engine) == std::vector<int>{100, 101, 102, 103});
  CHECK(log == std::vector<std::string>{"fetch:0", "complete", "prefetch:1",
                                        "complete", "prefetch:2",
                                        "invalidate"});
  log.clear();
  engine.run(1); // batch 2 again: it was invalidated, not consumed
  CHECK(readV(engine) == std::vector<int>{200, 201, 202, 203});
  cb->prefetchable = false;
  log.clear();
  engine.run(1);
  CHECK(log ==
        std::vector<std::string>{"fetch:3", "complete", "prefetch:none"});
}

TEST_CASE("Streams may be reconnected between runs", "[runtime][streams]") {
  StreamImage s;
  Engine engine = s.loaded();
  std::vector<int> first(8), second = {9, 9, 9, 9};
  std::iota(first.begin(), first.end(), 0);
  std::vector<int> sink(4);
  engine.connectStream("out", sink.data());
  engine.connectStream("in", first.data(), first.data() + first.size());
  engine.run(1);
  engine.connectStream("in", second.data());
  engine.run(1);
  CHECK(readV(engine) == std::vector<int>{9, 9, 9, 9});
  engine.connectStream("in", first.data(), first.data() + first.size());
  engine.run(1); // a new connection starts at the buffer's beginning
  CHECK(readV(engine) == std::vector<int>{0, 1, 2, 3});
}

TEST_CASE("DataStream objects connect by handle", "[runtime][streams]") {
  StreamImage s;
  Engine engine = s.loaded();
  DataStream in(0, "in", INT, 4, DataStreamType::HostToDeviceFIFO,
                ReplicatedStreamMode::REPLICATE, nullptr);
  std::vector<int> data = {4, 3, 2, 1};
  engine.connectStream(in, data.data(), data.data() + 4);
  engine.run(1);
  CHECK(readV(engine) == data);
  CHECK(engine.listStreams() == std::vector<std::string>{"in", "out"});
}

TEST_CASE("An unconnected stream fails the run that copies it, by name",
          "[runtime][streams][errors]") {
  StreamImage s;
  Engine engine = s.loaded(); // loading needs no connections
  std::vector<int> in(4);
  engine.connectStream("in", in.data());
  CHECK_NOTHROW(engine.run(1)); // program 1 does not use "out"
  CHECK_THROWS_AS(engine.run(0), stream_connection_error);
  CHECK_THROWS_WITH(engine.run(0), Catch::Contains("'out'") &&
                                       Catch::Contains("not connected") &&
                                       Catch::Contains("program 0"));
}

TEST_CASE("Bad connections are refused with the sizes involved",
          "[runtime][streams][errors]") {
  StreamImage s;
  Engine engine = s.loaded();
  std::vector<int> three(3);
  CHECK_THROWS_AS(engine.connectStream("in", three.data(), three.data() + 3),
                  stream_connection_error);
  CHECK_THROWS_WITH(engine.connectStream("in", three.data(), three.data() + 3),
                    Catch::Contains("'in'") && Catch::Contains("16 bytes") &&
                        Catch::Contains("12 bytes"));
  std::vector<char> ragged(18);
  CHECK_THROWS_WITH(
      engine.connectStream("in", ragged.data(), ragged.data() + 18),
      Catch::Contains("18 bytes") && Catch::Contains("whole number of int"));
  CHECK_THROWS_WITH(engine.connectStream("in", nullptr),
                    Catch::Contains("'in'") && Catch::Contains("null"));
  CHECK_THROWS_WITH(engine.connectStream("missing", three.data()),
                    Catch::Contains("no stream 'missing'") &&
                        Catch::Contains("'in', 'out'"));
  CHECK_THROWS_WITH(
      engine.connectStreamToCallback("in", std::function<void(void *)>()),
      Catch::Contains("empty"));
  std::vector<std::string> log;
  CHECK_THROWS_WITH(
      engine.connectStreamToCallback("out",
                                     std::make_unique<RecordingCallback>(log)),
      Catch::Contains("'out'") && Catch::Contains("host-to-device"));
  CHECK_THROWS_AS(engine.connectStreamToCallback("in", 1, [](void *) {}),
                  index_error);
  CHECK_THROWS_WITH(engine.connectStreamToCallback("in", 1, [](void *) {}),
                    Catch::Contains("replica 1"));
}
