// Shared pass support: typed errors and module fact tables.
#include "compiler/passes/PassSupport.hpp"

#include "compiler/core/TypeTable.hpp"

#include <algorithm>

using namespace mlir;

namespace tessel {

InFlightDiagnostic reportError(Operation *op, const char *kind) {
  InFlightDiagnostic diag = op->emitError();
  diag << kind << ": ";
  return diag;
}

FailureOr<GraphFacts> GraphFacts::collect(ModuleOp module) {
  GraphFacts facts;
  auto tiles = module->getAttrOfType<IntegerAttr>("poplar.num_tiles");
  auto bytes = module->getAttrOfType<IntegerAttr>("poplar.bytes_per_tile");
  if (!tiles || !bytes) {
    reportError(module, "graph_program_compilation_error")
        << "the module needs integer attributes poplar.num_tiles and "
           "poplar.bytes_per_tile";
    return failure();
  }
  facts.numTiles = tiles.getInt();
  facts.bytesPerTile = bytes.getInt();
  if (auto req =
          module->getAttrOfType<BoolAttr>("poplar.requires_tile_mapping"))
    facts.requiresTileMapping = req.getValue();
  bool ok = true;
  auto place = [&](auto &table, auto op, int64_t id, const char *what) {
    if (id < 0) {
      reportError(op, "graph_program_compilation_error")
          << what << " id " << id << " is negative";
      ok = false;
      return;
    }
    if (size_t(id) >= table.size())
      table.resize(id + 1);
    if (table[id]) {
      reportError(op, "graph_program_compilation_error")
          << what << " id " << id << " is used twice";
      ok = false;
      return;
    }
    table[id] = op;
  };
  for (Operation &op : module.getBody()->getOperations()) {
    if (auto v = dyn_cast<graphir::VariableOp>(op))
      place(facts.variables, v, v.getId(), "variable");
    else if (auto s = dyn_cast<graphir::StreamOp>(op))
      place(facts.streams, s, s.getId(), "stream");
    else if (auto f = dyn_cast<graphir::FunctionOp>(op))
      place(facts.functions, f, f.getIndex(), "function");
  }
  if (!ok)
    return failure();
  return facts;
}

std::string GraphFacts::variableName(int64_t id) const {
  graphir::VariableOp v = variable(id);
  if (!v)
    return "variable " + std::to_string(id);
  std::string name = v.getName().str();
  return name.empty() ? "variable " + std::to_string(id) : "'" + name + "'";
}

unsigned elementBytes(llvm::StringRef typeName) {
  return typeInfo(typeFromName(typeName.str())).size;
}

std::vector<MappedInterval> mappingOf(graphir::VariableOp var) {
  std::vector<MappedInterval> result;
  llvm::ArrayRef<int64_t> m = var.getMapping();
  for (size_t i = 0; i + 2 < m.size(); i += 3)
    result.push_back({m[i], m[i + 1], m[i + 2]});
  return result;
}

std::vector<MappedInterval> TileIntervals::piecesIn(int64_t begin,
                                                    int64_t end) const {
  std::vector<MappedInterval> result;
  auto it = std::lower_bound(
      intervals.begin(), intervals.end(), begin,
      [](const MappedInterval &m, int64_t b) { return m.end <= b; });
  for (; it != intervals.end() && it->begin < end; ++it)
    result.push_back(
        {std::max(it->begin, begin), std::min(it->end, end), it->tile});
  return result;
}

std::vector<MappedInterval> TileIntervals::gapsIn(int64_t begin,
                                                  int64_t end) const {
  std::vector<MappedInterval> gaps;
  int64_t at = begin;
  for (const MappedInterval &m : piecesIn(begin, end)) {
    if (m.begin > at)
      gaps.push_back({at, m.begin, -1});
    at = m.end;
  }
  if (at < end)
    gaps.push_back({at, end, -1});
  return gaps;
}

void TileIntervals::assign(int64_t begin, int64_t end, int64_t tile) {
  if (begin >= end)
    return;
  auto it = std::lower_bound(
      intervals.begin(), intervals.end(), begin,
      [](const MappedInterval &m, int64_t b) { return m.end <= b; });
  // Merge with a neighbour on the same tile that touches the new interval.
  if (it != intervals.begin()) {
    auto prev = std::prev(it);
    if (prev->tile == tile && prev->end == begin) {
      prev->end = end;
      if (it != intervals.end() && it->tile == tile && it->begin == end) {
        prev->end = it->end;
        intervals.erase(it);
      }
      return;
    }
  }
  if (it != intervals.end() && it->tile == tile && it->begin == end) {
    it->begin = begin;
    return;
  }
  intervals.insert(it, {begin, end, tile});
}

std::vector<int64_t> TileIntervals::flatten() const {
  std::vector<int64_t> flat;
  flat.reserve(intervals.size() * 3);
  for (const MappedInterval &m : intervals)
    flat.insert(flat.end(), {m.begin, m.end, m.tile});
  return flat;
}

} // namespace tessel
