// The glue popc compiles with each C++ codelet source (after it, through
// clang's -include): per vertex a function binding its fields to vertex
// state, a RunFunction and its FieldInfo table (tessel/internal/CodeletGlue.hpp
// does the work), and, in the first source's glue, the object's vertex table
// and runtime (TESSEL_CODELET_RUNTIME).
#ifndef TESSEL_TOOLS_POPC_GLUEGENERATOR_HPP
#define TESSEL_TOOLS_POPC_GLUEGENERATOR_HPP

#include "tools/popc/VertexDiscovery.hpp"

#include <string>
#include <vector>

namespace tessel::popc {

struct SourceVertices {
  std::string displayName; // the source as the user named it
  std::vector<DiscoveredVertex> vertices;
};

/// The glue for `sources[index]`; `definesRuntime` adds the table of every
/// source's vertices (in order) and the runtime, once per object.
std::string generateGlue(const std::vector<SourceVertices> &sources,
                         std::size_t index, bool definesRuntime);

} // namespace tessel::popc

#endif
