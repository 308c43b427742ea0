// Running a compute set's vertices, scheduling them on worker contexts and
// turning codelet run statuses into errors that name the vertex.
#include "runtime/sim/ComputeExecutor.hpp"

#include <poplar/Vertex.hpp>
#include <poplar/exceptions.hpp>

#include <algorithm>
#include <cstdio>
#include <string>

namespace tessel::sim {

namespace {

std::string hex(std::uint64_t value) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%llx", (unsigned long long)value);
  return text;
}

/// "vertex 7 (codelet 'Sum', worker 3) of compute set 'cs' on tile 2".
std::string describeVertex(const exe::ComputeSetDesc &set,
                           const exe::VertexDesc &vertex,
                           const abi::VertexInfo &info,
                           std::uint32_t workerId) {
  std::string text =
      "vertex " + std::to_string(vertex.id) + " (codelet '" + info.name + "'";
  if (info.base == abi::VertexBase::MultiVertex)
    text += ", worker " + std::to_string(workerId);
  return text + ") of compute set '" + set.name + "' on tile " +
         std::to_string(vertex.tile);
}

/// Where a faulting store went, in the tile's addresses when it hit the
/// tile's memory.
std::string describeFault(const abi::RunContext &ctx) {
  auto base = reinterpret_cast<std::uintptr_t>(ctx.tileBase);
  if (ctx.faultAddress >= base && ctx.faultAddress - base < ctx.tileBytes)
    return "tile address " + hex(ctx.faultAddress - base) +
           " outside its Output/InOut fields";
  return "host address " + hex(ctx.faultAddress) +
         ", outside its tile's memory and its Output/InOut fields";
}

} // namespace

ComputeExecutor::ComputeExecutor(const exe::ExecutableImage &image,
                                 const CodeletLibrary &codelets,
                                 TileMemory &memory, ThreadPool &pool,
                                 const CycleModel &model,
                                 std::uint64_t cycleBudget)
    : image(image), codelets(codelets), memory(memory), pool(pool),
      model(model), cycleBudget(cycleBudget) {
  for (const exe::ComputeSetDesc &set : image.computeSets) {
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < set.vertices.size(); ++i)
      if (i == 0 || set.vertices[i].tile != set.vertices[i - 1].tile)
        starts.push_back(i);
    starts.push_back(set.vertices.size());
    tileStarts.push_back(std::move(starts));
  }
}

ComputeOutcome ComputeExecutor::run(std::uint32_t computeSet) {
  const exe::ComputeSetDesc &set = image.computeSets[computeSet];
  const std::vector<std::size_t> &starts = tileStarts[computeSet];
  std::vector<TileOutcome> tiles(starts.size() - 1);
  // The vertices are sorted by tile, so work item order is tile order and
  // the pool's lowest-index error is the lowest tile's.
  pool.parallelFor(tiles.size(), [&](std::size_t i) {
    tiles[i] = runTile(set, starts[i], starts[i + 1]);
  });
  ComputeOutcome outcome;
  std::uint64_t busiest = 0;
  outcome.tileCycles.reserve(tiles.size());
  for (std::size_t i = 0; i < tiles.size(); ++i) {
    busiest = std::max(busiest, tiles[i].cycles);
    outcome.allTrue = outcome.allTrue && tiles[i].allTrue;
    outcome.tileCycles.emplace_back(set.vertices[starts[i]].tile,
                                    tiles[i].cycles);
  }
  outcome.cycles = model.computeSet(busiest);
  return outcome;
}

ComputeExecutor::TileOutcome
ComputeExecutor::runTile(const exe::ComputeSetDesc &set, std::size_t begin,
                         std::size_t end) {
  TileSpan tile = memory.span(set.vertices[begin].tile);
  TileSchedule schedule = model.tileSchedule();
  TileOutcome outcome;
  for (std::size_t i = begin; i < end; ++i) {
    const exe::VertexDesc &vertex = set.vertices[i];
    const abi::VertexInfo &info = codelets.codelet(vertex.codelet);
    auto cost = [&](const abi::RunContext &ctx) {
      return vertex.fixedCycles >= 0 ? std::uint64_t(vertex.fixedCycles)
                                     : ctx.cycles;
    };
    switch (info.base) {
    case abi::VertexBase::Vertex: {
      unsigned worker = schedule.leastLoadedWorker();
      abi::RunContext ctx = runVertex(set, vertex, info, tile, worker);
      schedule.addWorkerCycles(worker, cost(ctx));
      outcome.allTrue = outcome.allTrue && ctx.result;
      break;
    }
    case abi::VertexBase::MultiVertex:
      // Codelets are compiled for numWorkers() workers; on a target with
      // fewer contexts, worker w's share runs on context w mod contexts.
      for (unsigned w = 0; w < poplar::MultiVertex::numWorkers(); ++w) {
        abi::RunContext ctx = runVertex(set, vertex, info, tile, w);
        schedule.addWorkerCycles(w, cost(ctx));
        outcome.allTrue = outcome.allTrue && ctx.result;
      }
      break;
    case abi::VertexBase::SupervisorVertex: {
      abi::RunContext ctx = runVertex(set, vertex, info, tile, 0);
      schedule.addSupervisorCycles(cost(ctx));
      outcome.allTrue = outcome.allTrue && ctx.result;
      break;
    }
    }
  }
  outcome.cycles = schedule.cycles();
  return outcome;
}

abi::RunContext ComputeExecutor::runVertex(const exe::ComputeSetDesc &set,
                                           const exe::VertexDesc &vertex,
                                           const abi::VertexInfo &info,
                                           TileSpan tile,
                                           std::uint32_t workerId) {
  abi::RunContext ctx{};
  ctx.tileBase = tile.data;
  ctx.tileBytes = tile.size;
  ctx.stateAddress = vertex.stateAddress;
  ctx.workerId = workerId;
  ctx.cycleBudget = cycleBudget;
  info.run(&ctx);
  switch (ctx.status) {
  case abi::RunStatus::Ok:
    return ctx;
  case abi::RunStatus::BadStore:
    // The instrumentation checks a store before it happens, so the stray
    // bytes were never written; earlier stores of the vertex were.
    throw poplar::application_runtime_error(
        describeVertex(set, vertex, info, workerId) + " stored " +
        std::to_string(ctx.faultBytes) + " bytes at " + describeFault(ctx) +
        "; the store was stopped before it wrote anything");
  case abi::RunStatus::BudgetExceeded:
    throw poplar::application_runtime_error(
        describeVertex(set, vertex, info, workerId) +
        " ran past its budget of " + std::to_string(cycleBudget) +
        " counted cycles and was stopped; if the vertex is not looping "
        "forever, raise the engine option tessel.vertexCycleBudget");
  case abi::RunStatus::BadState:
    break;
  }
  throw poplar::runtime_error(
      "internal error: " + describeVertex(set, vertex, info, workerId) +
      " has state at tile address " + hex(vertex.stateAddress) +
      " that names memory outside the tile (run status " +
      std::to_string(int(ctx.status)) +
      "); the executable is inconsistent, a bug in Tessel: please report it");
}

} // namespace tessel::sim
