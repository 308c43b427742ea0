// tessel::CostModel: the simulator's cycle model as planners see it. A
// library that chooses between ways of running an operation (poplin's
// matrix-product planner) asks it what each step would cost on a target, and
// gets the very cycles the simulator will charge for a step with those
// figures (runtime/sim/CycleModel.cpp; docs/cycle-model.md has the
// formulas). A Tessel extension: Poplar has no such header.
#ifndef TESSEL_COSTMODEL_HPP
#define TESSEL_COSTMODEL_HPP

#include <poplar/Target.hpp>

#include <cstdint>
#include <memory>

namespace tessel {

namespace sim {
class CycleModel;
}

class CostModel {
public:
  explicit CostModel(const poplar::Target &target);
  CostModel(const CostModel &);
  CostModel &operator=(const CostModel &);
  ~CostModel();

  /// Worker contexts per tile: a MultiVertex's compute(w) runs on each.
  unsigned numWorkerContexts() const;
  /// A tile's compute cycles when its busiest worker issues `workerCycles`
  /// instructions: the contexts share one pipeline round-robin.
  std::uint64_t tileCycles(std::uint64_t busiestWorkerCycles) const;
  /// A compute set whose busiest tile takes `busiestTileCycles`, with the
  /// sync that ends it.
  std::uint64_t computeSetCycles(std::uint64_t busiestTileCycles) const;
  /// An exchange superstep in which the busiest tile sends or receives
  /// `mostBytesOneTileMoves` bytes to or from other tiles of its IPU and the
  /// busiest tile copies `mostBytesCopiedOnTile` bytes within itself: its
  /// on-tile copies, sync, latency and transfer cycles.
  std::uint64_t exchangeCycles(std::uint64_t mostBytesOneTileMoves,
                               std::uint64_t mostBytesCopiedOnTile = 0) const;

private:
  std::unique_ptr<sim::CycleModel> model;
};

} // namespace tessel

#endif
