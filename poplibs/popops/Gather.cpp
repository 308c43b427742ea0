// popops::gather on multiSlice: the index vectors become the rows of an
// offsets tensor, the indexed dimensions of the input are sliced at them,
// and the result's dimensions are reshaped and shuffled into XLA's order.
#include <popops/DynamicSlice.hpp>
#include <popops/Gather.hpp>

#include "DynamicSliceInternal.hpp"
#include "OperationPlacement.hpp"

#include <poputil/exceptions.hpp>

#include <algorithm>

using namespace poplar;
using namespace poplar::program;
using namespace popops::detail;

namespace popops {

namespace {

void checkIndicesType(const Tensor &indices, const std::string &name) {
  if (indices.elementType() != UNSIGNED_INT)
    throw poputil::poplibs_error(name +
                                 ": the indices must be of type "
                                 "unsigned int, not " +
                                 indices.elementType().toString());
}

std::vector<std::size_t> asSizes(const std::vector<unsigned> &v) {
  return std::vector<std::size_t>(v.begin(), v.end());
}

bool contains(const std::vector<std::size_t> &v, std::size_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

struct GatherArgs {
  std::size_t indexVectorDim;
  const std::vector<std::size_t> &offsetDims, &sliceSizes, &collapsedSliceDims;
  std::vector<std::size_t> startIndexMap;
};

void checkGatherArgs(const Tensor &input, const Tensor &indices,
                     const GatherArgs &a, const std::string &name) {
  checkIndicesType(indices, name);
  const auto fail = [&](const std::string &what) {
    throw poputil::poplibs_error(name + ": " + what);
  };
  if (a.sliceSizes.size() != input.rank())
    fail("sliceSizes " + listString(a.sliceSizes) +
         " must have one size per dimension of the input of shape " +
         input.shapeToString());
  for (std::size_t d = 0; d < input.rank(); ++d)
    if (a.sliceSizes[d] > input.dim(d))
      fail("slice size " + std::to_string(a.sliceSizes[d]) +
           " does not fit dimension " + std::to_string(d) +
           " of the input of shape " + input.shapeToString());
  if (a.indexVectorDim > indices.rank())
    fail("indexVectorDim " + std::to_string(a.indexVectorDim) +
         " is past the last dimension of indices of shape " +
         indices.shapeToString());
  const std::size_t vectorSize =
      a.indexVectorDim == indices.rank() ? 1 : indices.dim(a.indexVectorDim);
  if (vectorSize != a.startIndexMap.size())
    fail("index vectors of " + std::to_string(vectorSize) +
         " elements need a startIndexMap of that many dimensions, not " +
         listString(a.startIndexMap));
  if (a.startIndexMap.empty())
    fail("at least one input dimension must be indexed (startIndexMap is "
         "empty)");
  for (std::size_t d : a.startIndexMap) {
    if (d >= input.rank() ||
        std::count(a.startIndexMap.begin(), a.startIndexMap.end(), d) > 1)
      fail("startIndexMap " + listString(a.startIndexMap) +
           " must name distinct dimensions of the input of shape " +
           input.shapeToString());
    if (a.sliceSizes[d] != 1)
      fail("dimension " + std::to_string(d) +
           " is indexed, so its slice size must be 1, not " +
           std::to_string(a.sliceSizes[d]));
  }
  for (std::size_t d : a.collapsedSliceDims)
    if (d >= input.rank() || a.sliceSizes[d] != 1)
      fail("collapsed dimension " + std::to_string(d) +
           " must be a dimension of the input sliced 1 wide");
  if (a.offsetDims.size() + a.collapsedSliceDims.size() != input.rank())
    fail("offsetDims " + listString(a.offsetDims) +
         " must name one result "
         "dimension per uncollapsed input dimension (" +
         std::to_string(input.rank() - a.collapsedSliceDims.size()) + ")");
}

/// The result's permutation: offset dimensions at offsetDims (in order),
/// batch dimensions elsewhere (in order).
std::vector<unsigned> outputPermutation(std::size_t batchRank,
                                        const std::vector<std::size_t> &offsets,
                                        const std::string &name) {
  const std::size_t rank = batchRank + offsets.size();
  std::vector<unsigned> perm;
  unsigned nextBatch = 0, nextOffset = unsigned(batchRank);
  for (std::size_t o = 0; o < rank; ++o)
    perm.push_back(contains(offsets, o) ? nextOffset++ : nextBatch++);
  for (std::size_t o : offsets)
    if (o >= rank)
      throw poputil::poplibs_error(
          name + ": offset dimension " + std::to_string(o) +
          " is past the last dimension of a result of rank " +
          std::to_string(rank));
  return perm;
}

} // namespace

Tensor createGatherInput(Graph &graph, const Type &type,
                         const std::vector<std::size_t> &operandShape,
                         unsigned axis, GatherParams,
                         const DebugContext &debugContext) {
  return createSliceableTensor(graph, type, operandShape, {axis}, {1}, 0,
                               debugContext);
}

Tensor gather(Graph &graph, const Tensor &input, const Tensor &indices,
              unsigned axis, Sequence &prog, GatherParams,
              const DebugContext &debugContext) {
  const std::string name = operationName(debugContext, "popops::gather");
  checkIndicesType(indices, name);
  if (axis >= input.rank())
    throw poputil::poplibs_error(name + ": axis " + std::to_string(axis) +
                                 " does not exist in an input of shape " +
                                 input.shapeToString());
  Tensor slices = multiSlice(graph, input, indices.flatten(), {axis}, {1}, prog,
                             SlicePlan(), {}, debugContext);
  return slices.squeeze({axis + 1}).dimRoll(0, axis);
}

Tensor createGatherInput(Graph &graph, const Type &type,
                         const std::vector<std::size_t> &inputShape,
                         const std::vector<std::size_t> &sliceSizes,
                         std::vector<unsigned> startIndexMap,
                         const DebugContext &debugContext) {
  const std::vector<std::size_t> dims = asSizes(startIndexMap);
  std::vector<std::size_t> sizes;
  for (std::size_t d : dims)
    sizes.push_back(d < sliceSizes.size() ? sliceSizes[d] : 1);
  return createSliceableTensor(graph, type, inputShape, dims, sizes, 0,
                               debugContext);
}

Tensor gather(Graph &graph, const Tensor &input, const Tensor &indices,
              std::size_t indexVectorDim,
              const std::vector<std::size_t> &offsetDims,
              const std::vector<std::size_t> &sliceSizes,
              const std::vector<std::size_t> &collapsedSliceDims,
              const std::vector<unsigned> &startIndexMap, Sequence &prog,
              const DebugContext &debugContext) {
  const std::string name = operationName(debugContext, "popops::gather");
  const GatherArgs args{indexVectorDim, offsetDims, sliceSizes,
                        collapsedSliceDims, asSizes(startIndexMap)};
  checkGatherArgs(input, indices, args, name);
  // Index vectors as rows: [batch..., vector] then [batch, vector].
  Tensor vectors = indexVectorDim == indices.rank()
                       ? indices.expand({indices.rank()})
                       : indices.dimRoll(unsigned(indexVectorDim),
                                         unsigned(indices.rank() - 1));
  std::vector<std::size_t> batchShape = vectors.shape();
  batchShape.pop_back();
  std::size_t batch = 1;
  for (std::size_t d : batchShape)
    batch *= d;
  vectors = vectors.reshape({batch, startIndexMap.size()});
  // Dimensions not indexed are sliced from 0.
  Tensor sliced = input;
  for (std::size_t d = 0; d < input.rank(); ++d)
    if (!contains(args.startIndexMap, d))
      sliced = sliced.slice(0, sliceSizes[d], unsigned(d));
  Tensor result = multiSlice(graph, sliced, vectors, args.startIndexMap,
                             std::vector<std::size_t>(startIndexMap.size(), 1),
                             prog, SlicePlan(), {}, debugContext);
  std::vector<std::size_t> squeezed;
  for (std::size_t d : collapsedSliceDims)
    squeezed.push_back(d + 1);
  std::sort(squeezed.begin(), squeezed.end());
  result = result.squeeze(squeezed);
  std::vector<std::size_t> shape = batchShape;
  const std::vector<std::size_t> sliceShape = result.shape();
  shape.insert(shape.end(), sliceShape.begin() + 1, sliceShape.end());
  result = result.reshape(shape);
  return result.dimShuffle(
      outputPermutation(batchShape.size(), offsetDims, name));
}

} // namespace popops
