// IPUModel: per-version defaults, every member flowing into the Target of
// its device, and errors that name the member that is wrong.
#include "compiler/core/TargetParameters.hpp"

#include <poplar/IPUModel.hpp>
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <vector>

using namespace poplar;

TEST_CASE("IPUModel defaults follow the IPU version", "[core][ipumodel]") {
  CHECK(IPUModel().IPUVersion == "ipu2");
  struct Expect {
    const char *version;
    unsigned tiles;
    unsigned bytes;
    double clock;
  };
  for (Expect e : {Expect{"ipu1", 1216, 262144, 1.6e9},
                   Expect{"ipu2", 1472, 638976, 1.33e9},
                   Expect{"ipu21", 1472, 638976, 1.85e9}}) {
    INFO(e.version);
    IPUModel m(e.version);
    CHECK(m.IPUVersion == e.version);
    CHECK(m.numIPUs == 1);
    CHECK(m.tilesPerIPU == e.tiles);
    CHECK(m.memoryBytesPerTile == e.bytes);
    CHECK(m.tileClockFrequency == e.clock);
    CHECK(m.numWorkerContexts == 6);
    CHECK(m.exchangeBytesPerCycle == 4);
    CHECK(m.relativeSyncDelay == IPUModel::RelativeSyncDelayType::AUTO);
    Device d = m.createDevice();
    const Target &t = d.getTarget();
    CHECK(t.getTargetType() == TargetType::IPU_MODEL);
    CHECK(t.getTargetArchString() == e.version);
    CHECK(t.getNumTiles() == e.tiles);
    CHECK(t.getBytesPerTile() == e.bytes);
    CHECK_FALSE(tessel::targetParams(t).requiresTileMapping);
  }
}

TEST_CASE("Every IPUModel member flows into the target", "[core][ipumodel]") {
  IPUModel m("ipu21");
  m.numIPUs = 2;
  m.tilesPerSuperTile = 2;
  m.tilesPerIPU = 16;
  m.numWorkerContexts = 4;
  m.memoryBytesPerTile = 1000;
  m.tileClockFrequency = 2e9;
  m.exchangeBytesPerCycle = 8;
  m.memcpyBytesPerCycle = 16;
  m.instructionBytes = 8;
  m.supportsSuperTileSendReceive = false;
  m.interleavedMemoryElementIndex = 0;
  m.minIPUSyncDelay = 7;
  Device d = m.createDevice({}, true, 5);
  const Target &t = d.getTarget();
  const tessel::TargetParams &p = tessel::targetParams(t);
  CHECK(d.getId() == 5);
  CHECK(t.getNumIPUs() == 2);
  CHECK(p.tilesPerSuperTile == 2);
  CHECK(t.getTilesPerIPU() == 16);
  CHECK(t.getNumTiles() == 32);
  CHECK(t.getNumWorkerContexts() == 4);
  CHECK(t.getBytesPerTile() == 1000);
  CHECK(t.getMemoryBytes() == 32000);
  CHECK(t.getTileClockFrequency() == 2e9);
  CHECK(p.hostTransferLatencyCycles == 2000); // 1 us at 2 GHz
  CHECK(t.getExchangeBytesPerCycle() == 8);
  CHECK(t.getMemcpyBytesPerCycle() == 16);
  CHECK(p.instructionBytes == 8);
  CHECK_FALSE(p.supportsSuperTileSendReceive);
  CHECK(t.getInterleavedMemoryElementIndex() == 0);
  CHECK(t.getMinIPUSyncDelay() == 7);
  CHECK(t.getMaxIPUSyncDelay() > 7);
  CHECK(p.accurateHalf);
  m.relativeSyncDelay = IPUModel::RelativeSyncDelayType::NO_DELAY;
  CHECK(m.createTarget().getMaxIPUSyncDelay() == 7);
  CHECK(m.createDevice().getId() == 0);
  CHECK(m.createTarget({{"ipuLinkTopology", "torus"}}).getIpuLinkTopology() ==
        IpuLinkTopology::Torus);
}

