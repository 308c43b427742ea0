// poplar-allocate-tile-memory: gives each variable's piece on each tile an
// address in that tile's memory, aligned for its type, within the target's
// bytes per tile.
//
// Always-live variables (see VariableLiveness) are packed from address 0 in
// variable order. Variables with bounded lifetimes go above them, placed by a
// linear scan in order of lifetime start: a piece whose lifetime has ended
// gives its bytes back, and each new piece takes the lowest free gap that
// fits (first fit), so variables whose lifetimes do not overlap share
// memory. Everything is in a fixed order: the result never depends on the
// host. Overflow is a graph_memory_allocation_error naming the tiles, the
// bytes needed and over, and their largest variables.
#include "compiler/core/TypeTable.hpp"
#include "compiler/passes/PassSupport.hpp"
#include "compiler/passes/Passes.hpp"
#include "compiler/passes/VariableLiveness.hpp"

#include "mlir/IR/Builders.h"

#include <algorithm>
#include <map>
#include <queue>

namespace tessel {
#define GEN_PASS_DEF_POPLARALLOCATETILEMEMORY
#include "compiler/passes/Passes.h.inc"
} // namespace tessel

using namespace mlir;
using namespace tessel;
using namespace tessel::graphir;

namespace {

/// Elements [begin, end) of a variable, on one tile.
struct Piece {
  int64_t var, begin, end, tile, bytes, align;
  Lifetime life;
  int64_t address = -1;
};

int64_t alignUp(int64_t x, int64_t align) {
  return (x + align - 1) / align * align;
}

/// Free address ranges of one tile above the always-live data: gaps below
/// the frontier, and everything above it.
class FreeSpace {
public:
  explicit FreeSpace(int64_t base) : frontier(base), highWater(base) {}

  /// The lowest aligned address where `bytes` fit; takes them.
  int64_t take(int64_t bytes, int64_t align) {
    for (auto it = gaps.begin(); it != gaps.end(); ++it) {
      int64_t begin = it->first, end = it->second;
      int64_t at = alignUp(begin, align);
      if (at + bytes > end)
        continue;
      gaps.erase(it);
      if (begin < at)
        gaps.emplace(begin, at);
      if (at + bytes < end)
        gaps.emplace(at + bytes, end);
      return at;
    }
    int64_t at = alignUp(frontier, align);
    if (frontier < at)
      gaps.emplace(frontier, at);
    frontier = at + bytes;
    highWater = std::max(highWater, frontier);
    return at;
  }

  /// Gives [begin, end) back, merging it with the gaps around it.
  void release(int64_t begin, int64_t end) {
    auto next = gaps.lower_bound(begin);
    if (next != gaps.end() && next->first == end) {
      end = next->second;
      next = gaps.erase(next);
    }
    if (next != gaps.begin() && std::prev(next)->second == begin) {
      begin = std::prev(next)->first;
      gaps.erase(std::prev(next));
    }
    if (end == frontier)
      frontier = begin;
    else
      gaps.emplace(begin, end);
  }

