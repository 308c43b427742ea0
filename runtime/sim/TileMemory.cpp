// Tile memories in one lazily-populated anonymous mapping. MAP_NORESERVE
// keeps the host from committing swap for pages the program never touches.
#include "runtime/sim/TileMemory.hpp"

#include <poplar/exceptions.hpp>
#include <tessel/internal/CodeletGlue.hpp>

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace tessel::sim {

namespace {

// A codelet may store anywhere in the kStackAllowance bytes below its
// frame. Host thread stacks are mappings too, and may sit right above (or
// below) the tile memories; a guard above at least that large keeps the
// allowance of a thread whose stack is above off every tile, and one below
// keeps the 256 bytes above a frame off them.
constexpr std::size_t kGuardAbove = 2 * tessel::abi::kStackAllowance;
constexpr std::size_t kGuardBelow = std::size_t(1) << 20;

void *reserveBytes(std::size_t bytes) {
  return mmap(nullptr, bytes, PROT_NONE,
              MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
}

} // namespace

TileMemory::TileMemory(std::uint32_t numTiles, std::uint32_t bytesPerTile)
    : mappedBytes(std::size_t(numTiles) * bytesPerTile), tiles(numTiles),
      tileBytes(bytesPerTile) {
  if (mappedBytes == 0)
    return;
  reservedBytes = kGuardBelow + mappedBytes + kGuardAbove;
  void *p = reserveBytes(reservedBytes);
  if (p != MAP_FAILED && mprotect(static_cast<std::uint8_t *>(p) + kGuardBelow,
                                  mappedBytes, PROT_READ | PROT_WRITE) != 0) {
    int error = errno;
    munmap(p, reservedBytes);
    p = MAP_FAILED;
    errno = error;
  }
  if (p == MAP_FAILED)
    throw poplar::system_runtime_error(
        "could not map " + std::to_string(mappedBytes) +
        " bytes of host memory for " + std::to_string(numTiles) +
        " simulated tiles of " + std::to_string(bytesPerTile) +
        " bytes: " + std::strerror(errno) +
        "; use a target with fewer tiles or free host memory");
  reserved = static_cast<std::uint8_t *>(p);
  base = reserved + kGuardBelow;
}

TileMemory::~TileMemory() {
  if (reserved)
    munmap(reserved, reservedBytes);
}

void TileMemory::check(std::uint32_t tile, std::uint64_t address,
                       std::uint64_t length) const {
  if (tile >= tiles)
    throw poplar::runtime_error(
        "simulated memory access to tile " + std::to_string(tile) +
        ", which does not exist: the device has " + std::to_string(tiles) +
        " tiles (0 to " + std::to_string(tiles ? tiles - 1 : 0) + ")");
  if (address > tileBytes || length > tileBytes - address)
    throw poplar::runtime_error(
        "simulated memory access to " + std::to_string(length) +
        " bytes at address " + std::to_string(address) + " of tile " +
        std::to_string(tile) + " ends past the tile's " +
        std::to_string(tileBytes) + " bytes");
}

TileSpan TileMemory::span(std::uint32_t tile) {
  check(tile, 0, 0);
  return {base + std::size_t(tile) * tileBytes, tileBytes};
}

std::uint8_t *TileMemory::at(std::uint32_t tile, std::uint64_t address,
                             std::uint64_t length) {
  check(tile, address, length);
  return base + std::size_t(tile) * tileBytes + address;
}

const std::uint8_t *TileMemory::at(std::uint32_t tile, std::uint64_t address,
                                   std::uint64_t length) const {
  check(tile, address, length);
  return base + std::size_t(tile) * tileBytes + address;
}

void TileMemory::clear() {
  if (!base)
    return;
  // MADV_DONTNEED on a private anonymous mapping drops the pages; the next
  // touch maps fresh zero pages. Fall back to writing zeros if refused.
  if (madvise(base, mappedBytes, MADV_DONTNEED) != 0)
    std::memset(base, 0, mappedBytes);
}

void TileMemory::populate(std::uint32_t tile, std::uint64_t bytes) {
  check(tile, 0, bytes);
  if (bytes == 0)
    return;
#ifdef MADV_POPULATE_WRITE
  // madvise takes page-aligned starts; tiles need not begin on a page.
  static const auto page = std::uintptr_t(sysconf(_SC_PAGESIZE));
  const auto begin = reinterpret_cast<std::uintptr_t>(at(tile, 0, bytes));
  const std::uintptr_t aligned = begin & ~(page - 1);
  madvise(reinterpret_cast<void *>(aligned), begin + bytes - aligned,
          MADV_POPULATE_WRITE);
#endif
}

} // namespace tessel::sim
