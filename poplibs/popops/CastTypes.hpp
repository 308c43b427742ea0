// Which element types popops's Cast vertices convert between, for the
// operations (cast, reduce, scaledAdd) that convert on the way.
#ifndef TESSEL_POPLIBS_POPOPS_CASTTYPES_HPP
#define TESSEL_POPLIBS_POPOPS_CASTTYPES_HPP

#include <poplar/Type.hpp>

namespace popops::detail {

/// FLOAT, HALF, INT, UNSIGNED_INT, SHORT, UNSIGNED_SHORT, CHAR,
/// SIGNED_CHAR, UNSIGNED_CHAR and BOOL: every pair of them converts.
bool isCastable(const poplar::Type &type);

} // namespace popops::detail

#endif
