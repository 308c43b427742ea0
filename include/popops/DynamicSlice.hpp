// popops dynamic slicing: slices and updates of a tensor at offsets held in
// a device tensor (UNSIGNED_INT) and read when the program runs, single
// (dynamicSlice, dynamicUpdate) or many at once (multiSlice, multiUpdate,
// multiUpdateAdd, multiUpdateMax), and the functions that create tensors
// laid out for them.
#ifndef popops_DynamicSlice_hpp
#define popops_DynamicSlice_hpp

#include <poplar/ArrayRef.hpp>
#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/OptionFlags.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace popops {

class SlicePlanInternal;

/// How a slice or update is to be carried out. A default-constructed plan
/// leaves the choice to the operation; embedding::plan() records the sizes
/// an embedding will be used with. Results never depend on the plan.
class SlicePlan {
public:
  SlicePlan();
  ~SlicePlan();
  SlicePlan(const SlicePlan &other);
  SlicePlan(SlicePlan &&other);
  SlicePlan &operator=(const SlicePlan &other);
  SlicePlan &operator=(SlicePlan &&other);

  friend std::ostream &operator<<(std::ostream &o, const SlicePlan &p);
  friend bool operator<(const SlicePlan &a, const SlicePlan &b) noexcept;
  friend bool operator==(const SlicePlan &a, const SlicePlan &b) noexcept;

  SlicePlan(std::unique_ptr<SlicePlanInternal> internal);
  SlicePlanInternal &getImpl() const { return *internal; }

private:
  std::unique_ptr<SlicePlanInternal> internal;
};
bool operator<(const SlicePlan &a, const SlicePlan &b) noexcept;
bool operator==(const SlicePlan &a, const SlicePlan &b) noexcept;
bool operator!=(const SlicePlan &a, const SlicePlan &b) noexcept;

/// A tensor of `shape` laid out so that slices of `sizes` elements along
/// `dims` are taken on every tile at once: the other dimensions are split
/// over the tiles (at least minGrainSize elements of a slice per tile) and
/// every position along the sliced dimensions is kept with them.
poplar::Tensor createSliceableTensor(
    poplar::Graph &graph, const poplar::Type &type,
    const std::vector<size_t> &shape, const std::vector<size_t> &dims,
    const std::vector<size_t> &sizes, std::size_t minGrainSize = 0,
    const poplar::DebugContext &debugContext = {});

/// As above, for the operations `plan` describes.
poplar::Tensor
createSliceableTensor(poplar::Graph &graph, const poplar::Type &type,
                      const std::vector<size_t> &shape,
                      const std::vector<size_t> &dims,
                      const std::vector<size_t> &sizes, const SlicePlan &plan,
                      const poplar::OptionFlags &options,
                      const poplar::DebugContext &debugContext = {});

/// groupSize sliceable tensors of `shape` (as createSliceableTensor makes
/// them) stacked in a new outer group dimension.
poplar::Tensor createGroupedSliceableTensor(
    poplar::Graph &graph, const poplar::Type &type, const std::size_t groupSize,
    const std::vector<std::size_t> &shape, const std::vector<std::size_t> &dims,
    const std::vector<std::size_t> &sizes, const SlicePlan &plan,
    const poplar::OptionFlags &options,
    const poplar::DebugContext &debugContext = {});

/// A tensor of shape [numIndices, slice shape...] to slice `t` into or
/// update it from: each slice is laid out as `t`'s first slice is.
poplar::Tensor createSliceTensor(poplar::Graph &graph, const poplar::Tensor &t,
                                 const std::vector<size_t> &dims,
                                 const std::vector<size_t> &sizes,
                                 std::size_t numIndices,
                                 const poplar::DebugContext &debugContext = {});

/// A tensor of shape [numIndices, shape with `sizes` along `dims`] laid out
/// to match a tensor made by createSliceableTensor with the same arguments.
poplar::Tensor createSliceTensor(poplar::Graph &graph, const poplar::Type &type,
                                 const std::vector<std::size_t> &shape,
                                 const std::vector<std::size_t> &dims,
                                 const std::vector<std::size_t> &sizes,
                                 std::size_t numIndices, const SlicePlan &plan,
                                 const poplar::OptionFlags &options,
                                 const poplar::DebugContext &debugContext = {});

/// createSliceTensor's result for each of groupSize groups, of shape
/// [groupSize, numIndices, slice shape...].
poplar::Tensor createGroupedSliceTensor(
    poplar::Graph &graph, const poplar::Type &type, const std::size_t groupSize,
    const std::vector<std::size_t> &shape, const std::vector<std::size_t> &dims,
    const std::vector<std::size_t> &sizes, const std::size_t numIndices,
    const SlicePlan &plan, const poplar::OptionFlags &options,
    const poplar::DebugContext &debugContext = {});

/// An UNSIGNED_INT tensor of shape [numIndices, dims.size()] for the
/// offsets of multiSlice and the multiUpdate functions.
poplar::Tensor
createIndicesTensor(poplar::Graph &graph, const std::vector<std::size_t> &dims,
                    std::size_t numIndices, const SlicePlan &plan,
                    const poplar::OptionFlags &options,
                    const poplar::DebugContext &debugContext = {});

