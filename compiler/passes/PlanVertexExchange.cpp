// poplar-plan-vertex-exchange: makes every vertex's edges local and lays out
// vertex state.
//
// A vertex reads and writes only its own tile's memory, each edge entry as
// one contiguous run. An entry that already is one run of one variable on the
// vertex's tile stays as it is. Any other entry (elements on other tiles, or
// pieces of several variables or intervals) is given a run in a temporary
// variable on the vertex's tile: every Execute of the compute set copies the
// entry's elements in before it runs (Input, InOut) and back out after it
// (Output, InOut). Vertices on one tile reading the same elements share one
// copy. Temporaries are grouped per (compute set, tile, element type,
// direction) into one variable each, and the copies of one Execute into one
// copy per element type and direction, so later passes see few, large ops;
// the allocator shares temporaries' memory between compute sets because
// they are written in full before they are read.
//
// Vertex state (VertexState.hpp) goes into one `unsigned int` variable per
// compute set and tile, always live; each vertex records where its words
// start. lower-to-tile fills the words in once addresses are known.
#include "compiler/passes/PassSupport.hpp"
#include "compiler/passes/Passes.hpp"
#include "compiler/passes/TileIntervals.hpp"
#include "compiler/passes/VertexState.hpp"

#include <tessel/internal/CodeletABI.hpp>

#include "mlir/IR/Builders.h"

#include <map>

namespace tessel {
#define GEN_PASS_DEF_POPLARPLANVERTEXEXCHANGE
#include "compiler/passes/Passes.h.inc"
} // namespace tessel

using namespace mlir;
using namespace tessel;
using namespace tessel::graphir;
using tessel::abi::Direction;
using tessel::abi::FieldKind;

