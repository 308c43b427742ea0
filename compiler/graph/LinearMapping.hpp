// The linear tile mapping: consecutive grains of elements spread evenly over
// tiles from tile 0, never fewer than a minimum per tile.
#ifndef TESSEL_COMPILER_GRAPH_LINEARMAPPING_HPP
#define TESSEL_COMPILER_GRAPH_LINEARMAPPING_HPP

#include <cstdint>
#include <vector>

namespace tessel {

struct LinearChunk {
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  unsigned tile = 0; // index among the graph's tiles (virtual)
};

/// Splits [0, numElements) into grains of `grainSize` elements and gives each
/// of the first tiles an equal share of whole grains (at least
/// `minElementsPerTile` elements' worth), in order.
std::vector<LinearChunk> linearTileChunks(std::uint64_t numElements,
                                          std::uint64_t numTiles,
                                          unsigned minElementsPerTile,
                                          unsigned grainSize);

} // namespace tessel

#endif
