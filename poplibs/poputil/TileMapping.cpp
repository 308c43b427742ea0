// poputil tile-mapping helpers, written on the public Poplar API only.
#include <poputil/TileMapping.hpp>

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <numeric>

using namespace poplar;

namespace poputil {

std::vector<std::vector<Interval>>
calcLinearTileMapping(const Graph &graph, std::vector<std::size_t> shape,
                      unsigned minElementsPerTile, unsigned grainSize) {
  const std::size_t numTiles = graph.getTarget().getNumTiles();
  const std::size_t numElements = std::accumulate(
      shape.begin(), shape.end(), std::size_t(1), std::multiplies<>());
  std::vector<std::vector<Interval>> mapping(numTiles);
  if (numElements == 0)
    return mapping;
  const std::size_t grain = std::max(1u, grainSize);
  const std::size_t numGrains = (numElements + grain - 1) / grain;
  const std::size_t minGrains = (minElementsPerTile + grain - 1) / grain;
  const std::size_t grainsPerTile = std::max<std::size_t>(
      {(numGrains + numTiles - 1) / numTiles, minGrains, 1});
  const std::size_t perTile = grainsPerTile * grain;
  for (std::size_t tile = 0, begin = 0; begin < numElements;
       ++tile, begin += perTile)
    mapping[tile].emplace_back(begin, std::min(begin + perTile, numElements));
  return mapping;
}

/// The default grain: one vector of the type; at least 128 bytes per tile.
static std::pair<unsigned, unsigned> defaultSplit(const Graph &graph,
                                                  const Type &type) {
  const Target &target = graph.getTarget();
  const unsigned size = target.getTypeSize(type);
  return {(128 + size - 1) / size, target.getVectorWidth(type)};
}

std::vector<std::vector<Interval>> calcLinearTileMapping(const Graph &graph,
                                                         const Tensor &t) {
  auto [minElements, grain] = defaultSplit(graph, t.elementType());
  return calcLinearTileMapping(graph, t.shape(), minElements, grain);
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
  auto linear =
      calcLinearTileMapping(graph, t.shape(), minElementsPerTile, grainSize);
  const std::size_t numTiles = linear.size();
  std::vector<std::vector<Interval>> mapping(numTiles);
  for (std::size_t i = 0; i < numTiles; ++i) {
    std::size_t tile = ascendingOrder
                           ? (offset + i) % numTiles
                           : (offset + numTiles - i % numTiles) % numTiles;
    mapping[tile] = std::move(linear[i]);
  }
  graph.setTileMapping(t, mapping);
}

void mapTensorLinearlyWithOffset(Graph &graph, const Tensor &t, unsigned offset,
                                 bool ascendingOrder) {
  auto [minElements, grain] = defaultSplit(graph, t.elementType());
  mapTensorLinearlyWithOffset(graph, t, minElements, grain, offset,
                              ascendingOrder);
}

unsigned getTileImbalance(const Graph::TileToTensorMapping &mapping,
                          unsigned minElementsPerTile, unsigned grainSize) {
  std::size_t total = 0, maxPerTile = 0;
  for (const auto &intervals : mapping) {
    std::size_t onTile = 0;
    for (const Interval &iv : intervals)
      onTile += iv.size();
    total += onTile;
    maxPerTile = std::max(maxPerTile, onTile);
  }
  if (mapping.empty() || total == 0)
    return 0;
  const std::size_t grain = std::max(1u, grainSize);
  const std::size_t numGrains = (total + grain - 1) / grain;
  std::size_t balanced =
      ((numGrains + mapping.size() - 1) / mapping.size()) * grain;
  balanced =
      std::min(std::max<std::size_t>(balanced, minElementsPerTile), total);
  return maxPerTile > balanced ? static_cast<unsigned>(maxPerTile - balanced)
                               : 0;
}

unsigned getTileImbalance(const Graph &graph, const Tensor &t,
                          unsigned minElementsPerTile, unsigned grainSize) {
  return getTileImbalance(graph.getTileMapping(t), minElementsPerTile,
                          grainSize);
}

} // namespace poputil
