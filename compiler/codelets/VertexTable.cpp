// dlsym the table function and call it.
#include "compiler/codelets/VertexTable.hpp"

#include <dlfcn.h>

namespace tessel::codelets {

VertexTable readVertexTable(void *handle) {
  VertexTable result;
  auto table =
      reinterpret_cast<abi::TableFunction>(dlsym(handle, abi::kTableSymbol));
  if (!table)
    return result;
  result.exported = true;
  std::uint32_t numVertices = 0;
  const abi::VertexInfo *vertices = table(&numVertices, &result.abiVersion);
  if (result.abiVersion != abi::kAbiVersion)
    return result;
  result.vertices = vertices;
  result.numVertices = numVertices;
  return result;
}

} // namespace tessel::codelets
