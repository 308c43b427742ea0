// poputil::detectDimGroupings: how a tensor's elements are grouped in memory
// (runs of consecutive elements along one dimension that sit side by side
// on one tile), which layout-aware operations such as popops::rearrange use.
#ifndef POPUTIL_VARSTRUCTURE_HPP
#define POPUTIL_VARSTRUCTURE_HPP

#include <poplar/Graph.hpp>
#include <poplar/Tensor.hpp>

#include <utility>
#include <vector>

namespace poputil {

/// A dimension and a group size: every `second` consecutive elements along
/// dimension `first` (starting at multiples of `second`) are adjacent in
/// memory on one tile.
using GroupingInfo = std::pair<unsigned, unsigned>;

/// The groupings of `t`, innermost first. Tessel reports the innermost
/// grouping only: the dimension whose runs are longest (the largest group
/// size that divides it), or nothing when no dimension has runs longer than
/// one element.
std::vector<GroupingInfo> detectDimGroupings(const poplar::Graph &graph,
                                             const poplar::Tensor &t);

/// The group size of t's innermost dimension (1 when it is not grouped).
unsigned detectInnermostGrouping(const poplar::Graph &graph,
                                 const poplar::Tensor &t);

} // namespace poputil

#endif
