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
#include <vector>

namespace tessel::sim {

/// Cycles of one step, split by where the device spends them.
struct StepCycles {
  std::uint64_t compute = 0;  // on-tile work: vertices, copies within a tile
  std::uint64_t sync = 0;     // waiting for every tile (or IPU) to arrive
  std::uint64_t exchange = 0; // moving bytes between tiles and IPUs
  std::uint64_t host = 0;     // moving bytes over the host link (PCIe)
  std::uint64_t total() const { return compute + sync + exchange + host; }
  StepCycles &operator+=(const StepCycles &o);
};

/// One tile's share of a compute set: its vertices spread over the worker
/// contexts in the image's order. A Vertex goes to the worker with the least
/// load so far (the lowest id on a tie), compute(w) of a MultiVertex to
/// worker w, and a SupervisorVertex holds the whole tile. Loads are in
/// worker cycles: instructions, each issued on the worker's turn.
class TileSchedule {
public:
  explicit TileSchedule(unsigned numWorkers);

  /// The worker the next Vertex runs on.
  unsigned leastLoadedWorker() const;
  void addWorkerCycles(unsigned worker, std::uint64_t cycles);
  void addSupervisorCycles(std::uint64_t cycles);
  std::uint64_t workerLoad(unsigned worker) const { return load[worker]; }
  unsigned numWorkers() const { return unsigned(load.size()); }
  /// The tile's compute cycles: the workers share one pipeline round-robin,
  /// so numWorkers x the busiest worker's load, plus the supervisor's
  /// cycles, which run with every worker idle.
  std::uint64_t cycles() const;

private:
  std::vector<std::uint64_t> load;
  std::uint64_t supervisor = 0;
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
  /// The same formula from the busiest figures alone (what planners know
  /// before there is an image): the most bytes one tile copies on-tile, the
  /// most one tile sends or receives, the most one IPU moves over IPU-Links;
  /// `leavesTiles` says whether any byte crosses between tiles.
  StepCycles exchange(std::uint64_t mostBytesCopiedOnTile,
                      std::uint64_t mostBytesOneTileMoves,
                      std::uint64_t mostBytesOneIPUMoves, bool crossesIPUs,
                      bool leavesTiles) const;
  /// A host stream copy (or PrintTensor) of `bytes`: an external sync (plus
  /// maxIPUSyncDelay), then
  /// hostTransferLatencyCycles + ceil(bytes / host-link bytes per cycle).
  StepCycles hostTransfer(std::uint64_t bytes) const;
  /// A remote buffer copy of `bytes` between streaming memory and tile
  /// memory: an external sync (plus maxIPUSyncDelay), then
  /// streamingMemoryLatencyCycles + ceil(bytes / streaming-memory bytes per
  /// cycle), counted as host-link time.
  StepCycles streamingMemoryTransfer(std::uint64_t bytes) const;
  /// A host function call: a host round trip, the `inputBytes` sent to the
  /// host and the `outputBytes` sent back, each charged as hostTransfer
  /// (the host's own time is not the device's).
  StepCycles hostFunctionCall(std::uint64_t inputBytes,
                              std::uint64_t outputBytes) const;
  /// Broadcasting a predicate or switch value to every tile: one sync,
  /// internal on one IPU and external across several.
  StepCycles controlBroadcast() const;
  /// An explicit program::Sync: internal, external or global sync cycles,
  /// the last two plus maxIPUSyncDelay.
  StepCycles sync(poplar::SyncType type) const;
  /// A compute set whose busiest tile takes `busiestTileCycles`
  /// (TileSchedule::cycles): that many compute cycles, then one sync of the
  /// device (internal on one IPU, external plus maxIPUSyncDelay on several).
  StepCycles computeSet(std::uint64_t busiestTileCycles) const;
  /// A TileSchedule for this target's worker contexts.
  TileSchedule tileSchedule() const;

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
