// poplin convolution: operation counts and the cycles a convolution would
// take at the accumulating matrix product units' peak rate, and the planning
// cache convolutions and matrix products share. (Tensor creation and the
// convolution programs are not there yet.)
#ifndef POPLIN_CONVOLUTION_HPP
#define POPLIN_CONVOLUTION_HPP

#include <poplar/Graph.hpp>
#include <poplin/ConvParams.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace poplin {

class PlanningCacheImpl;

/// Remembers the plans chosen for convolution and matrix-product shapes, so
/// planning the same shape again (for another layer, or the backward pass)
/// is free. One cache may serve any number of graphs and targets.
class PlanningCache {
public:
  PlanningCache();
  ~PlanningCache();
  PlanningCache(const PlanningCache &) = delete;
  PlanningCache &operator=(const PlanningCache &) = delete;
  /// The number of plans held.
  std::size_t size() const;
  std::unique_ptr<PlanningCacheImpl> impl;
};

/// 2 × the multiply-accumulates of the forward pass that meet a real input
/// element and a real kernel element (padding and dilation zeros, and
/// outputs removed by truncation or stride, do no work). Validates `params`.
uint64_t getFwdFlops(const ConvParams &params);

/// getFwdFlops over the peak rate of all the graph's tiles: each tile's
/// conv units (getNumConvUnits for the input type with FLOAT partials) each
/// take getConvUnitInputLoadElemsPerCycle elements a cycle.
double getFwdPerfectCycleCount(const poplar::Graph &graph,
                               const ConvParams &params);

} // namespace poplin

#endif
