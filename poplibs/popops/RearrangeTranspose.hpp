// Internal pieces of popops::rearrange shared by the transposition and the
// regrouping code: which types can be transposed, and where blocks live.
#ifndef TESSEL_POPLIBS_POPOPS_REARRANGETRANSPOSE_HPP
#define TESSEL_POPLIBS_POPOPS_REARRANGETRANSPOSE_HPP

#include <poplar/Graph.hpp>
#include <poplar/Tensor.hpp>

#include <cstddef>

namespace popops::rearrange::detail {

/// Whether the transposition vertices move elements of `type` (2 or 4
/// bytes).
bool isTransposable(const poplar::Graph &graph, const poplar::Type &type);

/// A mapping for a new tensor of `blocks` blocks of `blockSize` elements:
/// block m on the tile holding element m * `sourceStride` of the flattened
/// `source`, or on tile 0 when that element is unmapped.
poplar::Graph::TileToTensorMapping blockMapping(const poplar::Graph &graph,
                                                const poplar::Tensor &source,
                                                std::size_t blocks,
                                                std::size_t sourceStride,
                                                std::size_t blockSize);

} // namespace popops::rearrange::detail

#endif