/// An UNSIGNED_INT tensor of shape [groupSize, numIndices, dims.size()].
poplar::Tensor
createGroupedIndicesTensor(poplar::Graph &graph, const std::size_t groupSize,
                           const std::vector<std::size_t> &dims,
                           const std::size_t numIndices, const SlicePlan &plan,
                           const poplar::OptionFlags &options,
                           const poplar::DebugContext &debugContext = {});

/// A tensor whose dimensions `dims` are numSlices[i] times those of `s`,
/// every slice of it laid out on the tiles as `s` is.
poplar::Tensor
createSliceableTensorFromSlice(poplar::Graph &graph, const poplar::Tensor &s,
                               const std::vector<std::size_t> &dims,
                               const std::vector<std::size_t> &numSlices,
                               const poplar::DebugContext &debugContext = {});

/// The elements of `t` from offset[i] for sizes[i] elements along each
/// dimension dims[i] (the other dimensions whole), read when `prog` runs.
/// `offset` is a 1-D UNSIGNED_INT tensor of dims.size() elements. A slice
/// reaching past the end of a dimension wraps round to its start. An
/// offset past the end gives zeros, or reads from 0 with option
/// `remapOutOfBoundIndices` = true.
poplar::Tensor dynamicSlice(poplar::Graph &graph, const poplar::Tensor &t,
                            const poplar::Tensor &offset,
                            const std::vector<std::size_t> &dims,
                            const std::vector<std::size_t> &sizes,
                            poplar::program::Sequence &prog,
                            const poplar::DebugContext &debugContext = {},
                            const poplar::OptionFlags &options = {});

/// dynamicSlice writing into `output` (of the slice's shape and t's type).
void dynamicSliceWithOutput(poplar::Graph &graph, const poplar::Tensor &output,
                            const poplar::Tensor &t,
                            const poplar::Tensor &offset,
                            const std::vector<std::size_t> &dims,
                            const std::vector<std::size_t> &sizes,
                            poplar::program::Sequence &prog,
                            const poplar::DebugContext &debugContext = {},
                            const poplar::OptionFlags &options = {});

/// Where dynamicSlice puts the slice of `t`: every tile that holds part of
/// t's first slice holds the same part of the result.
poplar::Graph::TileToTensorMapping
getSliceMapping(poplar::Graph &graph, const poplar::Tensor &t,
                const std::vector<std::size_t> &dims,
                const std::vector<std::size_t> &sizes);

/// Writes `s` into `t` where dynamicSlice with the same arguments reads
/// from. An offset past the end of a dimension changes nothing (or writes
/// at 0 with option `remapOutOfBoundIndices` = true).
void dynamicUpdate(poplar::Graph &graph, const poplar::Tensor &t,
                   const poplar::Tensor &s, const poplar::Tensor &offset,
                   const std::vector<std::size_t> &dims,
                   const std::vector<std::size_t> &sizes,
                   poplar::program::Sequence &prog,
                   const poplar::DebugContext &debugContext = {},
                   const poplar::OptionFlags &options = {});

/// offsets.dim(0) slices of `t`, stacked in a new outer dimension: slice i
/// starts at offsets[i][j] along dims[j]. `offsets` is UNSIGNED_INT of
/// shape [numIndices, dims.size()] (or [numIndices] for one dimension);
/// every size must be 1. A slice whose offset is out of range is zeros
/// (offset 0 with option `remapOutOfBoundIndices` = true). With option
/// `validateIndices` = true (or a plan made with it) the run stops at an
/// out-of-range index instead, except the padding index (the dimension's
/// size) when `paddingIndexUsed` = true. The multiUpdate functions take the
/// same options.
poplar::Tensor multiSlice(poplar::Graph &graph, const poplar::Tensor &t,
                          const poplar::Tensor &offsets,
                          const std::vector<std::size_t> &dims,
                          const std::vector<std::size_t> &sizes,
                          poplar::program::Sequence &prog,
                          const SlicePlan &plan,
                          const poplar::OptionFlags &options,
                          const poplar::DebugContext &debugContext = {});

/// multiSlice of each group: t is [groupSize, ...], offsets [groupSize,
/// numIndices, dims.size()], and dims name dimensions of one group. The
/// result is [groupSize, numIndices, slice shape...].
poplar::Tensor groupedMultiSlice(poplar::Graph &graph, const poplar::Tensor &t,
                                 const poplar::Tensor &offsets,
                                 const std::vector<std::size_t> &dims,
                                 const std::vector<std::size_t> &sizes,
                                 poplar::program::Sequence &prog,
                                 const SlicePlan &plan,
                                 const poplar::OptionFlags &options,
                                 const poplar::DebugContext &debugContext = {});

/// multiSlice at offsets known when the graph is built, along one
/// dimension `dim`; an offset out of range gives a slice of zeros.
poplar::Tensor multiSlice(poplar::Graph &graph, const poplar::Tensor &t,
                          poplar::ArrayRef<unsigned> offsets, std::size_t dim,
                          poplar::program::Sequence &prog,
                          const poplar::DebugContext &debugContext = {},
                          const poplar::OptionFlags &optionFlags = {});

