// poplar-lower-copies-to-exchange: each poplar.copy becomes a poplar.exchange
// whose transfers are cut wherever the source or destination changes tile.
// Works on mapping intervals and region triples, never on single elements.
#include "compiler/passes/PassSupport.hpp"
#include "compiler/passes/Passes.hpp"

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
  /// Appends the transfers of one aligned segment; fails if part of it has
  /// no tile.
  LogicalResult split(CopyOp copy, int64_t sv, int64_t sb, int64_t dv,
                      int64_t db, int64_t n, std::vector<int64_t> &out);

  GraphFacts facts;
  std::vector<TileIntervals> tables;
};

LogicalResult LowerCopiesToExchangePass::split(CopyOp copy, int64_t sv,
                                               int64_t sb, int64_t dv,
                                               int64_t db, int64_t n,
                                               std::vector<int64_t> &out) {
  auto src = tables[sv].piecesIn(sb, sb + n);
  auto dst = tables[dv].piecesIn(db, db + n);
  auto unmapped = [&](int64_t var, int64_t begin, int64_t end) {
    return reportError(copy, "invalid_tile_mapping")
           << "Copy '" << copy.getName() << "' uses elements [" << begin << ", "
           << end << ") of " << facts.variableName(var)
           << ", which have no tile; run poplar-complete-tile-mapping first";
  };
  int64_t covered = 0;
  for (const MappedInterval &m : src)
    covered += m.end - m.begin;
  if (covered != n)
    return unmapped(sv, sb, sb + n);
  covered = 0;
  for (const MappedInterval &m : dst)
    covered += m.end - m.begin;
  if (covered != n)
    return unmapped(dv, db, db + n);
  // Walk both piece lists together, cutting at every boundary.
  size_t i = 0, j = 0;
  int64_t done = 0;
  while (done < n) {
    const MappedInterval &s = src[i], &d = dst[j];
    int64_t srcAt = sb + done, dstAt = db + done;
    int64_t len = std::min(s.end - srcAt, d.end - dstAt);
    size_t last = out.size();
    // Extend the previous transfer when it continues on both sides.
    if (last >= 7 && out[last - 7] == s.tile && out[last - 6] == sv &&
        out[last - 5] + out[last - 1] == srcAt && out[last - 4] == d.tile &&
        out[last - 3] == dv && out[last - 2] + out[last - 1] == dstAt) {
      out[last - 1] += len;
    } else {
      out.insert(out.end(), {s.tile, sv, srcAt, d.tile, dv, dstAt, len});
    }
    done += len;
    if (sb + done == s.end)
      ++i;
    if (db + done == d.end)
      ++j;
  }
  return success();
}

void LowerCopiesToExchangePass::runOnOperation() {
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
  OpBuilder builder(module.getContext());
  for (CopyOp copy : copies) {
    std::vector<int64_t> transfers;
    bool ok = true;
    forEachAlignedSegment(
        copy.getSrc(), copy.getDst(),
        [&](int64_t sv, int64_t sb, int64_t dv, int64_t db, int64_t n) {
          ok = ok && succeeded(split(copy, sv, sb, dv, db, n, transfers));
        });
    if (!ok)
      return signalPassFailure();
    builder.setInsertionPoint(copy);
    builder.create<ExchangeOp>(
        copy.getLoc(), builder.getDenseI64ArrayAttr(transfers),
        builder.getI64IntegerAttr(elementBytes(copy.getElementType())),
        copy.getNameAttr(), UnitAttr(), IntegerAttr());
    copy.erase();
  }
}

} // namespace

std::unique_ptr<Pass> tessel::createLowerCopiesToExchangePass() {
  return std::make_unique<LowerCopiesToExchangePass>();
}
