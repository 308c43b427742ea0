#include "compiler/dialects/Poplar/VertexTable.hpp"

namespace tessel {

namespace {

/// Where vertex `i`'s part of a list ends: where the next part begins, or
/// the end of the list for the last vertex.
template <typename Begin>
std::size_t partEnd(const RecordList<VertexRow> &rows, std::size_t i,
                    std::size_t listSize, Begin begin) {
  return i + 1 < rows.size() ? std::size_t(begin(rows[i + 1])) : listSize;
}

} // namespace

TableVertex VertexTable::operator[](std::size_t i) const {
  const VertexRow row = rows[i];
  auto slice = [&](auto list, int64_t begin, auto beginOf) {
    const std::size_t end = partEnd(rows, i, list.size(), beginOf);
    return list.slice(std::size_t(begin), end - std::size_t(begin));
  };
  TableVertex v;
  v.id = row.vertex;
  v.codelet = row.codelet;
  v.tile = tiles[i];
  v.cycles = row.cycles;
  v.edges = slice(edges, row.edgesBegin,
                  [](const VertexRow &r) { return r.edgesBegin; });
  v.state = slice(state, row.stateBegin,
                  [](const VertexRow &r) { return r.stateBegin; });
  v.stateSizes = slice(stateSizes, row.stateSizesBegin,
                       [](const VertexRow &r) { return r.stateSizesBegin; });
  v.stateVar = stateVars.empty() ? -1 : stateVars[i];
  v.stateOffset = stateOffsets.empty() ? -1 : stateOffsets[i];
  return v;
}

std::optional<std::string> VertexTable::check() const {
  if (!rows.wellFormed())
    return "vertices needs " + std::to_string(VertexRow::kFields) +
           " numbers per vertex " + VertexRow::kLayout + ", not " +
           std::to_string(rows.raw().size());
  const std::size_t n = rows.size();
  auto perVertex = [&](llvm::ArrayRef<int64_t> list,
                       const char *name) -> std::optional<std::string> {
    if (list.size() != n)
      return std::string(name) + " needs one number per vertex (" +
             std::to_string(n) + "), not " + std::to_string(list.size());
    return std::nullopt;
  };
  if (auto error = perVertex(tiles, "tiles"))
    return error;
  if (stateVars.empty() != stateOffsets.empty())
    return std::string("state_var and state_offset go together");
  if (!stateVars.empty()) {
    if (auto error = perVertex(stateVars, "state_var"))
      return error;
    if (auto error = perVertex(stateOffsets, "state_offset"))
      return error;
  }
  // Each list's parts begin at 0 and follow each other: a part begins no
  // earlier than the previous one and inside its list.
  int64_t edgesAt = 0, stateAt = 0, sizesAt = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const VertexRow row = rows[i];
    const std::string vertex = "vertex " + std::to_string(row.vertex) + " ";
    if (row.vertex < 0)
      return "row " + std::to_string(i) + " has vertex id " +
             std::to_string(row.vertex) + "; ids are not negative";
    if (row.codelet < 0)
      return vertex + "has codelet " + std::to_string(row.codelet) +
             "; codelet ids are not negative";
    if (row.cycles < -1)
      return vertex + "has cycles " + std::to_string(row.cycles) +
             "; use a count, or -1 for counted cycles";
    if (tiles[i] < -1)
      return vertex + "has tile " + std::to_string(tiles[i]) +
             "; use a tile, or -1 for unmapped";
    if (!stateVars.empty() && (stateVars[i] < 0 || stateOffsets[i] < 0))
      return vertex + "has a negative state_var or state_offset";
    auto follows = [&](int64_t begin, int64_t previous, std::size_t listSize,
                       const char *list) -> std::optional<std::string> {
      if (i == 0 ? begin != 0
                 : begin < previous || std::size_t(begin) > listSize)
        return vertex + "has its " + list + " at " + std::to_string(begin) +
               ", not " +
               (i == 0 ? std::string("0")
                       : "in [" + std::to_string(previous) + ", " +
                             std::to_string(listSize) + "]") +
               "; each vertex's part follows the previous one's";
      return std::nullopt;
    };
    if (auto error = follows(row.edgesBegin, edgesAt, edges.size(), "edges"))
      return error;
    if (auto error = follows(row.stateBegin, stateAt, state.size(), "state"))
      return error;
    if (auto error = follows(row.stateSizesBegin, sizesAt, stateSizes.size(),
                             "state_sizes"))
      return error;
    edgesAt = row.edgesBegin;
    stateAt = row.stateBegin;
    sizesAt = row.stateSizesBegin;
  }
  // With every begin in order, each vertex's parts are well defined: their
  // state sizes must add up to their state bytes.
  for (std::size_t i = 0; i < n; ++i) {
    const TableVertex v = (*this)[i];
    int64_t bytes = 0;
    for (int64_t size : v.stateSizes) {
      if (size < 0)
        return "vertex " + std::to_string(v.id) + " has a negative state size";
      bytes += size;
    }
    if (bytes != int64_t(v.state.size()))
      return "vertex " + std::to_string(v.id) +
             " has state sizes adding up to " + std::to_string(bytes) +
             " bytes but " + std::to_string(v.state.size()) + " state bytes";
  }
  if (n == 0 && (!edges.empty() || !state.empty() || !stateSizes.empty()))
    return std::string("a compute set without vertices has no edges, state "
                       "or state_sizes");
  return std::nullopt;
}

} // namespace tessel
