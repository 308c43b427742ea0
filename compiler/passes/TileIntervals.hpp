// A variable's tile mapping as an ordered set of disjoint intervals with
// range queries and in-place completion. Used by the front passes
// (complete-tile-mapping, lower-copies-to-exchange), which must cost
// O(intervals) rather than O(elements), even when a mapping grows one
// interval at a time in any order.
#ifndef TESSEL_COMPILER_PASSES_TILEINTERVALS_HPP
#define TESSEL_COMPILER_PASSES_TILEINTERVALS_HPP

#include "compiler/passes/PassSupport.hpp"

#include <map>
#include <optional>
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

/// A variable's tile mapping once it no longer changes: the same disjoint
/// intervals in one sorted array, so that a lookup is a binary search over
/// contiguous memory and walking the pieces of a range allocates nothing.
/// For passes that only read mappings (lower-copies-to-exchange, which looks
/// up every region of every copy).
class MappingTable {
public:
  MappingTable() = default;
  /// From a sorted, disjoint mapping (a variable's `mapping` attribute).
  explicit MappingTable(std::vector<MappedInterval> sorted)
      : pieces(std::move(sorted)) {}

  /// Index of the first piece that ends after `at`; size() if none does.
  size_t firstEndingAfter(int64_t at) const;
  const MappedInterval &piece(size_t i) const { return pieces[i]; }
  size_t size() const { return pieces.size(); }
  /// The first unmapped part of [begin, end) (tile -1), if there is one.
  std::optional<MappedInterval> firstGapIn(int64_t begin, int64_t end) const;

private:
  std::vector<MappedInterval> pieces;
};

} // namespace tessel

#endif
