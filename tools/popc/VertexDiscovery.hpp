// Finding the vertex classes of a codelet source with libclang: every
// complete class deriving from poplar::Vertex, MultiVertex or
// SupervisorVertex (including explicit instantiations of class templates),
// with its fields in state order.
#ifndef TESSEL_TOOLS_POPC_VERTEXDISCOVERY_HPP
#define TESSEL_TOOLS_POPC_VERTEXDISCOVERY_HPP

#include <string>
#include <vector>

namespace tessel::popc {

struct DiscoveredVertex {
  std::string name;    // as addVertex takes it
  std::string cppType; // as the glue spells it
  /// Non-static data members: those of base classes first, then the
  /// class's own, each in declaration order.
  std::vector<std::string> fields;
  std::string position; // "file:line:col" of the class
};

struct Discovery {
  std::vector<DiscoveredVertex> vertices;
  /// Things popc could not decide, as "file:line:col: warning: ..." lines.
  std::vector<std::string> warnings;
};

/// Parses the C++ source `path` with `clangArguments` (language, include
/// paths, macros, warnings). Throws PopcError with the compiler's errors, or
/// with one line per vertex field that is private, protected or of a type a
/// vertex cannot hold.
Discovery discoverVertices(const std::string &path,
                           const std::vector<std::string> &clangArguments);

} // namespace tessel::popc

#endif
