// The cycle model's numbers for known steps, from the target parameters.
#include "runtime/sim/CycleModel.hpp"

#include <poplar/Target.hpp>

#include <catch2/catch.hpp>

using namespace tessel;

TEST_CASE("An exchange costs sync, latency and the busiest tile's bytes",
          "[runtime][cycles]") {
  poplar::Target target = poplar::Target::createIPUTarget(1, 8, "ipu2");
  const TargetParams &p = targetParams(target);
  sim::CycleModel model(p);
  exe::ExchangeStep step;
  // Tile 0 sends 400 bytes to tile 1 and 40 to tile 2; tile 3 copies 80
  // bytes on-tile.
  step.transfers = {{0, 0, 1, 0, 400}, {0, 400, 2, 0, 40}, {3, 0, 3, 100, 80}};
  sim::StepCycles c = model.exchange(step);
  CHECK(c.compute == 80 / p.memcpyBytesPerCycle);
  CHECK(c.sync == p.internalSyncCycles);
  CHECK(c.exchange == p.exchangeLatencyCycles + 440 / 4);
}

TEST_CASE("On-tile copies need no sync or exchange", "[runtime][cycles]") {
  poplar::Target target = poplar::Target::createIPUTarget(1, 4, "ipu2");
  sim::CycleModel model(targetParams(target));
  exe::ExchangeStep step;
  step.transfers = {{1, 0, 1, 64, 64}};
  sim::StepCycles c = model.exchange(step);
  CHECK(c.sync == 0);
  CHECK(c.exchange == 0);
  CHECK(c.compute == 8);
}

TEST_CASE("Host transfers cost PCIe latency plus bandwidth",
          "[runtime][cycles]") {
  poplar::Target target = poplar::Target::createIPUTarget("ipu2");
  const TargetParams &p = targetParams(target);
  sim::CycleModel model(p);
  sim::StepCycles c = model.hostTransfer(32000);
  // 32 GB/s at 1.33 GHz is about 24 bytes per cycle.
  CHECK(c.exchange == p.hostTransferLatencyCycles + 1330);
  CHECK(c.sync == p.externalSyncCycles);
}
