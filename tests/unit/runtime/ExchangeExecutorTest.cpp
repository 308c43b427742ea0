// Exchange supersteps: bytes land where the transfers say, overlapping steps
// read every source first, plans group by destination tile, and any number
// of host threads gives the same memory.
#include "runtime/sim/ExchangeExecutor.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <cstring>
#include <numeric>
#include <random>

using namespace tessel;
using tessel::exe::Transfer;

namespace {

void fill(sim::TileMemory &memory, std::uint32_t tile, std::uint32_t address,
          std::vector<std::uint8_t> bytes) {
  std::memcpy(memory.at(tile, address, bytes.size()), bytes.data(),
              bytes.size());
}

std::vector<std::uint8_t> read(const sim::TileMemory &memory,
                               std::uint32_t tile, std::uint32_t address,
                               std::uint32_t n) {
  const std::uint8_t *p = memory.at(tile, address, n);
  return {p, p + n};
}

/// Runs `steps` on a fresh memory with `threads` host threads after filling
/// every tile with a pattern; returns the whole memory.
std::vector<std::uint8_t> runSteps(const std::vector<exe::ExchangeStep> &steps,
                                   unsigned threads, std::uint32_t tiles,
                                   std::uint32_t bytesPerTile) {
  sim::TileMemory memory(tiles, bytesPerTile);
  for (std::uint32_t t = 0; t < tiles; ++t)
    for (std::uint32_t a = 0; a < bytesPerTile; ++a)
      memory.at(t, a, 1)[0] = std::uint8_t(t * 31 + a * 7);
  sim::ThreadPool pool(threads);
  sim::ExchangeExecutor exchanger(steps, memory, pool);
  for (std::uint32_t s = 0; s < steps.size(); ++s)
    exchanger.run(s);
  // The tiles are one contiguous mapping.
  const std::uint8_t *all = memory.span(0).data;
  return {all, all + std::size_t(tiles) * bytesPerTile};
}

} // namespace

TEST_CASE("Transfers copy bytes between and within tiles",
          "[runtime][exchange]") {
  sim::TileMemory memory(3, 64);
  fill(memory, 0, 0, {1, 2, 3, 4});
  fill(memory, 2, 10, {9, 8});
  sim::ThreadPool pool(2);
  std::vector<exe::ExchangeStep> steps = {
      {{{0, 0, 1, 4, 4}, {2, 10, 0, 60, 2}, {0, 1, 0, 32, 2}}, false, "s"}};
  sim::ExchangeExecutor exchanger(steps, memory, pool);
  exchanger.run(0);
  CHECK(read(memory, 1, 4, 4) == std::vector<std::uint8_t>{1, 2, 3, 4});
  CHECK(read(memory, 0, 60, 2) == std::vector<std::uint8_t>{9, 8});
  CHECK(read(memory, 0, 32, 2) == std::vector<std::uint8_t>{2, 3});
}

TEST_CASE("A swap between tiles reads both sources before writing",
          "[runtime][exchange]") {
  sim::TileMemory memory(2, 16);
  fill(memory, 0, 0, {1, 1, 1, 1});
  fill(memory, 1, 0, {2, 2, 2, 2});
  sim::ThreadPool pool(1);
  std::vector<exe::ExchangeStep> steps = {
      {{{0, 0, 1, 0, 4}, {1, 0, 0, 0, 4}}, true, "swap"}};
  sim::ExchangeExecutor exchanger(steps, memory, pool);
  CHECK(exchanger.staged(0));
  exchanger.run(0);
  CHECK(read(memory, 0, 0, 4) == std::vector<std::uint8_t>{2, 2, 2, 2});
  CHECK(read(memory, 1, 0, 4) == std::vector<std::uint8_t>{1, 1, 1, 1});
}

TEST_CASE("Overlap is found even when the image does not flag it",
          "[runtime][exchange]") {
  // A shift within one tile: each destination is the next source.
  std::vector<Transfer> shift = {
      {0, 0, 0, 1, 1}, {0, 1, 0, 2, 1}, {0, 2, 0, 3, 1}};
  CHECK(sim::sourcesOverlapDestinations(shift));
  CHECK_FALSE(
      sim::sourcesOverlapDestinations({{0, 0, 1, 0, 8}, {1, 8, 0, 8, 8}}));
  CHECK(sim::sourcesOverlapDestinations({{0, 0, 1, 0, 8}, {1, 7, 0, 8, 8}}));
  CHECK(sim::planExchange({shift, false, "shift"}, 1024).staged);

  sim::TileMemory memory(1, 8);
  fill(memory, 0, 0, {5, 6, 7, 8});
  sim::ThreadPool pool(3);
  std::vector<exe::ExchangeStep> steps = {{shift, false, "shift"}};
  sim::ExchangeExecutor exchanger(steps, memory, pool);
  exchanger.run(0);
  CHECK(read(memory, 0, 0, 4) == std::vector<std::uint8_t>{5, 5, 6, 7});
}

