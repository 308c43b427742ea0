// Accumulating and naming execution profile entries.
#include "runtime/sim/ExecutionProfile.hpp"

namespace tessel::sim {

const char *stepKindName(StepKind kind) {
  switch (kind) {
  case StepKind::Compute:
    return "compute";
  case StepKind::Exchange:
    return "exchange";
  case StepKind::StreamToDevice:
    return "stream to device";
  case StepKind::StreamFromDevice:
    return "stream from device";
  case StepKind::PrintTensor:
    return "print tensor";
  case StepKind::ControlFlow:
    return "control flow";
  case StepKind::Sync:
    return "sync";
  case StepKind::RemoteBufferCopy:
    return "remote buffer copy";
  case StepKind::HostFunctionCall:
    return "host function call";
  }
  return "unknown";
}

void ExecutionProfile::record(StepKind kind, const StepCycles &cycles,
                              std::uint32_t index) {
  StepTotals &t = steps[std::size_t(kind)];
  ++t.count;
  t.cycles += cycles;
  if (trace.size() < kMaxTraceSteps)
    trace.push_back({kind, index, cycles, tileCycles.size(), 0});
  else
    ++stepsNotTraced;
}

void ExecutionProfile::recordComputeSet(
    std::uint32_t computeSet, const StepCycles &cycles,
    const std::vector<std::pair<std::uint32_t, std::uint64_t>> &tiles) {
  std::size_t traced = trace.size();
  record(StepKind::Compute, cycles, computeSet);
  if (trace.size() > traced &&
      tileCycles.size() + tiles.size() <= kMaxTraceTiles) {
    tileCycles.insert(tileCycles.end(), tiles.begin(), tiles.end());
    trace.back().numTiles = tiles.size();
  }
  if (computeSets.size() <= computeSet)
    computeSets.resize(std::size_t(computeSet) + 1);
  ++computeSets[computeSet].count;
  computeSets[computeSet].cycles += cycles;
}

StepCycles ExecutionProfile::cycles() const {
  StepCycles sum;
  for (const StepTotals &t : steps)
    sum += t.cycles;
  return sum;
}

} // namespace tessel::sim
