// Faults around a running poplar::Engine: stream callbacks that throw, a
// device another engine was loaded onto or that was detached, and run() from
// two threads at once. Each gives an error the caller can act on, and the
// engine runs correctly afterwards.
#include "ImageBuilder.hpp"

#include <poplar/DeviceManager.hpp>
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <future>
#include <stdexcept>
#include <thread>

using namespace runtime_test;
using namespace poplar;

namespace {

/// Program 0 fills tensor v (4 ints over 2 tiles) from stream "in" and
/// sends it back through stream "out"; v is readable as "v".
ImageBuilder streamImage(const Target &target) {
  ImageBuilder b(target);
  std::uint32_t v = b.layout("v", INT, {4}, {{0, 0, 8}, {1, 0, 8}});
  b.hostRead("v", v);
  std::uint32_t in = b.stream("in", INT, 4, true);
  std::uint32_t out = b.stream("out", INT, 4, false);
  b.program(b.sequence({b.streamCopy(in, v), b.streamCopy(out, v)}));
  return b;
}

std::vector<int> readV(Engine &engine) {
  std::vector<int> v(4);
  engine.readTensor("v", v.data(), v.data() + 4);
  return v;
}

/// The user's own exception type: it must reach the caller of run unchanged.
struct SensorOffline : std::runtime_error {
  SensorOffline() : std::runtime_error("sensor 3 is offline") {}
};

void fillWith(void *p, int first) {
  int *v = static_cast<int *>(p);
  for (int i = 0; i < 4; ++i)
    v[i] = first + i;
}

/// A StreamCallback that throws from the call named by `failIn` once.
class FailingCallback : public StreamCallback {
public:
  explicit FailingCallback(std::string failIn) : failIn(std::move(failIn)) {}
  Result prefetch(void *p) override {
    maybeFail("prefetch");
    fillWith(p, 10 * next++);
    return Result::Success;
  }
  void fetch(void *p) override {
    maybeFail("fetch");
    fillWith(p, 10 * next++);
  }
  void complete() override { maybeFail("complete"); }
  void invalidatePrefetched() override { --next; }

private:
  void maybeFail(const std::string &call) {
    if (call == failIn) {
      failIn.clear();
      throw SensorOffline();
    }
  }
  std::string failIn;
  int next = 0;
};

} // namespace

TEST_CASE("A stream callback's exception reaches the caller of run, and the "
          "engine runs again",
          "[runtime][engine][faults]") {
  Device device = modelDevice(2);
  Engine engine = streamImage(device.getTarget()).engine();
  engine.load(device);
  std::vector<int> sink(4);
  engine.connectStream("out", sink.data());

  SECTION("a host-to-device function callback") {
    bool fail = true;
    engine.connectStreamToCallback("in", [&](void *p) {
      if (fail)
        throw SensorOffline();
      fillWith(p, 7);
    });
    CHECK_THROWS_AS(engine.run(0), SensorOffline);
    fail = false;
    engine.run(0);
    CHECK(readV(engine) == std::vector<int>{7, 8, 9, 10});
    CHECK(sink == std::vector<int>{7, 8, 9, 10});
  }
  SECTION("a device-to-host function callback") {
    std::vector<int> in = {1, 2, 3, 4};
    engine.connectStream("in", in.data());
    int calls = 0;
    engine.connectStreamToCallback("out", [&](void *p) {
      if (calls++ == 0)
        throw SensorOffline();
      std::memcpy(sink.data(), p, 16);
    });
    CHECK_THROWS_WITH(engine.run(0), "sensor 3 is offline");
    engine.run(0);
    CHECK(sink == in);
  }
  for (const char *call : {"fetch", "complete", "prefetch"}) {
    DYNAMIC_SECTION("a StreamCallback throwing from " << call) {
      engine.connectStreamToCallback("in",
                                     std::make_unique<FailingCallback>(call));
      CHECK_THROWS_AS(engine.run(0), SensorOffline);
      // Whatever the failed run left behind, the next run takes a whole
      // batch from the callback.
      engine.run(0);
      std::vector<int> v = readV(engine);
      CHECK(v[1] == v[0] + 1);
      CHECK(v[3] == v[0] + 3);
      CHECK(v[0] % 10 == 0);
    }
  }
}

