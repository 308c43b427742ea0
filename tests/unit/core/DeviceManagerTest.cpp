// DeviceManager: the simulated IPU-POD64's devices, their ids and groups,
// and attachment of hardware devices by one Device object at a time.
#include <poplar/DeviceManager.hpp>
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <thread>

using namespace poplar;

TEST_CASE("The device manager lists every device in id order",
          "[core][devicemanager]") {
  DeviceManager manager = DeviceManager::createDeviceManager();
  CHECK(manager.getNumDevices() == 127);
  std::vector<Device> all = manager.getDevices();
  REQUIRE(all.size() == 127);
  for (unsigned id = 0; id < all.size(); ++id) {
    CHECK(all[id].getId() == id);
    CHECK(all[id].getTarget().getTargetType() == TargetType::IPU);
    CHECK(all[id].getTarget().getTargetArchString() == "ipu2");
  }
  CHECK(all[0].getTarget().getNumIPUs() == 1);
  CHECK(all[64].getTarget().getNumIPUs() == 2);
  CHECK(all[126].getTarget().getNumIPUs() == 64);
}

TEST_CASE("getDevices(IPU, n) gives every group of n IPUs",
          "[core][devicemanager]") {
  DeviceManager manager;
  unsigned firstId = 0;
  for (unsigned n = 1; n <= 64; n *= 2) {
    INFO(n);
    std::vector<Device> devices = manager.getDevices(TargetType::IPU, n);
    REQUIRE(devices.size() == 64 / n);
    CHECK(devices.front().getId() == firstId);
    for (const Device &d : devices) {
      CHECK(d.getTarget().getNumIPUs() == n);
      CHECK(d.getTarget().getNumTiles() == 1472 * n);
      CHECK(d.getTarget().getTargetType() == TargetType::IPU);
    }
    firstId += 64 / n;
  }
  for (unsigned bad : {0u, 3u, 6u, 128u}) {
    INFO(bad);
    CHECK_THROWS_AS(manager.getDevices(TargetType::IPU, bad),
                    invalid_machine_model);
    CHECK_THROWS_WITH(manager.getDevices(TargetType::IPU, bad),
                      Catch::Contains(std::to_string(bad) + " IPUs") &&
                          Catch::Contains("1, 2, 4, 8, 16, 32 or 64"));
  }
}

TEST_CASE("A hardware device is attached by one Device object at a time",
          "[core][devicemanager]") {
  DeviceManager manager;
  Device a = manager.getDevice(0);
  Device b = DeviceManager::createDeviceManager().getDevice(0);
  CHECK(a.attach());
  CHECK(a.isAttached());
  CHECK_FALSE(b.attach());
  CHECK_FALSE(b.isAttached());
  a.detach();
  CHECK(b.attach());
  CHECK_FALSE(a.attach());
  {
    Device holder = std::move(b);
    CHECK(holder.isAttached());
  } // destroying an attached device releases it
  CHECK(a.attach());
  a = Device(); // so does assigning over it
  CHECK(manager.getDevice(0).attach());
}

TEST_CASE("Devices that share an IPU exclude each other",
          "[core][devicemanager]") {
  DeviceManager manager;
  Device pair = manager.getDevice(64); // IPUs 0 and 1
  REQUIRE(pair.attach());
  CHECK_FALSE(manager.getDevice(0).attach());
  CHECK_FALSE(manager.getDevice(1).attach());
  CHECK_FALSE(manager.getDevice(126).attach()); // all 64 IPUs
  Device other = manager.getDevice(2);
  CHECK(other.attach());
  // The hardware idiom: take the first single IPU that attaches.
  std::vector<Device> singles = manager.getDevices(TargetType::IPU, 1);
  auto it = std::find_if(singles.begin(), singles.end(),
                         [](Device &d) { return d.attach(); });
  REQUIRE(it != singles.end());
  CHECK(it->getId() == 3);
}

TEST_CASE("Concurrent attaches give a device to exactly one thread",
          "[core][devicemanager]") {
  DeviceManager manager;
  std::vector<Device> devices;
  for (int i = 0; i < 8; ++i)
    devices.push_back(manager.getDevice(7));
  std::atomic<int> winners{0};
  std::vector<std::thread> threads;
  for (Device &d : devices)
    threads.emplace_back([&d, &winners] { winners += d.attach() ? 1 : 0; });
  for (std::thread &t : threads)
    t.join();
  CHECK(winners == 1);
}

TEST_CASE("Model and CPU devices come from the manager too",
          "[core][devicemanager]") {
  DeviceManager manager;
  std::vector<Device> models = manager.getDevices(TargetType::IPU_MODEL, 2);
  REQUIRE(models.size() == 32);
  CHECK(models[0].getId() == 64);
  CHECK(models[0].getTarget().getTargetType() == TargetType::IPU_MODEL);
  CHECK(models[0].attach());
  CHECK(manager.getDevices(TargetType::IPU_MODEL, 2)[0].attach());
  std::vector<Device> cpus = manager.getDevices(TargetType::CPU, 2);
  REQUIRE(cpus.size() == 1);
  CHECK(cpus[0].getTarget().getTargetType() == TargetType::CPU);
  CHECK(cpus[0].getTarget().getNumIPUs() == 2);
}

TEST_CASE("Device ids and child ids follow the IPU groups",
          "[core][devicemanager]") {
  DeviceManager manager;
  CHECK(manager.getDevice(96).getTarget().getNumIPUs() == 4);
  CHECK_THROWS_AS(manager.getDevice(127), invalid_machine_model);
  CHECK_THROWS_WITH(manager.getDevice(127),
                    Catch::Contains("127") && Catch::Contains("0 to 126"));
  using Ids = std::vector<unsigned>;
  CHECK(manager.getChildDeviceIds(64) == Ids{0, 1});
  CHECK(manager.getChildDeviceIds(65, 1) == Ids{2, 3});
  CHECK(manager.getChildDeviceIds(96, 2) == Ids{64, 65});
  CHECK(manager.getChildDeviceIds(126, 32) == Ids{124, 125});
  CHECK(manager.getChildDeviceIds(126, 1).size() == 64);
  CHECK(manager.getChildDeviceIds(0).empty());
  CHECK(manager.getChildDeviceIds(64, 2).empty());
  CHECK_THROWS_WITH(manager.getChildDeviceIds(64, 3),
                    Catch::Contains("3 IPUs"));
  CHECK_THROWS_WITH(manager.getChildDeviceIds(500),
                    Catch::Contains("getChildDeviceIds") &&
                        Catch::Contains("500"));
}

TEST_CASE("Device options are rejected by name", "[core][devicemanager]") {
  DeviceManager manager;
  OptionFlags opts{{"ipuReset", "true"}};
  CHECK_THROWS_AS(manager.getDevices(opts), invalid_option);
  CHECK_THROWS_WITH(manager.getDevices(TargetType::IPU, 1, opts),
                    Catch::Contains("'ipuReset'"));
  CHECK_THROWS_AS(manager.getDevice(0, opts), invalid_option);
}
