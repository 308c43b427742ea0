// The records of the `tile` dialect's flat lists (see RecordList.hpp):
// pieces ([tile, address, numBytes]) and compute-set vertex tables ([vertex,
// tile, codelet, state address, cycles]).
#ifndef TESSEL_COMPILER_DIALECTS_TILE_TILERECORDS_HPP
#define TESSEL_COMPILER_DIALECTS_TILE_TILERECORDS_HPP

#include "compiler/dialects/RecordList.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tessel {

/// `numBytes` bytes at `address` of `tile`'s memory: one entry of a piece
/// list, which holds a tensor's bytes in row-major element order.
struct Piece {
  static constexpr std::size_t kFields = 3;

  int64_t tile, address, numBytes;

  /// `p` starts where this one ends, on the same tile.
  bool continuedBy(const Piece &p) const {
    return p.tile == tile && p.address == address + numBytes;
  }
  static Piece read(const int64_t *f) { return {f[0], f[1], f[2]}; }
  void appendTo(std::vector<int64_t> &flat) const {
    flat.insert(flat.end(), {tile, address, numBytes});
  }
};

/// One row of a tile.compute_set: vertex `vertex` of codelet `codelet` on
/// `tile`, its state words at `stateAddress`, `cycles` a fixed estimate or
/// -1 for the counted cycles.
struct ComputeSetVertex {
  static constexpr std::size_t kFields = 5;
  static constexpr const char *kLayout =
      "[vertex, tile, codelet, state address, cycles]";

  int64_t vertex, tile, codelet, stateAddress, cycles;

  static ComputeSetVertex read(const int64_t *f) {
    return {f[0], f[1], f[2], f[3], f[4]};
  }
  void appendTo(std::vector<int64_t> &flat) const {
    flat.insert(flat.end(), {vertex, tile, codelet, stateAddress, cycles});
  }
};

using Pieces = RecordList<Piece>;
using ComputeSetVertices = RecordList<ComputeSetVertex>;

} // namespace tessel

#endif
