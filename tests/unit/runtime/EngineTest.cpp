// poplar::Engine's life and host access on hand-built images: loading,
// initial memory, exchanges, reading and writing tensors, options, and every
// error path with the words its message must carry.
#include "ImageBuilder.hpp"

#include <poplar/DeviceManager.hpp>
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace runtime_test;
using namespace poplar;

namespace {

/// Tensor a (4 floats split over tiles 0 and 1) is writable as "a"; program
/// 0 copies it to b (tiles 2 and 3, reversed halves), readable as "b";
/// constant c (2 ints on tile 3) is readable as "c".
ImageBuilder copyImage(const Target &target) {
  ImageBuilder b(target);
  std::uint32_t a = b.layout("a", FLOAT, {4}, {{0, 0, 8}, {1, 16, 8}});
  std::uint32_t bb = b.layout("b", FLOAT, {4}, {{2, 0, 8}, {3, 0, 8}});
  std::uint32_t c = b.tensor("c", INT, {2}, 3, 64);
  b.initial<int>(3, 64, {-3, 9});
  b.hostWrite("a", a);
  b.hostRead("b", bb);
  b.hostRead("c", c);
  b.program(b.exchange({{0, 0, 3, 0, 8}, {1, 16, 2, 0, 8}}));
  return b;
}

} // namespace

TEST_CASE("Loading writes constants, and programs move written tensors",
          "[runtime][engine]") {
  Device device = modelDevice(4);
  Engine engine = copyImage(device.getTarget()).engine();
  engine.load(device);
  std::vector<int> c(2);
  engine.readTensor("c", c.data(), c.data() + 2);
  CHECK(c == std::vector<int>{-3, 9});
  std::vector<float> a = {1.5f, 2.5f, 3.5f, 4.5f}, b(4);
  engine.writeTensor("a", a.data(), a.data() + 4);
  engine.run(0);
  engine.readTensor("b", b.data(), b.data() + 4);
  CHECK(b == std::vector<float>{3.5f, 4.5f, 1.5f, 2.5f});
  // Legacy pointer-only and ArrayRef forms.
  std::vector<float> a2 = {0, 0, 0, 1};
  engine.writeTensor("a", a2.data());
  engine.run();
  engine.readTensor("b", b.data());
  CHECK(b == std::vector<float>{0, 1, 0, 0});
  engine.writeTensor("a", ArrayRef<float>(a));
  engine.loadAndRun(device); // reloading resets memory, then runs program 0
  engine.readTensor("b", ArrayRef<float>(b));
  CHECK(b == std::vector<float>{0, 0, 0, 0});
  CHECK(engine.getCycleCount() > 0);
}

TEST_CASE("prepare and deploy load in two steps", "[runtime][engine]") {
  Device device = modelDevice(4);
  Engine engine = copyImage(device.getTarget()).engine();
  CHECK_THROWS_AS(engine.deploy(), application_runtime_error);
  CHECK_THROWS_WITH(engine.deploy(), Catch::Contains("prepare"));
  engine.prepare(device);
  CHECK_THROWS_WITH(engine.run(0), Catch::Contains("not deployed") &&
                                       Catch::Contains("deploy()"));
  engine.deploy();
  CHECK_NOTHROW(engine.run(0));
}

TEST_CASE("Running or accessing tensors before load is refused",
          "[runtime][engine][errors]") {
  Device device = modelDevice(4);
  Engine engine = copyImage(device.getTarget()).engine();
  CHECK_THROWS_AS(engine.run(0), poplar::runtime_error);
  CHECK_THROWS_AS(engine.run(0), application_runtime_error);
  CHECK_THROWS_WITH(engine.run(0), Catch::Contains("Engine::run(0)") &&
                                       Catch::Contains("not loaded") &&
                                       Catch::Contains("load(device)"));
  float a[4] = {};
  CHECK_THROWS_WITH(engine.writeTensor("a", a, a + 4),
                    Catch::Contains("writeTensor('a')") &&
                        Catch::Contains("not loaded"));
}

TEST_CASE("A device of another target is refused, naming both",
          "[runtime][engine][errors]") {
  Device device = modelDevice(4);
  Engine engine = copyImage(device.getTarget()).engine();
  Device fewerTiles = modelDevice(8);
  CHECK_THROWS_AS(engine.load(fewerTiles), invalid_machine_model);
  CHECK_THROWS_WITH(engine.load(fewerTiles),
                    Catch::Contains("1 IPU of 4 tiles") &&
                        Catch::Contains("1 IPU of 8 tiles"));
  Device ipu1 = modelDevice(4, "ipu1");
  CHECK_THROWS_WITH(engine.load(ipu1),
                    Catch::Contains("ipu2") && Catch::Contains("ipu1"));
  IPUModel twoIPUs("ipu2");
  twoIPUs.numIPUs = 2;
  twoIPUs.tilesPerIPU = 2;
  Device pair = twoIPUs.createDevice();
  CHECK_THROWS_WITH(engine.load(pair), Catch::Contains("2 IPUs of 2 tiles"));
  CHECK_NOTHROW(engine.load(device));
}

