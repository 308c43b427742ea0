// Imports a graph store and its programs into the `poplar` dialect.
#ifndef TESSEL_COMPILER_IMPORT_IMPORTGRAPH_HPP
#define TESSEL_COMPILER_IMPORT_IMPORTGRAPH_HPP

#include "compiler/graph/GraphStore.hpp"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace tessel {

/// Builds a module holding every variable, stream and host handle of `store`,
/// one `poplar.program` per entry of `programs` and one `poplar.function` per
/// Function. Throws poplar::control_program_error for programs that use
/// streams of another graph.
mlir::OwningOpRef<mlir::ModuleOp>
importGraph(mlir::MLIRContext &context, const GraphStore &store,
            poplar::ArrayRef<poplar::program::Program> programs);

/// The module attribute describing the target, and its inverse.
void setModuleTarget(mlir::ModuleOp module, const poplar::Target &target);
poplar::Target moduleTarget(mlir::ModuleOp module);

} // namespace tessel

#endif
