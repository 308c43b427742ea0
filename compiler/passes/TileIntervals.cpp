// Interval table of one variable's tile mapping (see the header).
#include "compiler/passes/TileIntervals.hpp"

#include <algorithm>
#include <cassert>

namespace tessel {

TileIntervals::TileIntervals(const std::vector<MappedInterval> &sorted) {
  for (const MappedInterval &m : sorted)
    pieces.emplace_hint(pieces.end(), m.begin, Piece{m.end, m.tile});
}

std::map<int64_t, TileIntervals::Piece>::const_iterator
TileIntervals::firstEndingAfter(int64_t at) const {
  auto it = pieces.upper_bound(at);
  if (it != pieces.begin() && std::prev(it)->second.end > at)
    return std::prev(it);
  return it;
}

int64_t TileIntervals::runStart(int64_t at) const {
  auto it = firstEndingAfter(at);
  if (it == pieces.end() || it->first > at)
    return at;
  while (it != pieces.begin()) {
    auto before = std::prev(it);
    if (before->second.end != it->first ||
        before->second.tile != it->second.tile)
      break;
    it = before;
  }
  return it->first;
}

std::vector<MappedInterval> TileIntervals::piecesIn(int64_t begin,
                                                    int64_t end) const {
  std::vector<MappedInterval> result;
  for (auto it = firstEndingAfter(begin); it != pieces.end() && it->first < end;
       ++it)
    result.push_back({std::max(it->first, begin), std::min(it->second.end, end),
                      it->second.tile});
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

int64_t TileIntervals::mappedIn(int64_t begin, int64_t end) const {
  int64_t n = 0;
  for (const MappedInterval &m : piecesIn(begin, end))
    n += m.end - m.begin;
  return n;
}

void TileIntervals::assign(int64_t begin, int64_t end, int64_t tile) {
  if (begin >= end)
    return;
  assert(mappedIn(begin, end) == 0 && "assign over mapped elements");
  auto next = pieces.lower_bound(begin);
  bool joinsNext =
      next != pieces.end() && next->first == end && next->second.tile == tile;
  if (next != pieces.begin()) {
    auto prev = std::prev(next);
    if (prev->second.end == begin && prev->second.tile == tile) {
      prev->second.end = joinsNext ? next->second.end : end;
      if (joinsNext)
        pieces.erase(next);
      return;
    }
  }
  if (joinsNext) {
    int64_t nextEnd = next->second.end;
    pieces.emplace_hint(pieces.erase(next), begin, Piece{nextEnd, tile});
    return;
  }
  pieces.emplace_hint(next, begin, Piece{end, tile});
}

std::vector<MappedInterval> TileIntervals::all() const {
  std::vector<MappedInterval> result;
  result.reserve(pieces.size());
  for (const auto &[begin, piece] : pieces)
    result.push_back({begin, piece.end, piece.tile});
  return result;
}

std::vector<int64_t> TileIntervals::flatten() const {
  std::vector<int64_t> flat;
  flat.reserve(pieces.size() * 3);
  for (const auto &[begin, piece] : pieces)
    MappedInterval{begin, piece.end, piece.tile}.appendTo(flat);
  return flat;
}

size_t MappingTable::firstEndingAfter(int64_t at) const {
  // Disjoint and sorted by begin, so sorted by end too.
  return size_t(std::upper_bound(pieces.begin(), pieces.end(), at,
                                 [](int64_t at, const MappedInterval &m) {
                                   return at < m.end;
                                 }) -
                pieces.begin());
}

std::optional<MappedInterval> MappingTable::firstGapIn(int64_t begin,
                                                       int64_t end) const {
  int64_t at = begin;
  for (size_t i = firstEndingAfter(begin); i < pieces.size() && at < end; ++i) {
    if (pieces[i].begin > at)
      return MappedInterval{at, std::min(pieces[i].begin, end), -1};
    at = pieces[i].end;
  }
  if (at < end)
    return MappedInterval{at, end, -1};
  return std::nullopt;
}

} // namespace tessel
