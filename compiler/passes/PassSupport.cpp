// Shared pass support: module fact tables.
#include "compiler/passes/PassSupport.hpp"

#include "compiler/core/TargetParameters.hpp"
#include "compiler/core/TypeTable.hpp"
#include "compiler/dialects/Poplar/ModuleTarget.hpp"
#include "compiler/dialects/RegionLists.hpp"

#include <algorithm>

using namespace mlir;

namespace tessel {

FailureOr<GraphFacts> GraphFacts::collect(ModuleOp module) {
  GraphFacts facts(module);
  if (failed(facts.status))
    return failure();
  return facts;
}

GraphFacts::GraphFacts(Operation *op) {
  auto module = cast<ModuleOp>(op);
  FailureOr<poplar::Target> moduleTarget = readModuleTarget(module);
  if (failed(moduleTarget)) {
    status = failure();
    return;
  }
  target = *moduleTarget;
  numTiles = target.getNumTiles();
  bytesPerTile = target.getBytesPerTile();
  requiresTileMapping = targetParams(target).requiresTileMapping;
  bool ok = true;
  // Tables are indexed by id, so ids must be dense enough to fit one entry
  // per declaration.
  const int64_t numDeclarations = module.getBody()->getOperations().size();
  auto place = [&](auto &table, auto op, int64_t id, const char *what) {
    if (id < 0 || id >= numDeclarations) {
      reportError(op, ir::ErrorKind::graph_program_compilation_error)
          << what << " id " << id << " is outside [0, " << numDeclarations
          << "); number declarations densely from 0";
      ok = false;
      return;
    }
    if (size_t(id) >= table.size())
      table.resize(id + 1);
    if (table[id]) {
      reportError(op, ir::ErrorKind::graph_program_compilation_error)
          << what << " id " << id << " is used twice";
      ok = false;
      return;
    }
    table[id] = op;
  };
  for (Operation &op : module.getBody()->getOperations()) {
    if (auto v = dyn_cast<graphir::VariableOp>(op))
      place(variables, v, v.getId(), "variable");
    else if (auto s = dyn_cast<graphir::StreamOp>(op))
      place(streams, s, s.getId(), "stream");
    else if (auto f = dyn_cast<graphir::FunctionOp>(op))
      place(functions, f, f.getIndex(), "function");
    else if (auto c = dyn_cast<graphir::CodeletOp>(op))
      place(codelets, c, c.getId(), "codelet");
  }
  status = success(ok);
}

std::optional<std::vector<FieldEdges>>
GraphFacts::vertexFields(const TableVertex &v, std::string &error) const {
  graphir::CodeletOp c = codelet(v.codelet);
  if (!c) {
    error = "unknown codelet";
    return std::nullopt;
  }
  std::optional<std::vector<FieldEdges>> fields =
      decodeVertexEdges(v.edges, c.getNumFields(), error);
  if (!fields)
    return fields;
  // Passes index variables by these regions: run alone, on IR poplar-verify
  // would reject, they must find a variable that holds them.
  for (size_t f = 0; f < fields->size(); ++f)
    for (const EdgeEntry &entry : (*fields)[f].entries)
      for (size_t i = 0; i < numTriples(entry.regions); ++i) {
        const RegionTriple r = tripleAt(entry.regions, i);
        graphir::VariableOp var = variable(r.var);
        if (!var) {
          error = "field " + std::to_string(f) + " refers to variable " +
                  std::to_string(r.var) + ", which the module does not declare";
          return std::nullopt;
        }
        if (r.begin < 0 || r.begin > r.end || r.end > var.getNumElements()) {
          error = "field " + std::to_string(f) + " uses elements [" +
                  std::to_string(r.begin) + ", " + std::to_string(r.end) +
                  ") of " + variableName(r.var) + ", which has " +
                  std::to_string(var.getNumElements()) + " elements";
          return std::nullopt;
        }
      }
  return fields;
}

std::string GraphFacts::variableName(int64_t id) const {
  graphir::VariableOp v = variable(id);
  if (!v)
    return "variable " + std::to_string(id);
  std::string name = v.getName().str();
  return name.empty() ? "variable " + std::to_string(id) : "'" + name + "'";
}

unsigned elementBytes(ir::ElementType type) { return typeInfo(type).size; }

std::vector<MappedInterval> mappingOf(graphir::VariableOp var) {
  const MappedIntervals mapping = var.getMappingList();
  std::vector<MappedInterval> result;
  result.reserve(mapping.size());
  for (const MappedInterval m : mapping)
    result.push_back(m);
  return result;
}

} // namespace tessel
