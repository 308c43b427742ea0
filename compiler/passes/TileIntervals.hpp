// A variable's tile mapping as an ordered set of disjoint intervals with
// range queries and in-place completion. Used by the front passes
// (complete-tile-mapping, lower-copies-to-exchange), which must cost
// O(intervals) rather than O(elements), even when a mapping grows one
// interval at a time in any order.
#ifndef TESSEL_COMPILER_PASSES_TILEINTERVALS_HPP
#define TESSEL_COMPILER_PASSES_TILEINTERVALS_HPP

#include "compiler/passes/PassSupport.hpp"

#include <map>
#include <vector>

namespace tessel {

class TileIntervals {
public:
  TileIntervals() = default;
  /// From a sorted, disjoint mapping (a variable's `mapping` attribute).
  explicit TileIntervals(const std::vector<MappedInterval> &sorted);

  /// The mapped parts of [begin, end), clipped to it, in element order.
  std::vector<MappedInterval> piecesIn(int64_t begin, int64_t end) const;
  /// The unmapped parts of [begin, end), in element order (tile is -1).
  std::vector<MappedInterval> gapsIn(int64_t begin, int64_t end) const;
  /// Where the run of contiguous intervals on one tile that holds mapped
  /// element `at` begins: the start of the allocator's piece.
  int64_t runStart(int64_t at) const;
  /// Number of elements of [begin, end) that have a tile.
  int64_t mappedIn(int64_t begin, int64_t end) const;
  /// Maps [begin, end), which must be unmapped, to `tile`, merging with
  /// neighbours on the same tile.
  void assign(int64_t begin, int64_t end, int64_t tile);
  /// Every interval, in element order.
  std::vector<MappedInterval> all() const;
  /// Flat [begin, end, tile] list for the `mapping` attribute.
  std::vector<int64_t> flatten() const;

private:
  struct Piece {
    int64_t end, tile;
  };
  /// Keyed by begin.
  std::map<int64_t, Piece> pieces;

  /// The first piece that ends after `at`.
  std::map<int64_t, Piece>::const_iterator firstEndingAfter(int64_t at) const;
};

} // namespace tessel

#endif
