// Device: the invalid and moved-from device, factories, virtual devices,
// attributes, and attachment of model, CPU and simulator devices.
#include <poplar/Device.hpp>
#include <poplar/DeviceManager.hpp>
#include <poplar/IPUModel.hpp>
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <type_traits>

using namespace poplar;

TEST_CASE("A default Device is invalid and says so", "[core][device]") {
  static_assert(!std::is_copy_constructible_v<Device> &&
                    std::is_nothrow_move_constructible_v<Device>,
                "Device is move-only");
  Device d;
  CHECK_FALSE(d.isAttached());
  CHECK_THROWS_AS(d.getTarget(), poplar_error);
  CHECK_THROWS_WITH(d.getTarget(), Catch::Contains("Device::getTarget") &&
                                       Catch::Contains("not valid") &&
                                       Catch::Contains("IPUModel"));
  CHECK_THROWS_WITH(d.getId(), Catch::Contains("Device::getId"));
  CHECK_THROWS_WITH(d.attach(), Catch::Contains("Device::attach"));
  CHECK_THROWS_AS(d.detach(), poplar_error);
  CHECK_THROWS_AS(d.reset(), poplar_error);
  CHECK_THROWS_AS(d.getAttributes(), poplar_error);
  CHECK_THROWS_AS(d.createVirtualDevice(1), poplar_error);
  CHECK_THROWS_AS(Device(Target(), 0), poplar_error);
}

TEST_CASE("Moving a Device moves its identity and attachment",
          "[core][device]") {
  Device a = IPUModel("ipu2").createDevice({}, false, 3);
  REQUIRE(a.attach());
  Device b = std::move(a);
  CHECK(b.getId() == 3);
  CHECK(b.isAttached());
  CHECK_FALSE(a.isAttached());
  CHECK_THROWS_WITH(a.getTarget(), Catch::Contains("moved from"));
  Device c;
  c = std::move(b);
  CHECK(c.getTarget().getTargetType() == TargetType::IPU_MODEL);
}

TEST_CASE("Model, CPU and simulator devices always attach", "[core][device]") {
  Device m1 = IPUModel().createDevice();
  Device m2 = IPUModel().createDevice();
  CHECK(m1.attach());
  CHECK(m2.attach());
  CHECK(m1.attach()); // attaching twice is fine
  m1.detach();
  CHECK_FALSE(m1.isAttached());
  m1.detach(); // so is detaching twice
  Device cpu = Device::createCPUDevice(2);
  CHECK(cpu.getTarget().getTargetType() == TargetType::CPU);
  CHECK(cpu.getTarget().getNumIPUs() == 2);
  CHECK(cpu.getId() == 0);
  CHECK(cpu.attach());
  Target ipu = Target::createIPUTarget(1, 4, "ipu2");
  Device s1 = Device::createSimulatorDevice(ipu);
  Device s2 = Device::createSimulatorDevice(ipu);
  CHECK(s1.getTarget() == ipu);
  CHECK(s1.attach());
  CHECK(s2.attach());
  CHECK_THROWS_AS(Device::createSimulatorDevice(ipu, {{"speed", "fast"}}),
                  invalid_option);
  CHECK_THROWS_WITH(Device::createSimulatorDevice(ipu, {{"speed", "fast"}}),
                    Catch::Contains("'speed'"));
}

TEST_CASE("Virtual devices use part of each IPU", "[core][device]") {
  IPUModel model("ipu2");
  model.numIPUs = 2;
  Device d = model.createDevice({}, false, 9);
  Device v = d.createVirtualDevice(4);
  CHECK(v.getId() == 9);
  CHECK(v.getTarget().getTilesPerIPU() == 4);
  CHECK(v.getTarget().getNumTiles() == 8);
  CHECK(v.getTarget().getTargetType() == TargetType::IPU_MODEL);
  CHECK(d.getTarget().getTilesPerIPU() == 1472);
  CHECK_THROWS_AS(d.createVirtualDevice(0), invalid_machine_model);
  CHECK_THROWS_WITH(d.createVirtualDevice(1473),
                    Catch::Contains("1473") && Catch::Contains("1 to 1472"));
}

TEST_CASE("A virtual device of a hardware device shares its IPUs",
          "[core][device]") {
  Device hw = DeviceManager::createDeviceManager().getDevice(5);
  Device part = hw.createVirtualDevice(16);
  REQUIRE(hw.attach());
  CHECK_FALSE(part.attach());
  hw.detach();
  CHECK(part.attach());
  CHECK(part.getTarget().getNumTiles() == 16);
}

TEST_CASE("Devices describe themselves", "[core][device]") {
  IPUModel model("ipu1");
  model.numIPUs = 2;
  Device d = model.createDevice({{"gatewayMode", "true"}}, false, 4);
  auto attributes = d.getAttributes();
  CHECK(attributes.at("id") == "4");
  CHECK(attributes.at("type") == "IPU_MODEL");
  CHECK(attributes.at("ipu architecture") == "ipu1");
  CHECK(attributes.at("num ipus") == "2");
  CHECK(attributes.at("tiles per ipu") == "1216");
  CHECK(attributes.at("memory per tile") == "262144");
  CHECK(attributes.at("clock") == "1600 MHz");
  CHECK(d.getAttribute("simulated") == "true");
  unsigned major = 99, minor = 99, point = 99;
  d.getDriverVersion(major, minor, point);
  CHECK(d.getAttribute("driver version") == std::to_string(major) + "." +
                                                std::to_string(minor) + "." +
                                                std::to_string(point));
  CHECK(major < 99);
  CHECK_THROWS_AS(d.getAttribute("colour"), poplar_error);
  CHECK_THROWS_WITH(d.getAttribute("colour"),
                    Catch::Contains("'colour'") && Catch::Contains("'clock'"));
  CHECK(d.hasGateway());
  CHECK_FALSE(IPUModel().createDevice().hasGateway());
  CHECK_FALSE(d.supportsRemoteBuffers());
  CHECK(d.getNumaTopology() == std::vector<int>{0, 0});
  CHECK_NOTHROW(d.reset());
}
