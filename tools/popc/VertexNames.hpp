// The names of a vertex class: the one Graph::addVertex takes (spelt as
// poputil::templateVertex spells it: "ns::Tmpl<float,true>", "half", enum
// arguments as ns::Enum::VALUE, trailing arguments equal to their defaults
// left out, as clang leaves them out of type names), and a
// C++ spelling the generated glue can use at global scope.
#ifndef TESSEL_TOOLS_POPC_VERTEXNAMES_HPP
#define TESSEL_TOOLS_POPC_VERTEXNAMES_HPP

#include <clang-c/Index.h>

#include <string>

namespace tessel::popc {

struct VertexNames {
  std::string name;    // for addVertex
  std::string cppType; // for the glue: "::ns::Tmpl<float,true>"
};

/// Names of the class declared by `record`; throws PopcError for template
/// arguments a vertex name cannot spell (templates, pointers, ...).
VertexNames nameVertex(CXCursor record);

} // namespace tessel::popc

#endif
