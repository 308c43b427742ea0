// poplar-allocate-tile-memory: gives each variable's piece on each tile an
// address in that tile's memory, aligned for its type, within the target's
// bytes per tile.
//
// Liveness: a variable used in one program only, with no host handle, no
// initial value and not constant, whose first use is a write covering all of
// it at the top level of the program, lives only from that write to its last
// use (to the end of the outermost loop containing a use). Such variables
// share addresses when their lifetimes do not overlap (first fit by address,
// in order of lifetime start). Every other variable is always live and gets
// its own bytes. Overflow is a graph_memory_allocation_error naming the
// tiles, the bytes over and their largest variables.
#include "compiler/core/TypeTable.hpp"
#include "compiler/passes/PassSupport.hpp"
#include "compiler/passes/Passes.hpp"

#include "mlir/IR/Builders.h"

#include <algorithm>
#include <map>

namespace tessel {
#define GEN_PASS_DEF_POPLARALLOCATETILEMEMORY
#include "compiler/passes/Passes.h.inc"
} // namespace tessel

using namespace mlir;
using namespace tessel;
using namespace tessel::graphir;

namespace {

constexpr int64_t kAlwaysLive = -1;

struct Lifetime {
  int64_t start = kAlwaysLive, end = kAlwaysLive;
  bool alwaysLive() const { return start == kAlwaysLive; }
};

/// Uses of each variable in program order, to decide lifetimes.
class LivenessAnalysis {
public:
  LivenessAnalysis(ModuleOp module, const GraphFacts &facts)
      : facts(facts), uses(facts.variables.size()) {
    collect(module);
  }
  Lifetime lifetimeOf(int64_t var) const;

private:
  struct Use {
    int64_t position, extendTo;
    bool fullWrite, topLevel, inFunction;
    int64_t program;
  };
  void collect(ModuleOp module);
  void visit(Block &block, int64_t program, bool inFunction, bool topLevel,
             int64_t loopEnd);
  void record(int64_t var, int64_t program, bool inFunction, bool topLevel,
              int64_t loopEnd, bool fullWrite);
  void recordRegions(ArrayRef<int64_t> regions, int64_t program,
                     bool inFunction, bool topLevel, int64_t loopEnd,
                     bool isWrite);
  int64_t subtreeEnd(Operation *op);

