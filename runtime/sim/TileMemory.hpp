// The simulated IPU's memories: exactly bytesPerTile bytes for each tile,
// in one anonymous mapping whose pages cost nothing until first written.
#ifndef TESSEL_RUNTIME_SIM_TILEMEMORY_HPP
#define TESSEL_RUNTIME_SIM_TILEMEMORY_HPP

#include <cstddef>
#include <cstdint>

namespace tessel::sim {

class TileMemory {
public:
  TileMemory(std::uint32_t numTiles, std::uint32_t bytesPerTile);
  ~TileMemory();
  TileMemory(const TileMemory &) = delete;
  TileMemory &operator=(const TileMemory &) = delete;

  std::uint32_t numTiles() const { return tiles; }
  std::uint32_t bytesPerTile() const { return bytes; }

  /// Pointer to `length` bytes at `address` of `tile`; throws
  /// poplar::runtime_error naming the tile and address if they fall outside
  /// the tile's memory.
  std::uint8_t *at(std::uint32_t tile, std::uint64_t address,
                   std::uint64_t length);
  const std::uint8_t *at(std::uint32_t tile, std::uint64_t address,
                         std::uint64_t length) const {
    return const_cast<TileMemory *>(this)->at(tile, address, length);
  }

private:
  std::uint8_t *base = nullptr;
  std::size_t size = 0;
  std::uint32_t tiles, bytes;
};

} // namespace tessel::sim

#endif
