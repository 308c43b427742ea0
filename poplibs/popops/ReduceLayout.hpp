// Where the elements of a reduction's row view ([outputs, reduceSize],
// kept dimensions first) live, and tensors of parts of it. The row view of
// a dimension-shuffled input is a view with one run per element, which
// Graph queries walk whole for every call; when the input is one
// contiguous range of a variable, memory order is its own index order, so
// regions and slices are computed from index arithmetic on the input
// instead.
#ifndef TESSEL_POPLIBS_POPOPS_REDUCELAYOUT_HPP
#define TESSEL_POPLIBS_POPOPS_REDUCELAYOUT_HPP

#include "OperationPlacement.hpp"
#include "ReduceStages.hpp"

#include <poplar/Graph.hpp>
#include <poplar/Tensor.hpp>

#include <vector>

namespace popops::detail {

class RowsLayout {
public:
  RowsLayout(const poplar::Graph &graph, const Reduction &r);

  /// The row view's elements by tile in memory order, as regionsByTile
  /// gives them.
  std::vector<TileRegions> regionsByTile() const;

  /// The memory-contiguous elements of rows [firstRow, firstRow + rows) x
  /// blocks [firstBlock, firstBlock + blocks) of the row view, row-major,
  /// or block-major when `columns`.
  poplar::Tensor box(std::size_t firstRow, std::size_t rows,
                     std::size_t firstBlock, std::size_t blocks,
                     bool columns) const;

  /// The row view's elements in `region` (flat intervals), in order.
  poplar::Tensor region(const Region &region) const;

private:
  /// The input's flat index of the row view's flat element `f`.
  std::size_t inputIndexOf(std::size_t f) const;
  Region rowRegionOf(const poplar::Interval &inputInterval) const;

  const poplar::Graph &graph;
  const Reduction &r;
  bool direct = false; // the fast path applies
  poplar::Tensor inFlat;
  std::vector<std::size_t> shape, inStrides, rowStrides, shuffledShape;
};

} // namespace popops::detail

#endif
