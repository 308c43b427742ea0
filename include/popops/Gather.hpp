// popops gather: slices of a tensor at many run-time offsets stitched into
// one tensor, along one axis or in the general form of XLA's gather.
#ifndef popops_Gather_hpp
#define popops_Gather_hpp

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

#include <cstddef>
#include <vector>

namespace popops {

/// Parameters of the single-axis gather.
struct GatherParams {
  /// A suggested bound on the elements of the gather placed on one tile.
  std::size_t maxElementsPerTile = 65535;

  GatherParams() = default;
  GatherParams(std::size_t maxElementsPerTile_)
      : maxElementsPerTile(maxElementsPerTile_) {}
};

/// A tensor of `operandShape` laid out to be gathered from along `axis`.
poplar::Tensor createGatherInput(poplar::Graph &graph, const poplar::Type &type,
                                 const std::vector<std::size_t> &operandShape,
                                 unsigned axis, GatherParams params = {},
                                 const poplar::DebugContext &debugContext = {});

/// The slices of `input` at positions `indices` (UNSIGNED_INT, any shape,
/// taken in row-major order) along `axis`: the result is input's shape
/// with indices.numElements() along `axis`. An index past the end gives a
/// slice of zeros.
poplar::Tensor gather(poplar::Graph &graph, const poplar::Tensor &input,
                      const poplar::Tensor &indices, unsigned axis,
                      poplar::program::Sequence &prog, GatherParams params,
                      const poplar::DebugContext &debugContext = {});

/// A tensor of `inputShape` laid out for gather() with these sliceSizes
/// and startIndexMap.
poplar::Tensor createGatherInput(poplar::Graph &graph, const poplar::Type &type,
                                 const std::vector<std::size_t> &inputShape,
                                 const std::vector<std::size_t> &sliceSizes,
                                 std::vector<unsigned> startIndexMap,
                                 const poplar::DebugContext &debugContext = {});

/// XLA's gather: for each index vector of `indices` (along indexVectorDim,
/// or scalars when indexVectorDim == indices.rank()), the slice of
/// sliceSizes starting at that vector (its entry j along input dimension
/// startIndexMap[j], 0 along the others), with collapsedSliceDims (of size
/// 1) dropped; the slice's dimensions go to offsetDims of the result and
/// the indices' other dimensions fill the rest in order. Dimensions named
/// by startIndexMap must be sliced 1 wide. An index vector with an entry
/// past the end gives a slice of zeros.
poplar::Tensor gather(poplar::Graph &graph, const poplar::Tensor &input,
                      const poplar::Tensor &indices, std::size_t indexVectorDim,
                      const std::vector<std::size_t> &offsetDims,
                      const std::vector<std::size_t> &sliceSizes,
                      const std::vector<std::size_t> &collapsedSliceDims,
                      const std::vector<unsigned> &startIndexMap,
                      poplar::program::Sequence &prog,
                      const poplar::DebugContext &debugContext = {});

} // namespace popops

#endif // popops_Gather_hpp