  const GraphFacts &facts;
  std::vector<std::vector<Use>> uses;
  std::vector<bool> hostAccessed;
  int64_t position = 0;
  std::map<Operation *, int64_t> lastPositionIn;
};

int64_t LivenessAnalysis::subtreeEnd(Operation *op) {
  // Positions are pre-order, so a subtree ends at its last op's position.
  int64_t count = 0;
  op->walk([&](Operation *) { ++count; });
  return position + count - 1;
}

void LivenessAnalysis::record(int64_t var, int64_t program, bool inFunction,
                              bool topLevel, int64_t loopEnd, bool fullWrite) {
  if (var < 0 || size_t(var) >= uses.size())
    return;
  uses[var].push_back({position, std::max(position, loopEnd), fullWrite,
                       topLevel, inFunction, program});
}

void LivenessAnalysis::recordRegions(ArrayRef<int64_t> regions, int64_t program,
                                     bool inFunction, bool topLevel,
                                     int64_t loopEnd, bool isWrite) {
  std::map<int64_t, int64_t> written;
  for (size_t i = 0; i < numTriples(regions); ++i) {
    RegionTriple r = tripleAt(regions, i);
    written[r.var] += r.end - r.begin;
  }
  for (auto [var, count] : written) {
    VariableOp v = facts.variable(var);
    bool full = isWrite && v && count == v.getNumElements();
    record(var, program, inFunction, topLevel, loopEnd, full);
  }
}

void LivenessAnalysis::visit(Block &block, int64_t program, bool inFunction,
                             bool topLevel, int64_t loopEnd) {
  for (Operation &op : block) {
    int64_t myLoopEnd = loopEnd;
    if (isa<RepeatOp, LoopOp, RepeatWhileOp>(op) && loopEnd < 0)
      myLoopEnd = subtreeEnd(&op);
    auto use = [&](ArrayRef<int64_t> regions, bool isWrite) {
      recordRegions(regions, program, inFunction, topLevel, myLoopEnd, isWrite);
    };
    if (auto e = dyn_cast<ExchangeOp>(op)) {
      ArrayRef<int64_t> t = e.getTransfers();
      std::vector<int64_t> src, dst;
      for (size_t i = 0; i + 6 < t.size(); i += 7) {
        src.insert(src.end(), {t[i + 1], t[i + 2], t[i + 2] + t[i + 6]});
        dst.insert(dst.end(), {t[i + 4], t[i + 5], t[i + 5] + t[i + 6]});
      }
      use(src, false);
      use(dst, true);
    } else if (auto s = dyn_cast<StreamCopyOp>(op)) {
      use(s.getRegions(), s.getToDevice());
    } else if (auto p = dyn_cast<PrintTensorOp>(op)) {
      use(p.getRegions(), false);
    } else if (auto e = dyn_cast<ErrorProgramOp>(op)) {
      use(e.getRegions(), false);
    } else if (auto i = dyn_cast<IfOp>(op)) {
      use(i.getPredicate(), false);
    } else if (auto r = dyn_cast<RepeatWhileOp>(op)) {
      use(r.getPredicate(), false);
    } else if (auto a = dyn_cast<AbortOnConditionOp>(op)) {
      use(a.getPredicate(), false);
    } else if (auto s = dyn_cast<SwitchOp>(op)) {
      use(s.getControl(), false);
    }
    ++position;
    for (Region &region : op.getRegions())
      for (Block &inner : region)
        visit(inner, program, inFunction, false, myLoopEnd);
  }
}

void LivenessAnalysis::collect(ModuleOp module) {
  hostAccessed.assign(uses.size(), false);
  for (Operation &op : module.getBody()->getOperations()) {
    if (auto h = dyn_cast<HostAccessOp>(op)) {
      for (size_t i = 0; i < numTriples(h.getRegions()); ++i) {
        int64_t var = tripleAt(h.getRegions(), i).var;
        if (var >= 0 && size_t(var) < hostAccessed.size())
          hostAccessed[var] = true;
      }
    } else if (auto p = dyn_cast<ProgramOp>(op)) {
      for (Block &b : p.getBody())
        visit(b, p.getIndex(), false, true, -1);
    } else if (auto f = dyn_cast<FunctionOp>(op)) {
      for (Block &b : f.getBody())
        visit(b, -1, true, false, -1);
    }
  }
}

Lifetime LivenessAnalysis::lifetimeOf(int64_t var) const {
  VariableOp v = facts.variable(var);
  const std::vector<Use> &list = uses[var];
  if (!v || v.getConstant() || v.getInitialBytes() || hostAccessed[var] ||
      list.empty())
    return {};
  const Use &first =
      *std::min_element(list.begin(), list.end(), [](auto &a, auto &b) {
        return a.position < b.position;
      });
  if (!first.fullWrite || !first.topLevel)
    return {};
  Lifetime life{first.position, first.position};
  for (const Use &u : list) {
    if (u.inFunction || u.program != first.program)
      return {};
    life.end = std::max(life.end, u.extendTo);
  }
  return life;
}

struct Piece {
  int64_t var, begin, end, tile, bytes, align;
  Lifetime life;
  int64_t address = -1;
};

class AllocateTileMemoryPass
    : public tessel::impl::PoplarAllocateTileMemoryBase<
          AllocateTileMemoryPass> {
public:
  void runOnOperation() override;

private:
  /// Places one tile's pieces; returns the bytes the tile needs.
  int64_t placeTile(std::vector<Piece *> &pieces);
  void reportOverflow(ModuleOp module, const std::vector<int64_t> &used,
                      const std::vector<Piece> &pieces);

  GraphFacts facts;
};

int64_t alignUp(int64_t x, int64_t align) {
  return (x + align - 1) / align * align;
}

int64_t AllocateTileMemoryPass::placeTile(std::vector<Piece *> &pieces) {
  std::stable_sort(pieces.begin(), pieces.end(), [](Piece *a, Piece *b) {
    if (a->life.alwaysLive() != b->life.alwaysLive())
      return a->life.alwaysLive();
    return a->life.start < b->life.start;
  });
  int64_t cursor = 0, top = 0;
  std::vector<Piece *> ranged;
  for (Piece *p : pieces) {
    if (p->life.alwaysLive()) {
      p->address = alignUp(cursor, p->align);
      cursor = p->address + p->bytes;
      top = cursor;
      continue;
    }
    // First fit above the always-live data, avoiding pieces whose lifetimes
    // overlap this one's.
    std::vector<std::pair<int64_t, int64_t>> busy;
    for (Piece *q : ranged)
      if (q->life.start <= p->life.end && p->life.start <= q->life.end)
        busy.push_back({q->address, q->address + q->bytes});
    std::sort(busy.begin(), busy.end());
    int64_t at = alignUp(cursor, p->align);
    for (auto [b, e] : busy) {
      if (at + p->bytes <= b)
        break;
      at = std::max(at, alignUp(e, p->align));
    }
    p->address = at;
    top = std::max(top, at + p->bytes);
    ranged.push_back(p);
  }
  return top;
}

void AllocateTileMemoryPass::reportOverflow(ModuleOp module,
                                            const std::vector<int64_t> &used,
                                            const std::vector<Piece> &pieces) {
  std::vector<int64_t> over;
  for (size_t t = 0; t < used.size(); ++t)
    if (used[t] > facts.bytesPerTile)
      over.push_back(int64_t(t));
  InFlightDiagnostic diag =
      reportError(module, "graph_memory_allocation_error");
  diag << "Out of memory: Cannot fit all variable data onto one or more "
          "tiles. "
       << over.size() << (over.size() == 1 ? " tile needs" : " tiles need")
       << " more than the " << facts.bytesPerTile << " bytes a tile has.";
  constexpr size_t maxTilesShown = 5;
  for (size_t i = 0; i < over.size() && i < maxTilesShown; ++i) {
    int64_t t = over[i];
    std::map<int64_t, int64_t> bytesByVar;
    for (const Piece &p : pieces)
      if (p.tile == t)
        bytesByVar[p.var] += p.bytes;
    std::vector<std::pair<int64_t, int64_t>> largest(bytesByVar.begin(),
                                                     bytesByVar.end());
    std::sort(largest.begin(), largest.end(),
              [](auto &a, auto &b) { return a.second > b.second; });
    diag << " On tile " << t << ", " << used[t] << " bytes are needed, "
         << used[t] - facts.bytesPerTile << " over; its largest variables:";
    for (size_t k = 0; k < largest.size() && k < 3; ++k)
      diag << (k ? "," : "") << ' ' << facts.variableName(largest[k].first)
           << ' ' << largest[k].second << " bytes";
    diag << '.';
  }
  if (over.size() > maxTilesShown)
    diag << " And " << over.size() - maxTilesShown << " more tiles.";
  diag << " Map the variables over more tiles (for example with "
          "poputil::mapTensorLinearly) or make them smaller.";
}

void AllocateTileMemoryPass::runOnOperation() {
  ModuleOp module = getOperation();
  FailureOr<GraphFacts> collected = GraphFacts::collect(module);
  if (failed(collected))
    return signalPassFailure();
  facts = std::move(*collected);
  LivenessAnalysis liveness(module, facts);

  std::vector<Piece> pieces;
  for (VariableOp v : facts.variables) {
    if (!v)
      continue;
    const TypeInfo &info = typeInfo(typeFromName(v.getElementType().str()));
    Lifetime life = liveness.lifetimeOf(v.getId());
    int64_t covered = 0;
    for (const MappedInterval &m : mappingOf(v)) {
      pieces.push_back({int64_t(v.getId()), m.begin, m.end, m.tile,
                        (m.end - m.begin) * info.size, info.alignment, life});
      covered += m.end - m.begin;
    }
    if (covered != v.getNumElements()) {
      reportError(v, "invalid_tile_mapping")
          << facts.variableName(v.getId())
          << " is not completely mapped; run poplar-complete-tile-mapping "
             "before allocating memory";
      return signalPassFailure();
    }
  }
  std::vector<std::vector<Piece *>> byTile(facts.numTiles);
  for (Piece &p : pieces)
    byTile[p.tile].push_back(&p);
  std::vector<int64_t> used(facts.numTiles, 0);
  for (int64_t t = 0; t < facts.numTiles; ++t)
    used[t] = placeTile(byTile[t]);
  if (std::any_of(used.begin(), used.end(),
                  [&](int64_t u) { return u > facts.bytesPerTile; })) {
    reportOverflow(module, used, pieces);
    return signalPassFailure();
  }

  Builder builder(module.getContext());
  std::vector<std::vector<int64_t>> allocation(facts.variables.size());
  for (const Piece &p : pieces)
    allocation[p.var].insert(allocation[p.var].end(),
                             {p.begin, p.end, p.tile, p.address});
  for (VariableOp v : facts.variables)
    if (v)
      v.setAllocationAttr(builder.getDenseI64ArrayAttr(allocation[v.getId()]));
  module->setAttr("poplar.tile_bytes_used", builder.getDenseI64ArrayAttr(used));
}

} // namespace

std::unique_ptr<Pass> tessel::createAllocateTileMemoryPass() {
  return std::make_unique<AllocateTileMemoryPass>();
}
