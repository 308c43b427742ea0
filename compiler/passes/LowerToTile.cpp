// poplar-lower-to-tile: rewrites the allocated graph in the `tile` dialect,
// inside one tile.executable. Every region list becomes a piece list of
// (tile, address, bytes), merging pieces that continue each other; every
// exchange becomes byte transfers, cut wherever either side changes
// allocation piece; initial values become tile.memory_init ops. Compute
// sets list their vertices with state addresses, and each vertex's state
// words (VertexState.hpp), now that every address is known, become the
// initial value of the state variables poplar-plan-vertex-exchange made.
#include "compiler/passes/PassSupport.hpp"
#include "compiler/passes/Passes.hpp"
#include "compiler/passes/VariableLiveness.hpp"
#include "compiler/passes/VertexState.hpp"

#include "mlir/IR/Builders.h"

#include <algorithm>
#include <map>
#include <set>

namespace tessel {
#define GEN_PASS_DEF_POPLARLOWERTOTILE
#include "compiler/passes/Passes.h.inc"
} // namespace tessel

using namespace mlir;
using namespace tessel;
namespace gir = tessel::graphir;
namespace tir = tessel::tileir;

namespace {

/// The tile dialect's twin of a poplar enum attribute (null stays null).
tir::ElementTypeAttr tileAttr(gir::ElementTypeAttr a) {
  return a ? tir::ElementTypeAttr::get(a.getContext(), a.getValue()) : nullptr;
}
tir::FloatFormatAttr tileAttr(gir::FloatFormatAttr a) {
  return tir::FloatFormatAttr::get(a.getContext(), a.getValue());
}
tir::SyncTypeAttr tileAttr(gir::SyncTypeAttr a) {
  return tir::SyncTypeAttr::get(a.getContext(), a.getValue());
}
tir::CodeletBaseAttr tileAttr(gir::CodeletBaseAttr a) {
  return tir::CodeletBaseAttr::get(a.getContext(), a.getValue());
}

/// Elements [begin, end) of a variable live at `address` on `tile`.
using Placement = AllocatedInterval;

/// Where every variable's elements are, from the `allocation` attributes.
class AllocationTable {
public:
  /// Reads and checks every allocation; reports the first problem.
  LogicalResult build(const GraphFacts &facts);
  /// The placements covering [begin, end) of `var`, in order; `var` and the
  /// range must be valid (see contains).
  ArrayRef<Placement> covering(int64_t var, int64_t begin) const;
  bool contains(int64_t var, int64_t begin, int64_t end) const {
    if (var < 0 || size_t(var) >= placements.size() || elementSize[var] == 0)
      return false;
    int64_t size = placements[var].empty() ? 0 : placements[var].back().end;
    return begin >= 0 && begin <= end && end <= size;
  }
  int64_t elementBytes(int64_t var) const { return elementSize[var]; }
  const std::vector<Placement> &of(int64_t var) const {
    return placements[var];
  }
  /// Bytes each tile needs: the end of its highest piece.
  std::vector<int64_t> bytesUsed(int64_t numTiles) const;

private:
  std::vector<std::vector<Placement>> placements;
  std::vector<int64_t> elementSize;
};

LogicalResult AllocationTable::build(const GraphFacts &facts) {
  placements.assign(facts.variables.size(), {});
  elementSize.assign(facts.variables.size(), 0);
  for (gir::VariableOp v : facts.variables) {
    if (!v)
      continue;
    std::optional<AllocatedIntervals> alloc = v.getAllocationList();
    if (!alloc)
      return reportError(v, ir::ErrorKind::graph_program_compilation_error)
             << facts.variableName(v.getId())
             << " has no allocation; run poplar-allocate-tile-memory first";
    std::vector<Placement> &list = placements[v.getId()];
    for (const AllocatedInterval a : *alloc)
      list.push_back(a);
    std::sort(list.begin(), list.end(),
              [](auto &a, auto &b) { return a.begin < b.begin; });
    int64_t at = 0;
    for (const Placement &p : list) {
      if (p.begin != at || p.end <= p.begin || p.tile < 0 ||
          p.tile >= facts.numTiles || p.address < 0)
        return reportError(v, ir::ErrorKind::graph_program_compilation_error)
               << "the allocation of " << facts.variableName(v.getId())
               << " does not cover its elements once each on existing tiles "
                  "at element "
               << at << "; run poplar-allocate-tile-memory to allocate it";
      at = p.end;
    }
    if (at != v.getNumElements())
      return reportError(v, ir::ErrorKind::graph_program_compilation_error)
             << "the allocation of " << facts.variableName(v.getId())
             << " ends at element " << at << " of " << v.getNumElements()
             << "; run poplar-allocate-tile-memory to allocate it";
    elementSize[v.getId()] = tessel::elementBytes(v.getElementType());
  }
  return success();
}

ArrayRef<Placement> AllocationTable::covering(int64_t var,
                                              int64_t begin) const {
  const std::vector<Placement> &list = placements[var];
  auto it = std::upper_bound(
      list.begin(), list.end(), begin,
      [](int64_t e, const Placement &p) { return e < p.begin; });
  return ArrayRef<Placement>(list).drop_front(
      size_t(std::prev(it) - list.begin()));
}

std::vector<int64_t> AllocationTable::bytesUsed(int64_t numTiles) const {
  std::vector<int64_t> used(numTiles, 0);
  for (size_t var = 0; var < placements.size(); ++var)
    for (const Placement &p : placements[var])
      used[p.tile] = std::max(used[p.tile],
                              p.address + (p.end - p.begin) * elementSize[var]);
  return used;
}

class LowerToTilePass
    : public tessel::impl::PoplarLowerToTileBase<LowerToTilePass> {
public:
  void runOnOperation() override;

private:
  DenseI64ArrayAttr pieces(Operation *user, ArrayRef<int64_t> regions);
  void lowerHostCall(gir::HostCallOp call);
  DenseI64ArrayAttr transfers(gir::ExchangeOp op);
  void lowerDeclaration(Operation &op);
  void lowerVariable(gir::VariableOp v);
  void lowerComputeSet(gir::ComputeSetOp cs);
  /// Where an edge entry of vertex `v` of `cs` is; reports entries that are
  /// not one run on the vertex's tile.
  EntryPlace placeEntry(gir::ComputeSetOp cs, const TableVertex &v,
                        ArrayRef<int64_t> regions);
  void lowerRegion(Region &from, Region &to);
  void lowerOp(Operation &op);
  void lowerControl(Operation &op);
  tir::ExecutableOp createExecutable(ModuleOp module);
  /// Reports a region list that names a missing variable or elements beyond
  /// its end.
  void badRegion(Operation *user, RegionTriple r);

  GraphFacts *facts = nullptr;
  AllocationTable table;
  /// For memory reports: each variable's lifetime, and which variables
  /// hold vertex state.
  std::vector<Lifetime> lifetimes;
  std::set<int64_t> stateVariables;
  OpBuilder *builder = nullptr;
  bool lowered = true;
};

void LowerToTilePass::badRegion(Operation *user, RegionTriple r) {
  if (lowered)
    reportError(user, ir::ErrorKind::graph_program_compilation_error)
        << "elements [" << r.begin << ", " << r.end << ") of "
        << facts->variableName(r.var)
        << " do not exist; run poplar-verify to find the bad tensor";
  lowered = false;
}

DenseI64ArrayAttr LowerToTilePass::pieces(Operation *user,
                                          ArrayRef<int64_t> regions) {
  std::vector<int64_t> out;
  auto append = [&](const Piece &p) {
    const size_t n = out.size();
    if (n >= Piece::kFields &&
        Piece::read(&out[n - Piece::kFields]).continuedBy(p))
      out.back() += p.numBytes; // the last field is numBytes
    else
      p.appendTo(out);
  };
  for (size_t i = 0; i < numTriples(regions); ++i) {
    RegionTriple r = tripleAt(regions, i);
    if (!table.contains(r.var, r.begin, r.end)) {
      badRegion(user, r);
      continue;
    }
    if (r.begin == r.end)
      continue;
    int64_t size = table.elementBytes(r.var);
    for (auto it = table.covering(r.var, r.begin).begin(); r.begin < r.end;
         ++it) {
      int64_t end = std::min(r.end, it->end);
      append({it->tile, it->address + (r.begin - it->begin) * size,
              (end - r.begin) * size});
      r.begin = end;
    }
  }
  return builder->getDenseI64ArrayAttr(out);
}

void LowerToTilePass::lowerHostCall(gir::HostCallOp call) {
  std::vector<int64_t> all, counts;
  for (size_t i = 0; i < call.getRegionCounts().size(); ++i) {
    ArrayRef<int64_t> p = pieces(call, call.getArgument(i)).asArrayRef();
    all.insert(all.end(), p.begin(), p.end());
    counts.push_back(int64_t(p.size()));
  }
  builder->create<tir::HostCallOp>(
      call.getLoc(), call.getFunctionAttr(), builder->getDenseI64ArrayAttr(all),
      builder->getDenseI64ArrayAttr(counts), call.getNumInputsAttr());
}

DenseI64ArrayAttr LowerToTilePass::transfers(gir::ExchangeOp op) {
  ElementTransfers in = op.getTransferList();
  std::vector<int64_t> out;
  out.reserve(in.size() * ByteTransfer::kFields);
  auto append = [&](const ByteTransfer &t) {
    const size_t n = out.size();
    if (n >= ByteTransfer::kFields &&
        ByteTransfer::read(&out[n - ByteTransfer::kFields]).continuedBy(t))
      out.back() += t.numBytes; // the last field is numBytes
    else
      t.appendTo(out);
  };
  for (ElementTransfer t : in) {
    int64_t srcVar = t.srcVar, srcAt = t.srcBegin, dstVar = t.dstVar,
            dstAt = t.dstBegin, count = t.count;
    if (!table.contains(srcVar, srcAt, srcAt + count)) {
      badRegion(op, {srcVar, srcAt, srcAt + count});
      continue;
    }
    if (!table.contains(dstVar, dstAt, dstAt + count)) {
      badRegion(op, {dstVar, dstAt, dstAt + count});
      continue;
    }
    int64_t size = op.getElementBytes();
    if (table.elementBytes(srcVar) != size ||
        table.elementBytes(dstVar) != size) {
      if (lowered)
        reportError(op, ir::ErrorKind::type_error)
            << "exchange '" << op.getName() << "' moves " << size
            << "-byte elements from " << facts->variableName(srcVar) << " ("
            << table.elementBytes(srcVar) << "-byte elements) to "
            << facts->variableName(dstVar) << " (" << table.elementBytes(dstVar)
            << "-byte elements); copy between tensors of the same type";
      lowered = false;
      continue;
    }
    if (count == 0)
      continue;
    const Placement *src = table.covering(srcVar, srcAt).begin();
    const Placement *dst = table.covering(dstVar, dstAt).begin();
    // Walk both sides together, cutting where either changes placement.
    for (int64_t done = 0; done < count;) {
      int64_t s = srcAt + done, d = dstAt + done;
      int64_t n = std::min({count - done, src->end - s, dst->end - d});
      append({src->tile, src->address + (s - src->begin) * size, dst->tile,
              dst->address + (d - dst->begin) * size, n * size});
      done += n;
      if (srcAt + done == src->end)
        ++src;
      if (dstAt + done == dst->end)
        ++dst;
    }
  }
  return builder->getDenseI64ArrayAttr(out);
}

void LowerToTilePass::lowerRegion(Region &from, Region &to) {
  Block *block = new Block();
  to.push_back(block);
  OpBuilder::InsertionGuard guard(*builder);
  builder->setInsertionPointToEnd(block);
  if (!from.empty())
    for (Operation &op : from.front())
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
    b.create<tir::StreamCopyOp>(loc, s.getStreamAttr(),
                                pieces(s, s.getRegions()), s.getToDeviceAttr());
  } else if (auto r = dyn_cast<gir::RemoteBufferCopyOp>(op)) {
    b.create<tir::RemoteBufferCopyOp>(
        loc, r.getBufferAttr(), pieces(r, r.getRegions()),
        pieces(r, r.getOffset()), r.getToDeviceAttr());
  } else if (auto h = dyn_cast<gir::HostCallOp>(op)) {
    lowerHostCall(h);
  } else if (auto p = dyn_cast<gir::PrintTensorOp>(op)) {
    b.create<tir::PrintOp>(
        loc, p.getTitleAttr(), pieces(p, p.getRegions()), p.getShapeAttr(),
        tileAttr(p.getElementTypeAttr()), p.getSummariseThresholdAttr(),
        p.getEdgeItemsAttr(), p.getMaxLineWidthAttr(), p.getDigitsAttr(),
        tileAttr(p.getFloatFormatAttr()), p.getSeparatorAttr(),
        p.getOpenBracketAttr(), p.getCloseBracketAttr());
  } else if (auto c = dyn_cast<gir::CallOp>(op)) {
    b.create<tir::CallOp>(loc, c.getFunctionAttr());
  } else if (auto s = dyn_cast<gir::SyncOp>(op)) {
    b.create<tir::SyncOp>(loc, tileAttr(s.getSyncTypeAttr()));
  } else if (auto a = dyn_cast<gir::AbortOp>(op)) {
    b.create<tir::AbortOp>(loc, a.getMessageAttr());
  } else if (auto a = dyn_cast<gir::AbortOnConditionOp>(op)) {
    b.create<tir::AbortOnConditionOp>(loc, pieces(a, a.getPredicate()),
                                      tileAttr(a.getElementTypeAttr()),
                                      a.getMessageAttr());
  } else if (auto e = dyn_cast<gir::ErrorProgramOp>(op)) {
    b.create<tir::ErrorWithTensorOp>(
        loc, e.getMessageAttr(), pieces(e, e.getRegions()), e.getShapeAttr(),
        tileAttr(e.getElementTypeAttr()));
  } else if (auto e = dyn_cast<gir::ExecuteOp>(op)) {
    b.create<tir::ExecuteOp>(loc, e.getComputeSetAttr(), pieces(e, e.getFlag()),
                             tileAttr(e.getFlagTypeAttr()));
  } else if (isa<gir::WriteUndefOp>(op)) {
    // Only liveness cares; nothing runs.
  } else {
    lowerControl(op);
  }
}

