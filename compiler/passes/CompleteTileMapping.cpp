// poplar-complete-tile-mapping: maps every element the user left unmapped,
// keeping every mapping the user gave, so that copies need little exchange
// and tiles hold similar amounts of data.
//
// 0. Place vertices. A vertex the user left unmapped goes to the tile that
//    holds most of the elements it is connected to (the lowest tile on
//    ties). Unmapped elements connected to a mapped vertex then go to the
//    vertex's tile, so its edges need no exchange. A vertex none of whose
//    elements has a tile goes, with those elements, to the tile holding the
//    fewest bytes. Vertices are visited by compute set and id.
// 1. Follow copies. An unmapped element that a copy connects (in either
//    direction) to a mapped element goes to that element's tile, so that
//    part of the copy stays on one tile. All copies are visited in program
//    order; then, round after round, the copies that touch a variable whose
//    mapping grew in the previous round are visited again, in program order,
//    until a round maps nothing. Chains of copies carry a tile along in
//    whatever order they run, and a round costs only the copies it may
//    affect.
// 2. Balance memory. What is still unmapped is cut into contiguous chunks
//    of whole vector grains (Target::getVectorWidth of the element type),
//    at least 128 bytes (option min-chunk-bytes) and about an even share of
//    the target's tiles; each chunk goes to the tile holding the fewest
//    bytes so far (the lowest tile number on ties). Variables are visited by id
//    and gaps in element order, so the result is deterministic.
// Work is proportional to copy regions and mapping intervals (times a log),
// never to elements.
#include "compiler/core/TypeTable.hpp"
#include "compiler/passes/PassSupport.hpp"
#include "compiler/passes/Passes.hpp"
#include "compiler/passes/TileIntervals.hpp"
#include "compiler/passes/VertexEdges.hpp"

#include "mlir/IR/Builders.h"

#include <map>
#include <queue>

namespace tessel {
#define GEN_PASS_DEF_POPLARCOMPLETETILEMAPPING
#include "compiler/passes/Passes.h.inc"
} // namespace tessel

using namespace mlir;
using namespace tessel;
using namespace tessel::graphir;

