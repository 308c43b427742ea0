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

/// RunContext::print: appends what a vertex printed to its tile's text.
void appendPrinted(void *sink, const char *text, std::uint64_t bytes) {
  auto &print = *static_cast<TilePrint *>(sink);
  const std::size_t room = kMaxTilePrintBytes - print.text.size();
  if (bytes > room)
    print.truncated = true;
  print.text.append(text, std::min<std::uint64_t>(bytes, room));
}

bool onOwnTile(const abi::RunContext &ctx, std::uintptr_t address) {
  const auto own = reinterpret_cast<std::uintptr_t>(ctx.tileBase);
  return address >= own && address - own < ctx.tileBytes;
}

} // namespace

ComputeExecutor::ComputeExecutor(const exe::ExecutableImage &image,
                                 const CodeletLibrary &codelets,
                                 TileMemory &memory, ThreadPool &pool,
                                 const CycleModel &model,
                                 std::uint64_t cycleBudget,
                                 std::uint64_t timeoutMs)
    : image(image), codelets(codelets), memory(memory), pool(pool),
      model(model), cycleBudget(cycleBudget), timeoutMs(timeoutMs) {
  for (const exe::ComputeSetDesc &set : image.computeSets) {
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < set.vertices.size(); ++i)
      if (i == 0 || set.vertices[i].tile != set.vertices[i - 1].tile)
        starts.push_back(i);
    starts.push_back(set.vertices.size());
    tileStarts.push_back(std::move(starts));
  }
}

ComputeOutcome ComputeExecutor::run(std::uint32_t computeSet,
                                    const TilePrintHandler &printed) {
  const exe::ComputeSetDesc &set = image.computeSets[computeSet];
  const std::vector<std::size_t> &starts = tileStarts[computeSet];
  std::vector<TileOutcome> tiles(starts.size() - 1);
  std::vector<TilePrint> prints(tiles.size());
  VertexSandbox sandbox(timeoutMs);
  // Printed text is shown after the tiles ran, in tile order, so it does
  // not depend on the host threads.
  auto showPrinted = [&] {
    if (!printed)
      return;
    for (const TilePrint &print : prints)
      if (!print.text.empty())
        printed(print);
  };
  // The vertices are sorted by tile, so work item order is tile order and
  // the pool's lowest-index error is the lowest tile's.
  try {
    pool.parallelFor(tiles.size(), [&](std::size_t i) {
      prints[i].tile = set.vertices[starts[i]].tile;
      tiles[i] = runTile(set, starts[i], starts[i + 1], sandbox, prints[i]);
    });
  } catch (...) {
    showPrinted();
    throw;
  }
  showPrinted();
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
                         std::size_t end, VertexSandbox &sandbox,
                         TilePrint &print) {
  TileSpan tile = memory.span(set.vertices[begin].tile);
  sandbox.enterThread();
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
      abi::RunContext ctx =
          runVertex(set, vertex, info, tile, worker, sandbox, print);
      schedule.addWorkerCycles(worker, cost(ctx));
      outcome.allTrue = outcome.allTrue && ctx.result;
      break;
    }
    case abi::VertexBase::MultiVertex:
      // Codelets are compiled for numWorkers() workers; on a target with
      // fewer contexts, worker w's share runs on context w mod contexts.
      for (unsigned w = 0; w < poplar::MultiVertex::numWorkers(); ++w) {
        abi::RunContext ctx =
            runVertex(set, vertex, info, tile, w, sandbox, print);
        schedule.addWorkerCycles(w, cost(ctx));
        outcome.allTrue = outcome.allTrue && ctx.result;
      }
      break;
    case abi::VertexBase::SupervisorVertex: {
      abi::RunContext ctx =
          runVertex(set, vertex, info, tile, 0, sandbox, print);
      schedule.addSupervisorCycles(cost(ctx));
      outcome.allTrue = outcome.allTrue && ctx.result;
      break;
    }
    }
  }
  outcome.cycles = schedule.cycles();
  return outcome;
}

std::string ComputeExecutor::describeAddress(const abi::RunContext &ctx,
                                             std::uintptr_t address) {
  if (onOwnTile(ctx, address))
    return "tile address " +
           hex(address - reinterpret_cast<std::uintptr_t>(ctx.tileBase));
  if (memory.numTiles() > 0) {
    const auto first = reinterpret_cast<std::uintptr_t>(memory.span(0).data);
    const std::uint64_t bytes = memory.bytesPerTile();
    if (address >= first && address - first < bytes * memory.numTiles())
      return "address " + hex((address - first) % bytes) + " of tile " +
             std::to_string((address - first) / bytes) +
             ", another tile's memory";
    if (address < first && first - address <= (std::uint64_t(1) << 20))
      return "host address " + hex(address) + ", " +
             std::to_string(first - address) + " bytes below the tiles' memory";
  }
  return "host address " + hex(address) + ", outside its tile's memory";
}

abi::RunContext ComputeExecutor::runVertex(
    const exe::ComputeSetDesc &set, const exe::VertexDesc &vertex,
    const abi::VertexInfo &info, TileSpan tile, std::uint32_t workerId,
    VertexSandbox &sandbox, TilePrint &print) {
  abi::RunContext ctx{};
  ctx.print = appendPrinted;
  ctx.printSink = &print;
  ctx.tileBase = tile.data;
  ctx.tileBytes = tile.size;
  ctx.stateAddress = vertex.stateAddress;
  ctx.workerId = workerId;
  ctx.cycleBudget = cycleBudget;
  VertexFault fault;
  if (!sandbox.run(info.run, ctx, fault)) {
    if (fault.timedOut)
      throw poplar::application_runtime_error(
          describeVertex(set, vertex, info, workerId) + " ran for more than " +
          std::to_string(timeoutMs) +
          " ms of wall-clock time and was stopped; if it is not stuck, raise "
          "the engine option tessel.vertexTimeout (milliseconds, 0 for no "
          "limit)");
    throw poplar::application_runtime_error(
        describeVertex(set, vertex, info, workerId) + " " +
        describeVertexFault(fault) +
        "; the vertex was stopped and the host process is unharmed");
  }
  switch (ctx.status) {
  case abi::RunStatus::Ok:
    return ctx;
  case abi::RunStatus::BadStore:
    // The instrumentation checks a store before it happens, so the stray
    // bytes were never written; earlier stores of the vertex were.
    throw poplar::application_runtime_error(
        describeVertex(set, vertex, info, workerId) + " stored " +
        std::to_string(ctx.faultBytes) + " bytes at " +
        describeAddress(ctx, ctx.faultAddress) +
        (onOwnTile(ctx, ctx.faultAddress) ? " " : ", ") +
        "outside its Output/InOut fields; the store was stopped before it "
        "wrote anything");
  case abi::RunStatus::BadLoad:
    throw poplar::application_runtime_error(
        describeVertex(set, vertex, info, workerId) + " loaded " +
        std::to_string(ctx.faultBytes) + " bytes from " +
        describeAddress(ctx, ctx.faultAddress) +
        "; a vertex reads only its own tile's memory, its stack and its "
        "vertex object, so the load was stopped before it read anything");
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
