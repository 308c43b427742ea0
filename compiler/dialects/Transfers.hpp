// Transfers: the one notion of "move this run from here to there" that the
// exchange ops, the passes and codegen share. A `poplar.exchange` moves
// elements between variables (ElementTransfer); a `tile.exchange` moves
// bytes between tile addresses (ByteTransfer). The ops store them as flat
// `array<i64>` lists - one uniqued attribute per exchange, no per-transfer
// attribute objects, which keeps a 10^6-vertex compile's memory flat - and
// RecordList reads such a list as records with named fields. Nothing
// outside this header indexes a transfer list by position.
#ifndef TESSEL_COMPILER_DIALECTS_TRANSFERS_HPP
#define TESSEL_COMPILER_DIALECTS_TRANSFERS_HPP

#include "compiler/dialects/RecordList.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tessel {

/// `count` elements from `srcBegin` of variable `srcVar` on `srcTile` to
/// `dstBegin` of `dstVar` on `dstTile` (poplar.exchange, in elements of the
/// op's `element_bytes`).
struct ElementTransfer {
  static constexpr std::size_t kFields = 7;
  static constexpr const char *kLayout =
      "[srcTile, srcVar, srcBegin, dstTile, dstVar, dstBegin, count]";

  int64_t srcTile, srcVar, srcBegin, dstTile, dstVar, dstBegin, count;

  int64_t srcEnd() const { return srcBegin + count; }
  int64_t dstEnd() const { return dstBegin + count; }
  /// `t` starts where this one ends, on both sides.
  bool continuedBy(const ElementTransfer &t) const {
    return t.srcTile == srcTile && t.srcVar == srcVar &&
           t.srcBegin == srcEnd() && t.dstTile == dstTile &&
           t.dstVar == dstVar && t.dstBegin == dstEnd();
  }
  static ElementTransfer read(const int64_t *f) {
    return {f[0], f[1], f[2], f[3], f[4], f[5], f[6]};
  }
  void appendTo(std::vector<int64_t> &flat) const {
    flat.insert(flat.end(),
                {srcTile, srcVar, srcBegin, dstTile, dstVar, dstBegin, count});
  }
};

/// `numBytes` bytes from `srcAddress` on `srcTile` to `dstAddress` on
/// `dstTile` (tile.exchange); srcTile == dstTile is an on-tile copy.
struct ByteTransfer {
  static constexpr std::size_t kFields = 5;
  static constexpr const char *kLayout =
      "[srcTile, srcAddress, dstTile, dstAddress, numBytes]";

  int64_t srcTile, srcAddress, dstTile, dstAddress, numBytes;

  /// `t` starts where this one ends, on both sides.
  bool continuedBy(const ByteTransfer &t) const {
    return t.srcTile == srcTile && t.dstTile == dstTile &&
           t.srcAddress == srcAddress + numBytes &&
           t.dstAddress == dstAddress + numBytes;
  }
  static ByteTransfer read(const int64_t *f) {
    return {f[0], f[1], f[2], f[3], f[4]};
  }
  void appendTo(std::vector<int64_t> &flat) const {
    flat.insert(flat.end(),
                {srcTile, srcAddress, dstTile, dstAddress, numBytes});
  }
};

using ElementTransfers = RecordList<ElementTransfer>;
using ByteTransfers = RecordList<ByteTransfer>;

} // namespace tessel

#endif
