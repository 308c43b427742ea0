// Programs run unchanged on IPUModel devices of each architecture, with
// custom tile counts, on virtual graphs, and on the simulated hardware
// devices DeviceManager hands out.
#include "Harness.hpp"

#include <poputil/TileMapping.hpp>

#include <catch2/catch.hpp>

#include <numeric>

using namespace poplar;
using namespace poplar::program;

namespace {

/// Copies a linearly mapped vector to its reverse on the given graph and
/// device and returns what the host reads back.
std::vector<int> reverseOn(const Device &device, std::size_t n) {
  Graph graph(device.getTarget());
  Tensor a = graph.addVariable(INT, {n}, "a");
  Tensor b = graph.addVariable(INT, {n}, "b");
  poputil::mapTensorLinearly(graph, a);
  poputil::mapTensorLinearly(graph, b);
  graph.createHostWrite("a", a);
  graph.createHostRead("b", b);
  Engine engine(graph, Copy(a.reverse(0), b));
  engine.load(device);
  std::vector<int> in(n), out(n);
  std::iota(in.begin(), in.end(), 0);
  engine.writeTensor("a", in.data(), in.data() + n);
  engine.run();
  engine.readTensor("b", out.data(), out.data() + n);
  return out;
}

std::vector<int> reversed(std::size_t n) {
  std::vector<int> v(n);
  std::iota(v.rbegin(), v.rend(), 0);
  return v;
}

} // namespace

TEST_CASE("IPUModel architectures report Poplar's target numbers",
          "[e2e][devices]") {
  struct Expect {
    const char *arch;
    unsigned tiles;
    unsigned bytesPerTile;
  };
  for (Expect e :
       {Expect{"ipu1", 1216, 256 * 1024}, Expect{"ipu2", 1472, 624 * 1024},
        Expect{"ipu21", 1472, 624 * 1024}}) {
    INFO(e.arch);
    IPUModel model(e.arch);
    Device device = model.createDevice();
    const Target &target = device.getTarget();
    CHECK(target.getTargetType() == TargetType::IPU_MODEL);
    CHECK(target.getTargetArchString() == e.arch);
    CHECK(target.getNumTiles() == e.tiles);
    CHECK(target.getNumWorkerContexts() == 6);
    CHECK(target.getExchangeBytesPerCycle() == 4);
    CHECK(target.getBytesPerTile() == e.bytesPerTile);
  }
}

TEST_CASE("Programs run on every architecture and on custom tile counts",
          "[e2e][devices]") {
  for (const char *arch : {"ipu1", "ipu2", "ipu21"}) {
    INFO(arch);
    CHECK(reverseOn(e2e::modelDevice(16, arch), 1000) == reversed(1000));
  }
  IPUModel twoIpus("ipu2");
  twoIpus.numIPUs = 2;
  twoIpus.tilesPerIPU = 8;
  Device device = twoIpus.createDevice();
  CHECK(device.getTarget().getNumTiles() == 16);
  CHECK(reverseOn(device, 4096) == reversed(4096));
}

TEST_CASE("DeviceManager hands out simulated IPUs that attach and run",
          "[e2e][devices]") {
  DeviceManager manager = DeviceManager::createDeviceManager();
  auto devices = manager.getDevices(TargetType::IPU, 1);
  REQUIRE_FALSE(devices.empty());
  // The usual hardware idiom: take the first device that attaches.
  auto it = std::find_if(devices.begin(), devices.end(),
                         [](Device &d) { return d.attach(); });
  REQUIRE(it != devices.end());
  Device device = std::move(*it);
  CHECK(device.getTarget().getTargetType() == TargetType::IPU);
  CHECK(device.getTarget().getNumTiles() == 1472);
  CHECK(reverseOn(device, 10000) == reversed(10000));
  device.detach();
}

TEST_CASE("Virtual graphs map onto their own range of tiles",
          "[e2e][devices]") {
  Device device = e2e::modelDevice(8);
  Graph graph(device.getTarget());
  Graph upper = graph.createVirtualGraph(4, 8);
  CHECK(upper.getTarget().getNumTiles() == 4);
  Tensor a = upper.addVariable(FLOAT, {8}, "a");
  upper.setTileMapping(a, 1); // physical tile 5
  CHECK(graph.getTileMapping(a)[5].size() == 1);
  CHECK(upper.getTileMapping(a)[1].size() == 1);
  Tensor b = graph.addVariable(FLOAT, {8}, "b");
  graph.setTileMapping(b, 0);
  graph.createHostWrite("a", a);
  graph.createHostRead("b", b);
  Engine engine(graph, Copy(a, b));
  engine.load(device);
  std::vector<float> in{1, 2, 3, 4, 5, 6, 7, 8}, out(8);
  engine.writeTensor("a", in.data(), in.data() + 8);
  engine.run();
  engine.readTensor("b", out.data(), out.data() + 8);
  CHECK(out == in);
}