namespace {

/// The copies around every Execute of one compute set, for one element type:
/// region lists of equal size, element i of src to element i of dst.
struct StagingCopies {
  ir::ElementType type = ir::ElementType::Float;
  std::vector<int64_t> src, dst;
};

/// A variable this pass declares, on one tile.
struct NewVariable {
  std::string name;
  ir::ElementType type = ir::ElementType::Float;
  int64_t tile = 0, size = 0;
  int64_t align = 1; // bytes
};

class PlanVertexExchangePass
    : public tessel::impl::PoplarPlanVertexExchangeBase<
          PlanVertexExchangePass> {
public:
  void runOnOperation() override;

private:
  LogicalResult planComputeSet(ComputeSetOp cs);
  /// Whether `regions` is one run of one variable, all on `tile`.
  bool isLocalRun(ArrayRef<int64_t> regions, int64_t tile) const;
  /// Whether the local run `regions` can start at a multiple of `align`
  /// bytes once its allocation piece is aligned to `align`.
  bool canAlign(ArrayRef<int64_t> regions, int64_t elementBytes,
                int64_t align) const;
  /// Declares a variable of `type` on `tile` (size 0 for now); returns its
  /// id.
  int64_t declare(std::string name, ir::ElementType type, int64_t tile);
  NewVariable &declared(int64_t id) { return newVariables[id - firstNewId]; }
  void insertCopies(ComputeSetOp cs, const std::string &what,
                    const std::map<std::string, StagingCopies> &copies,
                    bool before);
  void createVariables(ModuleOp module);

  GraphFacts *facts = nullptr;
  std::vector<TileIntervals> mappings;
  std::map<int64_t, std::vector<ExecuteOp>> executesOf;
  int64_t firstNewId = 0;
  std::vector<NewVariable> newVariables;
  /// Alignment (bytes) existing variables need for vertex fields' MinAlign.
  std::map<int64_t, int64_t> requiredAlign;
};

bool PlanVertexExchangePass::isLocalRun(ArrayRef<int64_t> regions,
                                        int64_t tile) const {
  if (numTriples(regions) != 1)
    return false;
  RegionTriple r = tripleAt(regions, 0);
  for (const MappedInterval &m : mappings[r.var].piecesIn(r.begin, r.end))
    if (m.tile != tile)
      return false;
  return mappings[r.var].mappedIn(r.begin, r.end) == r.end - r.begin;
}

bool PlanVertexExchangePass::canAlign(ArrayRef<int64_t> regions,
                                      int64_t elementBytes,
                                      int64_t align) const {
  RegionTriple r = tripleAt(regions, 0);
  const int64_t offset = r.begin - mappings[r.var].runStart(r.begin);
  return offset * elementBytes % align == 0;
}

int64_t PlanVertexExchangePass::declare(std::string name, ir::ElementType type,
                                        int64_t tile) {
  newVariables.push_back({std::move(name), type, tile, 0});
  return firstNewId + int64_t(newVariables.size()) - 1;
}

LogicalResult PlanVertexExchangePass::planComputeSet(ComputeSetOp cs) {
  Builder b(cs.getContext());
  const std::string csName = cs.getName().str();
  // Per tile: the state variable.
  std::map<int64_t, int64_t> stateOn;
  // Per (tile, type, output only): the temporary being filled.
  std::map<std::tuple<int64_t, ir::ElementType, bool>, int64_t> temporaries;
  // Input runs already staged, by tile and source regions.
  std::map<std::pair<int64_t, std::vector<int64_t>>, std::array<int64_t, 3>>
      staged;
  // By type name, so the copies come in name order.
  std::map<std::string, StagingCopies> copiesIn, copiesOut;
  // Where each vertex's state words go, and, from the first vertex whose
  // edges change on, the table's new edges and rows (a row's edge part
  // moves when a staged entry replaces several triples by one): each
  // replaces a whole list of the table once. Until a vertex changes, the
  // old lists serve and nothing is copied.
  const VertexTable table = cs.getVertexTable();
  const RecordList<VertexRow> oldRows(cs.getVertices());
  std::vector<int64_t> edges, rows, vertexEdges, stateVars, stateOffsets;
  bool edgesChanged = false;
  stateVars.reserve(table.size());
  stateOffsets.reserve(table.size());

  for (size_t index = 0; index < table.size(); ++index) {
    const TableVertex v = table[index];
    std::string error;
    std::optional<std::vector<FieldEdges>> fields =
        facts->vertexFields(v, error);
    if (!fields)
      return reportError(cs, ir::ErrorKind::graph_program_compilation_error)
             << "vertex " << v.id << " in compute set '" << csName
             << "' is malformed (" << error << "); run poplar-verify first";
    CodeletOp codelet = facts->codelet(v.codelet);
    const int64_t tile = v.tile;
    if (tile < 0 || tile >= facts->numTiles)
      return reportError(cs, ir::ErrorKind::invalid_tile_mapping)
             << "vertex " << v.id << " (" << codelet.getName()
             << ") in compute set '" << csName << "' is on tile " << tile
             << ", not one of the target's " << facts->numTiles
             << " tiles; run poplar-complete-tile-mapping first";

    vertexEdges.clear();
    for (unsigned f = 0; f < codelet.getNumFields(); ++f) {
      const FieldEdges &field = (*fields)[f];
      vertexEdges.push_back(int64_t(field.entries.size()));
      const auto dir = Direction(codelet.getFieldDirection(f));
      const bool reads = dir != Direction::Output;
      const bool writes = dir == Direction::Output || dir == Direction::InOut;
      const int64_t elementBytes = codelet.getFieldElementBytes(f);
      const int64_t align = codelet.getFieldMinAlign(f);
      for (const EdgeEntry &entry : field.entries) {
        const int64_t n = totalSize(entry.regions);
        if (n == 0 || (isLocalRun(entry.regions, tile) &&
                       (align <= elementBytes ||
                        canAlign(entry.regions, elementBytes, align)))) {
          if (n != 0 && align > elementBytes) {
            int64_t &need = requiredAlign[tripleAt(entry.regions, 0).var];
            need = std::max(need, align);
          }
          vertexEdges.push_back(int64_t(numTriples(entry.regions)));
          vertexEdges.insert(vertexEdges.end(), entry.regions.begin(),
                             entry.regions.end());
          continue;
        }
        std::vector<int64_t> regions(entry.regions.begin(),
                                     entry.regions.end());
        std::array<int64_t, 3> run;
        auto shared = staged.find({tile, regions});
        if (!writes && shared != staged.end() &&
            (align <= elementBytes ||
             (shared->second[1] * elementBytes % align == 0 &&
              declared(shared->second[0]).align >= align))) {
          run = shared->second;
        } else {
          const ir::ElementType type =
              facts->variable(regions[0]).getElementType();
          const bool outputOnly = !reads;
          int64_t &temp = temporaries[{tile, type, outputOnly}];
          if (temp == 0)
            temp = declare(csName +
                               (outputOnly ? "/vertex outputs on tile "
                                           : "/vertex inputs on tile ") +
                               std::to_string(tile),
                           type, tile);
          NewVariable &var = declared(temp);
          // Element sizes and alignments are powers of two.
          const int64_t grain = std::max<int64_t>(1, align / elementBytes);
          const int64_t start = (var.size + grain - 1) / grain * grain;
          if (align > elementBytes)
            var.align = std::max(var.align, align);
          run = {temp, start, start + n};
          var.size = start + n;
          if (reads) {
            StagingCopies &in = copiesIn[typeName(type).str()];
            in.type = type;
            in.src.insert(in.src.end(), regions.begin(), regions.end());
            in.dst.insert(in.dst.end(), run.begin(), run.end());
          }
          if (writes) {
            StagingCopies &out = copiesOut[typeName(type).str()];
            out.type = type;
            out.src.insert(out.src.end(), run.begin(), run.end());
            out.dst.insert(out.dst.end(), regions.begin(), regions.end());
          } else {
            staged[{tile, std::move(regions)}] = run;
          }
        }
        vertexEdges.push_back(1);
        vertexEdges.insert(vertexEdges.end(), run.begin(), run.end());
      }
    }
    if (!edgesChanged && ArrayRef<int64_t>(vertexEdges) != v.edges) {
      // The vertices before this one keep their edges and rows. Staging
      // never lengthens an entry, so the old sizes bound the new ones.
      edgesChanged = true;
      edges.reserve(cs.getEdges().size());
      rows.reserve(cs.getVertices().size());
      const int64_t begin = oldRows[index].edgesBegin;
      edges.assign(cs.getEdges().begin(), cs.getEdges().begin() + begin);
      rows.assign(cs.getVertices().begin(),
                  cs.getVertices().begin() + index * VertexRow::kFields);
    }
    if (edgesChanged) {
      VertexRow row = oldRows[index];
      row.edgesBegin = int64_t(edges.size());
      row.appendTo(rows);
      edges.insert(edges.end(), vertexEdges.begin(), vertexEdges.end());
    }

    int64_t &state = stateOn[tile];
    if (state == 0)
      state = declare(csName + "/vertex state on tile " + std::to_string(tile),
                      ir::ElementType::UnsignedInt, tile);
    NewVariable &stateVar = declared(state);
    stateVars.push_back(state);
    stateOffsets.push_back(stateVar.size);
    // At least one word, so every vertex has a state address of its own.
    stateVar.size +=
        std::max<int64_t>(1, int64_t(vertexStateWords(codelet, v, *fields)));
  }
  if (edgesChanged) {
    cs.setEdgesAttr(b.getDenseI64ArrayAttr(edges));
    cs.setVerticesAttr(b.getDenseI64ArrayAttr(rows));
  }
  cs.setStateVarAttr(b.getDenseI64ArrayAttr(stateVars));
  cs.setStateOffsetAttr(b.getDenseI64ArrayAttr(stateOffsets));
  insertCopies(cs, "inputs", copiesIn, true);
  insertCopies(cs, "outputs", copiesOut, false);
  return success();
}

void PlanVertexExchangePass::insertCopies(
    ComputeSetOp cs, const std::string &what,
    const std::map<std::string, StagingCopies> &copies, bool before) {
  auto found = executesOf.find(int64_t(cs.getId()));
  if (found == executesOf.end() || copies.empty())
    return;
  OpBuilder b(cs.getContext());
  const std::string name = cs.getName().str() + "/" + what;
  for (ExecuteOp e : found->second) {
    if (before)
      b.setInsertionPoint(e);
    else
      b.setInsertionPointAfter(e);
    for (const auto &entry : copies) {
      const StagingCopies &copy = entry.second;
      b.create<CopyOp>(e.getLoc(), b.getDenseI64ArrayAttr(copy.src),
                       b.getDenseI64ArrayAttr(copy.dst),
                       ElementTypeAttr::get(b.getContext(), copy.type),
                       b.getStringAttr(name));
    }
  }
}

void PlanVertexExchangePass::createVariables(ModuleOp module) {
  if (newVariables.empty())
    return;
  // After the last declared variable, so ids stay in module order.
  OpBuilder b(module.getContext());
  VariableOp last;
  for (VariableOp v : module.getOps<VariableOp>())
    last = v;
  if (last)
    b.setInsertionPointAfter(last);
  else
    b.setInsertionPointToStart(module.getBody());
  for (size_t i = 0; i < newVariables.size(); ++i) {
    const NewVariable &v = newVariables[i];
    std::vector<int64_t> mapping;
    if (v.size)
      mapping = {0, v.size, v.tile};
    b.create<VariableOp>(
        module.getLoc(), b.getI64IntegerAttr(firstNewId + i),
        b.getStringAttr(v.name), ElementTypeAttr::get(b.getContext(), v.type),
        b.getDenseI64ArrayAttr({v.size}), b.getDenseI64ArrayAttr(mapping),
        UnitAttr(), DenseI8ArrayAttr(), DenseI64ArrayAttr(),
        v.align > 1 ? b.getI64IntegerAttr(v.align) : IntegerAttr());
  }
}

void PlanVertexExchangePass::runOnOperation() {
  ModuleOp module = getOperation();
  facts = &getAnalysis<GraphFacts>();
  if (failed(facts->status))
    return signalPassFailure();
  if (module.getOps<ComputeSetOp>().empty())
    return;
  module.walk([&](ExecuteOp e) {
    executesOf[int64_t(e.getComputeSet())].push_back(e);
  });
  mappings.assign(facts->variables.size(), TileIntervals());
  for (size_t id = 0; id < facts->variables.size(); ++id)
    if (facts->variables[id])
      mappings[id] = TileIntervals(mappingOf(facts->variables[id]));
  // Id 0 is never a new variable, so 0 can mean "none yet" in the maps.
  firstNewId = std::max<int64_t>(1, int64_t(facts->variables.size()));
  for (ComputeSetOp cs : module.getOps<ComputeSetOp>())
    if (failed(planComputeSet(cs)))
      return signalPassFailure();
  Builder b(module.getContext());
  for (const auto &[var, align] : requiredAlign) {
    VariableOp v = facts->variable(var);
    if (int64_t(v.getMinAlign().value_or(1)) < align)
      v.setMinAlignAttr(b.getI64IntegerAttr(align));
  }
  createVariables(module);
}

} // namespace

std::unique_ptr<Pass> tessel::createPlanVertexExchangePass() {
  return std::make_unique<PlanVertexExchangePass>();
}
