// The cycle model's formulas; parameters only from TargetParams.
#include "runtime/sim/CycleModel.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace tessel::sim {

static std::uint64_t ceilDiv(std::uint64_t a, std::uint64_t b) {
  return (a + b - 1) / b;
}

StepCycles CycleModel::exchange(const exe::ExchangeStep &step) const {
  std::unordered_map<std::uint32_t, std::uint64_t> copied, sent, received;
  std::uint64_t linkBytes = 0;
  for (const exe::Transfer &t : step.transfers) {
    if (t.srcTile == t.dstTile) {
      copied[t.srcTile] += t.numBytes;
      continue;
    }
    sent[t.srcTile] += t.numBytes;
    received[t.dstTile] += t.numBytes;
    if (t.srcTile / p.tilesPerIPU != t.dstTile / p.tilesPerIPU)
      linkBytes += t.numBytes;
  }
  auto busiest = [](const auto &map) {
    std::uint64_t most = 0;
    for (const auto &[tile, bytes] : map)
      most = std::max(most, bytes);
    return most;
  };
  StepCycles c;
  c.compute = ceilDiv(busiest(copied), std::max(1u, p.memcpyBytesPerCycle));
  bool exchanges = !sent.empty();
  if (exchanges) {
    c.sync = linkBytes ? p.externalSyncCycles : p.internalSyncCycles;
    c.exchange = p.exchangeLatencyCycles +
                 ceilDiv(std::max(busiest(sent), busiest(received)),
                         std::max(1u, p.exchangeBytesPerCycle));
    if (linkBytes) {
      double bytesPerCycle = p.ipuLinkBytesPerSecond / p.clockHz;
      c.exchange += std::uint64_t(std::ceil(double(linkBytes) / bytesPerCycle));
    }
  }
  return c;
}

StepCycles CycleModel::hostTransfer(std::uint64_t bytes) const {
  StepCycles c;
  c.sync = p.externalSyncCycles;
  double bytesPerCycle = p.hostLinkBytesPerSecond / p.clockHz;
  c.exchange = p.hostTransferLatencyCycles +
               std::uint64_t(std::ceil(double(bytes) / bytesPerCycle));
  return c;
}

StepCycles CycleModel::controlSync() const {
  StepCycles c;
  c.sync = p.numIPUs > 1 ? p.externalSyncCycles : p.internalSyncCycles;
  return c;
}

} // namespace tessel::sim
