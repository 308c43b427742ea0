// Exchange supersteps: planning (grouping by destination tile, finding
// overlaps) once per engine, then direct or staged copies on every run.
#include "runtime/sim/ExchangeExecutor.hpp"

#include <algorithm>
#include <cstring>
#include <map>

namespace tessel::sim {

namespace {

/// Bytes one work item should copy: large enough that handing it to a
/// thread costs little next to the copy.
constexpr std::uint64_t kJobBytes = 64 * 1024;
/// Steps moving fewer bytes run on the calling thread: waking the pool
/// would cost more than the copies.
constexpr std::uint64_t kParallelBytes = 256 * 1024;

struct ByteRange {
  std::uint64_t begin, end;
};

/// Sorted, merged destination ranges of each tile.
std::map<std::uint32_t, std::vector<ByteRange>>
writtenRanges(const std::vector<exe::Transfer> &transfers) {
  std::map<std::uint32_t, std::vector<ByteRange>> ranges;
  for (const exe::Transfer &t : transfers)
    if (t.numBytes)
      ranges[t.dstTile].push_back(
          {t.dstAddress, std::uint64_t(t.dstAddress) + t.numBytes});
  for (auto &[tile, list] : ranges) {
    std::sort(list.begin(), list.end(),
              [](ByteRange a, ByteRange b) { return a.begin < b.begin; });
    std::vector<ByteRange> merged;
    for (ByteRange r : list) {
      if (!merged.empty() && r.begin <= merged.back().end)
        merged.back().end = std::max(merged.back().end, r.end);
      else
        merged.push_back(r);
    }
    list = std::move(merged);
  }
  return ranges;
}

bool intersects(const std::vector<ByteRange> &sorted, ByteRange r) {
  // The first merged range ending after r.begin is the only candidate.
  auto it = std::upper_bound(
      sorted.begin(), sorted.end(), r.begin,
      [](std::uint64_t at, const ByteRange &x) { return at < x.end; });
  return it != sorted.end() && it->begin < r.end;
}

} // namespace

bool sourcesOverlapDestinations(const std::vector<exe::Transfer> &transfers) {
  auto written = writtenRanges(transfers);
  for (const exe::Transfer &t : transfers) {
    auto tile = written.find(t.srcTile);
    if (t.numBytes && tile != written.end() &&
        intersects(tile->second,
                   {t.srcAddress, std::uint64_t(t.srcAddress) + t.numBytes}))
      return true;
  }
  return false;
}

ExchangePlan planExchange(const exe::ExchangeStep &step,
                          std::uint64_t targetJobBytes) {
  ExchangePlan plan;
  plan.transfers = step.transfers;
  std::stable_sort(plan.transfers.begin(), plan.transfers.end(),
                   [](const exe::Transfer &a, const exe::Transfer &b) {
                     return a.dstTile < b.dstTile;
                   });
  plan.stagingOffsets.reserve(plan.transfers.size());
  plan.jobStarts.push_back(0);
  std::uint64_t inJob = 0;
  for (std::size_t i = 0; i < plan.transfers.size(); ++i) {
    const exe::Transfer &t = plan.transfers[i];
    bool newTile = i > 0 && t.dstTile != plan.transfers[i - 1].dstTile;
    if (newTile && inJob >= targetJobBytes) {
      plan.jobStarts.push_back(i);
      inJob = 0;
    }
    plan.stagingOffsets.push_back(plan.totalBytes);
    plan.totalBytes += t.numBytes;
    inJob += t.numBytes;
  }
  plan.jobStarts.push_back(plan.transfers.size());
  plan.staged = step.sourcesOverlapDestinations ||
                sourcesOverlapDestinations(plan.transfers);
  return plan;
}

ExchangeExecutor::ExchangeExecutor(const std::vector<exe::ExchangeStep> &steps,
                                   TileMemory &memory, ThreadPool &pool)
    : memory(memory), pool(pool) {
  plans.reserve(steps.size());
  std::uint64_t stagingBytes = 0;
  for (const exe::ExchangeStep &step : steps) {
    plans.push_back(planExchange(step, kJobBytes));
    if (plans.back().staged)
      stagingBytes = std::max(stagingBytes, plans.back().totalBytes);
  }
  staging.resize(stagingBytes);
}

void ExchangeExecutor::copyJob(const ExchangePlan &plan, std::size_t job) {
  for (std::size_t i = plan.jobStarts[job]; i < plan.jobStarts[job + 1]; ++i) {
    const exe::Transfer &t = plan.transfers[i];
    // Plain copies are safe: planExchange stages any step where a source
    // overlaps a destination.
    std::memcpy(memory.at(t.dstTile, t.dstAddress, t.numBytes),
                memory.at(t.srcTile, t.srcAddress, t.numBytes), t.numBytes);
  }
}

void ExchangeExecutor::stageJob(const ExchangePlan &plan, std::size_t job) {
  for (std::size_t i = plan.jobStarts[job]; i < plan.jobStarts[job + 1]; ++i) {
    const exe::Transfer &t = plan.transfers[i];
    std::memcpy(staging.data() + plan.stagingOffsets[i],
                memory.at(t.srcTile, t.srcAddress, t.numBytes), t.numBytes);
  }
}

void ExchangeExecutor::unstageJob(const ExchangePlan &plan, std::size_t job) {
  for (std::size_t i = plan.jobStarts[job]; i < plan.jobStarts[job + 1]; ++i) {
    const exe::Transfer &t = plan.transfers[i];
    std::memcpy(memory.at(t.dstTile, t.dstAddress, t.numBytes),
                staging.data() + plan.stagingOffsets[i], t.numBytes);
  }
}

void ExchangeExecutor::forEachJob(
    const ExchangePlan &plan,
    void (ExchangeExecutor::*work)(const ExchangePlan &, std::size_t)) {
  const std::size_t jobs = plan.jobStarts.size() - 1;
  if (plan.totalBytes < kParallelBytes) {
    for (std::size_t j = 0; j < jobs; ++j)
      (this->*work)(plan, j);
    return;
  }
  pool.parallelFor(jobs, [&](std::size_t j) { (this->*work)(plan, j); });
}

void ExchangeExecutor::run(std::uint32_t step) {
  const ExchangePlan &plan = plans.at(step);
  if (!plan.staged) {
    forEachJob(plan, &ExchangeExecutor::copyJob);
    return;
  }
  // Every source is read before any destination is written: the BSP
  // exchange moves the values all tiles held at the end of the compute
  // phase.
  forEachJob(plan, &ExchangeExecutor::stageJob);
  forEachJob(plan, &ExchangeExecutor::unstageJob);
}

} // namespace tessel::sim
