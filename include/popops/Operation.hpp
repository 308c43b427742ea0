// Reading and writing popops::Operation as text ("ADD", "LOG_ADD", ...),
// e.g. for command-line options.
#ifndef POPOPS_OPERATION_HPP
#define POPOPS_OPERATION_HPP

#include <popops/OperationDef.hpp>

#include <iosfwd>

namespace popops {

/// Reads one token naming an enumerator ("ADD", "MUL", ...); an unknown
/// token throws poputil::poplibs_error listing the valid names.
std::istream &operator>>(std::istream &is, Operation &op);

/// Writes the enumerator's name ("ADD", "MUL", ...).
std::ostream &operator<<(std::ostream &os, const Operation &op);

} // namespace popops

#endif