/// Writes slice i of `s` (shaped as multiSlice's result) into `t` at
/// offsets[i], in index order, so a later index naming the same place
/// wins. Out-of-range offsets are ignored.
void multiUpdate(poplar::Graph &graph, const poplar::Tensor &t,
                 const poplar::Tensor &s, const poplar::Tensor &offsets,
                 const std::vector<std::size_t> &dims,
                 const std::vector<std::size_t> &sizes,
                 poplar::program::Sequence &prog, const SlicePlan &plan,
                 const poplar::OptionFlags &options,
                 const poplar::DebugContext &debugContext = {});

/// multiUpdate of each group (shapes as groupedMultiSlice).
void groupedMultiUpdate(poplar::Graph &graph, const poplar::Tensor &t,
                        const poplar::Tensor &s, const poplar::Tensor &offsets,
                        const std::vector<std::size_t> &dims,
                        const std::vector<std::size_t> &sizes,
                        poplar::program::Sequence &prog, const SlicePlan &plan,
                        const poplar::OptionFlags &options,
                        const poplar::DebugContext &debugContext = {});

/// t[offsets[i]] += scale * s[i] for each i in order; out-of-range offsets
/// are ignored. `scale` is a one-element tensor of t's type (FLOAT or HALF
/// for HALF data). Types: FLOAT, HALF, INT, UNSIGNED_INT.
void multiUpdateAdd(poplar::Graph &graph, const poplar::Tensor &t,
                    const poplar::Tensor &s, const poplar::Tensor &offsets,
                    const poplar::Tensor &scale,
                    const std::vector<std::size_t> &dims,
                    const std::vector<std::size_t> &sizes,
                    poplar::program::Sequence &prog, const SlicePlan &plan,
                    const poplar::OptionFlags &options,
                    const poplar::DebugContext &debugContext = {});

/// multiUpdateAdd of each group with one scale for all.
void groupedMultiUpdateAdd(
    poplar::Graph &graph, const poplar::Tensor &t, const poplar::Tensor &s,
    const poplar::Tensor &offsets, const poplar::Tensor &scale,
    const std::vector<std::size_t> &dims, const std::vector<std::size_t> &sizes,
    poplar::program::Sequence &prog, const SlicePlan &plan,
    const poplar::OptionFlags &options,
    const poplar::DebugContext &debugContext = {});

/// multiUpdateAdd at offsets known when the graph is built, along `dim`.
void multiUpdateAdd(poplar::Graph &graph, const poplar::Tensor &t,
                    const poplar::Tensor &s, poplar::ArrayRef<unsigned> offsets,
                    const poplar::Tensor &scale, std::size_t dim,
                    poplar::program::Sequence &prog,
                    const poplar::DebugContext &debugContext = {},
                    const poplar::OptionFlags &optionFlags = {});

/// t[offsets[i]] = max(t[offsets[i]], s[i]) for each i; out-of-range
/// offsets are ignored. Types: FLOAT, HALF, INT, UNSIGNED_INT.
void multiUpdateMax(poplar::Graph &graph, const poplar::Tensor &t,
                    const poplar::Tensor &s, const poplar::Tensor &offsets,
                    const std::vector<std::size_t> &dims,
                    const std::vector<std::size_t> &sizes,
                    poplar::program::Sequence &prog, const SlicePlan &plan,
                    const poplar::OptionFlags &options,
                    const poplar::DebugContext &debugContext = {});

/// multiUpdateMax of each group.
void groupedMultiUpdateMax(
    poplar::Graph &graph, const poplar::Tensor &t, const poplar::Tensor &s,
    const poplar::Tensor &offsets, const std::vector<std::size_t> &dims,
    const std::vector<std::size_t> &sizes, poplar::program::Sequence &prog,
    const SlicePlan &plan, const poplar::OptionFlags &options,
    const poplar::DebugContext &debugContext = {});

namespace embedding {

/// A plan for slicing and updating an embedding matrix of numEntries rows
/// of outputSize elements with numLookups indices at a time. Options:
/// usedForSlice, usedForUpdate (true/false), operationForUpdate
/// (none/add/max), availableMemoryProportion, indicesDistribution
/// (uniform/onePoint), indicesAreSorted, validateIndices, partialType
/// (half/float), planConstraints; an unknown option or a bad value is
/// poplar::invalid_option.
SlicePlan plan(const poplar::Graph &graph, const poplar::Type &dataType,
               const std::size_t numEntries, const std::size_t outputSize,
               const std::vector<std::size_t> &numLookups,
               const poplar::OptionFlags &options);

/// plan() for groupSize independent embeddings.
SlicePlan plan(const poplar::Graph &graph, const poplar::Type &dataType,
               const std::size_t groupSize, const std::size_t numEntries,
               const std::size_t outputSize,
               const std::vector<std::size_t> &numLookups,
               const poplar::OptionFlags &options);

} // namespace embedding

} // namespace popops

#endif // popops_DynamicSlice_hpp
