// Groupings from memory runs: along a dimension d, elements are grouped by g
// when no break in memory (another variable, a gap, another tile) falls
// inside a group, so g is the gcd of d's size and the offsets of all breaks
// in the tensor viewed with d innermost.
#include <poputil/VarStructure.hpp>

#include <numeric>

using namespace poplar;

namespace poputil {

namespace {

/// The gcd of the offsets, in `flat`'s order, where memory runs break.
std::size_t breakGcd(const Graph &graph, const Tensor &flat) {
  std::size_t g = 0, offset = 0;
  const std::vector<VariableInterval> runs = flat.getVarRegions();
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (i != 0 && (runs[i].var != runs[i - 1].var ||
                   runs[i].interval.begin() != runs[i - 1].interval.end()))
      g = std::gcd(g, offset);
    offset += runs[i].interval.size();
  }
  bool complete = true;
  for (const std::vector<Interval> &intervals :
       graph.getTileMapping(flat, &complete))
    for (const Interval &iv : intervals)
      g = std::gcd(g, std::gcd(iv.begin(), iv.end()));
  return g;
}

/// The group size of dimension `dim` of `t`.
std::size_t groupingOf(const Graph &graph, const Tensor &t, unsigned dim) {
  const std::size_t size = t.dim(dim);
  if (size <= 1)
    return size;
  const Tensor flat = t.dimRoll(dim, t.rank() - 1).flatten();
  return std::gcd(size, breakGcd(graph, flat));
}

} // namespace

std::vector<GroupingInfo> detectDimGroupings(const Graph &graph,
                                             const Tensor &t) {
  if (t.numElements() == 0)
    return {};
  GroupingInfo best{0, 1};
  for (unsigned d = t.rank(); d-- > 0;) {
    const std::size_t g = groupingOf(graph, t, d);
    if (g > best.second)
      best = {d, unsigned(g)};
  }
  if (best.second <= 1)
    return {};
  return {best};
}

unsigned detectInnermostGrouping(const Graph &graph, const Tensor &t) {
  if (t.rank() == 0 || t.numElements() == 0)
    return 1;
  return unsigned(groupingOf(graph, t, t.rank() - 1));
}

} // namespace poputil