TEST_CASE("Plans group transfers by destination tile in image order",
          "[runtime][exchange]") {
  exe::ExchangeStep step{{{0, 0, 2, 0, 100},
                          {1, 0, 1, 400, 100},
                          {3, 0, 2, 100, 100},
                          {0, 0, 1, 200, 100}},
                         false,
                         "s"};
  sim::ExchangePlan plan = sim::planExchange(step, 150);
  std::vector<std::uint32_t> dst, src;
  for (const Transfer &t : plan.transfers) {
    dst.push_back(t.dstTile);
    src.push_back(t.srcTile);
  }
  CHECK(dst == std::vector<std::uint32_t>{1, 1, 2, 2});
  CHECK(src == std::vector<std::uint32_t>{1, 0, 0, 3});
  // Jobs hold whole tiles: tile 1 (200 bytes), then tile 2.
  CHECK(plan.jobStarts == std::vector<std::size_t>{0, 2, 4});
  CHECK(plan.stagingOffsets == std::vector<std::uint64_t>{0, 100, 200, 300});
  CHECK(plan.totalBytes == 400);
  CHECK_FALSE(plan.staged);
}

TEST_CASE("Transfers that continue each other become one copy",
          "[runtime][exchange]") {
  sim::TileMemory memory(3, 64);
  fill(memory, 0, 0, {1, 2, 3, 4, 5, 6, 7, 8});
  fill(memory, 2, 0, {9, 9, 9, 9});
  sim::ThreadPool pool(1);
  std::vector<exe::ExchangeStep> steps = {
      // Four element transfers tile 0 -> tile 1 in order, one that skips a
      // byte, one from another tile, and an empty one between them.
      {{{0, 0, 1, 0, 2},
        {0, 2, 1, 2, 2},
        {0, 4, 1, 4, 0},
        {0, 4, 1, 4, 2},
        {0, 7, 1, 6, 1},
        {2, 0, 1, 7, 1}},
       false,
       "runs"},
      // The same bytes swapped within tile 0, so staged: merged copies
      // must keep their staging bytes in order.
      {{{0, 0, 0, 4, 2}, {0, 2, 0, 6, 2}, {0, 4, 0, 0, 2}, {0, 6, 0, 2, 2}},
       false,
       "swap halves"}};
  sim::ExchangeExecutor exchanger(steps, memory, pool);
  CHECK(exchanger.numCopies(0) == 3);
  CHECK(exchanger.numCopies(1) == 2);
  exchanger.run(0);
  CHECK(read(memory, 1, 0, 8) ==
        std::vector<std::uint8_t>{1, 2, 3, 4, 5, 6, 8, 9});
  exchanger.run(1);
  CHECK(exchanger.staged(1));
  CHECK(read(memory, 0, 0, 8) ==
        std::vector<std::uint8_t>{5, 6, 7, 8, 1, 2, 3, 4});
}

