// popops top-k: the k largest or smallest elements of each innermost slice
// of a tensor, optionally with the values or indices that go with them.
// NaN counts as larger than every number; equal elements are taken, and
// ordered, first to last.
#ifndef POPOPS_TOPK_HPP
#define POPOPS_TOPK_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>
#include <popops/SortOrder.hpp>

#include <cstddef>
#include <ostream>
#include <utility>
#include <vector>

namespace popops {

/// What a top-k operation selects and how it orders the result.
struct TopKParams {
  /// How many elements to select from each innermost slice (at most its
  /// size).
  unsigned k;
  /// The k largest elements when true, else the k smallest.
  bool largest;
  /// The order of the k selected elements.
  SortOrder sortOrder;
  /// Equal elements keep their input order (Tessel's top-k is always
  /// stable; the flag is kept for compatibility).
  bool stableSort;

  TopKParams(unsigned k, bool largest, SortOrder sortOrder,
             bool stableSort = false) noexcept;
};

std::ostream &operator<<(std::ostream &os, const TopKParams &p);

/// A new tensor of `shape` laid out for topK: each innermost slice whole on
/// one tile, slices spread over the tiles.
poplar::Tensor createTopKInput(poplar::Graph &graph, const poplar::Type &type,
                               const std::vector<std::size_t> &shape,
                               const TopKParams &params,
                               const poplar::DebugContext &debugContext = {});

/// The params.k largest (or smallest) elements of each innermost slice of
/// `t` (FLOAT, HALF, INT or UNSIGNED_INT), as a tensor of t's shape with the
/// innermost dimension k.
poplar::Tensor topK(poplar::Graph &graph, poplar::program::Sequence &prog,
                    const poplar::Tensor &t, const TopKParams &params,
                    const poplar::DebugContext &debugContext = {});

/// The top k of `keys`, and the elements of `values` (same shape, any type
/// of 1, 2 or 4 bytes) at the same positions.
std::pair<poplar::Tensor, poplar::Tensor>
topKKeyValue(poplar::Graph &graph, poplar::program::Sequence &prog,
             const poplar::Tensor &keys, const poplar::Tensor &values,
             const TopKParams &params,
             const poplar::DebugContext &debugContext = {});

/// The top k of `t`, and their UNSIGNED_INT indices in the innermost
/// dimension of `t`.
std::pair<poplar::Tensor, poplar::Tensor>
topKWithPermutation(poplar::Graph &graph, poplar::program::Sequence &prog,
                    const poplar::Tensor &t, const TopKParams &params,
                    const poplar::DebugContext &debugContext = {});

} // namespace popops

#endif
