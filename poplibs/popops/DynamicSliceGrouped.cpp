// The grouped slicing functions: groupSize independent slicing problems
// stacked in an outer dimension. Tensors are created with the group as one
// more unsliced dimension, so groups spread over the tiles; each group is
// then sliced or updated as its own operation.
#include <popops/DynamicSlice.hpp>

#include "DynamicSliceInternal.hpp"
#include "OperationPlacement.hpp"

#include <poputil/TileMapping.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;
using namespace popops::detail;

namespace popops {

namespace {

std::vector<std::size_t> withGroup(std::size_t groupSize,
                                   std::vector<std::size_t> shape) {
  shape.insert(shape.begin(), groupSize);
  return shape;
}

std::vector<std::size_t> shifted(const std::vector<std::size_t> &dims) {
  std::vector<std::size_t> result;
  for (std::size_t d : dims)
    result.push_back(d + 1);
  return result;
}

/// Checks every operand has the same outer group dimension.
void checkGroups(const std::vector<std::pair<std::string, Tensor>> &operands,
                 const std::string &name) {
  const Tensor &first = operands.front().second;
  for (const auto &[what, t] : operands) {
    if (t.rank() == 0 || t.dim(0) != first.dim(0))
      throw poputil::poplibs_error(
          name + ": the " + what + " of shape " + t.shapeToString() +
          " must have the group dimension of " + operands.front().first + " (" +
          std::to_string(first.rank() ? first.dim(0) : 0) +
          ") as its first dimension");
  }
}

} // namespace

Tensor createGroupedSliceableTensor(
    Graph &graph, const Type &type, const std::size_t groupSize,
    const std::vector<std::size_t> &shape, const std::vector<std::size_t> &dims,
    const std::vector<std::size_t> &sizes, const SlicePlan &plan,
    const OptionFlags &options, const DebugContext &debugContext) {
  return createSliceableTensor(graph, type, withGroup(groupSize, shape),
                               shifted(dims), sizes, plan, options,
                               debugContext);
}

Tensor createGroupedSliceTensor(
    Graph &graph, const Type &type, const std::size_t groupSize,
    const std::vector<std::size_t> &shape, const std::vector<std::size_t> &dims,
    const std::vector<std::size_t> &sizes, const std::size_t numIndices,
    const SlicePlan &plan, const OptionFlags &options,
    const DebugContext &debugContext) {
  return createSliceTensor(graph, type, withGroup(groupSize, shape),
                           shifted(dims), sizes, numIndices, plan, options,
                           debugContext)
      .dimRoll(1, 0);
}

Tensor createGroupedIndicesTensor(Graph &graph, const std::size_t groupSize,
                                  const std::vector<std::size_t> &dims,
                                  const std::size_t numIndices,
                                  const SlicePlan &, const OptionFlags &options,
                                  const DebugContext &debugContext) {
  parseSliceOptions(options, "popops::createGroupedIndicesTensor");
  Tensor indices = graph.addVariable(
      UNSIGNED_INT, {groupSize, numIndices, dims.size()}, debugContext);
  poputil::mapTensorLinearly(graph, indices);
  return indices;
}

Tensor groupedMultiSlice(Graph &graph, const Tensor &t, const Tensor &offsets,
                         const std::vector<std::size_t> &dims,
                         const std::vector<std::size_t> &sizes, Sequence &prog,
                         const SlicePlan &plan, const OptionFlags &options,
                         const DebugContext &debugContext) {
  const std::string name =
      operationName(debugContext, "popops::groupedMultiSlice");
  checkGroups({{"sliced tensor", t}, {"offsets", offsets}}, name);
  std::vector<Tensor> groups;
  for (std::size_t g = 0; g < t.dim(0); ++g)
    groups.push_back(multiSlice(graph, t[g], offsets[g], dims, sizes, prog,
                                plan, options, debugContext)
                         .expand({0}));
  if (groups.empty())
    throw poputil::poplibs_error(name + ": the group dimension is empty");
  return concat(groups);
}

void groupedMultiUpdate(Graph &graph, const Tensor &t, const Tensor &s,
                        const Tensor &offsets,
                        const std::vector<std::size_t> &dims,
                        const std::vector<std::size_t> &sizes, Sequence &prog,
                        const SlicePlan &plan, const OptionFlags &options,
                        const DebugContext &debugContext) {
  checkGroups({{"updated tensor", t}, {"slices", s}, {"offsets", offsets}},
              operationName(debugContext, "popops::groupedMultiUpdate"));
  for (std::size_t g = 0; g < t.dim(0); ++g)
    multiUpdate(graph, t[g], s[g], offsets[g], dims, sizes, prog, plan, options,
                debugContext);
}

void groupedMultiUpdateAdd(Graph &graph, const Tensor &t, const Tensor &s,
                           const Tensor &offsets, const Tensor &scale,
                           const std::vector<std::size_t> &dims,
                           const std::vector<std::size_t> &sizes,
                           Sequence &prog, const SlicePlan &plan,
                           const OptionFlags &options,
                           const DebugContext &debugContext) {
  checkGroups({{"updated tensor", t}, {"slices", s}, {"offsets", offsets}},
              operationName(debugContext, "popops::groupedMultiUpdateAdd"));
  for (std::size_t g = 0; g < t.dim(0); ++g)
    multiUpdateAdd(graph, t[g], s[g], offsets[g], scale, dims, sizes, prog,
                   plan, options, debugContext);
}

void groupedMultiUpdateMax(Graph &graph, const Tensor &t, const Tensor &s,
                           const Tensor &offsets,
                           const std::vector<std::size_t> &dims,
                           const std::vector<std::size_t> &sizes,
                           Sequence &prog, const SlicePlan &plan,
                           const OptionFlags &options,
                           const DebugContext &debugContext) {
  checkGroups({{"updated tensor", t}, {"slices", s}, {"offsets", offsets}},
              operationName(debugContext, "popops::groupedMultiUpdateMax"));
  for (std::size_t g = 0; g < t.dim(0); ++g)
    multiUpdateMax(graph, t[g], s[g], offsets[g], dims, sizes, prog, plan,
                   options, debugContext);
}

} // namespace popops
