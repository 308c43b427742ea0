// The simulated IPU's memories: exactly bytesPerTile bytes for each tile, in
// one anonymous mapping whose pages cost nothing until first written, so a
// 1472-tile ipu2 costs only the bytes a program touches. Inaccessible guard
// regions around the mapping keep every host thread's stack far enough away
// that a codelet's stack allowance (tessel/internal/CodeletGlue.hpp) never
// covers a tile.
#ifndef TESSEL_RUNTIME_SIM_TILEMEMORY_HPP
#define TESSEL_RUNTIME_SIM_TILEMEMORY_HPP

#include <cstddef>
#include <cstdint>

namespace tessel::sim {

/// A tile's whole memory: `size` bytes from `data`.
struct TileSpan {
  std::uint8_t *data = nullptr;
  std::uint32_t size = 0;
};

class TileMemory {
public:
  /// Reserves numTiles * bytesPerTile bytes; throws
  /// poplar::system_runtime_error if the host cannot map them.
  TileMemory(std::uint32_t numTiles, std::uint32_t bytesPerTile);
  ~TileMemory();
  TileMemory(const TileMemory &) = delete;
  TileMemory &operator=(const TileMemory &) = delete;

  std::uint32_t numTiles() const { return tiles; }
  std::uint32_t bytesPerTile() const { return tileBytes; }

  /// The memory of `tile`; throws poplar::runtime_error naming the tile if
  /// there is no such tile.
  TileSpan span(std::uint32_t tile);

  /// `length` bytes at `address` of `tile`; throws poplar::runtime_error
  /// naming the tile, address and length if they are not all inside the
  /// tile's memory.
  std::uint8_t *at(std::uint32_t tile, std::uint64_t address,
                   std::uint64_t length);
  const std::uint8_t *at(std::uint32_t tile, std::uint64_t address,
                         std::uint64_t length) const;

  /// Sets every byte to zero and gives the pages back to the host, as a
  /// device reset does.
  void clear();

  /// Maps the host pages behind the first `bytes` of `tile` now, keeping
  /// their contents, so the program's first touches of them do not fault
  /// one page at a time. Only a hint: a host that refuses it faults later.
  void populate(std::uint32_t tile, std::uint64_t bytes);

private:
  void check(std::uint32_t tile, std::uint64_t address,
             std::uint64_t length) const;

  std::uint8_t *base = nullptr;
  std::size_t mappedBytes = 0;
  /// The whole reservation, guards included.
  std::uint8_t *reserved = nullptr;
  std::size_t reservedBytes = 0;
  std::uint32_t tiles = 0;
  std::uint32_t tileBytes = 0;
};

} // namespace tessel::sim

#endif
