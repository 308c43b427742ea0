// Exchange supersteps: direct copies when sources and destinations are
// disjoint, read-all-then-write-all through a staging buffer otherwise.
#include "runtime/sim/ExchangeExecutor.hpp"

#include <algorithm>
#include <cstring>

namespace tessel::sim {

/// Steps smaller than this run on the calling thread: waking the pool would
/// cost more than the copy.
constexpr std::uint64_t kParallelBytes = 256 * 1024;
constexpr std::uint64_t kChunkBytes = 64 * 1024;

ExchangeExecutor::ExchangeExecutor(const exe::ExecutableImage &image,
                                   TileMemory &memory, ThreadPool &pool)
    : image(image), memory(memory), pool(pool) {
  plans.reserve(image.exchanges.size());
  for (const exe::ExchangeStep &step : image.exchanges) {
    Plan plan;
    plan.transfers = step.transfers;
    std::stable_sort(plan.transfers.begin(), plan.transfers.end(),
                     [](const exe::Transfer &a, const exe::Transfer &b) {
                       return a.dstTile < b.dstTile;
                     });
    std::uint64_t inChunk = 0;
    plan.chunkStarts.push_back(0);
    for (std::size_t i = 0; i < plan.transfers.size(); ++i) {
      plan.bytes += plan.transfers[i].numBytes;
      inChunk += plan.transfers[i].numBytes;
      if (inChunk >= kChunkBytes && i + 1 < plan.transfers.size()) {
        plan.chunkStarts.push_back(i + 1);
        inChunk = 0;
      }
    }
    plan.chunkStarts.push_back(plan.transfers.size());
    plans.push_back(std::move(plan));
  }
}

void ExchangeExecutor::run(std::uint32_t step) {
  const Plan &plan = plans[step];
  if (image.exchanges[step].sourcesOverlapDestinations)
    runStaged(plan);
  else
    runDirect(plan);
}

void ExchangeExecutor::runDirect(const Plan &plan) {
  auto copyChunk = [&](std::size_t c) {
    for (std::size_t i = plan.chunkStarts[c]; i < plan.chunkStarts[c + 1];
         ++i) {
      const exe::Transfer &t = plan.transfers[i];
      std::memcpy(memory.at(t.dstTile, t.dstAddress, t.numBytes),
                  memory.at(t.srcTile, t.srcAddress, t.numBytes), t.numBytes);
    }
  };
  const std::size_t chunks = plan.chunkStarts.size() - 1;
  if (plan.bytes < kParallelBytes) {
    for (std::size_t c = 0; c < chunks; ++c)
      copyChunk(c);
    return;
  }
  pool.parallelFor(chunks, copyChunk);
}

void ExchangeExecutor::runStaged(const Plan &plan) {
  std::vector<std::uint8_t> staging(plan.bytes);
  std::vector<std::uint64_t> offsets(plan.transfers.size());
  std::uint64_t at = 0;
  for (std::size_t i = 0; i < plan.transfers.size(); ++i) {
    offsets[i] = at;
    at += plan.transfers[i].numBytes;
  }
  for (std::size_t i = 0; i < plan.transfers.size(); ++i) {
    const exe::Transfer &t = plan.transfers[i];
    std::memcpy(&staging[offsets[i]],
                memory.at(t.srcTile, t.srcAddress, t.numBytes), t.numBytes);
  }
  for (std::size_t i = 0; i < plan.transfers.size(); ++i) {
    const exe::Transfer &t = plan.transfers[i];
    std::memcpy(memory.at(t.dstTile, t.dstAddress, t.numBytes),
                &staging[offsets[i]], t.numBytes);
  }
}

} // namespace tessel::sim
