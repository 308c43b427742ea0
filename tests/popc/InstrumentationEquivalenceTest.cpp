// popc's optimised instrumentation (cycle counter in a register, hoisted
// loop checks) against its reference instrumentation (every block counted
// in ExecState, every access and loop header checked in place): the same
// results, cycle counts, budget stops and faults, exactly.
#include "tests/popc/PopcTestSupport.hpp"

#include <catch2/catch.hpp>

using namespace tessel::codelets;
using popctest::codelet;
using popctest::LoadedCodelets;
using popctest::ScratchDir;
using popctest::TileMemory;
using tessel::abi::RunContext;
using tessel::abi::RunStatus;

namespace {

CodeletArchive compile(bool reference) {
  ScratchDir dir;
  std::vector<std::string> args{"-O3", codelet("counting.cpp"), "-o",
                                dir / "out.gp"};
  if (reference)
    args.insert(args.begin(), "--reference-instrumentation");
  const ProcessResult result = popctest::runPopc(args);
  INFO(result.output);
  REQUIRE(result.exitStatus == 0);
  return readArchiveFile(dir / "out.gp");
}

/// What one run shows: status, cycles, fault (as a tile offset), memory.
struct Outcome {
  RunStatus status;
  std::uint64_t cycles;
  std::uint64_t faultOffset;
  std::uint64_t faultBytes;
  std::vector<std::int32_t> memory;
  bool operator==(const Outcome &other) const {
    return status == other.status && cycles == other.cycles &&
           faultOffset == other.faultOffset && faultBytes == other.faultBytes &&
           memory == other.memory;
  }
};

/// Lays out a tile with `build` (which returns the state address) and runs
/// `vertex` on it with `budget`.
template <class Build>
Outcome runOn(const LoadedCodelets &codelets, const std::string &vertex,
              std::uint64_t budget, Build build) {
  TileMemory tile(1 << 14);
  const std::uint32_t state = build(tile);
  const RunContext context = tile.run(codelets.vertex(vertex), state, budget);
  Outcome outcome{
      context.status,
      context.cycles,
      context.faultAddress ? context.faultAddress - tile.hostAddress(0) : 0,
      context.faultBytes,
      {}};
  for (std::uint32_t at = 8; at < state; at += 4)
    outcome.memory.push_back(tile.read<std::int32_t>(at));
  return outcome;
}

/// Runs both objects unlimited, then with budgets that stop them at many
/// points, and requires identical outcomes every time.
template <class Build>
void compareAt(const LoadedCodelets &optimised, const LoadedCodelets &reference,
               const std::string &vertex, Build build) {
  const Outcome full = runOn(reference, vertex, 1u << 30, build);
  REQUIRE(runOn(optimised, vertex, 1u << 30, build) == full);
  const std::uint64_t step = full.cycles / 37 + 1;
  for (std::uint64_t budget = 0; budget <= full.cycles + step; budget += step) {
    INFO(vertex << " budget " << budget);
    CHECK(runOn(optimised, vertex, budget, build) ==
          runOn(reference, vertex, budget, build));
  }
}

} // namespace

TEST_CASE("Optimised instrumentation counts and stops exactly as the "
          "reference",
          "[instrumentation]") {
  const CodeletArchive optimisedArchive = compile(false);
  const CodeletArchive referenceArchive = compile(true);
  ScratchDir dir;
  ScratchDir referenceDir;
  LoadedCodelets optimised(optimisedArchive, dir);
  LoadedCodelets reference(referenceArchive, referenceDir);

  const std::vector<int> values{3, 14, 9, -2, 21, 7, 4, 8, 11, 6, 5, 2};
  for (unsigned mode : {0u, 1u, 2u, 3u}) {
    for (unsigned shift : {0u, 1u}) {
      INFO("mode " << mode << " shift " << shift);
      compareAt(optimised, reference, "Mixed", [&](TileMemory &tile) {
        const std::uint32_t in = tile.place(values);
        const std::uint32_t out = tile.place(std::vector<int>(9, -1));
        tile.place(std::vector<int>(4, -7)); // what a shift overwrites
        return tile.words(
            {in, std::uint32_t(values.size()), out, 8, mode, shift});
      });
    }
  }
  // An empty input returns at once.
  compareAt(optimised, reference, "Mixed", [&](TileMemory &tile) {
    const std::uint32_t out = tile.place(std::vector<int>(8, -1));
    return tile.words({out, 0, out, 8, 0, 0});
  });

  for (unsigned count : {0u, 1u, 33u, 64u, 70u}) {
    INFO("fma count " << count);
    compareAt(optimised, reference, "Fma", [&](TileMemory &tile) {
      std::vector<float> a(64), b(64), c(64);
      for (unsigned i = 0; i < 64; ++i) {
        a[i] = 0.5f * float(i);
        b[i] = 3.0f - float(i);
        c[i] = float(i % 5);
      }
      const std::uint32_t aAt = tile.place(a);
      const std::uint32_t bAt = tile.place(b);
      const std::uint32_t cAt = tile.place(c);
      return tile.words({aAt, 64, bAt, 64, cAt, 64, count});
    });
  }

  for (unsigned depth : {0u, 1u, 5u}) {
    INFO("block depth " << depth);
    compareAt(optimised, reference, "Block", [&](TileMemory &tile) {
      const unsigned rows = 3, cols = 20;
      std::vector<float> a(rows * 5 + 1), b(5 * cols + 1);
      for (unsigned i = 0; i < a.size(); ++i)
        a[i] = float(i) - 2.0f;
      for (unsigned i = 0; i < b.size(); ++i)
        b[i] = 0.25f * float(i % 9);
      const std::uint32_t aAt = tile.place(a);
      const std::uint32_t bAt = tile.place(b);
      const std::uint32_t out = tile.place(std::vector<float>(rows * 16));
      return tile.words({aAt, std::uint32_t(a.size()), bAt,
                         std::uint32_t(b.size()), out, rows * 16, rows, depth,
                         cols});
    });
  }

  for (unsigned shift : {0u, 5u}) {
    INFO("product shift " << shift);
    compareAt(optimised, reference, "Product16", [&](TileMemory &tile) {
      std::vector<float> a(256), b(256);
      for (unsigned i = 0; i < 256; ++i) {
        a[i] = float(int(i % 13) - 6) / 4.0f;
        b[i] = float(int(i % 7) - 3) / 8.0f;
      }
      const std::uint32_t aAt = tile.place(a);
      const std::uint32_t bAt = tile.place(b);
      const std::uint32_t out = tile.place(std::vector<float>(256, -1.0f));
      tile.place(std::vector<float>(8, -3.0f)); // what a shift overwrites
      return tile.words({aAt, 256, bAt, 256, out, 256, shift});
    });
  }
}
