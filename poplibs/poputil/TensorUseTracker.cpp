// poputil::TensorUseTracker: which tiles use which elements of each
// variable, resolved into a mapping that puts every element on (one of) the
// tiles using it, shared out evenly in grains among tiles that use the same
// elements.
#include <poputil/TileMapping.hpp>
#include <poputil/Util.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <map>
#include <set>

using namespace poplar;

namespace poputil {

class TensorUseTrackerState {
public:
  using TileUses = std::vector<std::vector<Interval>>;
  TensorUseTrackerState(unsigned numTiles, unsigned startTile, bool ascending)
      : numTiles(numTiles), startTile(startTile), ascending(ascending) {}
  TileUses &usesOf(VariableRef var) {
    auto it = uses.find(var);
    if (it == uses.end())
      it = uses.emplace(var, TileUses(numTiles)).first;
    return it->second;
  }
  unsigned numTiles, startTile;
  bool ascending;
  std::map<VariableRef, TileUses> uses;
};

TensorUseTracker::TensorUseTracker(unsigned numTiles, unsigned startTile,
                                   bool ascendingMappingOrder)
    : st(std::make_unique<TensorUseTrackerState>(numTiles, startTile,
                                                 ascendingMappingOrder)) {}
TensorUseTracker::TensorUseTracker(const TensorUseTracker &other)
    : st(std::make_unique<TensorUseTrackerState>(*other.st)) {}
TensorUseTracker::TensorUseTracker(TensorUseTracker &&other) = default;
TensorUseTracker &TensorUseTracker::operator=(const TensorUseTracker &other) {
  st = std::make_unique<TensorUseTrackerState>(*other.st);
  return *this;
}
TensorUseTracker &
TensorUseTracker::operator=(TensorUseTracker &&other) = default;
TensorUseTracker::~TensorUseTracker() = default;

void TensorUseTracker::add(const Graph &graph, unsigned tile, const Tensor &t) {
  if (tile >= st->numTiles)
    throw poplibs_error("poputil::TensorUseTracker::add: tile " +
                        std::to_string(tile) + " is outside the " +
                        std::to_string(st->numTiles) +
                        " tiles the tracker was created for");
  for (const VariableInterval &region : t.getVarRegions()) {
    if (graph.isConstant(region.var))
      continue;
    st->usesOf(region.var)[tile].push_back(region.interval);
  }
}

void TensorUseTracker::add(TensorUseTracker other) {
  if (other.st->numTiles != st->numTiles)
    throw poplibs_error(
        "poputil::TensorUseTracker::add: the other tracker has " +
        std::to_string(other.st->numTiles) + " tiles and this one " +
        std::to_string(st->numTiles) +
        "; only trackers of the same number "
        "of tiles can be merged");
  for (auto &[var, otherUses] : other.st->uses) {
    auto &uses = st->usesOf(var);
    for (unsigned tile = 0; tile != otherUses.size(); ++tile)
      uses[tile].insert(uses[tile].end(), otherUses[tile].begin(),
                        otherUses[tile].end());
  }
}

bool TensorUseTracker::empty() const { return st->uses.empty(); }

namespace {

/// A run of units (elements or grains) used by one set of tiles.
struct Segment {
  std::size_t begin, end;
  std::set<unsigned> tiles;
};

/// Appends a segment, joining it to the last one when they touch and share
/// their tiles.
void append(std::vector<Segment> &segments, Segment s) {
  if (s.begin >= s.end)
    return;
  if (!segments.empty() && segments.back().end == s.begin &&
      segments.back().tiles == s.tiles)
    segments.back().end = s.end;
  else
    segments.push_back(std::move(s));
}

/// The elements of a variable split where the set of tiles using them
/// changes; unused elements are left out.
std::vector<Segment>
segmentsOfUse(const TensorUseTrackerState::TileUses &uses) {
  std::map<std::size_t, std::vector<std::pair<unsigned, int>>> events;
  for (unsigned tile = 0; tile != uses.size(); ++tile) {
    std::vector<Interval> merged = uses[tile];
    mergeAdjacentRegions(merged);
    for (const Interval &i : merged) {
      events[i.begin()].push_back({tile, +1});
      events[i.end()].push_back({tile, -1});
    }
  }
  std::vector<Segment> segments;
  std::set<unsigned> active;
  std::size_t previous = 0;
  for (const auto &[position, changes] : events) {
    if (!active.empty())
      append(segments, {previous, position, active});
    for (auto [tile, change] : changes)
      change > 0 ? (void)active.insert(tile) : (void)active.erase(tile);
    previous = position;
  }
  return segments;
}

/// Element segments widened to whole grains; a grain two segments share
/// goes to the first.
std::vector<Segment> toGrains(const std::vector<Segment> &segments,
                              unsigned grainSize) {
  std::vector<Segment> grains;
  std::size_t covered = 0;
  for (const Segment &s : segments) {
    const std::size_t begin = std::max(covered, s.begin / grainSize);
    const std::size_t end = (s.end + grainSize - 1) / grainSize;
    append(grains, {begin, end, s.tiles});
    covered = std::max(covered, end);
  }
  return grains;
}

/// Gaps between segments given to the segment before them (the first one
/// also takes the units before it).
std::vector<Segment> extendToCover(const std::vector<Segment> &segments,
                                   std::size_t numUnits) {
  std::vector<Segment> extended;
  for (std::size_t i = 0; i != segments.size(); ++i) {
    const std::size_t begin = i == 0 ? 0 : segments[i].begin;
    const std::size_t end =
        i + 1 == segments.size() ? numUnits : segments[i + 1].begin;
    append(extended, {begin, end, segments[i].tiles});
  }
  return extended;
}

/// A segment used exactly by the tiles of both its neighbours (a halo) is
/// given its left neighbour's tiles.
std::vector<Segment> optimizeHalos(const std::vector<Segment> &segments) {
  std::vector<Segment> result;
  for (std::size_t i = 0; i != segments.size(); ++i) {
    Segment s = segments[i];
    if (i != 0 && i + 1 != segments.size()) {
      const auto &prev = segments[i - 1].tiles, &next = segments[i + 1].tiles;
      const bool halo = prev.size() + next.size() == s.tiles.size() &&
                        std::includes(s.tiles.begin(), s.tiles.end(),
                                      prev.begin(), prev.end()) &&
                        std::includes(s.tiles.begin(), s.tiles.end(),
                                      next.begin(), next.end());
      if (halo)
        s.tiles = prev;
    }
    append(result, std::move(s));
  }
  return result;
}

} // namespace

void TensorUseTracker::resolve(const Graph &graph, unsigned grainSize,
                               unsigned minElementsPerTile,
                               bool extendPartialUsage,
                               MappingMethod mappingMethod) {
  if (grainSize == 0)
    throw poplibs_error("poputil::TensorUseTracker::resolve: grainSize is 0; "
                        "it must be at least 1");
  const bool constrain =
      mappingMethod == MappingMethod::ConstrainMappingToUsedTiles;
  // Constrained mappings share out elements; the others whole grains.
  const unsigned unit = constrain ? 1 : grainSize;
  for (auto &[var, uses] : st->uses) {
    const std::size_t numElements = graph.getVariable(var).numElements();
    std::vector<Segment> segments = segmentsOfUse(uses);
    if (!constrain)
      segments = toGrains(segments, grainSize);
    if (extendPartialUsage && !segments.empty())
      segments = extendToCover(segments, (numElements + unit - 1) / unit);
    if (mappingMethod == MappingMethod::OptimizeHaloRegions)
      segments = optimizeHalos(segments);

    std::map<std::set<unsigned>, std::vector<Interval>> unitsByTiles;
    for (const Segment &s : segments)
      unitsByTiles[s.tiles].emplace_back(s.begin, s.end);

    TensorUseTrackerState::TileUses resolved(st->numTiles);
    for (const auto &[tileSet, units] : unitsByTiles) {
      std::vector<unsigned> tiles(tileSet.begin(), tileSet.end());
      std::sort(tiles.begin(), tiles.end(), [&](unsigned a, unsigned b) {
        return transformTileIndex(a, st->numTiles, st->startTile,
                                  st->ascending) <
               transformTileIndex(b, st->numTiles, st->startTile,
                                  st->ascending);
      });
      const auto shares =
          constrain
              ? splitRegions(units, grainSize, tiles.size(), minElementsPerTile)
              : splitRegions(units, 1, tiles.size(),
                             (minElementsPerTile + grainSize - 1) / grainSize);
      for (std::size_t i = 0; i != shares.size(); ++i)
        for (const Interval &u : shares[i])
          resolved[tiles[i]].emplace_back(
              u.begin() * unit, std::min(u.end() * unit, numElements));
    }
    mergeAdjacentRegions(resolved);
    uses = std::move(resolved);
  }
}

void TensorUseTracker::mapTensorsByUse(Graph &graph, unsigned grainSize,
                                       unsigned minElementsPerTile,
                                       bool extendPartialUsage,
                                       MappingMethod mappingMethod) {
  resolve(graph, grainSize, minElementsPerTile, extendPartialUsage,
          mappingMethod);
  for (const auto &[var, uses] : st->uses)
    graph.setTileMapping(graph.getVariable(var), uses);
}

} // namespace poputil
