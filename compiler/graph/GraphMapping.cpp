// poplar::Graph: tile mappings set and read through tensor views. Mappings
// are stored per variable with physical tile numbers; a virtual graph
// translates at the boundary.
#include "compiler/graph/DescribeTensor.hpp"
#include "compiler/graph/GraphImpl.hpp"
#include "compiler/graph/TensorImpl.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <unordered_map>

using namespace poplar;

namespace tessel {

namespace {

/// Calls fn(region-piece, tensorOffset) for the parts of t's regions that
/// fall in tensor elements [begin, end). `cursor` walks forward only.
class RegionCursor {
public:
  explicit RegionCursor(const TensorImpl &t) : t(t) {}

  template <class Fn>
  void forEachIn(std::uint64_t begin, std::uint64_t end, Fn fn) {
    if (begin < regionStart) { // intervals out of order: restart
      index = 0;
      regionStart = 0;
    }
    while (index < t.regions.size() &&
           regionStart + t.regions[index].size() <= begin)
      regionStart += t.regions[index++].size();
    std::size_t i = index;
    std::uint64_t start = regionStart;
    for (; i < t.regions.size() && start < end;
         start += t.regions[i++].size()) {
      const ElementRegion &r = t.regions[i];
      std::uint64_t lo = std::max(begin, start);
      std::uint64_t hi = std::min(end, start + r.size());
      if (lo < hi)
        fn(ElementRegion{r.var, r.begin + (lo - start), r.begin + (hi - start)},
           lo);
    }
  }

private:
  const TensorImpl &t;
  std::size_t index = 0;
  std::uint64_t regionStart = 0;
};

} // namespace

static unsigned physicalTile(const GraphImpl &graph, unsigned tile,
                             const Tensor &t) {
  if (tile >= graph.physicalTiles.size())
    throw invalid_tile_mapping(
        "setTileMapping of " + describeTensor(t) + ": tile " +
        std::to_string(tile) + " does not exist; the graph has " +
        std::to_string(graph.physicalTiles.size()) + " tiles (0 to " +
        std::to_string(graph.physicalTiles.size() - 1) + ")");
  return graph.physicalTiles[tile];
}

/// physical tile -> this graph's tile number, or -1 when outside it.
static std::unordered_map<unsigned, unsigned>
virtualTileIndex(const GraphImpl &graph) {
  std::unordered_map<unsigned, unsigned> index;
  index.reserve(graph.physicalTiles.size());
  for (unsigned i = 0; i < graph.physicalTiles.size(); ++i)
    index.emplace(graph.physicalTiles[i], i);
  return index;
}

static void appendInterval(std::vector<Interval> &intervals,
                           std::uint64_t begin, std::uint64_t end) {
  if (!intervals.empty() && intervals.back().end() == begin)
    intervals.back() = Interval(intervals.back().begin(), end);
  else
    intervals.emplace_back(begin, end);
}

} // namespace tessel

