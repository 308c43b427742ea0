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

#include <poplar/CodeletABI.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tessel::sim {

/// The counted cycles a vertex may run (per run: per worker for a
/// MultiVertex) when the engine option tessel.vertexCycleBudget is not set.
inline constexpr std::uint64_t kDefaultVertexCycleBudget = std::uint64_t(1)
                                                           << 32;

/// What running a compute set did.
struct ComputeOutcome {
  StepCycles cycles;
  /// Every vertex's compute() returned true (void counts as true).
  bool allTrue = true;
  /// (tile, compute cycles) of every tile with vertices, in tile order.
  std::vector<std::pair<std::uint32_t, std::uint64_t>> tileCycles;
};

class ComputeExecutor {
public:
  /// Each vertex run stops after `cycleBudget` counted cycles.
  ComputeExecutor(const exe::ExecutableImage &image,
                  const CodeletLibrary &codelets, TileMemory &memory,
                  ThreadPool &pool, const CycleModel &model,
                  std::uint64_t cycleBudget);

  /// Runs compute set `computeSet`. A vertex that stores outside its
  /// Output/InOut fields or runs past the budget is
  /// poplar::application_runtime_error naming the vertex, its codelet, the
  /// compute set and the tile; a vertex whose state the codelet cannot bind
  /// is poplar::runtime_error (an inconsistent executable). A failing
  /// vertex ends its tile's work; the other tiles finish, and the error of
  /// the lowest failing tile is thrown.
  ComputeOutcome run(std::uint32_t computeSet);

private:
  struct TileOutcome {
    std::uint64_t cycles = 0;
    bool allTrue = true;
  };

  TileOutcome runTile(const exe::ComputeSetDesc &set, std::size_t begin,
                      std::size_t end);
  /// One RunFunction call; throws for every status but Ok.
  abi::RunContext runVertex(const exe::ComputeSetDesc &set,
                            const exe::VertexDesc &vertex,
                            const abi::VertexInfo &info, TileSpan tile,
                            std::uint32_t workerId);

  const exe::ExecutableImage &image;
  const CodeletLibrary &codelets;
  TileMemory &memory;
  ThreadPool &pool;
  const CycleModel &model;
  std::uint64_t cycleBudget;
  /// Per compute set, where each tile's vertices begin; the last entry is
  /// the number of vertices.
  std::vector<std::vector<std::size_t>> tileStarts;
};

} // namespace tessel::sim

#endif