namespace {

class CompleteTileMappingPass
    : public tessel::impl::PoplarCompleteTileMappingBase<
          CompleteTileMappingPass> {
public:
  void runOnOperation() override;

private:
  /// Fails (with an error) if a copy names missing variables or elements.
  LogicalResult checkCopy(CopyOp copy);
  void followAllCopies(ArrayRef<CopyOp> copies);
  /// Applies one copy in both directions; records variables that grew.
  void followCopy(CopyOp copy);
  /// Gives unmapped elements of `to` the tiles of mapped elements of
  /// `from`; true if anything was mapped.
  bool follow(int64_t fromVar, int64_t fromBegin, int64_t toVar,
              int64_t toBegin, int64_t n);
  /// Step 0; fails for a malformed vertex.
  LogicalResult placeVertices(ModuleOp module);
  /// Maps the unmapped elements of `regions` to `tile`.
  void claimFor(ArrayRef<int64_t> regions, int64_t tile);
  void balance();
  std::vector<int64_t> bytesPerTile() const;

  GraphFacts *facts = nullptr;
  std::vector<TileIntervals> tables;
  /// Variables whose mapping this pass changed.
  std::vector<char> changed;
  /// Variables that grew in the current round, once each.
  std::vector<int64_t> grownThisRound;
  std::vector<char> isGrownThisRound;
};

LogicalResult CompleteTileMappingPass::checkCopy(CopyOp copy) {
  for (ArrayRef<int64_t> list : {copy.getSrc(), copy.getDst()})
    for (size_t i = 0; i < numTriples(list); ++i) {
      RegionTriple r = tripleAt(list, i);
      VariableOp v = facts->variable(r.var);
      if (!v || r.end > v.getNumElements())
        return reportError(copy, ir::ErrorKind::graph_program_compilation_error)
               << "Copy '" << copy.getName() << "' uses elements [" << r.begin
               << ", " << r.end << ") of " << facts->variableName(r.var)
               << ", which do not exist; run poplar-verify to find the bad "
                  "tensor";
    }
  return success();
}

bool CompleteTileMappingPass::follow(int64_t fromVar, int64_t fromBegin,
                                     int64_t toVar, int64_t toBegin,
                                     int64_t n) {
  bool grew = false;
  const int64_t shift = fromBegin - toBegin;
  TileIntervals &to = tables[toVar];
  for (const MappedInterval &gap : to.gapsIn(toBegin, toBegin + n))
    for (const MappedInterval &src :
         tables[fromVar].piecesIn(gap.begin + shift, gap.end + shift)) {
      to.assign(src.begin - shift, src.end - shift, src.tile);
      grew = true;
    }
  if (grew && !isGrownThisRound[toVar]) {
    isGrownThisRound[toVar] = 1;
    grownThisRound.push_back(toVar);
  }
  return grew;
}

void CompleteTileMappingPass::followCopy(CopyOp copy) {
  forEachAlignedSegment(
      copy.getSrc(), copy.getDst(),
      [&](int64_t sv, int64_t sb, int64_t dv, int64_t db, int64_t n) {
        follow(sv, sb, dv, db, n);
        follow(dv, db, sv, sb, n);
      });
}

void CompleteTileMappingPass::followAllCopies(ArrayRef<CopyOp> copies) {
  // copiesOf[var]: the copies (by program order) that touch var.
  std::vector<std::vector<uint32_t>> copiesOf(tables.size());
  for (uint32_t i = 0; i < copies.size(); ++i) {
    CopyOp copy = copies[i];
    for (ArrayRef<int64_t> list : {copy.getSrc(), copy.getDst()})
      for (size_t t = 0; t < numTriples(list); ++t) {
        std::vector<uint32_t> &users = copiesOf[tripleAt(list, t).var];
        if (users.empty() || users.back() != i)
          users.push_back(i);
      }
  }
  isGrownThisRound.assign(tables.size(), 0);
  std::vector<uint32_t> round(copies.size());
  for (uint32_t i = 0; i < copies.size(); ++i)
    round[i] = i;
  std::vector<uint32_t> lastQueued(copies.size(), 0);
  for (uint32_t roundNumber = 1; !round.empty(); ++roundNumber) {
    for (uint32_t i : round)
      followCopy(copies[i]);
    std::vector<uint32_t> next;
    for (int64_t var : grownThisRound) {
      isGrownThisRound[var] = 0;
      changed[var] = 1;
      for (uint32_t i : copiesOf[var])
        if (lastQueued[i] != roundNumber) {
          lastQueued[i] = roundNumber;
          next.push_back(i);
        }
    }
    grownThisRound.clear();
    llvm::sort(next);
    round = std::move(next);
  }
}

std::vector<int64_t> CompleteTileMappingPass::bytesPerTile() const {
  std::vector<int64_t> bytesOnTile(facts->numTiles, 0);
  for (size_t id = 0; id < tables.size(); ++id)
    if (facts->variables[id])
      for (const MappedInterval &m : tables[id].all())
        if (m.tile >= 0 && m.tile < facts->numTiles)
          bytesOnTile[m.tile] +=
              (m.end - m.begin) *
              elementBytes(VariableOp(facts->variables[id]).getElementType());
  return bytesOnTile;
}

void CompleteTileMappingPass::claimFor(ArrayRef<int64_t> regions,
                                       int64_t tile) {
  for (size_t i = 0; i < numTriples(regions); ++i) {
    RegionTriple r = tripleAt(regions, i);
    for (const MappedInterval &gap : tables[r.var].gapsIn(r.begin, r.end)) {
      tables[r.var].assign(gap.begin, gap.end, tile);
      changed[r.var] = 1;
    }
  }
}

LogicalResult CompleteTileMappingPass::placeVertices(ModuleOp module) {
  // Each compute set's tiles, rewritten as one list if any vertex moved.
  struct SetTiles {
    ComputeSetOp cs;
    VertexTable vertices;
    std::vector<int64_t> tiles;
    bool changed = false;
  };
  std::vector<SetTiles> sets;
  for (ComputeSetOp cs : module.getOps<ComputeSetOp>()) {
    const VertexTable table = cs.getVertexTable();
    for (const TableVertex &v : table) {
      std::string error;
      std::optional<std::vector<FieldEdges>> fields =
          facts->vertexFields(v, error);
      if (!fields)
        return reportError(cs, ir::ErrorKind::graph_program_compilation_error)
               << "vertex " << v.id << " is malformed (" << error
               << "); run poplar-verify first";
      for (const FieldEdges &field : *fields)
        for (const EdgeEntry &entry : field.entries)
          for (size_t i = 0; i < numTriples(entry.regions); ++i) {
            RegionTriple r = tripleAt(entry.regions, i);
            VariableOp var = facts->variable(r.var);
            if (!var || r.begin < 0 || r.begin > r.end ||
                r.end > var.getNumElements())
              return reportError(cs,
                                 ir::ErrorKind::graph_program_compilation_error)
                     << "vertex " << v.id << " is connected to elements ["
                     << r.begin << ", " << r.end << ") of "
                     << facts->variableName(r.var)
                     << ", which do not exist; run poplar-verify first";
          }
    }
    SetTiles t{cs, table, {}, false};
    t.tiles.reserve(table.size());
    for (const TableVertex &v : table)
      t.tiles.push_back(v.tile);
    sets.push_back(std::move(t));
  }
  // Calls fn(regions) for each connected entry of vertex `i` of `t`.
  auto forEachEntry = [&](const SetTiles &t, size_t i, auto fn) {
    const TableVertex v = t.vertices[i];
    forEachConnectedEntry(v.edges, facts->codelet(v.codelet).getNumFields(),
                          fn);
  };

  // Unmapped vertices next to the most of their mapped data.
  for (SetTiles &t : sets)
    for (size_t i = 0; i < t.tiles.size(); ++i) {
      if (t.tiles[i] >= 0)
        continue;
      std::map<int64_t, int64_t> elementsOn;
      forEachEntry(t, i, [&](ArrayRef<int64_t> regions) {
        for (size_t j = 0; j < numTriples(regions); ++j) {
          RegionTriple r = tripleAt(regions, j);
          for (const MappedInterval &m : tables[r.var].piecesIn(r.begin, r.end))
            elementsOn[m.tile] += m.end - m.begin;
        }
      });
      int64_t best = -1, most = 0;
      for (auto [tile, n] : elementsOn)
        if (n > most) {
          best = tile;
          most = n;
        }
      if (best >= 0) {
        t.tiles[i] = best;
        t.changed = true;
      }
    }
  // Their unmapped data next to them.
  for (SetTiles &t : sets)
    for (size_t i = 0; i < t.tiles.size(); ++i)
      if (t.tiles[i] >= 0)
        forEachEntry(t, i, [&](ArrayRef<int64_t> regions) {
          claimFor(regions, t.tiles[i]);
        });
  // Vertices with no mapped data at all, with their data, on the emptiest
  // tile.
  std::vector<int64_t> load;
  for (SetTiles &t : sets)
    for (size_t i = 0; i < t.tiles.size(); ++i) {
      if (t.tiles[i] >= 0)
        continue;
      if (load.empty())
        load = bytesPerTile();
      const int64_t tile =
          std::min_element(load.begin(), load.end()) - load.begin();
      t.tiles[i] = tile;
      t.changed = true;
      forEachEntry(t, i, [&](ArrayRef<int64_t> regions) {
        for (size_t j = 0; j < numTriples(regions); ++j) {
          RegionTriple r = tripleAt(regions, j);
          const int64_t size =
              elementBytes(facts->variables[r.var].getElementType());
          for (const MappedInterval &gap : tables[r.var].gapsIn(r.begin, r.end))
            load[tile] += (gap.end - gap.begin) * size;
        }
        claimFor(regions, tile);
      });
    }
  Builder builder(module.getContext());
  for (SetTiles &t : sets)
    if (t.changed)
      t.cs.setTilesAttr(builder.getDenseI64ArrayAttr(t.tiles));
  return success();
}

void CompleteTileMappingPass::balance() {
  std::vector<int64_t> bytesOnTile = bytesPerTile();
  using Load = std::pair<int64_t, int64_t>; // bytes, tile
  std::priority_queue<Load, std::vector<Load>, std::greater<Load>> leastLoaded;
  for (int64_t t = 0; t < facts->numTiles; ++t)
    leastLoaded.push({bytesOnTile[t], t});

  for (size_t id = 0; id < tables.size(); ++id) {
    VariableOp v = facts->variables[id];
    if (!v)
      continue;
    poplar::Type type = poplarType(v.getElementType());
    const int64_t size = typeInfo(type).size;
    const int64_t grain = facts->target.getVectorWidth(type);
    const int64_t minChunk = (minChunkBytes + size - 1) / size;
    for (const MappedInterval &gap : tables[id].gapsIn(0, v.getNumElements())) {
      const int64_t n = gap.end - gap.begin;
      int64_t chunk =
          std::max(minChunk, (n + facts->numTiles - 1) / facts->numTiles);
      chunk = (chunk + grain - 1) / grain * grain;
      for (int64_t at = gap.begin; at < gap.end; at += chunk) {
        auto [bytes, tile] = leastLoaded.top();
        leastLoaded.pop();
        int64_t end = std::min(gap.end, at + chunk);
        tables[id].assign(at, end, tile);
        leastLoaded.push({bytes + (end - at) * size, tile});
      }
      changed[id] = 1;
    }
  }
}

void CompleteTileMappingPass::runOnOperation() {
  ModuleOp module = getOperation();
  facts = &getAnalysis<GraphFacts>();
  if (failed(facts->status))
    return signalPassFailure();
  // Sets mappings and tiles; declares nothing.
  markAnalysesPreserved<GraphFacts>();
  std::vector<CopyOp> copies;
  bool ok = true;
  module.walk([&](CopyOp copy) {
    copies.push_back(copy);
    ok &= succeeded(checkCopy(copy));
  });
  if (!ok)
    return signalPassFailure();

  tables.assign(facts->variables.size(), TileIntervals());
  changed.assign(facts->variables.size(), 0);
  for (size_t id = 0; id < facts->variables.size(); ++id)
    if (facts->variables[id])
      tables[id] = TileIntervals(mappingOf(facts->variables[id]));
  if (failed(placeVertices(module)))
    return signalPassFailure();
  if (followCopies)
    followAllCopies(copies);
  if (balanceMemory)
    balance();

  Builder builder(module.getContext());
  for (size_t id = 0; id < tables.size(); ++id)
    if (changed[id])
      facts->variables[id].setMappingAttr(
          builder.getDenseI64ArrayAttr(tables[id].flatten()));
}

} // namespace

std::unique_ptr<Pass> tessel::createCompleteTileMappingPass() {
  return std::make_unique<CompleteTileMappingPass>();
}