void LowerToTilePass::lowerControl(Operation &op) {
  OpBuilder &b = *builder;
  Location loc = op.getLoc();
  if (auto r = dyn_cast<gir::RepeatOp>(op)) {
    auto t = b.create<tir::RepeatOp>(loc, r.getCountAttr());
    lowerRegion(r.getBody(), t.getBody());
  } else if (auto l = dyn_cast<gir::LoopOp>(op)) {
    auto t = b.create<tir::LoopOp>(loc);
    lowerRegion(l.getBody(), t.getBody());
  } else if (auto w = dyn_cast<gir::RepeatWhileOp>(op)) {
    auto t = b.create<tir::RepeatWhileOp>(loc, pieces(w, w.getPredicate()),
                                          tileAttr(w.getElementTypeAttr()),
                                          w.getWhileTrueAttr());
    lowerRegion(w.getCond(), t.getCond());
    lowerRegion(w.getBody(), t.getBody());
  } else if (auto i = dyn_cast<gir::IfOp>(op)) {
    auto t = b.create<tir::IfOp>(loc, pieces(i, i.getPredicate()),
                                 tileAttr(i.getElementTypeAttr()));
    lowerRegion(i.getThenBody(), t.getThenBody());
    lowerRegion(i.getElseBody(), t.getElseBody());
  } else if (auto s = dyn_cast<gir::SwitchOp>(op)) {
    auto t = b.create<tir::SwitchOp>(
        loc, pieces(s, s.getControl()), tileAttr(s.getElementTypeAttr()),
        s.getCaseValuesAttr(), s.getCases().size());
    lowerRegion(s.getDefaultBody(), t.getDefaultBody());
    for (size_t k = 0; k < s.getCases().size(); ++k)
      lowerRegion(s.getCases()[k], t.getCases()[k]);
  } else {
    if (lowered)
      reportError(&op, ir::ErrorKind::graph_program_compilation_error)
          << "poplar-lower-to-tile cannot lower '" << op.getName()
          << "'; run poplar-lower-copies-to-exchange first";
    lowered = false;
  }
}

