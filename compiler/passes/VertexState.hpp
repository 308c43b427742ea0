// The words of one vertex's state in tile memory, as
// tessel/internal/CodeletABI.hpp defines them: each field's fixed words in
// field order, then the entry tables of list fields, then the data of state
// vectors. The planning pass sizes the state with it before addresses exist;
// lower-to-tile fills it in once they do.
#ifndef TESSEL_COMPILER_PASSES_VERTEXSTATE_HPP
#define TESSEL_COMPILER_PASSES_VERTEXSTATE_HPP

#include "compiler/dialects/Poplar/PoplarDialect.hpp"
#include "compiler/passes/VertexEdges.hpp"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstdint>
#include <vector>

namespace tessel {

/// Where an edge entry's elements are: the tile address of the first and how
/// many there are.
struct EntryPlace {
  std::uint32_t address = 0;
  std::uint32_t count = 0;
};

/// The state words of vertex `vertex` (of `codelet`, whose edges are
/// `fields`) when its state starts at tile address `stateAddress`.
/// `placeEntry(field, entry)` says where an edge entry is.
std::vector<std::uint32_t> buildVertexState(
    graphir::CodeletOp codelet, const TableVertex &vertex,
    llvm::ArrayRef<FieldEdges> fields, std::uint32_t stateAddress,
    llvm::function_ref<EntryPlace(unsigned field, size_t entry)> placeEntry);

/// How many words buildVertexState returns for this vertex.
std::size_t vertexStateWords(graphir::CodeletOp codelet,
                             const TableVertex &vertex,
                             llvm::ArrayRef<FieldEdges> fields);

} // namespace tessel

#endif
