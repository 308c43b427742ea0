// cloneAndExpandAliasing (poputil/TileMapping.hpp): a clone in which the
// positions of aliased elements are new elements spread linearly, so that
// many aliases of one element do not pile their copies onto one tile.
#include <poputil/TileMapping.hpp>

#include <algorithm>
#include <map>

using namespace poplar;

namespace poputil {

/// Positions of the flattened `t` whose element appears more than once.
static std::vector<Interval> aliasedPositions(const Tensor &t) {
  const auto varRegions = t.getVarRegions();
  const auto positions = t.getContiguousRegions();
  // Per variable, how many regions start (+1) or end (-1) at an element.
  std::map<VariableRef, std::map<std::size_t, int>> edges;
  for (const VariableInterval &r : varRegions) {
    edges[r.var][r.interval.begin()] += 1;
    edges[r.var][r.interval.end()] -= 1;
  }
  std::map<VariableRef, std::vector<Interval>> repeated;
  for (const auto &[var, changes] : edges) {
    int depth = 0;
    std::size_t previous = 0;
    for (const auto &[element, change] : changes) {
      if (depth > 1)
        repeated[var].emplace_back(previous, element);
      depth += change;
      previous = element;
    }
  }
  std::vector<Interval> result;
  for (std::size_t i = 0; i != varRegions.size(); ++i) {
    const Interval &region = varRegions[i].interval;
    for (const Interval &r : repeated[varRegions[i].var]) {
      const std::size_t lo = std::max(r.begin(), region.begin());
      const std::size_t hi = std::min(r.end(), region.end());
      if (lo < hi)
        result.emplace_back(positions[i].begin() + (lo - region.begin()),
                            positions[i].begin() + (hi - region.begin()));
    }
  }
  std::sort(result.begin(), result.end());
  return result;
}

std::pair<Tensor, unsigned>
cloneAndExpandAliasing(Graph &graph, const Tensor &t, unsigned offset,
                       const DebugContext &debugContext) {
  Tensor clone = graph.clone(t, debugContext,
                             TensorCloneMethod::PRESERVE_ORDER_UNLESS_ALIASES);
  const auto aliased = aliasedPositions(t.flatten());
  if (aliased.empty())
    return {clone, offset};
  const Tensor expanded = concat(clone.flatten().slices(aliased));
  auto [mapping, next] =
      calcLinearTileMappingAndNewOffset(graph, expanded, offset);
  graph.setTileMapping(expanded, mapping);
  return {clone, next};
}

} // namespace poputil