void LowerToTilePass::lowerVariable(gir::VariableOp v) {
  OpBuilder &b = *builder;
  Location loc = v.getLoc();
  int64_t size = table.elementBytes(v.getId());
  std::vector<int64_t> whole{int64_t(v.getId()), 0, v.getNumElements()};
  StringAttr category;
  if (v.getConstant())
    category = b.getStringAttr("constant");
  else if (stateVariables.count(int64_t(v.getId())))
    category = b.getStringAttr("vertex state");
  Lifetime life = lifetimes[v.getId()];
  DenseI64ArrayAttr lifetime;
  if (!life.alwaysLive())
    lifetime = b.getDenseI64ArrayAttr({life.start, life.end});
  b.create<tir::VariableOp>(loc, v.getNameAttr(), b.getI64IntegerAttr(size),
                            pieces(v, whole), category, lifetime);
  std::optional<ArrayRef<int8_t>> bytes = v.getInitialBytes();
  if (!bytes)
    return;
  if (int64_t(bytes->size()) != v.getNumElements() * size) {
    reportError(v, ir::ErrorKind::graph_program_compilation_error)
        << "the initial value of " << facts->variableName(v.getId()) << " has "
        << bytes->size() << " bytes, but its " << v.getNumElements()
        << " elements take " << v.getNumElements() * size;
    lowered = false;
    return;
  }
  for (const Placement &p : table.of(v.getId()))
    b.create<tir::MemoryInitOp>(loc, b.getI64IntegerAttr(p.tile),
                                b.getI64IntegerAttr(p.address),
                                b.getDenseI8ArrayAttr(bytes->slice(
                                    p.begin * size, (p.end - p.begin) * size)));
}

