// poputil variable structure: tensors laid out so that each block of a
// partitioning is contiguous, iterating such blocks, and detecting the
// grouping of a tensor's innermost elements.
#ifndef POPUTIL_VARSTRUCTURE_HPP
#define POPUTIL_VARSTRUCTURE_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>

#include <functional>
#include <utility>
#include <vector>

namespace poputil {

/// The size of the contiguous groups of t's innermost dimension that lie on
/// one tile (1 when there is none); rank 0 is a poplibs_error.
unsigned detectInnermostGrouping(const poplar::Graph &graph,
                                 const poplar::Tensor &t);

/// (dimension, grouping) pairs from the innermost grouping outwards.
using GroupingInfo = std::pair<unsigned, unsigned>;
std::vector<GroupingInfo> detectDimGroupings(const poplar::Graph &graph,
                                             const poplar::Tensor &t);

/// An unmapped variable of `shape` in which each partition is one
/// contiguous region, dimension d being cut into nPartitions[d] parts of
/// ceil(shape[d] / nPartitions[d]) indices (the last ones smaller or empty).
poplar::Tensor
createPartitionableTensor(poplar::Graph &graph, const poplar::Type &type,
                          const std::vector<std::size_t> &shape,
                          const std::vector<std::size_t> &nPartitions,
                          const poplar::DebugContext &debugContext = {});

/// Calls f(partition index, slice) for every partition of t, cut as
/// createPartitionableTensor cuts it, the first dimension's index varying
/// fastest.
void iterateTensorPartitions(
    const poplar::Tensor &t, const std::vector<std::size_t> &nPartitions,
    const std::function<void(const std::vector<std::size_t> &i,
                             const poplar::Tensor &s)> &f);

} // namespace poputil

#endif
