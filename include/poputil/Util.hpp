// poputil general helpers: region merging and balanced splitting, index
// flattening, tensor duplication and dimension factoring, as in Poplar's
// poputil/Util.hpp.
#ifndef POPUTIL_UTIL_HPP
#define POPUTIL_UTIL_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Device.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Interval.hpp>
#include <poplar/Program.hpp>
#include <poplar/Target.hpp>
#include <poplar/Tensor.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <cassert>
#include <climits>
#include <string>
#include <vector>

namespace poputil {

/// Sorts the regions and joins those that touch; empty regions go.
void mergeAdjacentRegions(std::vector<poplar::Interval> &regions);
void mergeAdjacentRegions(std::vector<std::vector<poplar::Interval>> &mapping);

/// The intervals of every group, one after another.
std::vector<poplar::Interval>
flattenIntervals(const std::vector<std::vector<poplar::Interval>> &intervals);

/// Splits the regions into at most maxPartitions partitions of whole grains,
/// as evenly as possible and using as few partitions as that allows.
std::vector<std::vector<poplar::Interval>>
splitRegions(const std::vector<poplar::Interval> &regions, unsigned grainSize,
             unsigned maxPartitions, unsigned minElementsPerPartition = 0,
             unsigned maxElementsPerPartition = UINT_MAX,
             unsigned maxElementsPerRegion = UINT_MAX);

/// splitRegions with one partition per worker context of the target.
std::vector<std::vector<poplar::Interval>> splitRegionsBetweenWorkers(
    const poplar::Target &target, const std::vector<poplar::Interval> &regions,
    unsigned grainSize, unsigned minElementsPerPartition = 0,
    unsigned maxElementsPerPartition = UINT_MAX,
    unsigned maxElementsPerRegion = UINT_MAX);

/// As above for sequences of regions: each partition is a list of pieces of
/// the sequences, a piece being a list of intervals.
std::vector<std::vector<std::vector<poplar::Interval>>>
splitRegions(const std::vector<std::vector<poplar::Interval>> &regions,
             unsigned grainSize, unsigned maxPartitions,
             unsigned minElementsPerPartition = 0,
             unsigned maxElementsPerPartition = UINT_MAX,
             unsigned maxElementsPerRegion = UINT_MAX);

std::vector<std::vector<std::vector<poplar::Interval>>>
splitRegionsBetweenWorkers(
    const poplar::Target &target,
    const std::vector<std::vector<poplar::Interval>> &regions,
    unsigned grainSize, unsigned minElementsPerPartition = 0,
    unsigned maxElementsPerPartition = UINT_MAX,
    unsigned maxElementsPerRegion = UINT_MAX);

/// The row-major coordinates of flat element `index` of a tensor of `shape`.
template <class T>
std::vector<T> unflattenIndex(const std::vector<T> &shape, std::size_t index) {
  std::size_t numElements = 1;
  for (const T &d : shape)
    numElements *= static_cast<std::size_t>(d);
  if (index >= numElements)
    throw poplibs_error("poputil::unflattenIndex: index " +
                        std::to_string(index) + " is outside a shape of " +
                        std::to_string(numElements) + " elements");
  std::vector<T> coord(shape.size());
  for (std::size_t i = shape.size(); i > 0; --i) {
    coord[i - 1] = static_cast<T>(index % shape[i - 1]);
    index /= shape[i - 1];
  }
  return coord;
}

/// The row-major flat index of the element at `indices`.
template <class T>
std::size_t flattenIndex(const std::vector<T> &shape,
                         const std::vector<T> &indices) {
  if (indices.size() != shape.size())
    throw poplibs_error(
        "poputil::flattenIndex: " + std::to_string(indices.size()) +
        " indices for a shape of rank " + std::to_string(shape.size()));
  std::size_t index = 0;
  for (std::size_t i = 0; i != shape.size(); ++i) {
    if (indices[i] >= shape[i])
      throw poplibs_error("poputil::flattenIndex: index " +
                          std::to_string(indices[i]) + " of dimension " +
                          std::to_string(i) + " is not below its size " +
                          std::to_string(shape[i]));
    index = index * shape[i] + indices[i];
  }
  return index;
}

/// The number of elements in all the sequences of intervals.
std::size_t intervalSequenceNumElements(
    const std::vector<std::vector<poplar::Interval>> &seq);

/// A clone of `in` (same tile mapping) and a Copy into it added to `p`.
poplar::Tensor
duplicate(poplar::Graph &graph, const poplar::Tensor &in,
          poplar::program::Sequence &p,
          const poplar::DebugContext &debugContext = {},
          poplar::TensorCloneMethod method =
              poplar::TensorCloneMethod::PRESERVE_ORDER_UNLESS_ALIASES);

/// N clones of `t` stacked in a new outer dimension: shape [N, ...].
poplar::Tensor
cloneN(poplar::Graph &graph, const poplar::Tensor &t, unsigned N,
       const poplar::DebugContext &debugContext = {},
       poplar::TensorCloneMethod method =
           poplar::TensorCloneMethod::PRESERVE_ORDER_UNLESS_ALIASES);

/// rangeUpperBound split into splitCount sizes differing by at most one, the
/// larger ones first.
std::vector<int> balancedPartition(int rangeUpperBound, int splitCount);

/// `input` rounded to the nearest value a device half holds.
double castToDeviceHalfValue(const poplar::Target &target, double input);

/// Whether casting `input` between FLOAT and HALF keeps its relative error
/// below `tolerance`; other type pairs are a poplibs_error.
bool checkAccuracyWhenCast(const poplar::Target &target, double input,
                           poplar::Type inputType, poplar::Type outputType,
                           double tolerance);

/// Splits each dimension startDim + i into [size / factors[i], factors[i]]
/// and moves the factor parts inside all the split dimensions.
poplar::Tensor factorDims(const poplar::Tensor &t,
                          const std::vector<std::size_t> &factors,
                          unsigned startDim = 0);

/// Undoes factorDims for `numDims` factored dimensions.
poplar::Tensor unfactorDims(const poplar::Tensor &t, unsigned numDims,
                            unsigned startDim = 0);

/// The intervals that, sliced out of concat(t.slices(intervals)) and
/// concatenated, give back t (the intervals must tile one range).
std::vector<poplar::Interval>
calculateUnshufflingIntervals(const std::vector<poplar::Interval> &intervals);

} // namespace poputil

#endif
