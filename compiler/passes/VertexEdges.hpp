// Reads a poplar.vertex's `edges` list (see PoplarOps.td): for every field
// of its codelet, the entries and each entry's region triples.
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

} // namespace tessel

#endif
