// The cycle model's numbers for known steps, from the target parameters.
#include "runtime/sim/CycleModel.hpp"
#include "runtime/sim/ExecutionProfile.hpp"

#include <poplar/Target.hpp>
#include <tessel/CostModel.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

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

TEST_CASE("The public cost model charges what the simulator charges",
          "[runtime][cycles]") {
  poplar::Target target = poplar::Target::createIPUTarget(1, 8, "ipu2");
  const TargetParams &p = targetParams(target);
  sim::CycleModel model(p);
  CostModel costs(target);
  // The worked example above from its busiest figures: 500 bytes moved by
  // tile 5, 80 copied on tile 3.
  CHECK(costs.exchangeCycles(500, 80) == 195); // 10 + 30 + 30 + 125
  CHECK(costs.exchangeCycles(0, 80) == 10);
  CHECK(costs.numWorkerContexts() == p.workerContexts);
  sim::TileSchedule schedule = model.tileSchedule();
  schedule.addWorkerCycles(3, 105);
  CHECK(costs.tileCycles(105) == schedule.cycles());
  CHECK(costs.computeSetCycles(630) == model.computeSet(630).total());
  CHECK(costs.computeSetCycles(630) == 630 + p.internalSyncCycles);
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

TEST_CASE("Remote buffer copies cost streaming-memory latency and bandwidth "
          "after an external sync",
          "[runtime][cycles]") {
  poplar::Target target = poplar::Target::createIPUTarget("ipu2");
  TargetParams p = targetParams(target);
  p.streamingMemoryBytesPerSecond = p.clockHz * 2; // 2 bytes per cycle
  p.streamingMemoryLatencyCycles = 500;
  sim::CycleModel model(p);
  sim::StepCycles c = model.streamingMemoryTransfer(1001);
  CHECK(c.host == 500 + 501);
  CHECK(c.sync == p.externalSyncCycles + p.maxIPUSyncDelay);
  CHECK(c.exchange == 0);
  CHECK(c.compute == 0);
  CHECK(model.streamingMemoryTransfer(0).host == 500);
  const TargetParams &defaults = targetParams(target);
  CHECK(defaults.streamingMemoryBytesPerSecond ==
        defaults.hostLinkBytesPerSecond);
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

TEST_CASE("A tile's vertices fill the least loaded worker first",
          "[runtime][cycles][compute]") {
  poplar::Target target = poplar::Target::createIPUTarget(1, 4, "ipu2");
  const TargetParams &p = targetParams(target);
  REQUIRE(p.workerContexts == 6);
  sim::CycleModel model(p);
  // The worked example of docs/cycle-model.md: Vertex cycles 10, 20, ...,
  // 80, a MultiVertex of 5 per worker, then a SupervisorVertex of 100.
  sim::TileSchedule s = model.tileSchedule();
  std::vector<unsigned> workers;
  for (std::uint64_t c = 10; c <= 80; c += 10) {
    workers.push_back(s.leastLoadedWorker());
    s.addWorkerCycles(workers.back(), c);
  }
  CHECK(workers == std::vector<unsigned>{0, 1, 2, 3, 4, 5, 0, 1});
  for (unsigned w = 0; w < 6; ++w)
    s.addWorkerCycles(w, 5);
  s.addSupervisorCycles(100);
  CHECK(s.workerLoad(0) == 10 + 70 + 5);
  CHECK(s.workerLoad(1) == 20 + 80 + 5);
  CHECK(s.workerLoad(5) == 60 + 5);
  CHECK(s.cycles() == 6 * 105 + 100);
  sim::StepCycles c = model.computeSet(s.cycles());
  CHECK(c.compute == 730);
  CHECK(c.sync == 30);
  CHECK(c.exchange == 0);
  CHECK(c.total() == 760);
}

TEST_CASE("Ties go to the lowest worker; empty tiles cost nothing",
          "[runtime][cycles][compute]") {
  sim::TileSchedule s(6);
  CHECK(s.cycles() == 0);
  s.addWorkerCycles(0, 7);
  s.addWorkerCycles(2, 3);
  CHECK(s.leastLoadedWorker() == 1);
  s.addWorkerCycles(1, 3);
  CHECK(s.leastLoadedWorker() == 3);
  CHECK(s.cycles() == 42);
  // Fewer contexts than a MultiVertex's six workers: worker w runs on
  // context w mod 4.
  sim::TileSchedule four(4);
  for (unsigned w = 0; w < 6; ++w)
    four.addWorkerCycles(w, 10);
  CHECK(four.workerLoad(1) == 20);
  CHECK(four.workerLoad(2) == 10);
  CHECK(four.cycles() == 80);
}

TEST_CASE("A compute set on several IPUs ends with an external sync",
          "[runtime][cycles][compute]") {
  poplar::Target two = poplar::Target::createIPUTarget(2, 4, "ipu2");
  const TargetParams &q = targetParams(two);
  sim::CycleModel model(q);
  sim::StepCycles c = model.computeSet(600);
  CHECK(c.compute == 600);
  CHECK(c.sync == q.externalSyncCycles + q.maxIPUSyncDelay);
}

TEST_CASE("The profile totals compute steps by compute set",
          "[runtime][cycles][compute]") {
  sim::ExecutionProfile profile;
  sim::StepCycles a;
  a.compute = 600;
  a.sync = 30;
  profile.recordComputeSet(2, a);
  profile.recordComputeSet(2, a);
  profile.recordComputeSet(0, a);
  CHECK(profile.of(sim::StepKind::Compute).count == 3);
  CHECK(profile.of(sim::StepKind::Compute).cycles.compute == 1800);
  REQUIRE(profile.computeSets.size() == 3);
  CHECK(profile.computeSets[2].count == 2);
  CHECK(profile.computeSets[2].cycles.total() == 1260);
  CHECK(profile.computeSets[1].count == 0);
  CHECK(std::string(sim::stepKindName(sim::StepKind::Compute)) == "compute");
}

TEST_CASE("A host function call costs a host transfer each way",
          "[runtime][cycles][hostfn]") {
  poplar::Target target = poplar::Target::createIPUTarget("ipu2");
  TargetParams p = targetParams(target);
  p.hostLinkBytesPerSecond = p.clockHz * 4; // 4 bytes per cycle
  p.hostTransferLatencyCycles = 300;
  sim::CycleModel model(p);
  sim::StepCycles c = model.hostFunctionCall(40, 9);
  CHECK(c.host == (300 + 10) + (300 + 3));
  CHECK(c.sync == 2 * (p.externalSyncCycles + p.maxIPUSyncDelay));
  CHECK(c.sync == model.hostTransfer(40).sync + model.hostTransfer(9).sync);
  CHECK(c.exchange == 0);
  CHECK(c.compute == 0);
  // No arguments still costs the round trip's latency.
  CHECK(model.hostFunctionCall(0, 0).host == 600);
}
