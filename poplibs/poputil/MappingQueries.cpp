// Questions about how a tensor is spread (poputil/TileMapping.hpp): is a
// dimension split over tiles or IPUs, and a 1-D operand mapped like the
// dimension of a full tensor it is broadcast along.
#include <poputil/TileMapping.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>

using namespace poplar;

namespace poputil {

static void checkDimension(const char *function, const Tensor &t,
                           unsigned dimension) {
  if (dimension >= t.rank())
    throw poplibs_error(std::string("poputil::") + function + ": dimension " +
                        std::to_string(dimension) +
                        " does not exist in a tensor of shape " +
                        t.shapeToString());
}

/// The tile of each element of the flattened tensor.
static std::vector<unsigned> tileOfEachElement(const Graph &graph,
                                               const Tensor &t) {
  std::vector<unsigned> tiles(t.numElements());
  const auto mapping = graph.getTileMapping(t);
  for (unsigned tile = 0; tile != mapping.size(); ++tile)
    for (const Interval &i : mapping[tile])
      std::fill(tiles.begin() + i.begin(), tiles.begin() + i.end(), tile);
  return tiles;
}

bool dimIsSplitOverTiles(const Graph &graph, const Tensor &t,
                         unsigned dimension) {
  checkDimension("dimIsSplitOverTiles", t, dimension);
  const std::size_t n = t.dim(dimension);
  if (n == 0)
    return false;
  const auto first = tileOfEachElement(graph, t.slice(0, 1, dimension));
  for (std::size_t i = 1; i != n; ++i)
    if (tileOfEachElement(graph, t.slice(i, i + 1, dimension)) != first)
      return true;
  return false;
}

bool dimIsSplitOverIPUs(const Graph &graph, const Tensor &t,
                        unsigned dimension) {
  checkDimension("dimIsSplitOverIPUs", t, dimension);
  const Target &target = graph.getTarget();
  if (target.getNumIPUs() == 1)
    return false;
  const std::size_t n = t.dim(dimension);
  if (n == 0)
    return false;
  // With `dimension` innermost, each run of n elements is one row along it.
  const auto tiles =
      tileOfEachElement(graph, t.dimRoll(dimension, t.rank() - 1));
  const unsigned tilesPerIPU = target.getTilesPerIPU();
  for (std::size_t row = 0; row < tiles.size(); row += n)
    for (std::size_t i = row + 1; i != row + n; ++i)
      if (tiles[i] / tilesPerIPU != tiles[row] / tilesPerIPU)
        return true;
  return false;
}

/// The indices of `dim` that `tile` holds elements of, as intervals.
static std::vector<Interval> indicesOnTile(const std::vector<Interval> &regions,
                                           std::size_t n) {
  std::vector<bool> used(n, false);
  std::size_t count = 0;
  for (const Interval &r : regions) {
    for (std::size_t e = r.begin(); e != r.end() && count != n; ++e)
      if (!used[e % n]) {
        used[e % n] = true;
        ++count;
      }
    if (count == n)
      break;
  }
  std::vector<Interval> intervals;
  for (std::size_t i = 0; i != n; ++i)
    if (used[i]) {
      if (!intervals.empty() && intervals.back().end() == i)
        intervals.back() = {intervals.back().begin(), i + 1};
      else
        intervals.emplace_back(i, i + 1);
    }
  return intervals;
}

Tensor createBroadcastOperand(Graph &graph, const Tensor &fullTensor,
                              const Type &type, unsigned dim,
                              bool ditherMapping,
                              const DebugContext &debugContext) {
  checkDimension("createBroadcastOperand", fullTensor, dim);
  const Target &target = graph.getTarget();
  const std::size_t n = fullTensor.dim(dim);
  Tensor out = graph.addVariable(type, {n}, debugContext);
  if (n == 0)
    return out;
  const auto mapping =
      graph.getTileMapping(fullTensor.dimRoll(dim, fullTensor.rank() - 1));
  TensorUseTracker tracker(target.getNumTiles());
  for (unsigned tile = 0; tile != mapping.size(); ++tile) {
    const auto indices = indicesOnTile(mapping[tile], n);
    if (!indices.empty())
      tracker.add(graph, tile, concat(out.slices(indices)));
  }
  if (tracker.empty()) {
    mapTensorLinearly(graph, out);
  } else {
    const unsigned grain = std::max<unsigned>(
        1, target.getDataPathWidth() / (8 * target.getTypeSize(type)));
    tracker.mapTensorsByUse(
        graph, grain, 0, false,
        TensorUseTracker::MappingMethod::ConstrainMappingToUsedTiles);
  }
  if (ditherMapping) {
    // Rotate the whole mapping to a start tile chosen by the full shape.
    const auto outMapping = graph.getTileMapping(out);
    const std::size_t numTiles = outMapping.size();
    const std::size_t start = chooseMappingOffset(numTiles, fullTensor.shape());
    Graph::TileToTensorMapping rotated(numTiles);
    for (std::size_t tile = 0; tile != numTiles; ++tile)
      rotated[(tile + start) % numTiles] = outMapping[tile];
    graph.setTileMapping(out, rotated);
  }
  return out;
}

} // namespace poputil