void LowerToTilePass::lowerDeclaration(Operation &op) {
  OpBuilder &b = *builder;
  Location loc = op.getLoc();
  if (auto v = dyn_cast<gir::VariableOp>(op)) {
    lowerVariable(v);
  } else if (auto c = dyn_cast<gir::CodeletOp>(op)) {
    b.create<tir::CodeletOp>(loc, c.getIdAttr(), c.getNameAttr(),
                             tileAttr(c.getBaseAttr()), c.getObjectAttr(),
                             c.getReturnsBoolAttr(), c.getFieldInfoAttr());
  } else if (auto cs = dyn_cast<gir::ComputeSetOp>(op)) {
    lowerComputeSet(cs);
  } else if (auto s = dyn_cast<gir::StreamOp>(op)) {
    b.create<tir::StreamOp>(loc, s.getIdAttr(), s.getHandleAttr(),
                            tileAttr(s.getElementTypeAttr()),
                            s.getNumElementsAttr(), s.getToDeviceAttr());
  } else if (auto r = dyn_cast<gir::RemoteBufferOp>(op)) {
    b.create<tir::RemoteBufferOp>(loc, r.getIdAttr(), r.getHandleAttr(),
                                  tileAttr(r.getElementTypeAttr()),
                                  r.getNumElementsAttr(), r.getRepeatsAttr());
  } else if (auto f = dyn_cast<gir::HostFunctionOp>(op)) {
    auto tileTypes = [&](ArrayAttr types) {
      SmallVector<Attribute> out;
      for (Attribute t : types)
        out.push_back(tileAttr(cast<gir::ElementTypeAttr>(t)));
      return b.getArrayAttr(out);
    };
    b.create<tir::HostFunctionOp>(
        loc, f.getIdAttr(), f.getHandleAttr(), tileTypes(f.getInputTypes()),
        f.getInputSizesAttr(), tileTypes(f.getOutputTypes()),
        f.getOutputSizesAttr());
  } else if (auto h = dyn_cast<gir::HostAccessOp>(op)) {
    b.create<tir::HostAccessOp>(loc, h.getHandleAttr(), h.getIsWriteAttr(),
                                tileAttr(h.getElementTypeAttr()),
                                h.getShapeAttr(), pieces(h, h.getRegions()));
  } else if (auto p = dyn_cast<gir::ProgramOp>(op)) {
    auto t = b.create<tir::ProgramOp>(loc, p.getIndexAttr());
    lowerRegion(p.getBody(), t.getBody());
  } else if (auto f = dyn_cast<gir::FunctionOp>(op)) {
    auto t = b.create<tir::FunctionOp>(loc, f.getIndexAttr());
    lowerRegion(f.getBody(), t.getBody());
  }
}

