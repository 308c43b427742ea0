// Reading the vertex table of a freshly linked codelet object: popc loads it
// as the runtime will, checks its ABI version and that it holds exactly the
// vertices popc found, and takes the field metadata from the compiled
// traits (the authority on kinds, layouts and element types).
#ifndef TESSEL_TOOLS_POPC_CODELETTABLE_HPP
#define TESSEL_TOOLS_POPC_CODELETTABLE_HPP

#include "compiler/codelets/CodeletArchive.hpp"

#include <string>
#include <vector>

namespace tessel::popc {

/// The vertices of `sharedObject`, in table order, with `object` set to
/// `objectIndex`. Throws PopcError if the object does not load, has another
/// ABI version, or its table differs from `expectedNames`.
std::vector<codelets::VertexMeta>
readCodeletTable(const std::string &sharedObject,
                 const std::vector<std::string> &expectedNames,
                 std::uint32_t objectIndex);

} // namespace tessel::popc

#endif