namespace poplar {

void Graph::setTileMapping(const Tensor &t, unsigned tileNum) {
  tessel::checkTensorOfGraph(*impl_, t, "setTileMapping");
  const tessel::TensorImpl &impl = tessel::TensorAccess::impl(t);
  unsigned tile = tessel::physicalTile(*impl_, tileNum, t);
  for (const tessel::ElementRegion &r : impl.regions)
    impl_->store->setTileMapping(r.var, r.begin, r.end, tile);
}

void Graph::setTileMapping(const Tensor &t,
                           const TileToTensorMapping &mapping) {
  tessel::checkTensorOfGraph(*impl_, t, "setTileMapping");
  const tessel::TensorImpl &impl = tessel::TensorAccess::impl(t);
  const std::uint64_t n = impl.numElements();
  struct Entry {
    std::uint64_t begin, end;
    unsigned tile;
    unsigned graphTile; // the tile number as the caller gave it
  };
  std::vector<Entry> entries;
  for (unsigned tile = 0; tile < mapping.size(); ++tile) {
    for (const Interval &iv : mapping[tile]) {
      if (iv.size() == 0)
        continue;
      if (iv.end() > n)
        throw invalid_tile_mapping(
            "setTileMapping of " + tessel::describeTensor(t) + ": interval [" +
            std::to_string(iv.begin()) + ", " + std::to_string(iv.end()) +
            ") for tile " + std::to_string(tile) + " exceeds the tensor's " +
            std::to_string(n) + " elements");
      entries.push_back(
          {iv.begin(), iv.end(), tessel::physicalTile(*impl_, tile, t), tile});
    }
  }
  std::sort(entries.begin(), entries.end(),
            [](const Entry &a, const Entry &b) { return a.begin < b.begin; });
  for (std::size_t i = 1; i < entries.size(); ++i)
    if (entries[i].begin < entries[i - 1].end) {
      const Entry &a = entries[i - 1], &b = entries[i];
      throw invalid_tile_mapping(
          "setTileMapping of " + tessel::describeTensor(t) + ": interval [" +
          std::to_string(a.begin) + ", " + std::to_string(a.end) +
          ") for tile " + std::to_string(a.graphTile) + " and interval [" +
          std::to_string(b.begin) + ", " + std::to_string(b.end) +
          ") for tile " + std::to_string(b.graphTile) +
          " overlap; map each element to one tile");
    }
  tessel::RegionCursor cursor(impl);
  for (const Entry &e : entries)
    cursor.forEachIn(
        e.begin, e.end, [&](const tessel::ElementRegion &r, std::uint64_t) {
          impl_->store->setTileMapping(r.var, r.begin, r.end, e.tile);
        });
}

TileToTensorMapping Graph::getTileMapping(Tensor t, bool *isComplete) const {
  tessel::checkTensorOfGraph(*impl_, t, "getTileMapping");
  const tessel::TensorImpl &impl = tessel::TensorAccess::impl(t);
  auto tileIndex = tessel::virtualTileIndex(*impl_);
  TileToTensorMapping result(impl_->physicalTiles.size());
  bool complete = true;
  std::uint64_t offset = 0;
  for (const tessel::ElementRegion &r : impl.regions) {
    std::uint64_t covered = 0;
    for (const tessel::TileInterval &m :
         impl_->store->mappingOf(r.var, r.begin, r.end)) {
      covered += m.end - m.begin;
      auto it = tileIndex.find(m.tile);
      if (it == tileIndex.end()) {
        complete = false; // mapped outside this virtual graph
        continue;
      }
      tessel::appendInterval(result[it->second], offset + (m.begin - r.begin),
                             offset + (m.end - r.begin));
    }
    if (covered != r.size())
      complete = false;
    offset += r.size();
  }
  if (isComplete)
    *isComplete = complete;
  return result;
}

TileToTensorMapping Graph::getTileMapping(Tensor t,
                                          bool requireComplete) const {
  bool complete = true;
  TileToTensorMapping result = getTileMapping(t, &complete);
  if (requireComplete && !complete) {
    // Name the first element without a tile so the user can find it.
    std::uint64_t first = 0;
    std::vector<Interval> mapped;
    for (const auto &intervals : result)
      mapped.insert(mapped.end(), intervals.begin(), intervals.end());
    std::sort(mapped.begin(), mapped.end());
    for (const Interval &iv : mapped) {
      if (iv.begin() > first)
        break;
      first = std::max<std::uint64_t>(first, iv.end());
    }
    throw invalid_tile_mapping(
        "getTileMapping: " + tessel::describeTensor(t) +
        " is not completely mapped to tiles of this graph; element " +
        std::to_string(first) +
        " has no tile. Map it with Graph::setTileMapping (or "
        "poputil::mapTensorLinearly), or pass requireComplete=false");
  }
  return result;
}

TileToTensorMapping Graph::getVariableTileMapping(const Tensor &t) const {
  tessel::checkTensorOfGraph(*impl_, t, "getVariableTileMapping");
  const tessel::TensorImpl &impl = tessel::TensorAccess::impl(t);
  if (impl.regions.empty())
    return TileToTensorMapping(impl_->physicalTiles.size());
  const tessel::VariableId var = impl.regions.front().var;
  for (const tessel::ElementRegion &r : impl.regions)
    if (r.var != var)
      throw poplar_error(
          "getVariableTileMapping: " + tessel::describeTensor(t) +
          " views more than one variable; pass a tensor of "
          "a single variable");
  auto tileIndex = tessel::virtualTileIndex(*impl_);
  TileToTensorMapping result(impl_->physicalTiles.size());
  const tessel::Variable &v = impl_->store->variable(var);
  for (const tessel::TileInterval &m : v.mapping) {
    auto it = tileIndex.find(m.tile);
    if (it != tileIndex.end())
      tessel::appendInterval(result[it->second], m.begin, m.end);
  }
  return result;
}

std::vector<std::vector<Interval>>
Graph::getSortedContiguousRegions(const Tensor &t, ArrayRef<Interval> regions,
                                  bool removeAliasedIntervals,
                                  std::vector<std::size_t> *aliases) const {
  const tessel::TensorImpl &impl = tessel::TensorAccess::impl(t);
  struct Piece {
    tessel::ElementRegion memory;
    std::uint64_t tensorBegin;
  };
  std::vector<Piece> pieces;
  tessel::RegionCursor cursor(impl);
  for (const Interval &iv : regions)
    cursor.forEachIn(iv.begin(), iv.end(),
                     [&](const tessel::ElementRegion &r, std::uint64_t at) {
                       pieces.push_back({r, at});
                     });
  std::stable_sort(pieces.begin(), pieces.end(),
                   [](const Piece &a, const Piece &b) {
                     if (a.memory.var != b.memory.var)
                       return a.memory.var < b.memory.var;
                     return a.memory.begin < b.memory.begin;
                   });
  std::vector<std::vector<Interval>> result;
  if (aliases)
    aliases->clear();
  const Piece *prev = nullptr;
  std::uint64_t coveredEnd = 0; // end of memory seen so far in prev's var
  for (const Piece &p : pieces) {
    tessel::ElementRegion m = p.memory;
    std::uint64_t tensorBegin = p.tensorBegin;
    bool sameVar = prev && prev->memory.var == m.var;
    if (removeAliasedIntervals && sameVar && m.begin < coveredEnd) {
      std::uint64_t skip = std::min(coveredEnd, m.end) - m.begin;
      if (aliases)
        aliases->push_back(skip);
      m.begin += skip;
      tensorBegin += skip;
      if (m.begin == m.end)
        continue;
    }
    bool continues = sameVar && m.begin == coveredEnd;
    if (!continues)
      result.emplace_back();
    tessel::appendInterval(result.back(), tensorBegin, tensorBegin + m.size());
    coveredEnd = sameVar ? std::max(coveredEnd, m.end) : m.end;
    prev = &p;
  }
  return result;
}

} // namespace poplar