EntryPlace LowerToTilePass::placeEntry(gir::ComputeSetOp cs,
                                       const TableVertex &v,
                                       ArrayRef<int64_t> regions) {
  if (regions.empty())
    return {};
  RegionTriple r = tripleAt(regions, 0);
  if (!table.contains(r.var, r.begin, r.end)) {
    badRegion(cs, r);
    return {};
  }
  if (r.begin == r.end && numTriples(regions) == 1)
    return {};
  const Placement &p = table.covering(r.var, r.begin).front();
  if (numTriples(regions) != 1 || p.tile != v.tile || p.end < r.end) {
    if (lowered)
      reportError(cs, ir::ErrorKind::graph_program_compilation_error)
          << "vertex " << v.id << " on tile " << v.tile
          << " is connected to elements that are not one run of its own "
             "tile's memory; run poplar-plan-vertex-exchange first";
    lowered = false;
    return {};
  }
  return {std::uint32_t(p.address +
                        (r.begin - p.begin) * table.elementBytes(r.var)),
          std::uint32_t(r.end - r.begin)};
}

void LowerToTilePass::lowerComputeSet(gir::ComputeSetOp cs) {
  OpBuilder &b = *builder;
  std::map<int64_t, std::vector<std::uint32_t>> stateWords; // by variable
  std::vector<ComputeSetVertex> rows;
  const VertexTable vertices = cs.getVertexTable();
  rows.reserve(vertices.size());
  for (const TableVertex &v : vertices) {
    gir::CodeletOp codelet = facts->codelet(v.codelet);
    std::string error;
    std::optional<std::vector<FieldEdges>> fields =
        facts->vertexFields(v, error);
    if (!fields || v.stateVar < 0 || v.stateOffset < 0 ||
        !table.contains(v.stateVar, v.stateOffset, v.stateOffset + 1) ||
        table.of(v.stateVar).size() != 1 ||
        table.of(v.stateVar).front().tile != v.tile) {
      if (lowered)
        reportError(cs, ir::ErrorKind::graph_program_compilation_error)
            << "vertex " << v.id << " in compute set '" << cs.getName()
            << "' has no usable state location ("
            << (fields ? "state_var/state_offset" : error)
            << "); run poplar-plan-vertex-exchange first";
      lowered = false;
      continue;
    }
    const Placement &state = table.of(v.stateVar).front();
    const auto offset = std::size_t(v.stateOffset);
    const auto address = std::uint32_t(state.address + 4 * offset);
    std::vector<std::uint32_t> words = buildVertexState(
        codelet, v, *fields, address, [&](unsigned f, size_t e) {
          return placeEntry(cs, v, (*fields)[f].entries[e].regions);
        });
    std::vector<std::uint32_t> &all = stateWords[v.stateVar];
    if (all.size() < offset + words.size())
      all.resize(offset + words.size(), 0);
    std::copy(words.begin(), words.end(), all.begin() + offset);
    rows.push_back({v.id, v.tile, v.codelet, int64_t(address), v.cycles});
  }
  // The state words become memory inits first, each list freed once its
  // attribute holds the bytes, so that they are gone before the table is
  // copied; the compute set still goes before them in the executable.
  Operation *firstInit = nullptr;
  for (auto &[var, words] : stateWords) {
    const Placement &state = table.of(var).front();
    std::vector<int8_t> bytes(words.size() * 4);
    for (size_t i = 0; i < words.size(); ++i)
      for (int k = 0; k < 4; ++k)
        bytes[4 * i + k] = int8_t((words[i] >> (8 * k)) & 0xff);
    std::vector<std::uint32_t>().swap(words);
    Operation *init = b.create<tir::MemoryInitOp>(
        cs.getLoc(), b.getI64IntegerAttr(state.tile),
        b.getI64IntegerAttr(state.address), b.getDenseI8ArrayAttr(bytes));
    if (!firstInit)
      firstInit = init;
  }
  std::sort(rows.begin(), rows.end(),
            [](const ComputeSetVertex &x, const ComputeSetVertex &y) {
              return std::tie(x.tile, x.vertex) < std::tie(y.tile, y.vertex);
            });
  std::vector<int64_t> flat;
  flat.reserve(rows.size() * ComputeSetVertex::kFields);
  for (const ComputeSetVertex &row : rows)
    row.appendTo(flat);
  // Freed before the attribute copies the flat list.
  std::vector<ComputeSetVertex>().swap(rows);
  OpBuilder::InsertionGuard guard(b);
  if (firstInit)
    b.setInsertionPoint(firstInit);
  b.create<tir::ComputeSetOp>(cs.getLoc(), cs.getIdAttr(), cs.getNameAttr(),
                              b.getDenseI64ArrayAttr(flat));
}