TEST_CASE("An engine whose device was taken by a later load must be loaded "
          "again",
          "[runtime][engine][faults][errors]") {
  Device device = modelDevice(2);
  Engine first = streamImage(device.getTarget()).engine();
  Engine second = streamImage(device.getTarget()).engine();
  std::vector<int> in = {5, 6, 7, 8}, out(4);
  for (Engine *e : {&first, &second}) {
    e->connectStream("in", in.data());
    e->connectStream("out", out.data());
  }
  first.load(device);
  first.run(0);
  second.load(device);
  CHECK_THROWS_AS(first.run(0), application_runtime_error);
  CHECK_THROWS_WITH(
      first.run(0),
      Catch::Contains("Engine::run(0)") && Catch::Contains("another Engine") &&
          Catch::Contains("device " + std::to_string(device.getId())) &&
          Catch::Contains("load(device)"));
  CHECK_THROWS_WITH(readV(first), Catch::Contains("readTensor('v')") &&
                                      Catch::Contains("another Engine"));
  CHECK_NOTHROW(second.run(0));
  CHECK(readV(second) == in);
  first.load(device); // takes the device back
  CHECK_NOTHROW(first.run(0));
  CHECK(readV(first) == in);
  CHECK_THROWS_WITH(second.run(0), Catch::Contains("another Engine"));
}

TEST_CASE("An engine on a hardware IPU that was detached must be attached and "
          "loaded again",
          "[runtime][engine][faults][errors]") {
  auto manager = DeviceManager::createDeviceManager();
  auto devices = manager.getDevices(TargetType::IPU, 1);
  REQUIRE(!devices.empty());
  Device &ipu = devices.front();
  REQUIRE(ipu.attach());
  Engine engine = streamImage(ipu.getTarget()).engine();
  std::vector<int> in = {1, 1, 2, 3}, out(4);
  engine.connectStream("in", in.data());
  engine.connectStream("out", out.data());
  engine.load(ipu);
  engine.run(0);
  ipu.detach();
  CHECK_THROWS_AS(engine.run(0), application_runtime_error);
  CHECK_THROWS_WITH(engine.run(0), Catch::Contains("detached") &&
                                       Catch::Contains("attach()") &&
                                       Catch::Contains("load(device)"));
  REQUIRE(ipu.attach());
  // Attached again, the device holds none of this engine's state yet.
  CHECK_THROWS_WITH(engine.run(0), Catch::Contains("detached"));
  engine.load(ipu);
  CHECK_NOTHROW(engine.run(0));
  CHECK(out == in);
  ipu.detach();
}

TEST_CASE("run from a second thread while the engine runs is refused, and "
          "the first run completes",
          "[runtime][engine][faults][errors][threads]") {
  Device device = modelDevice(2);
  Engine engine = streamImage(device.getTarget()).engine();
  engine.load(device);
  std::vector<int> sink(4);
  engine.connectStream("out", sink.data());
  std::promise<void> entered, release;
  std::shared_future<void> released = release.get_future().share();
  bool firstCall = true;
  engine.connectStreamToCallback("in", [&](void *p) {
    if (firstCall) {
      firstCall = false;
      entered.set_value();
      released.wait(); // hold the run until the other thread has tried
    }
    fillWith(p, 40);
  });
  std::thread runner([&] { engine.run(0); });
  entered.get_future().wait();
  CHECK_THROWS_AS(engine.run(0), application_runtime_error);
  CHECK_THROWS_WITH(engine.run(0), Catch::Contains("Engine::run(0)") &&
                                       Catch::Contains("already running") &&
                                       Catch::Contains("program 0"));
  CHECK_THROWS_WITH(readV(engine), Catch::Contains("already running"));
  CHECK_THROWS_WITH(engine.load(device), Catch::Contains("already running"));
  release.set_value();
  runner.join();
  CHECK(readV(engine) == std::vector<int>{40, 41, 42, 43});
  CHECK_NOTHROW(engine.run(0));
}

TEST_CASE("A stream callback may not run its own engine",
          "[runtime][engine][faults][errors]") {
  Device device = modelDevice(2);
  Engine engine = streamImage(device.getTarget()).engine();
  engine.load(device);
  std::vector<int> sink(4);
  engine.connectStream("out", sink.data());
  std::string nested;
  engine.connectStreamToCallback("in", [&](void *p) {
    try {
      engine.run(0);
    } catch (const application_runtime_error &e) {
      nested = e.what();
    }
    fillWith(p, 1);
  });
  engine.run(0);
  CHECK_THAT(nested, Catch::Contains("already running"));
  CHECK(sink == std::vector<int>{1, 2, 3, 4});
}
