// popops::SortOrder: the order a sorting operation leaves its results in.
#ifndef POPOPS_SORTORDER_HPP
#define POPOPS_SORTORDER_HPP

#include <iosfwd>

namespace popops {

enum class SortOrder {
  /// Any order.
  NONE,
  ASCENDING,
  DESCENDING
};

std::ostream &operator<<(std::ostream &os, const SortOrder &o);

} // namespace popops

#endif
