// Exchange supersteps: planning (grouping by destination tile, finding
// overlaps) once per engine, then direct or staged copies on every run.
#include "runtime/sim/ExchangeExecutor.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <type_traits>

namespace tessel::sim {

namespace {

/// Bytes one work item should copy: large enough that handing it to a
/// thread costs little next to the copy.
constexpr std::uint64_t kJobBytes = 64 * 1024;
/// Steps moving fewer bytes run on the calling thread: waking the pool
/// would cost more than the copies.
constexpr std::uint64_t kParallelBytes = 256 * 1024;
/// Element copies of at most this many bytes form gathers, from this many
/// in a row: below that a run's descriptor bytes hardly shrink.
constexpr std::uint32_t kMaxGatherElementBytes = 16;
constexpr std::size_t kMinGatherElements = 4;
/// Jobs gathering fewer elements keep their gathers: sorting would cost
/// more at load than it saves.
constexpr std::size_t kMinScatterElements = 256;

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
  if (memory.numTiles() > 0)
    memoryBase = memory.span(0).data;
  this->steps.reserve(steps.size());
  std::uint64_t stagingBytes = 0;
  for (const exe::ExchangeStep &step : steps) {
    this->steps.push_back(resolve(planExchange(step, kJobBytes)));
    if (this->steps.back().staged)
      stagingBytes = std::max(stagingBytes, this->steps.back().totalBytes);
  }
  staging.resize(stagingBytes);
}

ExchangeExecutor::ResolvedStep
ExchangeExecutor::resolve(const ExchangePlan &plan) {
  ResolvedStep step;
  step.totalBytes = plan.totalBytes;
  step.staged = plan.staged;
  step.copies.reserve(plan.transfers.size());
  step.jobStarts.push_back(0);
  std::size_t nextJob = 1;
  for (std::size_t i = 0; i < plan.transfers.size(); ++i) {
    const bool jobStartsHere =
        nextJob + 1 < plan.jobStarts.size() && plan.jobStarts[nextJob] == i;
    if (jobStartsHere) {
      step.jobStarts.push_back(step.copies.size());
      ++nextJob;
    }
    const exe::Transfer &t = plan.transfers[i];
    if (t.numBytes == 0)
      continue;
    // TileMemory::at throws, naming the tile, if the bytes are not all
    // inside it.
    HostCopy copy{memory.at(t.dstTile, t.dstAddress, t.numBytes),
                  memory.at(t.srcTile, t.srcAddress, t.numBytes), t.numBytes,
                  1};
    // One copy for a transfer that carries on where the previous one in the
    // same job ended, on both sides (its staging bytes follow too).
    if (!jobStartsHere && step.copies.size() > step.jobStarts.back()) {
      HostCopy &last = step.copies.back();
      if (last.dst + last.bytes == copy.dst &&
          last.src + last.bytes == copy.src &&
          std::uint64_t(last.bytes) + copy.bytes <=
              std::numeric_limits<std::uint32_t>::max()) {
        last.bytes += copy.bytes;
        continue;
      }
    }
    step.copies.push_back(copy);
    if (step.staged)
      step.stagingOffsets.push_back(plan.stagingOffsets[i]);
  }
  step.jobStarts.push_back(step.copies.size());
  formGathers(step);
  formScatters(step);
  step.copies.shrink_to_fit();
  return step;
}

void ExchangeExecutor::formGathers(ResolvedStep &step) {
  // Offsets are 32-bit, from the first tile's memory (one mapping).
  const bool offsetsFit =
      memoryBase && std::uint64_t(memory.numTiles()) * memory.bytesPerTile() <=
                        std::numeric_limits<std::uint32_t>::max();
  const bool gathers = offsetsFit && !step.staged;
  std::vector<HostCopy> formed;
  formed.reserve(step.copies.size());
  std::vector<std::size_t> jobStarts{0};
  const std::size_t jobs = step.jobStarts.size() - 1;
  for (std::size_t job = 0; job < jobs; ++job) {
    step.sourceStarts.push_back(step.sources.size());
    const std::size_t end = step.jobStarts[job + 1];
    for (std::size_t i = step.jobStarts[job]; i < end;) {
      const HostCopy &first = step.copies[i];
      std::size_t next = i + 1;
      if (gathers && first.bytes <= kMaxGatherElementBytes)
        while (next < end && step.copies[next].bytes == first.bytes &&
               step.copies[next].dst ==
                   step.copies[next - 1].dst + first.bytes &&
               next - i < std::numeric_limits<std::uint32_t>::max())
          ++next;
      if (next - i >= kMinGatherElements) {
        formed.push_back(
            {first.dst, nullptr, first.bytes, std::uint32_t(next - i)});
        for (std::size_t k = i; k < next; ++k)
          step.sources.push_back(
              std::uint32_t(step.copies[k].src - memoryBase));
      } else {
        formed.insert(formed.end(), step.copies.begin() + i,
                      step.copies.begin() + next);
      }
      i = next;
    }
    jobStarts.push_back(formed.size());
  }
  step.copies = std::move(formed);
  step.jobStarts = std::move(jobStarts);
  step.sources.shrink_to_fit();
}

void ExchangeExecutor::formScatters(ResolvedStep &step) {
  const std::size_t jobs = step.jobStarts.size() - 1;
  step.scatteredStarts.assign(jobs, 0);
  if (step.sources.empty())
    return;
  std::vector<HostCopy> formed;
  formed.reserve(step.copies.size());
  std::vector<std::uint32_t> sources;
  std::vector<std::size_t> jobStarts{0}, sourceStarts;
  std::vector<ByteRange> writes;
  std::vector<std::uint64_t> elements;
  for (std::size_t job = 0; job < jobs; ++job) {
    sourceStarts.push_back(sources.size());
    step.scatteredStarts[job] = step.scattered.size();
    const std::size_t begin = step.jobStarts[job],
                      end = step.jobStarts[job + 1];
    const std::uint32_t *jobSources =
        step.sources.data() + step.sourceStarts[job];
    std::uint32_t elementBytes = 0;
    bool oneSize = true;
    std::size_t gathered = 0;
    writes.clear();
    for (std::size_t i = begin; i < end; ++i) {
      const HostCopy &c = step.copies[i];
      const std::uint64_t at = std::uint64_t(c.dst - memoryBase);
      writes.push_back(
          {at, at + std::uint64_t(c.bytes) * (c.src ? 1 : c.count)});
      if (!c.src) {
        oneSize = oneSize && (!elementBytes || elementBytes == c.bytes);
        elementBytes = c.bytes;
        gathered += c.count;
      }
    }
    std::sort(writes.begin(), writes.end(),
              [](ByteRange a, ByteRange b) { return a.begin < b.begin; });
    bool disjoint = true;
    for (std::size_t i = 1; i < writes.size() && disjoint; ++i)
      disjoint = writes[i].begin >= writes[i - 1].end;
    // Reordering is only invisible when no byte is written twice.
    if (!oneSize || !disjoint || gathered < kMinScatterElements ||
        gathered > std::numeric_limits<std::uint32_t>::max()) {
      std::size_t gatheredHere = 0;
      for (std::size_t i = begin; i < end; ++i) {
        formed.push_back(step.copies[i]);
        if (!step.copies[i].src)
          gatheredHere += step.copies[i].count;
      }
      sources.insert(sources.end(), jobSources, jobSources + gatheredHere);
      jobStarts.push_back(formed.size());
      continue;
    }
    // Source offset above destination offset: sorting the keys orders the
    // elements by source, deterministically (destinations are distinct).
    elements.clear();
    for (std::size_t i = begin; i < end; ++i) {
      const HostCopy &c = step.copies[i];
      if (c.src) {
        formed.push_back(c);
        continue;
      }
      const std::uint32_t dst = std::uint32_t(c.dst - memoryBase);
      for (std::uint32_t k = 0; k < c.count; ++k)
        elements.push_back(std::uint64_t(jobSources[k]) << 32 |
                           (dst + k * c.bytes));
      jobSources += c.count;
    }
    std::sort(elements.begin(), elements.end());
    for (std::uint64_t e : elements)
      step.scattered.push_back({std::uint32_t(e >> 32), std::uint32_t(e)});
    formed.push_back(
        {nullptr, nullptr, elementBytes, std::uint32_t(elements.size())});
    jobStarts.push_back(formed.size());
  }
  step.copies = std::move(formed);
  step.jobStarts = std::move(jobStarts);
  step.sources = std::move(sources);
  step.sourceStarts = std::move(sourceStarts);
  step.sources.shrink_to_fit();
  step.scattered.shrink_to_fit();
}

std::size_t ExchangeExecutor::numScatters(std::uint32_t step) const {
  const std::vector<HostCopy> &copies = steps.at(step).copies;
  return std::size_t(
      std::count_if(copies.begin(), copies.end(),
                    [](const HostCopy &c) { return !c.src && !c.dst; }));
}

std::size_t ExchangeExecutor::numGathers(std::uint32_t step) const {
  const std::vector<HostCopy> &copies = steps.at(step).copies;
  return std::size_t(
      std::count_if(copies.begin(), copies.end(),
                    [](const HostCopy &c) { return !c.src && c.dst; }));
}

namespace {

/// Calls `move(size)` with `bytes` as a compile-time constant for the sizes
/// element transfers have, so the compiler turns each memcpy into a move,
/// and as the run-time value otherwise. Plain copies, gathers and scatters
/// all go through it.
template <typename Move>
inline void withElementSize(std::uint32_t bytes, Move &&move) {
  switch (bytes) {
  case 1:
    return move(std::integral_constant<std::uint32_t, 1>());
  case 2:
    return move(std::integral_constant<std::uint32_t, 2>());
  case 4:
    return move(std::integral_constant<std::uint32_t, 4>());
  case 8:
    return move(std::integral_constant<std::uint32_t, 8>());
  default:
    return move(bytes);
  }
}

inline void copyBytes(std::uint8_t *dst, const std::uint8_t *src,
                      std::uint32_t bytes) {
  withElementSize(bytes, [&](auto size) { std::memcpy(dst, src, size); });
}

void gather(const HostCopy &c, const std::uint8_t *base,
            const std::uint32_t *sources) {
  withElementSize(c.bytes, [&](auto size) {
    for (std::uint32_t k = 0; k < c.count; ++k)
      std::memcpy(c.dst + std::size_t(k) * size, base + sources[k], size);
  });
}

void scatter(const HostCopy &c, std::uint8_t *base,
             const ScatteredElement *elements) {
  withElementSize(c.bytes, [&](auto size) {
    for (std::uint32_t k = 0; k < c.count; ++k)
      std::memcpy(base + elements[k].dst, base + elements[k].src, size);
  });
}

} // namespace

void ExchangeExecutor::copyJob(const ResolvedStep &step, std::size_t job) {
  // Plain copies are safe: planExchange stages any step where a source
  // overlaps a destination.
  const std::uint32_t *sources = step.sources.data() + step.sourceStarts[job];
  const ScatteredElement *scattered =
      step.scattered.data() + step.scatteredStarts[job];
  for (std::size_t i = step.jobStarts[job]; i < step.jobStarts[job + 1]; ++i) {
    const HostCopy &c = step.copies[i];
    if (c.src) {
      copyBytes(c.dst, c.src, c.bytes);
    } else if (c.dst) {
      gather(c, memoryBase, sources);
      sources += c.count;
    } else {
      scatter(c, memoryBase, scattered);
      scattered += c.count;
    }
  }
}

void ExchangeExecutor::stageJob(const ResolvedStep &step, std::size_t job) {
  for (std::size_t i = step.jobStarts[job]; i < step.jobStarts[job + 1]; ++i) {
    const HostCopy &c = step.copies[i];
    copyBytes(staging.data() + step.stagingOffsets[i], c.src, c.bytes);
  }
}

void ExchangeExecutor::unstageJob(const ResolvedStep &step, std::size_t job) {
  for (std::size_t i = step.jobStarts[job]; i < step.jobStarts[job + 1]; ++i) {
    const HostCopy &c = step.copies[i];
    copyBytes(c.dst, staging.data() + step.stagingOffsets[i], c.bytes);
  }
}

void ExchangeExecutor::forEachJob(
    const ResolvedStep &step,
    void (ExchangeExecutor::*work)(const ResolvedStep &, std::size_t)) {
  const std::size_t jobs = step.jobStarts.size() - 1;
  if (step.totalBytes < kParallelBytes) {
    for (std::size_t j = 0; j < jobs; ++j)
      (this->*work)(step, j);
    return;
  }
  pool.parallelFor(jobs, [&](std::size_t j) { (this->*work)(step, j); });
}

void ExchangeExecutor::run(std::uint32_t step) {
  const ResolvedStep &copies = steps.at(step);
  if (!copies.staged) {
    forEachJob(copies, &ExchangeExecutor::copyJob);
    return;
  }
  // Every source is read before any destination is written: the BSP
  // exchange moves the values all tiles held at the end of the compute
  // phase.
  forEachJob(copies, &ExchangeExecutor::stageJob);
  forEachJob(copies, &ExchangeExecutor::unstageJob);
}

} // namespace tessel::sim
