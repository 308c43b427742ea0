// The codelet popops::map generates for a fused expression: one MultiVertex
// whose compute() evaluates the whole tree per element, calling the same
// operator functions as the prebuilt vertices (codelets/ElementWiseOps.hpp,
// whose text the library embeds). The vertex is named by a hash of its
// source, so an expression compiles once per graph and popc's compile
// cache serves it to later processes.
#ifndef TESSEL_POPLIBS_POPOPS_MAPCODELET_HPP
#define TESSEL_POPLIBS_POPOPS_MAPCODELET_HPP

#include "MapExpression.hpp"

#include <string>
#include <vector>

namespace popops::detail {

/// One tensor of the expression as the vertex sees it: a vector field
/// `in<k>` (k counting from 1), or a single-element field when `isScalar`.
struct MapInput {
  poplar::Type type;
  bool isScalar = false;
  bool isUsed = false;
};

struct MapCodelet {
  std::string vertexName;
  std::string source;
};

/// The codelet computing `root` over `inputs` into a vector field `out` of
/// type root.type. `description` goes into a comment at the top.
MapCodelet generateMapCodelet(const TypedNode &root,
                              const std::vector<MapInput> &inputs,
                              const std::string &description);

/// The C++ spelling of an element type in codelet source.
std::string codeletTypeName(const poplar::Type &type);

} // namespace popops::detail

#endif
