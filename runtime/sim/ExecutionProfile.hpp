// What a simulated device did: cycles by phase, and how many steps of each
// kind ran with the cycles they took, and the same for each compute set.
// Filled by the program executor.
#ifndef TESSEL_RUNTIME_SIM_EXECUTIONPROFILE_HPP
#define TESSEL_RUNTIME_SIM_EXECUTIONPROFILE_HPP

#include "runtime/sim/CycleModel.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace tessel::sim {

/// The kinds of step the profile counts separately.
enum class StepKind : std::uint8_t {
  Compute,          // a compute set (its vertices, then a sync)
  Exchange,         // an exchange superstep (with its on-tile copies)
  StreamToDevice,   // a host-to-device stream copy
  StreamFromDevice, // a device-to-host stream copy
  PrintTensor,      // a tensor sent to the host for printing
  ControlFlow,      // a predicate or switch value broadcast to every tile
  Sync,             // an explicit program::Sync
  RemoteBufferCopy, // rows between streaming memory and tiles
  HostFunctionCall, // arguments to the host, a callback, results back
};
inline constexpr std::size_t kNumStepKinds = 9;

/// "exchange", "stream to device", ... as the profile summary prints them.
const char *stepKindName(StepKind kind);

struct StepTotals {
  std::uint64_t count = 0;
  StepCycles cycles;
};

/// One step as it ran. `index` is the compute set, exchange step, stream or
/// print the step ran (0 for control flow; the SyncType for a sync); a
/// compute step's tiles are tileCycles[firstTile, firstTile + numTiles).
struct TraceStep {
  StepKind kind = StepKind::Compute;
  std::uint32_t index = 0;
  StepCycles cycles;
  std::size_t firstTile = 0, numTiles = 0;
};

struct ExecutionProfile {
  /// The trace keeps the first kMaxTraceSteps steps and kMaxTraceTiles
  /// tile entries; later steps only count in the totals.
  static constexpr std::size_t kMaxTraceSteps = std::size_t(1) << 18;
  static constexpr std::size_t kMaxTraceTiles = std::size_t(1) << 21;

  std::array<StepTotals, kNumStepKinds> steps{};
  /// The Compute steps by compute set (the image's index); sets that never
  /// ran, and those past the last one that did, count nothing.
  std::vector<StepTotals> computeSets;
  /// Runs started while profiling was on, however they ended.
  std::uint64_t runs = 0;
  /// Every step in the order it ran (see kMaxTraceSteps).
  std::vector<TraceStep> trace;
  /// (tile, compute cycles) of the trace's compute steps.
  std::vector<std::pair<std::uint32_t, std::uint64_t>> tileCycles;
  /// Steps that ran after the trace was full.
  std::uint64_t stepsNotTraced = 0;

  void record(StepKind kind, const StepCycles &cycles, std::uint32_t index = 0);
  /// Records a Compute step of compute set `computeSet` and the cycles of
  /// each of its tiles.
  void recordComputeSet(
      std::uint32_t computeSet, const StepCycles &cycles,
      const std::vector<std::pair<std::uint32_t, std::uint64_t>> &tiles = {});
  const StepTotals &of(StepKind kind) const { return steps[std::size_t(kind)]; }
  /// Cycles of every step, by phase.
  StepCycles cycles() const;
  std::uint64_t totalCycles() const { return cycles().total(); }
};

} // namespace tessel::sim

#endif
