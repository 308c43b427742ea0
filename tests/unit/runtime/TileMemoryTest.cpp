// Tile memories: exact sizes, zeroed and lazily mapped, bounds checked with
// errors that name the tile and address.
#include "runtime/sim/TileMemory.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <string>

using tessel::sim::TileMemory;

namespace {

/// Resident set size of this process in bytes (Linux).
std::uint64_t residentBytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * 4096;
}

} // namespace

TEST_CASE("Each tile has exactly its bytes, zeroed", "[runtime][memory]") {
  TileMemory memory(3, 1000);
  CHECK(memory.numTiles() == 3);
  CHECK(memory.bytesPerTile() == 1000);
  auto span = memory.span(2);
  CHECK(span.size == 1000);
  CHECK(span.data == memory.at(2, 0, 1000));
  CHECK(memory.at(1, 0, 0) + 1000 == memory.at(2, 0, 0));
  for (std::uint32_t i = 0; i < 1000; ++i)
    CHECK(span.data[i] == 0);
}

TEST_CASE("A whole ipu2 costs only the pages a program touches",
          "[runtime][memory]") {
  std::uint64_t before = residentBytes();
  TileMemory memory(1472, 638976); // 897 MiB of simulated memory
  std::memset(memory.at(1471, 638976 - 64, 64), 0xab, 64);
  std::memset(memory.at(0, 0, 64), 0xcd, 64);
  CHECK(memory.at(1471, 638975, 1)[0] == 0xab);
  CHECK(memory.at(700, 1234, 1)[0] == 0);
  // Three touched pages, not 897 MiB.
  CHECK(residentBytes() - before < 16u * 1024 * 1024);
}

TEST_CASE("Accesses outside a tile name the tile and address",
          "[runtime][memory][errors]") {
  TileMemory memory(4, 256);
  CHECK_THROWS_AS(memory.at(4, 0, 1), poplar::runtime_error);
  CHECK_THROWS_WITH(memory.at(4, 0, 1),
                    Catch::Contains("tile 4") &&
                        Catch::Contains("the device has 4 tiles"));
  CHECK_THROWS_WITH(memory.at(2, 250, 8),
                    Catch::Contains("8 bytes at address 250 of tile 2") &&
                        Catch::Contains("256 bytes"));
  CHECK_THROWS_WITH(memory.span(9), Catch::Contains("tile 9"));
  CHECK_NOTHROW(memory.at(3, 248, 8));
  CHECK_NOTHROW(memory.at(3, 256, 0));
}

TEST_CASE("Clearing returns every byte to zero", "[runtime][memory]") {
  TileMemory memory(2, 8192);
  std::memset(memory.at(1, 100, 5000), 7, 5000);
  memory.clear();
  for (std::uint32_t i = 0; i < 8192; i += 97)
    CHECK(memory.at(1, i, 1)[0] == 0);
}

TEST_CASE("Populating a tile maps its pages and keeps what they hold",
          "[runtime][memory]") {
  TileMemory memory(64, 638976);
  std::memset(memory.at(5, 100, 16), 0x5a, 16);
  const std::uint64_t before = residentBytes();
  memory.populate(5, 638976);
  memory.populate(6, 1000);
  memory.populate(7, 0);
  // Tile 5's 624 KiB are resident now; tile 6 needs a page or two.
  CHECK(residentBytes() - before >= 600u * 1024);
  CHECK(memory.at(5, 100, 16)[15] == 0x5a);
  CHECK(memory.at(5, 99, 1)[0] == 0);
  CHECK(memory.at(6, 999, 1)[0] == 0);
  CHECK_THROWS_AS(memory.populate(64, 1), poplar::runtime_error);
  CHECK_THROWS_AS(memory.populate(5, 638977), poplar::runtime_error);
}
