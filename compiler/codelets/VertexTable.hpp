// Reading the vertex table a loaded codelet object exports (CodeletABI.hpp).
// Shared by popc, which checks the object it has just linked, and the
// runtime, which resolves codelets in it.
#ifndef TESSEL_COMPILER_CODELETS_VERTEXTABLE_HPP
#define TESSEL_COMPILER_CODELETS_VERTEXTABLE_HPP

#include <tessel/internal/CodeletABI.hpp>

#include <cstdint>

namespace tessel::codelets {

struct VertexTable {
  /// False if the object does not export abi::kTableSymbol.
  bool exported = false;
  std::uint32_t abiVersion = 0;
  /// The table's entries; empty unless exported and abiVersion is
  /// abi::kAbiVersion (another version's layout cannot be read).
  const abi::VertexInfo *vertices = nullptr;
  std::uint32_t numVertices = 0;

  bool readable() const { return exported && abiVersion == abi::kAbiVersion; }
};

/// The table of the object dlopen returned as `handle`.
VertexTable readVertexTable(void *handle);

} // namespace tessel::codelets

#endif
