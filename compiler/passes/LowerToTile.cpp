// poplar-lower-to-tile: rewrites the allocated graph in the `tile` dialect.
// Every region list becomes a piece list of (tile, address, bytes), every
// exchange a list of byte transfers, and initial values memory_init ops.
#include "compiler/passes/PassSupport.hpp"
#include "compiler/passes/Passes.hpp"

#include "mlir/IR/Builders.h"

#include <algorithm>

namespace tessel {
#define GEN_PASS_DEF_POPLARLOWERTOTILE
#include "compiler/passes/Passes.h.inc"
} // namespace tessel

using namespace mlir;
using namespace tessel;
namespace gir = tessel::graphir;
namespace tir = tessel::tileir;

namespace {

struct Placement {
  int64_t begin, end, tile, address;
};

class LowerToTilePass
    : public tessel::impl::PoplarLowerToTileBase<LowerToTilePass> {
public:
  void runOnOperation() override;

private:
  /// Tile and address of element `element` of `var`.
  std::pair<int64_t, int64_t> locate(int64_t var, int64_t element) const;
  DenseI64ArrayAttr pieces(ArrayRef<int64_t> regions);
  DenseI64ArrayAttr transfers(gir::ExchangeOp op);
  void lowerBlock(Block &from, Block &to);
  void lowerOp(Operation &op);
  void lowerRegion(Region &from, Region &to);

  GraphFacts facts;
  std::vector<std::vector<Placement>> placements;
  std::vector<int64_t> elementSize;
  OpBuilder *builder = nullptr;
};

std::pair<int64_t, int64_t> LowerToTilePass::locate(int64_t var,
                                                    int64_t element) const {
  const std::vector<Placement> &list = placements[var];
  auto it = std::upper_bound(
      list.begin(), list.end(), element,
      [](int64_t e, const Placement &p) { return e < p.begin; });
  const Placement &p = *std::prev(it);
  return {p.tile, p.address + (element - p.begin) * elementSize[var]};
}

DenseI64ArrayAttr LowerToTilePass::pieces(ArrayRef<int64_t> regions) {
  std::vector<int64_t> out;
  auto append = [&](int64_t tile, int64_t address, int64_t bytes) {
    size_t n = out.size();
    if (n >= 3 && out[n - 3] == tile && out[n - 2] + out[n - 1] == address)
      out[n - 1] += bytes;
    else
      out.insert(out.end(), {tile, address, bytes});
  };
  for (size_t i = 0; i < numTriples(regions); ++i) {
    RegionTriple r = tripleAt(regions, i);
    const std::vector<Placement> &list = placements[r.var];
    auto it = std::upper_bound(
        list.begin(), list.end(), r.begin,
        [](int64_t e, const Placement &p) { return e < p.begin; });
    for (--it; r.begin < r.end; ++it) {
      int64_t end = std::min(r.end, it->end);
      append(it->tile, it->address + (r.begin - it->begin) * elementSize[r.var],
             (end - r.begin) * elementSize[r.var]);
      r.begin = end;
    }
  }
  return builder->getDenseI64ArrayAttr(out);
}

DenseI64ArrayAttr LowerToTilePass::transfers(gir::ExchangeOp op) {
  ArrayRef<int64_t> t = op.getTransfers();
  std::vector<int64_t> out;
  out.reserve(t.size() / 7 * 5);
  for (size_t i = 0; i + 6 < t.size(); i += 7) {
    auto [srcTile, srcAddress] = locate(t[i + 1], t[i + 2]);
    auto [dstTile, dstAddress] = locate(t[i + 4], t[i + 5]);
    out.insert(out.end(), {srcTile, srcAddress, dstTile, dstAddress,
                           t[i + 6] * int64_t(op.getElementBytes())});
  }
  return builder->getDenseI64ArrayAttr(out);
}

void LowerToTilePass::lowerRegion(Region &from, Region &to) {
  Block *block = new Block();
  to.push_back(block);
  if (!from.empty())
    lowerBlock(from.front(), *block);
}

void LowerToTilePass::lowerBlock(Block &from, Block &to) {
  OpBuilder::InsertionGuard guard(*builder);
  builder->setInsertionPointToEnd(&to);
  for (Operation &op : from)
    lowerOp(op);
}

void LowerToTilePass::lowerOp(Operation &op) {
  OpBuilder &b = *builder;
  Location loc = op.getLoc();
  if (auto e = dyn_cast<gir::ExchangeOp>(op)) {
    auto t = b.create<tir::ExchangeOp>(loc, transfers(e), e.getNameAttr(),
                                       UnitAttr());
    t.setSourcesOverlapDestinations(e.getSourcesOverlapDestinations());
  } else if (auto s = dyn_cast<gir::StreamCopyOp>(op)) {
    b.create<tir::StreamCopyOp>(loc, s.getStreamAttr(), pieces(s.getRegions()),
                                s.getToDeviceAttr());
  } else if (auto p = dyn_cast<gir::PrintTensorOp>(op)) {
    b.create<tir::PrintOp>(loc, p.getTitleAttr(), pieces(p.getRegions()),
                           p.getShapeAttr(), p.getElementTypeAttr(),
                           p.getSummariseThresholdAttr(), p.getEdgeItemsAttr(),
                           p.getMaxLineWidthAttr(), p.getDigitsAttr(),
                           p.getFloatFormatAttr(), p.getSeparatorAttr(),
                           p.getOpenBracketAttr(), p.getCloseBracketAttr());
  } else if (auto r = dyn_cast<gir::RepeatOp>(op)) {
    auto t = b.create<tir::RepeatOp>(loc, r.getCountAttr());
    lowerRegion(r.getBody(), t.getBody());
  } else if (auto l = dyn_cast<gir::LoopOp>(op)) {
    auto t = b.create<tir::LoopOp>(loc);
    lowerRegion(l.getBody(), t.getBody());
  } else if (auto w = dyn_cast<gir::RepeatWhileOp>(op)) {
    auto t = b.create<tir::RepeatWhileOp>(loc, pieces(w.getPredicate()),
                                          w.getElementTypeAttr(),
                                          w.getWhileTrueAttr());
    lowerRegion(w.getCond(), t.getCond());
    lowerRegion(w.getBody(), t.getBody());
  } else if (auto i = dyn_cast<gir::IfOp>(op)) {
    auto t = b.create<tir::IfOp>(loc, pieces(i.getPredicate()),
                                 i.getElementTypeAttr());
    lowerRegion(i.getThenBody(), t.getThenBody());
    lowerRegion(i.getElseBody(), t.getElseBody());
  } else if (auto s = dyn_cast<gir::SwitchOp>(op)) {
    auto t = b.create<tir::SwitchOp>(
        loc, pieces(s.getControl()), s.getElementTypeAttr(),
        s.getCaseValuesAttr(), s.getCases().size());
    lowerRegion(s.getDefaultBody(), t.getDefaultBody());
    for (size_t k = 0; k < s.getCases().size(); ++k)
      lowerRegion(s.getCases()[k], t.getCases()[k]);
  } else if (auto c = dyn_cast<gir::CallOp>(op)) {
    b.create<tir::CallOp>(loc, c.getFunctionAttr());
  } else if (auto s = dyn_cast<gir::SyncOp>(op)) {
    b.create<tir::SyncOp>(loc, s.getSyncTypeAttr());
  } else if (auto a = dyn_cast<gir::AbortOp>(op)) {
    b.create<tir::AbortOp>(loc, a.getMessageAttr());
  } else if (auto a = dyn_cast<gir::AbortOnConditionOp>(op)) {
    b.create<tir::AbortOnConditionOp>(loc, pieces(a.getPredicate()),
                                      a.getElementTypeAttr(),
                                      a.getMessageAttr());
  } else if (auto e = dyn_cast<gir::ErrorProgramOp>(op)) {
    b.create<tir::ErrorOp>(loc, e.getMessageAttr(), pieces(e.getRegions()),
                           e.getShapeAttr(), e.getElementTypeAttr());
  } else if (isa<gir::WriteUndefOp>(op)) {
    // Only liveness cares; nothing runs.
  } else {
    op.emitError("graph_program_compilation_error: poplar-lower-to-tile "
                 "cannot lower '")
        << op.getName() << "'; run poplar-lower-copies-to-exchange first";
    signalPassFailure();
  }
}

void LowerToTilePass::runOnOperation() {
  ModuleOp module = getOperation();
  FailureOr<GraphFacts> collected = GraphFacts::collect(module);
  if (failed(collected))
    return signalPassFailure();
  facts = std::move(*collected);
  placements.assign(facts.variables.size(), {});
  elementSize.assign(facts.variables.size(), 0);
  for (gir::VariableOp v : facts.variables) {
    if (!v)
      continue;
    auto alloc = v.getAllocation();
    if (!alloc) {
      reportError(v, "graph_program_compilation_error")
          << facts.variableName(v.getId())
          << " has no allocation; run poplar-allocate-tile-memory first";
      return signalPassFailure();
    }
    auto &list = placements[v.getId()];
    for (size_t i = 0; i + 3 < alloc->size(); i += 4)
      list.push_back(
          {(*alloc)[i], (*alloc)[i + 1], (*alloc)[i + 2], (*alloc)[i + 3]});
    std::sort(list.begin(), list.end(),
              [](auto &a, auto &b) { return a.begin < b.begin; });
    elementSize[v.getId()] = elementBytes(v.getElementType());
  }

  OpBuilder b(module.getContext());
  builder = &b;
  b.setInsertionPointToEnd(module.getBody());
  std::vector<Operation *> old;
  for (Operation &op : module.getBody()->getOperations())
    old.push_back(&op);
  for (Operation *op : old) {
    Location loc = op->getLoc();
    if (auto v = dyn_cast<gir::VariableOp>(op)) {
      std::vector<int64_t> whole{int64_t(v.getId()), 0, v.getNumElements()};
      b.create<tir::VariableOp>(loc, v.getNameAttr(),
                                b.getI64IntegerAttr(elementSize[v.getId()]),
                                pieces(whole));
      if (auto bytes = v.getInitialBytes())
        for (const Placement &p : placements[v.getId()]) {
          int64_t size = elementSize[v.getId()];
          b.create<tir::MemoryInitOp>(
              loc, b.getI64IntegerAttr(p.tile), b.getI64IntegerAttr(p.address),
              b.getDenseI8ArrayAttr(
                  bytes->slice(p.begin * size, (p.end - p.begin) * size)));
        }
    } else if (auto s = dyn_cast<gir::StreamOp>(op)) {
      b.create<tir::StreamOp>(loc, s.getIdAttr(), s.getHandleAttr(),
                              s.getElementTypeAttr(), s.getNumElementsAttr(),
                              s.getToDeviceAttr());
    } else if (auto h = dyn_cast<gir::HostAccessOp>(op)) {
      b.create<tir::HostAccessOp>(loc, h.getHandleAttr(), h.getIsWriteAttr(),
                                  h.getElementTypeAttr(), h.getShapeAttr(),
                                  pieces(h.getRegions()));
    } else if (auto p = dyn_cast<gir::ProgramOp>(op)) {
      auto t = b.create<tir::ProgramOp>(loc, p.getIndexAttr());
      lowerRegion(p.getBody(), t.getBody());
    } else if (auto f = dyn_cast<gir::FunctionOp>(op)) {
      auto t = b.create<tir::FunctionOp>(loc, f.getIndexAttr());
      lowerRegion(f.getBody(), t.getBody());
    }
  }
  for (Operation *op : old)
    op->erase();
  module->setAttr("tile.bytes_per_tile",
                  b.getI64IntegerAttr(facts.bytesPerTile));
  module->setAttr("tile.num_tiles", b.getI64IntegerAttr(facts.numTiles));
}

} // namespace

std::unique_ptr<Pass> tessel::createLowerToTilePass() {
  return std::make_unique<LowerToTilePass>();
}
