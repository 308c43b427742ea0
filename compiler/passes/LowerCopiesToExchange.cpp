// poplar-lower-copies-to-exchange: each poplar.copy becomes a
// poplar.exchange whose transfers are cut wherever the source or the
// destination changes tile, so no transfer crosses a tile boundary on either
// side. Transfers whose source and destination tiles agree are on-tile
// copies and stay in the same op; transfers that continue the previous one
// on both sides are merged, and transfers onto themselves are dropped.
// Works on region triples and mapping intervals, never on single elements:
// O(regions + tile pieces) per copy (times a log for the interval lookup),
// and nothing allocated per region.
#include "compiler/passes/PassSupport.hpp"
#include "compiler/passes/Passes.hpp"
#include "compiler/passes/TileIntervals.hpp"

#include "mlir/IR/Builders.h"

namespace tessel {
#define GEN_PASS_DEF_POPLARLOWERCOPIESTOEXCHANGE
#include "compiler/passes/Passes.h.inc"
} // namespace tessel

using namespace mlir;
using namespace tessel;
using namespace tessel::graphir;

namespace {

class LowerCopiesToExchangePass
    : public tessel::impl::PoplarLowerCopiesToExchangeBase<
          LowerCopiesToExchangePass> {
public:
  void runOnOperation() override;

private:
  /// The copy's transfers, or failure (reported) if part of it has no tile
  /// or does not exist.
  FailureOr<std::vector<int64_t>> transfersOf(CopyOp copy);
  /// Checks that [begin, begin + n) of `var` exists and is mapped.
  LogicalResult checkMapped(CopyOp copy, int64_t var, int64_t begin, int64_t n);
  void append(const ElementTransfer &t, std::vector<ElementTransfer> &out);

  GraphFacts *facts = nullptr;
  std::vector<MappingTable> tables;
  /// Elements of each variable (-1: no such variable).
  std::vector<int64_t> numElements;
};

LogicalResult LowerCopiesToExchangePass::checkMapped(CopyOp copy, int64_t var,
                                                     int64_t begin, int64_t n) {
  if (var < 0 || size_t(var) >= numElements.size() || numElements[var] < 0 ||
      begin + n > numElements[var])
    return reportError(copy, ir::ErrorKind::graph_program_compilation_error)
           << "Copy '" << copy.getName() << "' uses elements [" << begin << ", "
           << begin + n << ") of " << facts->variableName(var)
           << ", which do not exist; run poplar-verify to find the bad tensor";
  std::optional<MappedInterval> gap = tables[var].firstGapIn(begin, begin + n);
  if (!gap)
    return success();
  return reportError(copy, ir::ErrorKind::invalid_tile_mapping)
         << "Copy '" << copy.getName() << "' uses elements [" << gap->begin
         << ", " << gap->end << ") of " << facts->variableName(var)
         << ", which have no tile; run poplar-complete-tile-mapping first";
}

void LowerCopiesToExchangePass::append(const ElementTransfer &t,
                                       std::vector<ElementTransfer> &out) {
  if (t.srcVar == t.dstVar && t.srcBegin == t.dstBegin)
    return; // elements copied onto themselves
  if (!out.empty() && out.back().continuedBy(t))
    out.back().count += t.count;
  else
    out.push_back(t);
}

FailureOr<std::vector<int64_t>>
LowerCopiesToExchangePass::transfersOf(CopyOp copy) {
  std::vector<ElementTransfer> transfers;
  bool ok = true;
  forEachAlignedSegment(
      copy.getSrc(), copy.getDst(),
      [&](int64_t sv, int64_t sb, int64_t dv, int64_t db, int64_t n) {
        if (!ok || failed(checkMapped(copy, sv, sb, n)) ||
            failed(checkMapped(copy, dv, db, n))) {
          ok = false;
          return;
        }
        // Walk both sides' tile pieces together, cutting at every boundary;
        // checkMapped found no gap on either side.
        const MappingTable &srcTable = tables[sv], &dstTable = tables[dv];
        size_t i = srcTable.firstEndingAfter(sb);
        size_t j = dstTable.firstEndingAfter(db);
        for (int64_t done = 0; done < n;) {
          const MappedInterval &src = srcTable.piece(i);
          const MappedInterval &dst = dstTable.piece(j);
          int64_t len = std::min(
              {n - done, src.end - (sb + done), dst.end - (db + done)});
          append({src.tile, sv, sb + done, dst.tile, dv, db + done, len},
                 transfers);
          done += len;
          i += src.end == sb + done;
          j += dst.end == db + done;
        }
      });
  if (!ok)
    return failure();
  std::vector<int64_t> flat;
  flat.reserve(transfers.size() * ElementTransfer::kFields);
  for (const ElementTransfer &t : transfers)
    t.appendTo(flat);
  return flat;
}

void LowerCopiesToExchangePass::runOnOperation() {
  ModuleOp module = getOperation();
  facts = &getAnalysis<GraphFacts>();
  if (failed(facts->status))
    return signalPassFailure();
  // Rewrites copies; declares nothing.
  markAnalysesPreserved<GraphFacts>();
  tables.assign(facts->variables.size(), MappingTable());
  numElements.assign(facts->variables.size(), -1);
  for (size_t id = 0; id < facts->variables.size(); ++id)
    if (VariableOp v = facts->variables[id]) {
      tables[id] = MappingTable(mappingOf(v));
      numElements[id] = v.getNumElements();
    }

  std::vector<CopyOp> copies;
  module.walk([&](CopyOp copy) { copies.push_back(copy); });
  OpBuilder builder(module.getContext());
  bool ok = true;
  for (CopyOp copy : copies) {
    FailureOr<std::vector<int64_t>> transfers = transfersOf(copy);
    if (failed(transfers)) {
      ok = false;
      continue;
    }
    builder.setInsertionPoint(copy);
    builder.create<ExchangeOp>(
        copy.getLoc(), builder.getDenseI64ArrayAttr(*transfers),
        builder.getI64IntegerAttr(elementBytes(copy.getElementType())),
        copy.getNameAttr(), UnitAttr(), IntegerAttr());
    copy.erase();
  }
  if (!ok)
    signalPassFailure();
}

} // namespace

std::unique_ptr<Pass> tessel::createLowerCopiesToExchangePass() {
  return std::make_unique<LowerCopiesToExchangePass>();
}
