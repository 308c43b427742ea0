// Runs compute sets: every vertex through its codelet's RunFunction against
// its own tile's memory. Tiles run in parallel on the host thread pool; a
// tile's vertices run in the image's order on one thread, and a vertex
// reaches only its own tile's memory, so results are the same for any
// number of host threads. Each tile's vertices are scheduled on its worker
// contexts by the cycle model (TileSchedule).
#ifndef TESSEL_RUNTIME_SIM_COMPUTEEXECUTOR_HPP
#define TESSEL_RUNTIME_SIM_COMPUTEEXECUTOR_HPP

#include "compiler/codegen/ExecutableImage.hpp"
#include "runtime/sim/CodeletLibrary.hpp"
#include "runtime/sim/CycleModel.hpp"
#include "runtime/sim/ThreadPool.hpp"
#include "runtime/sim/TileMemory.hpp"
#include "runtime/sim/VertexSandbox.hpp"

#include <tessel/internal/CodeletABI.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tessel::sim {

/// The counted cycles a vertex may run (per run: per worker for a
/// MultiVertex) when the engine option tessel.vertexCycleBudget is not set.
inline constexpr std::uint64_t kDefaultVertexCycleBudget = std::uint64_t(1)
                                                           << 32;

/// The wall-clock milliseconds a vertex run may take when the engine option
/// tessel.vertexTimeout is not set: far more than any honest codelet needs
/// (the cycle budget stops a counted loop long before), short enough that a
/// vertex blocked in the C library does not hang a test suite.
inline constexpr std::uint64_t kDefaultVertexTimeoutMs = 60000;

/// What running a compute set did.
struct ComputeOutcome {
  StepCycles cycles;
  /// Every vertex's compute() returned true (void counts as true).
  bool allTrue = true;
  /// (tile, compute cycles) of every tile with vertices, in tile order.
  std::vector<std::pair<std::uint32_t, std::uint64_t>> tileCycles;
};

/// The bytes a tile's vertices may print in one compute set; more is cut,
/// saying so.
inline constexpr std::size_t kMaxTilePrintBytes = std::size_t(1) << 20;

/// What the vertices of one tile printed in one compute set.
struct TilePrint {
  std::uint32_t tile = 0;
  std::string text;
  bool truncated = false;
};

/// Receives each tile's printed text after a compute set, in tile order,
/// also when a vertex failed (what ran before the failure).
using TilePrintHandler = std::function<void(const TilePrint &)>;

class ComputeExecutor {
public:
  /// Each vertex run stops after `cycleBudget` counted cycles or
  /// `timeoutMs` milliseconds of wall-clock time (0: no time limit).
  ComputeExecutor(const exe::ExecutableImage &image,
                  const CodeletLibrary &codelets, TileMemory &memory,
                  ThreadPool &pool, const CycleModel &model,
                  std::uint64_t cycleBudget,
                  std::uint64_t timeoutMs = kDefaultVertexTimeoutMs);

  /// Runs compute set `computeSet`. A vertex that stores outside its
  /// Output/InOut fields, loads outside its tile's memory, faults (a bad
  /// address, an integer division by zero, a stack overflow, a trap) or
  /// runs past the cycle budget or the time limit is
  /// poplar::application_runtime_error naming the vertex, its codelet, the
  /// compute set, the tile and what happened; a vertex whose state the codelet
  /// cannot bind is poplar::runtime_error (an inconsistent executable). A
  /// failing vertex ends its tile's work; the other tiles finish, and the error
  /// of the lowest failing tile is thrown.
  ComputeOutcome run(std::uint32_t computeSet,
                     const TilePrintHandler &printed = {});

private:
  struct TileOutcome {
    std::uint64_t cycles = 0;
    bool allTrue = true;
  };

  TileOutcome runTile(const exe::ComputeSetDesc &set, std::size_t begin,
                      std::size_t end, VertexSandbox &sandbox,
                      TilePrint &print);
  /// One RunFunction call; throws for every status but Ok.
  abi::RunContext runVertex(const exe::ComputeSetDesc &set,
                            const exe::VertexDesc &vertex,
                            const abi::VertexInfo &info, TileSpan tile,
                            std::uint32_t workerId, VertexSandbox &sandbox,
                            TilePrint &print);
  /// Where `address` is, as the tile's address or relative to the tiles.
  std::string describeAddress(const abi::RunContext &ctx,
                              std::uintptr_t address);

  const exe::ExecutableImage &image;
  const CodeletLibrary &codelets;
  TileMemory &memory;
  ThreadPool &pool;
  const CycleModel &model;
  std::uint64_t cycleBudget;
  std::uint64_t timeoutMs;
  /// Per compute set, where each tile's vertices begin; the last entry is
  /// the number of vertices.
  std::vector<std::vector<std::size_t>> tileStarts;
};

} // namespace tessel::sim

#endif
