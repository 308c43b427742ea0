// The cycle model's formulas; parameters only from TargetParams.
#include "runtime/sim/CycleModel.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace tessel::sim {

namespace {

std::uint64_t ceilDiv(std::uint64_t bytes, std::uint64_t perCycle) {
  perCycle = std::max<std::uint64_t>(perCycle, 1);
  return (bytes + perCycle - 1) / perCycle;
}

/// ceil(bytes / perCycle) for a rate that need not be whole. Computed once
/// per step in double precision: deterministic for given inputs.
std::uint64_t ceilDiv(std::uint64_t bytes, double perCycle) {
  if (bytes == 0)
    return 0;
  return std::uint64_t(std::ceil(double(bytes) / perCycle));
}

using BytesByKey = std::unordered_map<std::uint32_t, std::uint64_t>;

std::uint64_t largest(const BytesByKey &bytes) {
  std::uint64_t most = 0;
  for (const auto &entry : bytes)
    most = std::max(most, entry.second);
  return most;
}

} // namespace

StepCycles &StepCycles::operator+=(const StepCycles &o) {
  compute += o.compute;
  sync += o.sync;
  exchange += o.exchange;
  host += o.host;
  return *this;
}

TileSchedule::TileSchedule(unsigned numWorkers)
    : load(std::max(numWorkers, 1u), 0) {}

unsigned TileSchedule::leastLoadedWorker() const {
  // min_element keeps the first of equal loads: the lowest worker id.
  return unsigned(std::min_element(load.begin(), load.end()) - load.begin());
}

void TileSchedule::addWorkerCycles(unsigned worker, std::uint64_t cycles) {
  load[worker % load.size()] += cycles;
}

void TileSchedule::addSupervisorCycles(std::uint64_t cycles) {
  supervisor += cycles;
}

std::uint64_t TileSchedule::cycles() const {
  return load.size() * *std::max_element(load.begin(), load.end()) + supervisor;
}

CycleModel::CycleModel(const TargetParams &params) : p(params) {}

TileSchedule CycleModel::tileSchedule() const {
  return TileSchedule(p.workerContexts);
}

StepCycles CycleModel::computeSet(std::uint64_t busiestTileCycles) const {
  StepCycles c;
  c.compute = busiestTileCycles;
  c.sync = deviceSync();
  return c;
}

double CycleModel::hostBytesPerCycle() const {
  return p.hostLinkBytesPerSecond / p.clockHz;
}

double CycleModel::ipuLinkBytesPerCycle() const {
  return p.ipuLinkBytesPerSecond / p.clockHz;
}

std::uint64_t CycleModel::externalSync() const {
  // Every IPU must arrive: the farthest one's extra delay counts.
  return std::uint64_t(p.externalSyncCycles) + p.maxIPUSyncDelay;
}

std::uint64_t CycleModel::deviceSync() const {
  return p.numIPUs > 1 ? externalSync() : p.internalSyncCycles;
}

StepCycles CycleModel::exchange(const exe::ExchangeStep &step) const {
  BytesByKey copied, sent, received, ipuSent, ipuReceived;
  const std::uint32_t tilesPerIPU = std::max(1u, p.tilesPerIPU);
  for (const exe::Transfer &t : step.transfers) {
    if (t.srcTile == t.dstTile) {
      copied[t.srcTile] += t.numBytes;
      continue;
    }
    sent[t.srcTile] += t.numBytes;
    received[t.dstTile] += t.numBytes;
    std::uint32_t srcIPU = t.srcTile / tilesPerIPU;
    std::uint32_t dstIPU = t.dstTile / tilesPerIPU;
    if (srcIPU != dstIPU) {
      ipuSent[srcIPU] += t.numBytes;
      ipuReceived[dstIPU] += t.numBytes;
    }
  }
  return exchange(largest(copied), std::max(largest(sent), largest(received)),
                  std::max(largest(ipuSent), largest(ipuReceived)),
                  !ipuSent.empty(), !sent.empty());
}

StepCycles CycleModel::exchange(std::uint64_t mostBytesCopiedOnTile,
                                std::uint64_t mostBytesOneTileMoves,
                                std::uint64_t mostBytesOneIPUMoves,
                                bool crossesIPUs, bool leavesTiles) const {
  StepCycles c;
  c.compute =
      ceilDiv(mostBytesCopiedOnTile, std::uint64_t(p.memcpyBytesPerCycle));
  if (!leavesTiles)
    return c;
  c.sync = crossesIPUs ? externalSync() : p.internalSyncCycles;
  std::uint64_t onChip =
      ceilDiv(mostBytesOneTileMoves, std::uint64_t(p.exchangeBytesPerCycle));
  std::uint64_t overLinks =
      ceilDiv(mostBytesOneIPUMoves, ipuLinkBytesPerCycle());
  c.exchange = p.exchangeLatencyCycles + std::max(onChip, overLinks);
  return c;
}

StepCycles CycleModel::hostTransfer(std::uint64_t bytes) const {
  StepCycles c;
  c.sync = externalSync();
  c.host = p.hostTransferLatencyCycles + ceilDiv(bytes, hostBytesPerCycle());
  return c;
}

StepCycles CycleModel::streamingMemoryTransfer(std::uint64_t bytes) const {
  StepCycles c;
  c.sync = externalSync();
  c.host = p.streamingMemoryLatencyCycles +
           ceilDiv(bytes, p.streamingMemoryBytesPerSecond / p.clockHz);
  return c;
}

StepCycles CycleModel::hostFunctionCall(std::uint64_t inputBytes,
                                        std::uint64_t outputBytes) const {
  StepCycles to = hostTransfer(inputBytes);
  StepCycles from = hostTransfer(outputBytes);
  StepCycles c;
  c.sync = to.sync + from.sync;
  c.host = to.host + from.host;
  return c;
}

StepCycles CycleModel::controlBroadcast() const {
  StepCycles c;
  c.sync = deviceSync();
  return c;
}

StepCycles CycleModel::sync(poplar::SyncType type) const {
  StepCycles c;
  switch (type) {
  case poplar::SyncType::INTERNAL:
    c.sync = p.internalSyncCycles;
    break;
  case poplar::SyncType::EXTERNAL:
    c.sync = externalSync();
    break;
  case poplar::SyncType::GLOBAL:
    c.sync = std::uint64_t(p.globalSyncCycles) + p.maxIPUSyncDelay;
    break;
  }
  return c;
}

} // namespace tessel::sim