  int64_t used() const { return highWater; }

private:
  std::map<int64_t, int64_t> gaps; // begin -> end
  int64_t frontier, highWater;
};

/// Places one tile's pieces; returns the bytes the tile needs.
int64_t placeTile(std::vector<Piece *> &pieces) {
  int64_t cursor = 0;
  std::vector<Piece *> ranged;
  for (Piece *p : pieces) {
    if (!p->life.alwaysLive()) {
      ranged.push_back(p);
      continue;
    }
    p->address = alignUp(cursor, p->align);
    cursor = p->address + p->bytes;
  }
  std::stable_sort(ranged.begin(), ranged.end(), [](Piece *a, Piece *b) {
    return a->life.start < b->life.start;
  });
  FreeSpace space(cursor);
  using Active = std::pair<int64_t, Piece *>; // lifetime end, piece
  auto later = [](const Active &a, const Active &b) {
    return a.first != b.first ? a.first > b.first
                              : a.second->address > b.second->address;
  };
  std::priority_queue<Active, std::vector<Active>, decltype(later)> active(
      later);
  for (Piece *p : ranged) {
    while (!active.empty() && active.top().first < p->life.start) {
      Piece *done = active.top().second;
      space.release(done->address, done->address + done->bytes);
      active.pop();
    }
    p->address = space.take(p->bytes, p->align);
    active.push({p->life.end, p});
  }
  return std::max(cursor, space.used());
}

class AllocateTileMemoryPass
    : public tessel::impl::PoplarAllocateTileMemoryBase<
          AllocateTileMemoryPass> {
public:
  void runOnOperation() override;

private:
  /// One piece per run of a variable's mapping on one tile.
  LogicalResult collectPieces(const VariableLiveness &liveness);
  void reportOverflow(ModuleOp module, const std::vector<int64_t> &used);
  void recordAllocation(ModuleOp module, const std::vector<int64_t> &used);

  GraphFacts *facts = nullptr;
  std::vector<Piece> pieces;
};

LogicalResult
AllocateTileMemoryPass::collectPieces(const VariableLiveness &liveness) {
  for (VariableOp v : facts->variables) {
    if (!v)
      continue;
    const TypeInfo &info = typeInfo(v.getElementType());
    const int64_t align = std::max<int64_t>(
        {1, info.alignment, int64_t(v.getMinAlign().value_or(1))});
    // Without sharing every variable is live throughout, so no two overlap.
    Lifetime life = shareMemory ? liveness.lifetimeOf(v.getId()) : Lifetime{};
    int64_t covered = 0;
    for (const MappedInterval &m : mappingOf(v)) {
      if (m.tile < 0 || m.tile >= facts->numTiles)
        return reportError(v, ir::ErrorKind::invalid_tile_mapping)
               << facts->variableName(v.getId()) << " maps elements ["
               << m.begin << ", " << m.end << ") to tile " << m.tile
               << ", but the target has " << facts->numTiles
               << " tiles; map it to tiles 0 to " << facts->numTiles - 1;
      covered += m.end - m.begin;
      Piece *last = pieces.empty() ? nullptr : &pieces.back();
      if (last && last->var == int64_t(v.getId()) && last->tile == m.tile &&
          last->end == m.begin) {
        last->end = m.end;
        last->bytes += (m.end - m.begin) * info.size;
        continue;
      }
      pieces.push_back({int64_t(v.getId()), m.begin, m.end, m.tile,
                        (m.end - m.begin) * info.size, align, life});
    }
    if (covered != v.getNumElements())
      return reportError(v, ir::ErrorKind::invalid_tile_mapping)
             << facts->variableName(v.getId()) << " is not completely mapped ("
             << covered << " of " << v.getNumElements()
             << " elements have a tile); run poplar-complete-tile-mapping "
                "before allocating memory";
  }
  return success();
}

void AllocateTileMemoryPass::reportOverflow(ModuleOp module,
                                            const std::vector<int64_t> &used) {
  std::vector<int64_t> over;
  for (size_t t = 0; t < used.size(); ++t)
    if (used[t] > facts->bytesPerTile)
      over.push_back(int64_t(t));
  std::map<int64_t, std::map<int64_t, int64_t>> bytesByVar; // tile -> var
  constexpr size_t kTilesShown = 5, kVariablesShown = 3;
  for (size_t i = 0; i < over.size() && i < kTilesShown; ++i)
    bytesByVar[over[i]];
  for (const Piece &p : pieces) {
    auto tile = bytesByVar.find(p.tile);
    if (tile != bytesByVar.end())
      tile->second[p.var] += p.bytes;
  }
  InFlightDiagnostic diag =
      reportError(module, ir::ErrorKind::graph_memory_allocation_error);
  diag << "Out of memory: Cannot fit all variable data onto one or more "
          "tiles. "
       << over.size() << (over.size() == 1 ? " tile needs" : " tiles need")
       << " more than the " << facts->bytesPerTile << " bytes a tile has.";
  // (variable, bytes) of the first tile shown, largest first.
  std::vector<std::pair<int64_t, int64_t>> firstTileLargest;
  for (auto &[tile, vars] : bytesByVar) {
    std::vector<std::pair<int64_t, int64_t>> largest(vars.begin(), vars.end());
    std::stable_sort(largest.begin(), largest.end(),
                     [](auto &a, auto &b) { return a.second > b.second; });
    if (firstTileLargest.empty())
      firstTileLargest = largest;
    diag << " On tile " << tile << ", " << used[tile] << " bytes are needed of "
         << facts->bytesPerTile << " (" << used[tile] - facts->bytesPerTile
         << " over); its largest variables:";
    for (size_t k = 0; k < largest.size() && k < kVariablesShown; ++k)
      diag << (k ? "," : "") << ' ' << facts->variableName(largest[k].first)
           << ' ' << largest[k].second << " bytes";
    diag << '.';
  }
  if (over.size() > kTilesShown)
    diag << " And " << over.size() - kTilesShown << " more tiles.";
  diag << " Map the variables over more tiles (for example with "
          "poputil::mapTensorLinearly) or make them smaller.";
  // The first tile's largest variables once more as notes at their own
  // ops, so each says where the user made it.
  for (size_t k = 0; k < firstTileLargest.size() && k < kVariablesShown; ++k)
    if (VariableOp v = facts->variable(firstTileLargest[k].first))
      diag.attachNote(v.getLoc())
          << facts->variableName(firstTileLargest[k].first) << " needs "
          << firstTileLargest[k].second << " bytes on tile "
          << bytesByVar.begin()->first;
}

void AllocateTileMemoryPass::recordAllocation(
    ModuleOp module, const std::vector<int64_t> &used) {
  Builder builder(module.getContext());
  std::vector<std::vector<int64_t>> allocation(facts->variables.size());
  for (const Piece &p : pieces)
    AllocatedInterval{p.begin, p.end, p.tile, p.address}.appendTo(
        allocation[p.var]);
  for (VariableOp v : facts->variables)
    if (v)
      v.setAllocationAttr(builder.getDenseI64ArrayAttr(allocation[v.getId()]));
  module->setAttr("poplar.tile_bytes_used", builder.getDenseI64ArrayAttr(used));
}

void AllocateTileMemoryPass::runOnOperation() {
  ModuleOp module = getOperation();
  facts = &getAnalysis<GraphFacts>();
  if (failed(facts->status))
    return signalPassFailure();
  // Sets allocations; declares nothing and changes no use, so the liveness
  // stays valid for poplar-lower-to-tile.
  markAnalysesPreserved<GraphFacts, VariableLiveness>();
  pieces.clear();
  const VariableLiveness &liveness = getAnalysis<VariableLiveness>();
  if (failed(collectPieces(liveness)))
    return signalPassFailure();

  std::vector<std::vector<Piece *>> byTile(facts->numTiles);
  for (Piece &p : pieces)
    byTile[p.tile].push_back(&p);
  std::vector<int64_t> used(facts->numTiles, 0);
  for (int64_t t = 0; t < facts->numTiles; ++t)
    used[t] = placeTile(byTile[t]);
  // Recorded even when tiles overflow, for the out-of-memory report.
  recordAllocation(module, used);
  if (std::any_of(used.begin(), used.end(),
                  [&](int64_t u) { return u > facts->bytesPerTile; })) {
    reportOverflow(module, used);
    return signalPassFailure();
  }
}

} // namespace

std::unique_ptr<Pass> tessel::createAllocateTileMemoryPass() {
  return std::make_unique<AllocateTileMemoryPass>();
}
