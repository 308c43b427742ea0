// Reads a vertex's part of a poplar.compute_set's `edges` list (see
// PoplarOps.td): for every field of its codelet, the entries and each entry's
// region triples.
#ifndef TESSEL_COMPILER_PASSES_VERTEXEDGES_HPP
#define TESSEL_COMPILER_PASSES_VERTEXEDGES_HPP

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessel {

struct EdgeEntry {
  /// False for an entry never connected.
  bool connected = true;
  /// Flat [var, begin, end] triples.
  llvm::ArrayRef<int64_t> regions;
};

struct FieldEdges {
  std::vector<EdgeEntry> entries;
};

/// Splits `edges` into `numFields` fields; nothing if the list is malformed
/// (then `error` says why).
std::optional<std::vector<FieldEdges>>
decodeVertexEdges(llvm::ArrayRef<int64_t> edges, unsigned numFields,
                  std::string &error);

/// Calls fn(regions) with the flat triples of every connected entry of a
/// well-formed `edges` list (one decodeVertexEdges accepted), field by
/// field, without allocating.
template <typename Fn>
void forEachConnectedEntry(llvm::ArrayRef<int64_t> edges, unsigned numFields,
                           Fn fn) {
  std::size_t at = 0;
  for (unsigned f = 0; f < numFields; ++f) {
    const int64_t entries = edges[at++];
    for (int64_t e = 0; e < entries; ++e) {
      const int64_t triples = edges[at++];
      if (triples < 0)
        continue;
      fn(edges.slice(at, 3 * std::size_t(triples)));
      at += 3 * std::size_t(triples);
    }
  }
}

} // namespace tessel

#endif