TEST_CASE("Element transfers filling a destination in order from "
          "scattered sources become one gather",
          "[runtime][exchange]") {
  // A transpose's pattern: 4-byte elements written one after another on
  // tile 1, read from tiles 0 and 2 by turns at stride 12, and 2-byte ones
  // on tile 2; then three elements in a row, too few to gather. No source
  // overlaps a destination, so the step is not staged.
  constexpr std::uint32_t kTile = 4096;
  sim::TileMemory memory(3, kTile);
  for (std::uint32_t t = 0; t < 3; ++t)
    for (std::uint32_t a = 0; a < kTile; ++a)
      memory.at(t, a, 1)[0] = std::uint8_t(t * 101 + a * 13 + a / 256);
  std::vector<Transfer> transfers;
  for (std::uint32_t k = 0; k < 200; ++k)
    transfers.push_back({k % 2 ? 2u : 0u, 12 * k, 1, 800 + 4 * k, 4});
  for (std::uint32_t k = 0; k < 50; ++k)
    transfers.push_back({0, 3000 - 6 * k, 2, 3500 + 2 * k, 2});
  for (std::uint32_t k = 0; k < 3; ++k)
    transfers.push_back({0, 2500 + 8 * k, 2, 3700 + 4 * k, 4});
  std::vector<std::uint8_t> expected[3];
  for (std::uint32_t t = 0; t < 3; ++t)
    expected[t] = read(memory, t, 0, kTile);
  for (const Transfer &t : transfers)
    std::memcpy(expected[t.dstTile].data() + t.dstAddress,
                memory.at(t.srcTile, t.srcAddress, t.numBytes), t.numBytes);
  sim::ThreadPool pool(1);
  std::vector<exe::ExchangeStep> steps = {{transfers, false, "gathers"}};
  sim::ExchangeExecutor exchanger(steps, memory, pool);
  CHECK(exchanger.numGathers(0) == 2);
  CHECK(exchanger.numGatheredElements(0) == 250);
  CHECK(exchanger.numCopies(0) == 2 + 3);
  exchanger.run(0);
  for (std::uint32_t t = 0; t < 3; ++t) {
    INFO("tile " << t);
    CHECK(read(memory, t, 0, kTile) == expected[t]);
  }
}