TEST_CASE("Invalid IPUModels name what is wrong", "[core][ipumodel]") {
  CHECK_THROWS_AS(IPUModel("gpu"), invalid_machine_model);
  CHECK_THROWS_WITH(IPUModel("gpu"), Catch::Contains("'gpu'") &&
                                         Catch::Contains("ipu1, ipu2 and "
                                                         "ipu21"));
  CHECK_THROWS_AS(IPUModel(nullptr), invalid_machine_model);
  auto fails = [](void (*change)(IPUModel &), const std::string &words) {
    IPUModel m("ipu2");
    change(m);
    INFO(words);
    CHECK_THROWS_AS(m.createDevice(), invalid_machine_model);
    CHECK_THROWS_WITH(m.createDevice(),
                      Catch::Contains(words) && Catch::Contains("IPUModel"));
  };
  fails([](IPUModel &m) { m.numIPUs = 0; }, "numIPUs");
  fails([](IPUModel &m) { m.tilesPerIPU = 0; }, "tilesPerIPU");
  fails([](IPUModel &m) { m.tilesPerSuperTile = 0; }, "tilesPerSuperTile");
  fails([](IPUModel &m) { m.numWorkerContexts = 0; }, "numWorkerContexts");
  fails([](IPUModel &m) { m.memoryBytesPerTile = 0; }, "memoryBytesPerTile");
  fails([](IPUModel &m) { m.memoryBytesPerTile = 4 << 20; }, "21-bit");
  fails([](IPUModel &m) { m.tileClockFrequency = 0; }, "tileClockFrequency");
  fails([](IPUModel &m) { m.tileClockFrequency = NAN; }, "tileClockFrequency");
  fails([](IPUModel &m) { m.exchangeBytesPerCycle = 0; },
        "exchangeBytesPerCycle");
  fails([](IPUModel &m) { m.memcpyBytesPerCycle = 0; }, "memcpyBytesPerCycle");
  fails([](IPUModel &m) { m.instructionBytes = 0; }, "instructionBytes");
  fails([](IPUModel &m) { m.interleavedMemoryElementIndex = 2; },
        "interleavedMemoryElementIndex");
  fails([](IPUModel &m) { m.IPUVersion = "ipu9"; }, "'ipu9'");
  IPUModel m;
  CHECK_THROWS_AS(m.createDevice({{"colour", "blue"}}), invalid_option);
}

TEST_CASE("IPUModels compare member by member", "[core][ipumodel]") {
  IPUModel a("ipu2"), b("ipu2");
  CHECK(a == b);
  b.compileIPUCode = true;
  CHECK(a != b);
  b = a;
  b.relativeSyncDelay = IPUModel::RelativeSyncDelayType::NO_DELAY;
  CHECK_FALSE(a == b);
  CHECK(IPUModel("ipu2") != IPUModel("ipu21"));

  // Every member that feeds the target takes part in the comparison.
  const std::vector<std::function<void(IPUModel &)>> changes = {
      [](IPUModel &m) { m.numIPUs = 2; },
      [](IPUModel &m) { m.tilesPerSuperTile = 2; },
      [](IPUModel &m) { m.tilesPerIPU = 16; },
      [](IPUModel &m) { m.numWorkerContexts = 4; },
      [](IPUModel &m) { m.memoryBytesPerTile = 1024; },
      [](IPUModel &m) { m.tileClockFrequency = 1e9; },
      [](IPUModel &m) { m.exchangeBytesPerCycle = 8; },
      [](IPUModel &m) { m.memcpyBytesPerCycle = 16; },
      [](IPUModel &m) { m.instructionBytes = 8; },
      [](IPUModel &m) { m.supportsSuperTileSendReceive = false; },
      [](IPUModel &m) { m.interleavedMemoryElementIndex = 0; },
      [](IPUModel &m) { m.minIPUSyncDelay = 3; },
  };
  for (std::size_t i = 0; i < changes.size(); ++i) {
    IPUModel changed("ipu2");
    changes[i](changed);
    INFO("change " << i);
    CHECK(changed != a);
  }
}
