// poplar-complete-tile-mapping: maps every element the user left unmapped,
// keeping every mapping the user gave.
//
// 1. Follow copies: an unmapped element that a copy connects (either way) to
//    a mapped element goes to that element's tile, so the copy needs no
//    exchange. Copies are visited in program order, repeatedly, until nothing
//    changes, so chains of copies carry a tile along.
// 2. Balance memory: what is still unmapped is cut into chunks (whole vector
//    grains, at least 128 bytes, about an even share of the tiles) and each
//    chunk goes to the tile with the fewest bytes so far (lowest tile number
//    on ties), which keeps the result deterministic.
#include "compiler/passes/PassSupport.hpp"
#include "compiler/passes/Passes.hpp"

#include "mlir/IR/Builders.h"

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
  /// Gives unmapped elements of `to` the tiles of mapped elements of `from`.
  bool follow(int64_t fromVar, int64_t fromBegin, int64_t toVar,
              int64_t toBegin, int64_t n);
  void balance();

  GraphFacts facts;
  std::vector<TileIntervals> tables;
};

bool CompleteTileMappingPass::follow(int64_t fromVar, int64_t fromBegin,
                                     int64_t toVar, int64_t toBegin,
                                     int64_t n) {
  bool changed = false;
  TileIntervals &to = tables[toVar];
  for (const MappedInterval &gap : to.gapsIn(toBegin, toBegin + n)) {
    int64_t shift = fromBegin - toBegin;
    for (const MappedInterval &src :
         tables[fromVar].piecesIn(gap.begin + shift, gap.end + shift)) {
      to.assign(src.begin - shift, src.end - shift, src.tile);
      changed = true;
    }
  }
  return changed;
}

void CompleteTileMappingPass::balance() {
  std::vector<int64_t> bytesOnTile(facts.numTiles, 0);
  for (size_t id = 0; id < tables.size(); ++id)
    if (facts.variables[id])
      for (const MappedInterval &m : tables[id].all())
        bytesOnTile[m.tile] +=
            (m.end - m.begin) *
            elementBytes(facts.variables[id].getElementType());
  using Load = std::pair<int64_t, int64_t>; // bytes, tile
  std::priority_queue<Load, std::vector<Load>, std::greater<Load>> leastLoaded;
  for (int64_t t = 0; t < facts.numTiles; ++t)
    leastLoaded.push({bytesOnTile[t], t});

  for (size_t id = 0; id < tables.size(); ++id) {
    VariableOp v = facts.variables[id];
    if (!v)
      continue;
    const int64_t size = elementBytes(v.getElementType());
    const int64_t grain = std::max<int64_t>(1, 8 / size);
    const int64_t minChunk = (128 + size - 1) / size;
    for (const MappedInterval &gap : tables[id].gapsIn(0, v.getNumElements())) {
      const int64_t n = gap.end - gap.begin;
      int64_t chunk = std::max<int64_t>(minChunk, (n + facts.numTiles - 1) /
                                                      facts.numTiles);
      chunk = (chunk + grain - 1) / grain * grain;
      for (int64_t at = gap.begin; at < gap.end; at += chunk) {
        Load load = leastLoaded.top();
        leastLoaded.pop();
        int64_t end = std::min(gap.end, at + chunk);
        tables[id].assign(at, end, load.second);
        leastLoaded.push({load.first + (end - at) * size, load.second});
      }
    }
  }
}

void CompleteTileMappingPass::runOnOperation() {
  ModuleOp module = getOperation();
  FailureOr<GraphFacts> collected = GraphFacts::collect(module);
  if (failed(collected))
    return signalPassFailure();
  facts = std::move(*collected);
  tables.assign(facts.variables.size(), TileIntervals());
  for (size_t id = 0; id < facts.variables.size(); ++id)
    if (facts.variables[id])
      tables[id] = TileIntervals(mappingOf(facts.variables[id]));

  std::vector<CopyOp> copies;
  module.walk([&](CopyOp copy) { copies.push_back(copy); });
  for (bool changed = true; changed;) {
    changed = false;
    for (CopyOp copy : copies)
      forEachAlignedSegment(
          copy.getSrc(), copy.getDst(),
          [&](int64_t sv, int64_t sb, int64_t dv, int64_t db, int64_t n) {
            changed |= follow(sv, sb, dv, db, n);
            changed |= follow(dv, db, sv, sb, n);
          });
  }
  balance();

  Builder builder(module.getContext());
  for (size_t id = 0; id < tables.size(); ++id)
    if (facts.variables[id])
      facts.variables[id].setMappingAttr(
          builder.getDenseI64ArrayAttr(tables[id].flatten()));
}

} // namespace

std::unique_ptr<Pass> tessel::createCompleteTileMappingPass() {
  return std::make_unique<CompleteTileMappingPass>();
}