TEST_CASE("A staged step keeps its element copies", "[runtime][exchange]") {
  // Each element of tile 0 moves to the next one: sources overlap
  // destinations, so every source is staged first and no gather forms.
  sim::TileMemory memory(1, 64);
  fill(memory, 0, 0, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
  std::vector<Transfer> rotate;
  for (std::uint32_t k = 0; k < 8; ++k)
    rotate.push_back({0, 2 * k, 0, 2 * ((k + 1) % 8), 2});
  sim::ThreadPool pool(1);
  std::vector<exe::ExchangeStep> steps = {{rotate, false, "rotate"}};
  sim::ExchangeExecutor exchanger(steps, memory, pool);
  CHECK(exchanger.staged(0));
  CHECK(exchanger.numGathers(0) == 0);
  exchanger.run(0);
  CHECK(read(memory, 0, 0, 16) == std::vector<std::uint8_t>{15, 16, 1, 2, 3, 4,
                                                            5, 6, 7, 8, 9, 10,
                                                            11, 12, 13, 14});
}

TEST_CASE("Copies never merge across jobs, so each job stays one tile group",
          "[runtime][exchange]") {
  // Tile 0 -> tile 1 and tile 1 -> tile 2, whole tiles: in the one mapping
  // the second continues the first on both sides, but each is a job of its
  // own (more than 64 KiB), and the jobs may run on different threads.
  constexpr std::uint32_t kTile = 70000;
  sim::TileMemory memory(3, kTile);
  for (std::uint32_t t = 0; t < 2; ++t)
    std::memset(memory.at(t, 0, kTile), int(t + 1), kTile);
  sim::ThreadPool pool(2);
  std::vector<exe::ExchangeStep> steps = {
      {{{0, 0, 1, 0, kTile}, {1, 0, 2, 0, kTile}}, false, "shift by a tile"}};
  sim::ExchangeExecutor exchanger(steps, memory, pool);
  CHECK(exchanger.numJobs(0) == 2);
  CHECK(exchanger.numCopies(0) == 2);
  exchanger.run(0);
  CHECK(read(memory, 1, kTile - 1, 1) == std::vector<std::uint8_t>{1});
  CHECK(read(memory, 2, 0, 1) == std::vector<std::uint8_t>{2});
}

TEST_CASE("A transfer outside tile memory is refused when the engine loads",
          "[runtime][exchange]") {
  sim::TileMemory memory(2, 64);
  sim::ThreadPool pool(1);
  std::vector<exe::ExchangeStep> steps = {
      {{{0, 0, 1, 60, 8}}, false, "past the end"}};
  try {
    sim::ExchangeExecutor exchanger(steps, memory, pool);
    FAIL("no error");
  } catch (const poplar::runtime_error &e) {
    CHECK_THAT(e.what(), Catch::Contains("tile 1"));
    CHECK_THAT(e.what(), Catch::Contains("ends past"));
  }
}

TEST_CASE("1, 2 and 7 host threads leave identical memories",
          "[runtime][exchange][determinism]") {
  // Big enough to run on the pool: thousands of transfers between 16 tiles,
  // some writing the same bytes (the later one in image order wins), and a
  // staged step that rotates data across tiles.
  const std::uint32_t tiles = 16, bytesPerTile = 256 * 1024;
  std::mt19937 random(42);
  std::vector<exe::ExchangeStep> steps(3);
  for (int i = 0; i < 6000; ++i) {
    std::uint32_t n = 16 + random() % 240;
    steps[0].transfers.push_back(
        {std::uint32_t(random() % tiles),
         std::uint32_t(random() % (bytesPerTile / 2)),
         std::uint32_t(random() % tiles),
         std::uint32_t(bytesPerTile / 2 + random() % (bytesPerTile / 4)), n});
  }
  for (std::uint32_t t = 0; t < tiles; ++t)
    steps[1].transfers.push_back({t, 0, (t + 1) % tiles, 0, bytesPerTile / 2});
  steps[1].sourcesOverlapDestinations = true;
  steps[2].transfers = {{5, 1000, 5, 1001, 5000}}; // unflagged overlap
  // Gathers: every tile's last quarter filled element by element from
  // scattered sources on all tiles, large enough to run on the pool.
  exe::ExchangeStep gathers;
  for (std::uint32_t t = 0; t < tiles; ++t)
    for (std::uint32_t k = 0; k < 4096; ++k)
      gathers.transfers.push_back(
          {std::uint32_t(random() % tiles),
           std::uint32_t(random() % (bytesPerTile / 8)) * 4, t,
           bytesPerTile * 3 / 4 + 4 * k, 4});
  steps.push_back(gathers);
  auto one = runSteps(steps, 1, tiles, bytesPerTile);
  auto two = runSteps(steps, 2, tiles, bytesPerTile);
  auto seven = runSteps(steps, 7, tiles, bytesPerTile);
  REQUIRE(one.size() == std::size_t(tiles) * bytesPerTile);
  CHECK(one == two);
  CHECK(one == seven);
  // The rotation moved tile 15's first half to tile 0.
  CHECK(one[0] == std::uint8_t(15 * 31 + 0 * 7));
}

namespace {

/// What `transfers` leave in `memory` when run one after another in image
/// order: every tile's bytes.
std::vector<std::vector<std::uint8_t>>
expectedAfter(const sim::TileMemory &memory,
              const std::vector<Transfer> &transfers) {
  std::vector<std::vector<std::uint8_t>> expected;
  for (std::uint32_t t = 0; t < memory.numTiles(); ++t)
    expected.push_back(read(memory, t, 0, memory.bytesPerTile()));
  for (const Transfer &t : transfers)
    std::memcpy(expected[t.dstTile].data() + t.dstAddress,
                memory.at(t.srcTile, t.srcAddress, t.numBytes), t.numBytes);
  return expected;
}

void patternFill(sim::TileMemory &memory) {
  for (std::uint32_t t = 0; t < memory.numTiles(); ++t)
    for (std::uint32_t a = 0; a < memory.bytesPerTile(); ++a)
      memory.at(t, a, 1)[0] = std::uint8_t(t * 101 + a * 13 + a / 256);
}

} // namespace

TEST_CASE("A job whose writes are disjoint runs its gathers as one scatter "
          "in source order",
          "[runtime][exchange]") {
  // A 32x32 transpose of 4-byte elements: the source matrix is spread over
  // tiles 0-3 (8 rows each), the transposed one is written on tile 4, with
  // one plain 16-byte copy beside it. Every destination byte is written
  // once, so the order of the copies cannot show.
  constexpr std::uint32_t kTile = 8192, kN = 32;
  sim::TileMemory memory(5, kTile);
  patternFill(memory);
  std::vector<Transfer> transfers;
  for (std::uint32_t j = 0; j < kN; ++j)
    for (std::uint32_t i = 0; i < kN; ++i)
      transfers.push_back(
          {i / 8, (i % 8) * kN * 4 + j * 4, 4, (j * kN + i) * 4, 4});
  transfers.push_back({0, 7000, 4, 6000, 16});
  const auto expected = expectedAfter(memory, transfers);
  sim::ThreadPool pool(1);
  std::vector<exe::ExchangeStep> steps = {{transfers, false, "transpose"}};
  sim::ExchangeExecutor exchanger(steps, memory, pool);
  CHECK(exchanger.numJobs(0) == 1);
  CHECK(exchanger.numScatters(0) == 1);
  CHECK(exchanger.numScatteredElements(0) == kN * kN);
  CHECK(exchanger.numGathers(0) == 0);
  CHECK(exchanger.numGatheredElements(0) == 0);
  CHECK(exchanger.numCopies(0) == 2);
  exchanger.run(0);
  for (std::uint32_t t = 0; t < 5; ++t) {
    INFO("tile " << t);
    CHECK(read(memory, t, 0, kTile) == expected[t]);
  }
}

TEST_CASE("A job writing some byte twice keeps its gathers in image order",
          "[runtime][exchange]") {
  // Two gathers of 300 elements each onto the same destination bytes of
  // tile 2, the later from the lower source tile: the later must win, so
  // the job keeps image order and forms no scatter. A job mixing sizes
  // keeps its gathers too.
  constexpr std::uint32_t kTile = 8192;
  std::vector<Transfer> twice;
  for (std::uint32_t pass = 0; pass < 2; ++pass)
    for (std::uint32_t k = 0; k < 300; ++k)
      twice.push_back({1 - pass, 8 * k + 4 * pass, 2, 4 * k, 4});
  std::vector<Transfer> mixed;
  for (std::uint32_t k = 0; k < 300; ++k)
    mixed.push_back({0, 8 * k, 2, 4 * k, 4});
  for (std::uint32_t k = 0; k < 300; ++k)
    mixed.push_back({1, 6 * k, 2, 2000 + 2 * k, 2});
  for (const auto &transfers : {twice, mixed}) {
    sim::TileMemory fresh(3, kTile);
    patternFill(fresh);
    const auto expected = expectedAfter(fresh, transfers);
    sim::ThreadPool pool(1);
    std::vector<exe::ExchangeStep> steps = {{transfers, false, "no scatter"}};
    sim::ExchangeExecutor exchanger(steps, fresh, pool);
    CHECK(exchanger.numScatters(0) == 0);
    CHECK(exchanger.numGathers(0) == 2);
    CHECK(exchanger.numGatheredElements(0) == 600);
    exchanger.run(0);
    CHECK(read(fresh, 2, 0, kTile) == expected[2]);
  }
}

TEST_CASE("A transpose run as scatters on 1, 2 and 7 host threads matches "
          "the host's copies",
          "[runtime][exchange][determinism]") {
  // 256x512 four-byte elements (512 KiB, so the pool runs it) transposed
  // from tiles 0-7 onto tiles 8-15, 64 KiB each: one job per destination
  // tile, each a scatter.
  constexpr std::uint32_t kRows = 256, kCols = 512, kTile = 64 * 1024;
  constexpr std::uint32_t kPerTile = kTile / 4;
  std::vector<Transfer> transfers;
  for (std::uint32_t j = 0; j < kCols; ++j)
    for (std::uint32_t i = 0; i < kRows; ++i) {
      const std::uint32_t from = i * kCols + j, to = j * kRows + i;
      transfers.push_back({from / kPerTile, (from % kPerTile) * 4,
                           8 + to / kPerTile, (to % kPerTile) * 4, 4});
    }
  std::vector<exe::ExchangeStep> steps = {{transfers, false, "transpose"}};
  sim::TileMemory memory(16, kTile);
  for (std::uint32_t t = 0; t < 16; ++t)
    for (std::uint32_t a = 0; a < kTile; ++a)
      memory.at(t, a, 1)[0] = std::uint8_t(t * 31 + a * 7);
  const auto expected = expectedAfter(memory, transfers);
  sim::ThreadPool pool(1);
  sim::ExchangeExecutor exchanger(steps, memory, pool);
  CHECK(exchanger.numJobs(0) == 8);
  CHECK(exchanger.numScatters(0) == 8);
  CHECK(exchanger.numScatteredElements(0) == kRows * kCols);
  auto one = runSteps(steps, 1, 16, kTile);
  auto two = runSteps(steps, 2, 16, kTile);
  auto seven = runSteps(steps, 7, 16, kTile);
  CHECK(one == two);
  CHECK(one == seven);
  for (std::uint32_t t = 0; t < 16; ++t) {
    INFO("tile " << t);
    CHECK(std::equal(expected[t].begin(), expected[t].end(),
                     one.begin() + std::size_t(t) * kTile));
  }
}