TEST_CASE("A hardware IPU must be attached before load",
          "[runtime][engine][errors]") {
  auto manager = DeviceManager::createDeviceManager();
  auto devices = manager.getDevices(TargetType::IPU, 1);
  REQUIRE(!devices.empty());
  Device &ipu = devices.front();
  ImageBuilder b(ipu.getTarget());
  b.program(b.sequence({}));
  Engine engine = b.engine();
  ipu.detach();
  CHECK_THROWS_WITH(engine.load(ipu), Catch::Contains("not attached") &&
                                          Catch::Contains("attach()"));
  REQUIRE(ipu.attach());
  CHECK_NOTHROW(engine.load(ipu));
  ipu.detach();
}

TEST_CASE("run(i) beyond the programs names how many there are",
          "[runtime][engine][errors]") {
  Device device = modelDevice(4);
  Engine engine = copyImage(device.getTarget()).engine();
  engine.load(device);
  CHECK_THROWS_AS(engine.run(1), index_error);
  CHECK_THROWS_WITH(engine.run(3, "step"), Catch::Contains("no program 3") &&
                                               Catch::Contains("1 program") &&
                                               Catch::Contains("'step'"));
}

TEST_CASE("Host handles are checked by name, direction and size",
          "[runtime][engine][errors]") {
  Device device = modelDevice(4);
  Engine engine = copyImage(device.getTarget()).engine();
  engine.load(device);
  float a[4] = {};
  CHECK_THROWS_AS(engine.writeTensor("nope", a, a + 4), index_error);
  CHECK_THROWS_WITH(engine.writeTensor("nope", a, a + 4),
                    Catch::Contains("'nope'") &&
                        Catch::Contains("'a', 'b', 'c'"));
  CHECK_THROWS_AS(engine.writeTensor("b", a, a + 4), tensor_io_state_error);
  CHECK_THROWS_WITH(engine.writeTensor("b", a, a + 4),
                    Catch::Contains("'b'") &&
                        Catch::Contains("createHostRead"));
  CHECK_THROWS_WITH(engine.readTensor("a", a, a + 4),
                    Catch::Contains("'a'") &&
                        Catch::Contains("createHostWrite"));
  CHECK_THROWS_AS(engine.writeTensor("a", a, a + 3), tensor_io_state_error);
  CHECK_THROWS_WITH(engine.writeTensor("a", a, a + 3),
                    Catch::Contains("'a'") && Catch::Contains("12 bytes") &&
                        Catch::Contains("16 bytes"));
  float five[5] = {};
  CHECK_THROWS_WITH(engine.readTensor("b", five, five + 5),
                    Catch::Contains("20 bytes") &&
                        Catch::Contains("4 float elements"));
  CHECK_THROWS_WITH(engine.writeTensor("a", nullptr), Catch::Contains("null"));
}

TEST_CASE("A moved-from engine says so", "[runtime][engine][errors]") {
  Device device = modelDevice(4);
  Engine engine = copyImage(device.getTarget()).engine();
  Engine other(std::move(engine));
  CHECK_THROWS_WITH(engine.load(device), Catch::Contains("moved from"));
  CHECK_NOTHROW(other.load(device));
}

TEST_CASE("Engine options: host threads, environment overrides",
          "[runtime][engine][options]") {
  Device device = modelDevice(4);
  ImageBuilder b = copyImage(device.getTarget());
  CHECK_THROWS_AS(b.engine({{"tessel.hostThreads", "many"}}), invalid_option);
  CHECK_THROWS_WITH(b.engine({{"tessel.hostThreads", "5000"}}),
                    Catch::Contains("tessel.hostThreads") &&
                        Catch::Contains("5000"));
  CHECK_NOTHROW(b.engine({{"tessel.hostThreads", "0"}}));
  setenv("POPLAR_ENGINE_OPTIONS", R"({"tessel.hostThreads": "3"})", 1);
  Engine engine = b.engine({{"tessel.hostThreads", "2"}});
  unsetenv("POPLAR_ENGINE_OPTIONS");
  CHECK(std::string(engine.getEngineOptions().at("tessel.hostThreads")) == "3");
}
