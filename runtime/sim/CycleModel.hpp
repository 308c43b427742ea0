// THE cycle model: how many tile-clock cycles each kind of step costs. Every
// figure comes from the target's parameters (compiler/core/TargetParameters);
// docs/cycle-model.md explains the formulas.
#ifndef TESSEL_RUNTIME_SIM_CYCLEMODEL_HPP
#define TESSEL_RUNTIME_SIM_CYCLEMODEL_HPP

#include "compiler/codegen/ExecutableImage.hpp"
#include "compiler/core/TargetParameters.hpp"

#include <cstdint>

namespace tessel::sim {

/// Cycles of one superstep, split by phase.
struct StepCycles {
  std::uint64_t compute = 0; // on-tile copies
  std::uint64_t sync = 0;
  std::uint64_t exchange = 0; // on-chip and IPU-link transfers
  std::uint64_t total() const { return compute + sync + exchange; }
};

class CycleModel {
public:
  explicit CycleModel(const TargetParams &params) : p(params) {}

  /// A BSP superstep moving these transfers: on-tile copies in the compute
  /// phase (bytes / memcpyBytesPerCycle on the busiest tile), a sync, then
  /// the exchange (bytes / exchangeBytesPerCycle on the busiest tile, sent or
  /// received, plus a fixed latency; transfers between IPUs at the IPU-link
  /// rate and with an external sync).
  StepCycles exchange(const exe::ExchangeStep &step) const;
  /// A host stream copy of `bytes`: PCIe latency plus bytes at the host link
  /// rate, after a sync.
  StepCycles hostTransfer(std::uint64_t bytes) const;
  /// Broadcasting a predicate or control value to every tile.
  StepCycles controlSync() const;

private:
  const TargetParams &p;
};

} // namespace tessel::sim

#endif
