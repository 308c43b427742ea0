// Helpers for the flat integer lists the dialects use for tensors: region
// lists ([var, begin, end] triples) and piece lists ([tile, address,
// numBytes] triples).
#ifndef TESSEL_COMPILER_DIALECTS_REGIONLISTS_HPP
#define TESSEL_COMPILER_DIALECTS_REGIONLISTS_HPP

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <optional>
#include <string>

namespace tessel {

struct RegionTriple {
  int64_t var, begin, end;
};

/// The i-th triple of a flat list.
inline RegionTriple tripleAt(llvm::ArrayRef<int64_t> list, size_t i) {
  return {list[3 * i], list[3 * i + 1], list[3 * i + 2]};
}
inline size_t numTriples(llvm::ArrayRef<int64_t> list) {
  return list.size() / 3;
}

/// Total elements of a region list (or bytes of a piece list).
int64_t totalSize(llvm::ArrayRef<int64_t> list);

/// Why a region list is malformed (length not a multiple of 3, empty or
/// negative ranges), or nothing if it is well formed.
std::optional<std::string> checkTriples(llvm::ArrayRef<int64_t> list,
                                        const char *what);

/// Product of a shape's dimensions.
int64_t shapeElements(llvm::ArrayRef<int64_t> shape);

/// Several lists stored one after another in `flat`: list i has `counts[i]`
/// integers (host function call arguments). Why the split is malformed
/// (negative counts, not multiples of 3, a sum other than flat's length,
/// `numFirst` lists beyond the count), or nothing.
std::optional<std::string> checkListSplit(llvm::ArrayRef<int64_t> flat,
                                          llvm::ArrayRef<int64_t> counts,
                                          int64_t numFirst);
/// List `i` of a split checked by checkListSplit.
llvm::ArrayRef<int64_t> listAt(llvm::ArrayRef<int64_t> flat,
                               llvm::ArrayRef<int64_t> counts, size_t i);

} // namespace tessel

#endif
