// popops::rearrange: changing how a tensor's elements are grouped in tile
// memory (which dimension's consecutive elements sit side by side), through
// copies and blockwise transpositions on the tiles where the data lives.
#ifndef POPOPS_REARRANGE_HPP
#define POPOPS_REARRANGE_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>
#include <poplar/Type.hpp>
#include <poputil/VarStructure.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace popops {
namespace rearrange {

/// Whether transpositions of numRows x numColumns matrices of `type` suit
/// the grain of the transposition vertices (every shape is transposed
/// correctly; this tells whether it is the fast case).
bool canUseFastTranspose(const poplar::Target &target, const poplar::Type &type,
                         unsigned numRows, unsigned numColumns,
                         unsigned numTranspositions);

/// Adds to `cs` vertices transposing rows x cols matrices of `dType`:
/// getInOut(i) gives transposition i's input and output (each flattened to
/// rows * cols elements); `mapping` gives, per tile, the intervals of
/// transposition indices whose vertices run there.
void addTransposeVertices(
    poplar::Graph &graph, const poplar::ComputeSet &cs,
    const poplar::Type &dType, unsigned rows, unsigned cols,
    const poplar::Graph::TileToTensorMapping &mapping,
    std::function<std::pair<const poplar::Tensor, const poplar::Tensor>(size_t)>
        getInOut,
    const poplar::DebugContext &debugContext = {});

/// A new tensor holding `in` with its two innermost dimensions transposed,
/// each matrix written on the tile holding the first element of its input,
/// by vertices added to `cs`.
poplar::Tensor partialTranspose(poplar::Graph &graph, const poplar::Tensor &in,
                                const poplar::ComputeSet &cs,
                                const poplar::DebugContext &debugContext = {});

/// The smallest group size worth regrouping for `type`: 8 bytes of it.
unsigned getMinimumRegroupGrainSize(const poplar::Type &type);

/// A new tensor with `t`'s values whose memory has the grouping `to`, given
/// that `t` has the grouping `from`: copies go to `copies` and the
/// transpositions into `transposeCS`, which the caller then executes. A
/// tensor of rank 0 or 1 is returned as it is.
/// @{
poplar::Tensor regroupTensor(poplar::Graph &graph, const poplar::Tensor &t,
                             poplar::program::Sequence &copies,
                             const poplar::ComputeSet &transposeCS,
                             const poputil::GroupingInfo &from,
                             const poputil::GroupingInfo &to,
                             const poplar::DebugContext &debugContext = {});

poplar::Tensor regroupTensor(poplar::Graph &graph, const poplar::Tensor &t,
                             std::vector<poplar::program::Copy> &copies,
                             const poplar::ComputeSet &transposeCS,
                             const poputil::GroupingInfo &from,
                             const poputil::GroupingInfo &to,
                             const poplar::DebugContext &debugContext = {});
/// @}

/// `t` regrouped to `to` from its detected innermost grouping, with the
/// work added to `prog`; `t` itself when it already has that grouping, its
/// grouping is too small to transpose, or `to` does not fit its shape.
poplar::Tensor regroupIfPossible(poplar::Graph &graph, const poplar::Tensor &t,
                                 poplar::program::Sequence &prog,
                                 const poputil::GroupingInfo &to,
                                 const poplar::DebugContext &debugContext = {});

/// `in` regrouped to the grouping of `ref` (same shape) when both groupings
/// are large enough to transpose and they differ; else `in` itself.
/// @{
poplar::Tensor
regroupIfBeneficial(poplar::Graph &graph, const poplar::Tensor &in,
                    const poplar::Tensor &ref, poplar::program::Sequence &prog,
                    const poplar::DebugContext &debugContext = {});

poplar::Tensor
regroupIfBeneficial(poplar::Graph &graph, const poplar::Tensor &in,
                    const poplar::Tensor &ref,
                    std::vector<poplar::program::Copy> &preTranspose,
                    poplar::ComputeSet transposeCS,
                    const poplar::DebugContext &debugContext = {});
/// @}

/// `in` regrouped so that its innermost dimension is grouped by
/// `preferredGrouping` (which must divide it) when that is worth it.
poplar::Tensor
regroupIfBeneficial(poplar::Graph &graph, const poplar::Tensor &in,
                    std::size_t preferredGrouping,
                    poplar::program::Sequence &prog,
                    const poplar::DebugContext &debugContext = {});

} // namespace rearrange
} // namespace popops

#endif
