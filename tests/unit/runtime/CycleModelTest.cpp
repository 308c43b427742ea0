// The cycle model's numbers for known steps, from the target parameters.
#include "runtime/sim/CycleModel.hpp"
#include "runtime/sim/ExecutionProfile.hpp"

#include <poplar/Target.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace tessel;

TEST_CASE("An exchange costs sync, latency and the busiest tile's bytes",
          "[runtime][cycles]") {
  poplar::Target target = poplar::Target::createIPUTarget(1, 8, "ipu2");
  const TargetParams &p = targetParams(target);
  REQUIRE(p.exchangeBytesPerCycle == 4);
  sim::CycleModel model(p);
  exe::ExchangeStep step;
  // Tile 0 sends 400 + 40 bytes; tile 5 receives 300 + 200 from tiles 6 and
  // 7 (the busiest: 500 bytes); tile 3 copies 80 bytes on-tile.
  step.transfers = {{0, 0, 1, 0, 400},
                    {0, 400, 2, 0, 40},
                    {6, 0, 5, 0, 300},
                    {7, 0, 5, 300, 200},
                    {3, 0, 3, 100, 80}};
  sim::StepCycles c = model.exchange(step);
  CHECK(c.compute == (80 + p.memcpyBytesPerCycle - 1) / p.memcpyBytesPerCycle);
  CHECK(c.sync == p.internalSyncCycles);
  CHECK(c.exchange == p.exchangeLatencyCycles + 500 / 4);
  CHECK(c.host == 0);
  CHECK(c.total() == c.compute + c.sync + c.exchange);
}

TEST_CASE("Odd byte counts round up to whole cycles", "[runtime][cycles]") {
  poplar::Target target = poplar::Target::createIPUTarget(1, 4, "ipu2");
  const TargetParams &p = targetParams(target);
  sim::CycleModel model(p);
  sim::StepCycles c = model.exchange({{{0, 0, 1, 0, 5}}, false, "odd"});
  CHECK(c.exchange == p.exchangeLatencyCycles + 2);
}

TEST_CASE("On-tile copies need no sync or exchange", "[runtime][cycles]") {
  poplar::Target target = poplar::Target::createIPUTarget(1, 4, "ipu2");
  const TargetParams &p = targetParams(target);
  sim::CycleModel model(p);
  exe::ExchangeStep step;
  step.transfers = {{1, 0, 1, 64, 64}, {1, 200, 1, 300, 64}, {2, 0, 2, 8, 8}};
  sim::StepCycles c = model.exchange(step);
  CHECK(c.sync == 0);
  CHECK(c.exchange == 0);
  CHECK(c.compute == 128 / p.memcpyBytesPerCycle);
  CHECK(model.exchange({}).total() == 0);
}

TEST_CASE("Transfers between IPUs sync externally and pay for the links",
          "[runtime][cycles]") {
  poplar::Target target = poplar::Target::createIPUTarget(2, 4, "ipu2");
  const TargetParams &p = targetParams(target);
  sim::CycleModel model(p);
  // Tile 0 (IPU 0) sends 1 MB to tile 4 (IPU 1).
  const std::uint64_t bytes = 1 << 20;
  sim::StepCycles c =
      model.exchange({{{0, 0, 4, 0, std::uint32_t(bytes)}}, false, "link"});
  REQUIRE(p.maxIPUSyncDelay > 0); // the second IPU is one hop away
  CHECK(c.sync == p.externalSyncCycles + p.maxIPUSyncDelay);
  std::uint64_t onChip = bytes / 4;
  auto overLinks = std::uint64_t(
      std::ceil(double(bytes) / (p.ipuLinkBytesPerSecond / p.clockHz)));
  CHECK(c.exchange == p.exchangeLatencyCycles + std::max(onChip, overLinks));
  // Within one IPU of the two, the sync stays internal.
  CHECK(model.exchange({{{4, 0, 5, 0, 4}}, false, "local"}).sync ==
        p.internalSyncCycles);
}

TEST_CASE("Host transfers cost a sync, PCIe latency and bandwidth",
          "[runtime][cycles]") {
  poplar::Target target = poplar::Target::createIPUTarget("ipu2");
  const TargetParams &p = targetParams(target);
  sim::CycleModel model(p);
  sim::StepCycles c = model.hostTransfer(32000);
  auto bandwidth = std::uint64_t(
      std::ceil(32000.0 / (p.hostLinkBytesPerSecond / p.clockHz)));
  CHECK(c.host == p.hostTransferLatencyCycles + bandwidth);
  CHECK(c.sync == p.externalSyncCycles + p.maxIPUSyncDelay);
  CHECK(c.exchange == 0);
  CHECK(model.hostTransfer(0).host == p.hostTransferLatencyCycles);
}

TEST_CASE("Control flow and syncs cost the target's sync cycles",
          "[runtime][cycles]") {
  poplar::Target one = poplar::Target::createIPUTarget(1, 4, "ipu2");
  poplar::Target two = poplar::Target::createIPUTarget(2, 4, "ipu2");
  const TargetParams &p = targetParams(one);
  sim::CycleModel single(p), pair(targetParams(two));
  CHECK(single.controlBroadcast().sync == p.internalSyncCycles);
  const TargetParams &q = targetParams(two);
  CHECK(pair.controlBroadcast().sync ==
        q.externalSyncCycles + q.maxIPUSyncDelay);
  CHECK(pair.sync(poplar::SyncType::GLOBAL).sync ==
        q.globalSyncCycles + q.maxIPUSyncDelay);
  CHECK(single.sync(poplar::SyncType::INTERNAL).sync == p.internalSyncCycles);
  CHECK(single.sync(poplar::SyncType::EXTERNAL).sync == p.externalSyncCycles);
  CHECK(single.sync(poplar::SyncType::GLOBAL).sync == p.globalSyncCycles);
}

TEST_CASE("The execution profile totals steps by kind", "[runtime][cycles]") {
  sim::ExecutionProfile profile;
  sim::StepCycles a, b;
  a.sync = 30;
  a.exchange = 100;
  b.host = 7;
  profile.record(sim::StepKind::Exchange, a);
  profile.record(sim::StepKind::Exchange, a);
  profile.record(sim::StepKind::StreamToDevice, b);
  CHECK(profile.of(sim::StepKind::Exchange).count == 2);
  CHECK(profile.of(sim::StepKind::Exchange).cycles.exchange == 200);
  CHECK(profile.of(sim::StepKind::StreamToDevice).cycles.host == 7);
  CHECK(profile.cycles().sync == 60);
  CHECK(profile.totalCycles() == 267);
  CHECK(std::string(sim::stepKindName(sim::StepKind::ControlFlow)) ==
        "control flow");
}
