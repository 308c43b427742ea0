// Runs exchange supersteps on the tile memories. Each step's transfers are
// grouped by destination tile, and each group is copied by one host thread in
// the image's order, so whatever the thread count every destination byte
// receives the same value. Steps whose sources overlap their destinations
// read every source into a staging buffer before writing any destination.
// Transfers are checked against the tile memories and turned into host
// pointers once, when the engine loads, and a transfer that continues the
// previous one on both sides is merged into it, so a run does one copy per
// contiguous run of bytes with no lookups. Element transfers that fill a
// destination one after another from scattered sources (a transpose) become
// a gather: the destination once, then a 4-byte source offset per element,
// a sixth of the descriptor bytes a run must read. A job whose writes are
// all disjoint runs its gathered elements in source order instead (a
// scatter), so a transpose reads each source line once, as a blocked
// transpose would, rather than hopping between tiles' pages per element.
#ifndef TESSEL_RUNTIME_SIM_EXCHANGEEXECUTOR_HPP
#define TESSEL_RUNTIME_SIM_EXCHANGEEXECUTOR_HPP

#include "compiler/codegen/ExecutableImage.hpp"
#include "runtime/sim/ThreadPool.hpp"
#include "runtime/sim/TileMemory.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tessel::sim {

/// How one exchange step is carried out. Depends only on the image, never
/// on the pool size.
struct ExchangePlan {
  /// The step's transfers, stable-sorted by destination tile.
  std::vector<exe::Transfer> transfers;
  /// Offset of each transfer's bytes in the staging buffer.
  std::vector<std::uint64_t> stagingOffsets;
  /// Work items: ranges of `transfers` made of whole destination-tile
  /// groups; jobStarts.back() == transfers.size().
  std::vector<std::size_t> jobStarts;
  std::uint64_t totalBytes = 0;
  /// The image said so, or a source range was found to overlap a
  /// destination range.
  bool staged = false;
};

/// Plans a step; `targetJobBytes` is about how many bytes one work item
/// copies (whole destination tiles are never split).
ExchangePlan planExchange(const exe::ExchangeStep &step,
                          std::uint64_t targetJobBytes);

/// True if some byte read by a transfer of `transfers` is written by one.
bool sourcesOverlapDestinations(const std::vector<exe::Transfer> &transfers);

/// A transfer resolved to host memory: `bytes` bytes from `src` to `dst`.
/// A null `src` makes it a gather instead: `count` elements of `bytes`
/// bytes written one after another from `dst`, read from the tile memory
/// at the job's next `count` source offsets. A null `dst` too makes it a
/// scatter: `count` elements of `bytes` bytes, each moved between the
/// source and destination offsets of the job's next `count` pairs, sorted
/// by source.
struct HostCopy {
  std::uint8_t *dst;
  const std::uint8_t *src;
  std::uint32_t bytes;
  std::uint32_t count;
};

/// One element of a scatter: offsets from the first tile's memory.
struct ScatteredElement {
  std::uint32_t src, dst;
};

class ExchangeExecutor {
public:
  ExchangeExecutor(const std::vector<exe::ExchangeStep> &steps,
                   TileMemory &memory, ThreadPool &pool);

  /// Moves the bytes of exchange step `step`.
  void run(std::uint32_t step);
  /// What run(step) does: its copies (contiguous transfers merged), its
  /// work items, and whether it stages.
  std::size_t numCopies(std::uint32_t step) const {
    return steps.at(step).copies.size();
  }
  /// How many of numCopies(step) are gathers, and the elements they move.
  std::size_t numGathers(std::uint32_t step) const;
  std::size_t numGatheredElements(std::uint32_t step) const {
    return steps.at(step).sources.size();
  }
  /// How many jobs of the step run as one scatter in source order, and the
  /// elements they move.
  std::size_t numScatters(std::uint32_t step) const;
  std::size_t numScatteredElements(std::uint32_t step) const {
    return steps.at(step).scattered.size();
  }
  std::size_t numJobs(std::uint32_t step) const {
    return steps.at(step).jobStarts.size() - 1;
  }
  bool staged(std::uint32_t step) const { return steps.at(step).staged; }

private:
  /// A plan's transfers as host copies, all the executor keeps of it.
  /// jobStarts index `copies` as the plan's index its transfers;
  /// stagingOffsets are per copy, and only for staged steps.
  struct ResolvedStep {
    std::vector<HostCopy> copies;
    std::vector<std::uint64_t> stagingOffsets;
    std::vector<std::size_t> jobStarts;
    /// The gathers' source offsets from the first tile's memory, in copy
    /// order; sourceStarts[job] is the job's first.
    std::vector<std::uint32_t> sources;
    std::vector<std::size_t> sourceStarts;
    /// The scatters' elements, as offsets from the first tile's memory, in
    /// copy order; scatteredStarts[job] is the job's first.
    std::vector<ScatteredElement> scattered;
    std::vector<std::size_t> scatteredStarts;
    std::uint64_t totalBytes = 0;
    bool staged = false;
  };
  ResolvedStep resolve(const ExchangePlan &plan);
  /// Turns runs of element copies with consecutive destinations into
  /// gathers (steps that stage keep their copies).
  void formGathers(ResolvedStep &step);
  /// Turns each job's gathers into one scatter in source order where the
  /// job's writes are disjoint, so their order cannot matter.
  void formScatters(ResolvedStep &step);

  void copyJob(const ResolvedStep &step, std::size_t job);
  void stageJob(const ResolvedStep &step, std::size_t job);
  void unstageJob(const ResolvedStep &step, std::size_t job);
  void forEachJob(const ResolvedStep &step,
                  void (ExchangeExecutor::*work)(const ResolvedStep &,
                                                 std::size_t));

  TileMemory &memory;
  /// The first tile's memory, which gathers' and scatters' offsets start
  /// from.
  std::uint8_t *memoryBase = nullptr;
  ThreadPool &pool;
  std::vector<ResolvedStep> steps;
  std::vector<std::uint8_t> staging;
};

} // namespace tessel::sim

#endif
