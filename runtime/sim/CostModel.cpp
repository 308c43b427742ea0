// tessel::CostModel: the public face of CycleModel for planners.
#include <tessel/CostModel.hpp>

#include "runtime/sim/CycleModel.hpp"

namespace tessel {

CostModel::CostModel(const poplar::Target &target)
    : model(std::make_unique<sim::CycleModel>(targetParams(target))) {}

CostModel::CostModel(const CostModel &o)
    : model(std::make_unique<sim::CycleModel>(*o.model)) {}

CostModel &CostModel::operator=(const CostModel &o) {
  *model = *o.model;
  return *this;
}

CostModel::~CostModel() = default;

unsigned CostModel::numWorkerContexts() const {
  return model->tileSchedule().numWorkers();
}

std::uint64_t CostModel::tileCycles(std::uint64_t busiestWorkerCycles) const {
  sim::TileSchedule schedule = model->tileSchedule();
  schedule.addWorkerCycles(0, busiestWorkerCycles);
  return schedule.cycles();
}

std::uint64_t
CostModel::computeSetCycles(std::uint64_t busiestTileCycles) const {
  return model->computeSet(busiestTileCycles).total();
}

std::uint64_t
CostModel::exchangeCycles(std::uint64_t mostBytesOneTileMoves,
                          std::uint64_t mostBytesCopiedOnTile) const {
  return model
      ->exchange(mostBytesCopiedOnTile, mostBytesOneTileMoves, 0, false,
                 mostBytesOneTileMoves != 0)
      .total();
}

} // namespace tessel