tir::ExecutableOp LowerToTilePass::createExecutable(ModuleOp module) {
  OpBuilder &b = *builder;
  std::vector<int64_t> used;
  if (auto attr =
          module->getAttrOfType<DenseI64ArrayAttr>("poplar.tile_bytes_used"))
    used.assign(attr.asArrayRef().begin(), attr.asArrayRef().end());
  else
    used = table.bytesUsed(facts->numTiles);
  module->removeAttr("poplar.tile_bytes_used");
  b.setInsertionPointToEnd(module.getBody());
  auto executable = b.create<tir::ExecutableOp>(
      module.getLoc(), b.getI64IntegerAttr(facts->numTiles),
      b.getI64IntegerAttr(facts->bytesPerTile), b.getDenseI64ArrayAttr(used));
  executable.getBody().push_back(new Block());
  return executable;
}

void LowerToTilePass::runOnOperation() {
  ModuleOp module = getOperation();
  facts = &getAnalysis<GraphFacts>();
  if (failed(facts->status))
    return signalPassFailure();
  if (failed(table.build(*facts)))
    return signalPassFailure();
  // Computed by poplar-allocate-tile-memory when it ran just before.
  const VariableLiveness &liveness = getAnalysis<VariableLiveness>();
  lifetimes.assign(facts->variables.size(), Lifetime{});
  for (size_t id = 0; id < facts->variables.size(); ++id)
    if (facts->variables[id])
      lifetimes[id] = liveness.lifetimeOf(int64_t(id));
  stateVariables.clear();
  for (gir::ComputeSetOp cs : module.getOps<gir::ComputeSetOp>())
    if (std::optional<ArrayRef<int64_t>> vars = cs.getStateVar())
      stateVariables.insert(vars->begin(), vars->end());

  OpBuilder b(module.getContext());
  builder = &b;
  std::vector<Operation *> old;
  for (Operation &op : module.getBody()->getOperations())
    old.push_back(&op);
  tir::ExecutableOp executable = createExecutable(module);
  b.setInsertionPointToEnd(&executable.getBody().front());
  for (Operation *op : old)
    lowerDeclaration(*op);
  if (!lowered)
    return signalPassFailure();
  for (Operation *op : old)
    op->erase();
}

} // namespace

std::unique_ptr<Pass> tessel::createLowerToTilePass() {
  return std::make_unique<LowerToTilePass>();
}
