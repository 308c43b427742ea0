// Tile memories in one lazily-populated anonymous mapping.
#include "runtime/sim/TileMemory.hpp"

#include <poplar/exceptions.hpp>

#include <sys/mman.h>

#include <string>

namespace tessel::sim {

TileMemory::TileMemory(std::uint32_t numTiles, std::uint32_t bytesPerTile)
    : size(std::size_t(numTiles) * bytesPerTile), tiles(numTiles),
      bytes(bytesPerTile) {
  if (size == 0)
    return;
  void *p = mmap(nullptr, size, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED)
    throw poplar::system_runtime_error(
        "could not reserve " + std::to_string(size) +
        " bytes of host memory for the simulated tile memories");
  base = static_cast<std::uint8_t *>(p);
}

TileMemory::~TileMemory() {
  if (base)
    munmap(base, size);
}

std::uint8_t *TileMemory::at(std::uint32_t tile, std::uint64_t address,
                             std::uint64_t length) {
  if (tile >= tiles || address + length > bytes)
    throw poplar::runtime_error(
        "access to " + std::to_string(length) + " bytes at address " +
        std::to_string(address) + " of tile " + std::to_string(tile) +
        " is outside the simulated device (" + std::to_string(tiles) +
        " tiles of " + std::to_string(bytes) + " bytes)");
  return base + std::size_t(tile) * bytes + address;
}

} // namespace tessel::sim
