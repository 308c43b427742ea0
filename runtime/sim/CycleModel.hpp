// THE cycle model: how many tile-clock cycles each kind of step costs. Every
// figure comes from the target's parameters (compiler/core/TargetParameters);
// docs/cycle-model.md states the formulas. Cycle counts are integers
// computed from the image alone, so they never depend on host threads.
#ifndef TESSEL_RUNTIME_SIM_CYCLEMODEL_HPP
#define TESSEL_RUNTIME_SIM_CYCLEMODEL_HPP

#include "compiler/codegen/ExecutableImage.hpp"
#include "compiler/core/TargetParameters.hpp"

#include <poplar/SyncType.hpp>

#include <cstdint>

namespace tessel::sim {

/// Cycles of one step, split by where the device spends them.
struct StepCycles {
  std::uint64_t compute = 0;  // on-tile work: copies within a tile
  std::uint64_t sync = 0;     // waiting for every tile (or IPU) to arrive
  std::uint64_t exchange = 0; // moving bytes between tiles and IPUs
  std::uint64_t host = 0;     // moving bytes over the host link (PCIe)
  std::uint64_t total() const { return compute + sync + exchange + host; }
  StepCycles &operator+=(const StepCycles &o);
};

class CycleModel {
public:
  explicit CycleModel(const TargetParams &params);

  /// A BSP superstep moving these transfers. Compute phase: on-tile copies,
  /// ceil(most bytes copied on one tile / memcpyBytesPerCycle). If any bytes
  /// leave a tile: one sync (internal, or external plus maxIPUSyncDelay if
  /// any transfer crosses IPUs), then
  /// the exchange phase, exchangeLatencyCycles + the slower of
  /// ceil(most bytes one tile sends or receives / exchangeBytesPerCycle) and
  /// ceil(most bytes one IPU sends or receives over IPU-Links / link bytes
  /// per cycle).
  StepCycles exchange(const exe::ExchangeStep &step) const;
  /// A host stream copy (or PrintTensor) of `bytes`: an external sync (plus
  /// maxIPUSyncDelay), then
  /// hostTransferLatencyCycles + ceil(bytes / host-link bytes per cycle).
  StepCycles hostTransfer(std::uint64_t bytes) const;
  /// Broadcasting a predicate or switch value to every tile: one sync,
  /// internal on one IPU and external across several.
  StepCycles controlBroadcast() const;
  /// An explicit program::Sync: internal, external or global sync cycles,
  /// the last two plus maxIPUSyncDelay.
  StepCycles sync(poplar::SyncType type) const;

  /// Bytes per tile-clock cycle of the host link and of the IPU-Links.
  double hostBytesPerCycle() const;
  double ipuLinkBytesPerCycle() const;

private:
  /// externalSyncCycles plus the farthest IPU's maxIPUSyncDelay.
  std::uint64_t externalSync() const;
  /// What syncing every tile of the device costs: internal on one IPU.
  std::uint64_t deviceSync() const;

  TargetParams p;
};

} // namespace tessel::sim

#endif
