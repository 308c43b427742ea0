// The vertex table of a poplar.compute_set: every vertex of the compute set
// in a few flat lists held by the op (one uniqued attribute per list, not
// per vertex, which keeps a 10^6-vertex compile small). `vertices` holds one
// VertexRow per vertex; the rows point into the flat `edges`, `state` and
// `state_sizes` lists, where each vertex's part ends where the next one's
// begins. The columns passes rewrite sit in lists of their own, one number
// per vertex: `tiles` (poplar-complete-tile-mapping) and `state_var`,
// `state_offset` (poplar-plan-vertex-exchange), so a pass replaces one
// small list once per compute set. Passes read vertices through
// VertexTable, never by index into the lists.
#ifndef TESSEL_COMPILER_DIALECTS_POPLAR_VERTEXTABLE_HPP
#define TESSEL_COMPILER_DIALECTS_POPLAR_VERTEXTABLE_HPP

#include "compiler/dialects/RecordList.hpp"

#include "llvm/ADT/ArrayRef.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessel {

/// One entry of a poplar.compute_set's `vertices`: graph vertex `vertex` of
/// codelet `codelet`, `cycles` a fixed estimate or -1 for the counted
/// cycles, and where its parts of `edges`, `state` and `state_sizes` begin.
struct VertexRow {
  static constexpr std::size_t kFields = 6;
  static constexpr const char *kLayout =
      "[vertex, codelet, cycles, edges begin, state begin, state sizes begin]";

  int64_t vertex, codelet, cycles, edgesBegin, stateBegin, stateSizesBegin;

  static VertexRow read(const int64_t *f) {
    return {f[0], f[1], f[2], f[3], f[4], f[5]};
  }
  void appendTo(std::vector<int64_t> &flat) const {
    flat.insert(flat.end(), {vertex, codelet, cycles, edgesBegin, stateBegin,
                             stateSizesBegin});
  }
};

/// One vertex of a table with its parts of the flat lists.
struct TableVertex {
  /// The graph's vertex id, which error messages name.
  int64_t id;
  int64_t codelet;
  /// -1 until poplar-complete-tile-mapping maps it.
  int64_t tile;
  /// A fixed estimate, or -1: the runtime counts the codelet's cycles.
  int64_t cycles;
  /// For every field in the codelet's order, its number of entries and then
  /// per entry the number of region triples followed by the triples, or -1
  /// for an entry never connected.
  llvm::ArrayRef<int64_t> edges;
  /// The device bytes of the scalar and state-vector fields in field order.
  llvm::ArrayRef<int8_t> state;
  /// Byte counts of `state` per field (0 for edges).
  llvm::ArrayRef<int64_t> stateSizes;
  /// Where poplar-plan-vertex-exchange put the state words: element
  /// `stateOffset` of `unsigned int` variable `stateVar`; -1 before.
  int64_t stateVar, stateOffset;
};

/// The lists of one table, read as vertices without copying.
class VertexTable {
public:
  VertexTable(llvm::ArrayRef<int64_t> rows, llvm::ArrayRef<int64_t> tiles,
              llvm::ArrayRef<int64_t> edges, llvm::ArrayRef<int8_t> state,
              llvm::ArrayRef<int64_t> stateSizes,
              llvm::ArrayRef<int64_t> stateVars,
              llvm::ArrayRef<int64_t> stateOffsets)
      : rows(rows), tiles(tiles), edges(edges), state(state),
        stateSizes(stateSizes), stateVars(stateVars),
        stateOffsets(stateOffsets) {}

  std::size_t size() const { return rows.size(); }
  bool empty() const { return rows.empty(); }
  /// Vertex `i` of the table; check() must have passed.
  TableVertex operator[](std::size_t i) const;
  /// Whether poplar-plan-vertex-exchange has placed the state words.
  bool hasStatePlaces() const { return !stateVars.empty(); }

  /// What is wrong with the lists, naming the vertex, or nothing: whole
  /// rows, one tile per vertex, parts that begin at 0 and follow each other
  /// inside their lists, state sizes that add up to each vertex's state,
  /// no negative ids, codelets or offsets.
  std::optional<std::string> check() const;

  class iterator {
  public:
    iterator(const VertexTable *table, std::size_t at) : table(table), at(at) {}
    TableVertex operator*() const { return (*table)[at]; }
    iterator &operator++() {
      ++at;
      return *this;
    }
    bool operator!=(const iterator &o) const { return at != o.at; }
    bool operator==(const iterator &o) const { return at == o.at; }

  private:
    const VertexTable *table;
    std::size_t at;
  };
  iterator begin() const { return iterator(this, 0); }
  iterator end() const { return iterator(this, size()); }

private:
  RecordList<VertexRow> rows;
  llvm::ArrayRef<int64_t> tiles, edges;
  llvm::ArrayRef<int8_t> state;
  llvm::ArrayRef<int64_t> stateSizes, stateVars, stateOffsets;
};

/// Builds a table's lists vertex by vertex: addVertex, then append the
/// vertex's edges, state bytes and state sizes to the lists.
struct VertexTableBuilder {
  void addVertex(int64_t id, int64_t codelet, int64_t tile, int64_t cycles) {
    VertexRow{id,
              codelet,
              cycles,
              int64_t(edges.size()),
              int64_t(state.size()),
              int64_t(stateSizes.size())}
        .appendTo(rows);
    tiles.push_back(tile);
  }

  std::vector<int64_t> rows, tiles, edges;
  std::vector<int8_t> state;
  std::vector<int64_t> stateSizes;
};

} // namespace tessel

#endif
