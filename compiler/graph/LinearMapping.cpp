// The linear tile mapping shared by addLinearlyMappedVariable and
// VariableMappingMethod::LINEAR.
#include "compiler/graph/LinearMapping.hpp"

#include <algorithm>

namespace tessel {

std::vector<LinearChunk> linearTileChunks(std::uint64_t numElements,
                                          std::uint64_t numTiles,
                                          unsigned minElementsPerTile,
                                          unsigned grainSize) {
  std::vector<LinearChunk> chunks;
  if (numElements == 0 || numTiles == 0)
    return chunks;
  const std::uint64_t grain = std::max(1u, grainSize);
  const std::uint64_t numGrains = (numElements + grain - 1) / grain;
  const std::uint64_t minGrains = (minElementsPerTile + grain - 1) / grain;
  const std::uint64_t grainsPerTile =
      std::max((numGrains + numTiles - 1) / numTiles,
               std::max<std::uint64_t>(minGrains, 1));
  const std::uint64_t elementsPerTile = grainsPerTile * grain;
  for (std::uint64_t begin = 0, tile = 0; begin < numElements;
       begin += elementsPerTile, ++tile)
    chunks.push_back({begin, std::min(begin + elementsPerTile, numElements),
                      static_cast<unsigned>(tile)});
  return chunks;
}

} // namespace tessel
