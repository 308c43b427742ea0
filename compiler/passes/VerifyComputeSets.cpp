// poplar-verify's checks of compute sets and vertices:
//  - every vertex names a codelet of the module and every Execute a compute
//    set (graph_program_compilation_error);
//  - every vertex is on one of the target's tiles, or unmapped where the
//    target allows it (invalid_tile_mapping);
//  - every field is connected or set, every entry of a list of edges too
//    (graph_connection_error), and single edges have one entry;
//  - connected regions name existing variables with elements of the field's
//    size (checked like any tensor);
//  - no two vertices of one compute set write the same elements
//    (graph_cycle_error naming the field, the interval and the variable).
#include "compiler/passes/VerifyComputeSets.hpp"

#include "compiler/dialects/RegionLists.hpp"
#include "compiler/passes/VertexEdges.hpp"

#include <tessel/internal/CodeletABI.hpp>

#include <algorithm>
#include <map>

using namespace mlir;
using namespace tessel::graphir;
using tessel::abi::Direction;
using tessel::abi::FieldKind;

namespace tessel {

std::optional<std::vector<FieldEdges>>
decodeVertexEdges(llvm::ArrayRef<int64_t> edges, unsigned numFields,
                  std::string &error) {
  std::vector<FieldEdges> fields(numFields);
  size_t at = 0;
  auto take = [&](int64_t &value) {
    if (at >= edges.size())
      return false;
    value = edges[at++];
    return true;
  };
  for (unsigned f = 0; f < numFields; ++f) {
    int64_t entries = 0;
    if (!take(entries) || entries < 0) {
      error = "edges list ends early or has a negative entry count";
      return std::nullopt;
    }
    for (int64_t e = 0; e < entries; ++e) {
      int64_t triples = 0;
      if (!take(triples)) {
        error = "edges list ends early";
        return std::nullopt;
      }
      EdgeEntry entry;
      if (triples < 0) {
        entry.connected = false;
      } else {
        if (at + 3 * size_t(triples) > edges.size()) {
          error = "edges list ends inside a region list";
          return std::nullopt;
        }
        entry.regions = edges.slice(at, 3 * size_t(triples));
        at += 3 * size_t(triples);
      }
      fields[f].entries.push_back(entry);
    }
  }
  if (at != edges.size()) {
    error = "edges list has " + std::to_string(edges.size() - at) +
            " numbers after the last field";
    return std::nullopt;
  }
  return fields;
}

namespace {

struct Write {
  int64_t var, begin, end;
  /// The writing vertex's index in its table.
  std::size_t vertex;
  unsigned field;
};

std::string fieldLabel(CodeletOp codelet, unsigned field) {
  return codelet.getName().str() + "." +
         mlir::cast<StringAttr>(codelet.getFieldNames()[field]).str();
}

} // namespace

LogicalResult verifyComputeSets(ModuleOp module, const GraphFacts &facts,
                                const TensorChecker &checkTensor) {
  std::map<int64_t, ComputeSetOp> computeSets;
  bool failedAny = false;
  for (ComputeSetOp cs : module.getOps<ComputeSetOp>()) {
    computeSets[int64_t(cs.getId())] = cs;
    std::vector<Write> writes;
    // Errors are reported at the compute set, naming the vertex.
    const VertexTable table = cs.getVertexTable();
    for (std::size_t index = 0; index < table.size(); ++index) {
      const TableVertex v = table[index];
      CodeletOp codelet = facts.codelet(v.codelet);
      if (!codelet) {
        reportError(cs, ir::ErrorKind::graph_program_compilation_error)
            << "vertex " << v.id << " uses codelet " << v.codelet
            << ", which the module does not define";
        failedAny = true;
        continue;
      }
      std::string error;
      auto fields = decodeVertexEdges(v.edges, codelet.getNumFields(), error);
      if (!fields || v.stateSizes.size() != codelet.getNumFields()) {
        reportError(cs, ir::ErrorKind::graph_program_compilation_error)
            << "vertex " << v.id << " (" << codelet.getName() << "): "
            << (fields ? "state_sizes needs one size per field" : error);
        failedAny = true;
        continue;
      }
      const std::string where = " of vertex " + std::to_string(v.id) +
                                " in compute set '" + cs.getName().str() + "'";
      const int64_t tile = v.tile;
      if (tile >= facts.numTiles || (tile < 0 && facts.requiresTileMapping)) {
        auto diag = reportError(cs, ir::ErrorKind::invalid_tile_mapping)
                    << "vertex " << v.id << " (" << codelet.getName()
                    << ") in compute set '" << cs.getName() << "' ";
        if (tile < 0)
          diag << "has no tile; on IPU hardware every vertex must be mapped. "
                  "Call Graph::setTileMapping(vertex, tile)";
        else
          diag << "is mapped to tile " << tile << ", but the target has "
               << facts.numTiles << " tiles; map it to tiles 0 to "
               << facts.numTiles - 1;
        failedAny = true;
      }
      for (unsigned f = 0; f < codelet.getNumFields(); ++f) {
        const auto kind = FieldKind(codelet.getFieldKind(f));
        const auto dir = Direction(codelet.getFieldDirection(f));
        const std::string label = fieldLabel(codelet, f);
        const FieldEdges &edges = (*fields)[f];
        if (kind == FieldKind::Scalar || kind == FieldKind::StateVector) {
          if (v.stateSizes[f] == 0 && kind == FieldKind::Scalar) {
            reportError(cs, ir::ErrorKind::graph_connection_error)
                << "field " << label << where
                << " is never set; give it a value with "
                   "Graph::setInitialValue";
            failedAny = true;
          }
          continue;
        }
        if (edges.entries.empty()) {
          reportError(cs, ir::ErrorKind::graph_connection_error)
              << "field " << label << where
              << " is never connected; connect a tensor with "
                 "Graph::connect";
          failedAny = true;
          continue;
        }
        for (size_t e = 0; e < edges.entries.size(); ++e) {
          const EdgeEntry &entry = edges.entries[e];
          const std::string entryLabel =
              label + (edges.entries.size() > 1 ||
                               kind == FieldKind::VectorOfEdges ||
                               kind == FieldKind::VectorOfEdgeVectors ||
                               kind == FieldKind::EdgeVectorList
                           ? "[" + std::to_string(e) + "]"
                           : "");
          if (!entry.connected) {
            reportError(cs, ir::ErrorKind::graph_connection_error)
                << "field " << entryLabel << where << " is never connected; "
                << (entryLabel == label
                        ? "connect a tensor with Graph::connect"
                        : "connect every entry of a list field");
            failedAny = true;
            continue;
          }
          const ir::ElementType type =
              mlir::cast<ElementTypeAttr>(codelet.getFieldTypes()[f])
                  .getValue();
          if (failed(checkTensor(cs, entry.regions, type,
                                 "field " + entryLabel + where))) {
            failedAny = true;
            continue;
          }
          if (dir == Direction::Output || dir == Direction::InOut)
            for (size_t t = 0; t < numTriples(entry.regions); ++t) {
              RegionTriple r = tripleAt(entry.regions, t);
              writes.push_back({r.var, r.begin, r.end, index, f});
            }
        }
      }
    }
    // Two vertices writing the same elements: sort the written intervals;
    // an interval clashes when it starts before the furthest end so far of
    // another vertex's interval on the same variable.
    std::sort(writes.begin(), writes.end(), [](const Write &a, const Write &b) {
      return std::tie(a.var, a.begin) < std::tie(b.var, b.begin);
    });
    const Write *furthest = nullptr;
    for (const Write &w : writes) {
      if (furthest && furthest->var == w.var && furthest->end > w.begin &&
          furthest->vertex != w.vertex) {
        const TableVertex writer = table[w.vertex];
        const TableVertex otherWriter = table[furthest->vertex];
        CodeletOp codelet = facts.codelet(writer.codelet);
        CodeletOp other = facts.codelet(otherWriter.codelet);
        const int64_t begin = std::max(w.begin, furthest->begin);
        const int64_t end = std::min(w.end, furthest->end);
        InFlightDiagnostic diag =
            reportError(cs, ir::ErrorKind::graph_cycle_error)
            << "Field " << fieldLabel(codelet, w.field)
            << " writes to elements [" << begin << ":" << end
            << ") of variable " << facts.variableName(w.var)
            << " that are written to elsewhere in same compute set ('"
            << cs.getName() << "': vertex " << writer.id
            << "); give each vertex its own elements, or use two compute "
               "sets";
        // The other write, naming the vertex that makes it.
        diag.attachNote(cs.getLoc())
            << "vertex " << otherWriter.id << " writes them too, "
            << "through field " << fieldLabel(other, furthest->field);
        // And where the user made the variable (the error itself is at the
        // compute set, where the user's addComputeSet call was).
        if (VariableOp var = facts.variable(w.var))
          diag.attachNote(var.getLoc())
              << (var.getName().empty() ? "" : "variable ")
              << facts.variableName(w.var) << " made here";
        failedAny = true;
        break;
      }
      if (!furthest || furthest->var != w.var || w.end > furthest->end)
        furthest = &w;
    }
  }
  module.walk([&](ExecuteOp e) {
    if (!computeSets.count(int64_t(e.getComputeSet()))) {
      reportError(e, ir::ErrorKind::control_program_error)
          << "Execute of compute set " << e.getComputeSet()
          << ", which the module does not define";
      failedAny = true;
    }
  });
  return failure(failedAny);
}

} // namespace tessel
