// Linear tile mappings (poputil/TileMapping.hpp): a tensor's flattened
// elements spread over the tiles in whole grains, from an offset in either
// direction, and how far a mapping is from balanced.
#include <poputil/TileMapping.hpp>
#include <poputil/Util.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <numeric>

using namespace poplar;

namespace poputil {

unsigned invTransformTileIndex(unsigned tile, unsigned numTiles,
                               unsigned offset, bool ascending) {
  if (numTiles == 0)
    throw poplibs_error("poputil::invTransformTileIndex: numTiles is 0");
  const unsigned position = (tile % numTiles + offset % numTiles) % numTiles;
  return ascending ? position : numTiles - 1 - position;
}

unsigned transformTileIndex(unsigned tile, unsigned numTiles, unsigned offset,
                            bool ascending) {
  if (numTiles == 0)
    throw poplibs_error("poputil::transformTileIndex: numTiles is 0");
  const unsigned position =
      ascending ? tile % numTiles : numTiles - 1 - tile % numTiles;
  return (position + numTiles - offset % numTiles) % numTiles;
}

/// The i-th share of a linear mapping moved to the i-th tile from `offset`.
static Graph::TileToTensorMapping
placeShares(std::vector<std::vector<Interval>> shares, unsigned numTiles,
            unsigned offset, bool ascending) {
  Graph::TileToTensorMapping mapping(numTiles);
  for (unsigned i = 0; i != shares.size(); ++i)
    mapping[invTransformTileIndex(i, numTiles, offset, ascending)] =
        std::move(shares[i]);
  return mapping;
}

static std::size_t product(const std::vector<std::size_t> &shape) {
  return std::accumulate(shape.begin(), shape.end(), std::size_t(1),
                         std::multiplies<>());
}

/// The balanced shares of a linear mapping, one per used tile.
static std::vector<std::vector<Interval>>
linearShares(const Graph &graph, const std::vector<std::size_t> &shape,
             unsigned minElementsPerTile, unsigned grainSize) {
  if (grainSize == 0)
    throw poplibs_error("poputil::calcLinearTileMapping: grainSize is 0; it "
                        "must be at least 1");
  return splitRegions({{0, product(shape)}}, grainSize,
                      graph.getTarget().getNumTiles(), minElementsPerTile);
}

std::vector<std::vector<Interval>>
calcLinearTileMapping(const Graph &graph, std::vector<std::size_t> shape,
                      unsigned minElementsPerTile, unsigned grainSize,
                      unsigned offset, bool ascendingOrder) {
  return placeShares(linearShares(graph, shape, minElementsPerTile, grainSize),
                     graph.getTarget().getNumTiles(), offset, ascendingOrder);
}

/// The default split: one vector of the type per grain, at least 128 bytes
/// on a used tile.
static std::pair<unsigned, unsigned> defaultSplit(const Graph &graph,
                                                  const Type &type) {
  const Target &target = graph.getTarget();
  const unsigned size = target.getTypeSize(type);
  return {(128 + size - 1) / size, target.getVectorWidth(type)};
}

std::vector<std::vector<Interval>> calcLinearTileMapping(const Graph &graph,
                                                         const Tensor &t,
                                                         unsigned offset,
                                                         bool ascendingOrder) {
  auto [minElements, grain] = defaultSplit(graph, t.elementType());
  return calcLinearTileMapping(graph, t.shape(), minElements, grain, offset,
                               ascendingOrder);
}

std::pair<Graph::TileToTensorMapping, unsigned>
calcLinearTileMappingAndNewOffset(const Graph &graph, const Tensor &t,
                                  unsigned offset) {
  auto [minElements, grain] = defaultSplit(graph, t.elementType());
  auto shares = linearShares(graph, t.shape(), minElements, grain);
  const unsigned numTiles = graph.getTarget().getNumTiles();
  const unsigned newOffset = (offset + shares.size()) % numTiles;
  return {placeShares(std::move(shares), numTiles, offset, true), newOffset};
}

void mapTensorLinearly(Graph &graph, const Tensor &t,
                       unsigned minElementsPerTile, unsigned grainSize) {
  graph.setTileMapping(t, calcLinearTileMapping(graph, t.shape(),
                                                minElementsPerTile, grainSize));
}

void mapTensorLinearly(Graph &graph, const Tensor &t) {
  graph.setTileMapping(t, calcLinearTileMapping(graph, t));
}

void mapTensorLinearlyWithOffset(Graph &graph, const Tensor &t,
                                 unsigned minElementsPerTile,
                                 unsigned grainSize, unsigned offset,
                                 bool ascendingOrder) {
  graph.setTileMapping(t, calcLinearTileMapping(graph, t.shape(),
                                                minElementsPerTile, grainSize,
                                                offset, ascendingOrder));
}

void mapTensorLinearlyWithOffset(Graph &graph, const Tensor &t, unsigned offset,
                                 bool ascendingOrder) {
  graph.setTileMapping(t,
                       calcLinearTileMapping(graph, t, offset, ascendingOrder));
}

std::size_t chooseMappingOffset(std::size_t numTiles,
                                const std::vector<std::size_t> &shape,
                                std::size_t seed) {
  if (numTiles == 0)
    throw poplibs_error("poputil::chooseMappingOffset: numTiles is 0");
  // The classic hash_combine mix over the dimensions.
  for (std::size_t d : shape)
    seed ^= d + 0x9e3779b9 + (seed << 6) + (seed >> 2);
  return seed % numTiles;
}

std::size_t chooseMappingOffset(std::size_t numTiles,
                                const std::vector<std::size_t> &shape) {
  return chooseMappingOffset(numTiles, shape, 0x9e3779b9);
}

unsigned getTileImbalance(const Graph::TileToTensorMapping &mapping,
                          unsigned minElementsPerTile, unsigned grainSize) {
  if (mapping.empty())
    return 0;
  std::size_t total = 0, fullest = 0;
  for (const auto &intervals : mapping) {
    std::size_t onTile = 0;
    for (const Interval &i : intervals)
      onTile += i.size();
    total += onTile;
    fullest = std::max(fullest, onTile);
  }
  const std::size_t balanced =
      std::max<std::size_t>({(total + mapping.size() - 1) / mapping.size(),
                             minElementsPerTile, grainSize});
  return fullest > balanced ? static_cast<unsigned>(fullest - balanced) : 0;
}

unsigned getTileImbalance(const Graph &graph, const Tensor &t,
                          unsigned minElementsPerTile, unsigned grainSize) {
  return getTileImbalance(graph.getTileMapping(t), minElementsPerTile,
                          grainSize);
}

} // namespace poputil
