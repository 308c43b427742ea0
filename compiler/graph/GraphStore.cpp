// The graph store's bookkeeping: variables, interval-based tile mappings and
// handle lookups.
#include "compiler/graph/GraphStore.hpp"

#include <algorithm>

namespace tessel {

VariableId GraphStore::addVariable(Variable v) {
  variables.push_back(std::move(v));
  return static_cast<VariableId>(variables.size() - 1);
}

void GraphStore::setTileMapping(VariableId var, std::uint64_t begin,
                                std::uint64_t end, std::uint32_t tile) {
  if (begin >= end)
    return;
  std::vector<TileInterval> &mapping = variable(var).mapping;
  // First interval that ends after `begin`: everything before it is kept.
  auto first = std::lower_bound(
      mapping.begin(), mapping.end(), begin,
      [](const TileInterval &t, std::uint64_t b) { return t.end <= b; });
  // First interval that starts at or after `end`: it and the rest are kept.
  auto last = std::lower_bound(
      first, mapping.end(), end,
      [](const TileInterval &t, std::uint64_t e) { return t.begin < e; });

  std::vector<TileInterval> replacement;
  replacement.reserve(3);
  if (first != last && first->begin < begin)
    replacement.push_back({first->begin, begin, first->tile});
  replacement.push_back({begin, end, tile});
  if (first != last && std::prev(last)->end > end)
    replacement.push_back({end, std::prev(last)->end, std::prev(last)->tile});

  // Merge with neighbours on the same tile so whole-variable mappings stay a
  // single interval however they were built.
  if (first != mapping.begin()) {
    auto prev = std::prev(first);
    if (prev->tile == replacement.front().tile &&
        prev->end == replacement.front().begin) {
      replacement.front().begin = prev->begin;
      first = prev;
    }
  }
  if (last != mapping.end() && last->tile == replacement.back().tile &&
      last->begin == replacement.back().end) {
    replacement.back().end = last->end;
    ++last;
  }
  auto pos = mapping.erase(first, last);
  mapping.insert(pos, replacement.begin(), replacement.end());
}

std::vector<TileInterval> GraphStore::mappingOf(VariableId var,
                                                std::uint64_t begin,
                                                std::uint64_t end) const {
  const std::vector<TileInterval> &mapping = variable(var).mapping;
  std::vector<TileInterval> result;
  auto it = std::lower_bound(
      mapping.begin(), mapping.end(), begin,
      [](const TileInterval &t, std::uint64_t b) { return t.end <= b; });
  for (; it != mapping.end() && it->begin < end; ++it)
    result.push_back(
        {std::max(it->begin, begin), std::min(it->end, end), it->tile});
  return result;
}

int GraphStore::findStream(const std::string &handle) const {
  for (std::size_t i = 0; i < streams.size(); ++i)
    if (streams[i].handle == handle)
      return static_cast<int>(i);
  return -1;
}

int GraphStore::findHostAccess(const std::string &handle) const {
  for (std::size_t i = 0; i < hostAccesses.size(); ++i)
    if (hostAccesses[i].handle == handle)
      return static_cast<int>(i);
  return -1;
}

int GraphStore::findRemoteBuffer(const std::string &handle) const {
  for (std::size_t i = 0; i < remoteBuffers.size(); ++i)
    if (remoteBuffers[i].handle == handle)
      return static_cast<int>(i);
  return -1;
}

int GraphStore::findHostFunction(const std::string &handle) const {
  for (std::size_t i = 0; i < hostFunctions.size(); ++i)
    if (hostFunctions[i].handle == handle)
      return static_cast<int>(i);
  return -1;
}

} // namespace tessel
