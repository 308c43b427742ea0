// Imports a graph store and its programs into the `poplar` dialect.
#ifndef TESSEL_COMPILER_IMPORT_IMPORTGRAPH_HPP
#define TESSEL_COMPILER_IMPORT_IMPORTGRAPH_HPP

#include "compiler/graph/GraphStore.hpp"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"

namespace tessel {

/// Builds a module for `store`'s target (the `poplar.target` attribute)
/// holding every variable, stream and host handle of `store`, one
/// `poplar.program` per entry of `programs` (index i for programs[i]) and
/// one `poplar.function` per Function the programs can reach, numbered
/// 0..n-1 in the order of their Function ids. Ops carry the debug names as
/// NameLoc locations; variables, compute sets and program ops whose
/// DebugContext had a SourceLocation carry
/// fused<"function">["name", "file":line:0] instead. Costs O(regions + program
/// nodes), never O(elements) (constants' initial bytes are copied once). Throws
/// poplar::control_program_error for programs that use tensors, streams or
/// functions of another graph.
mlir::OwningOpRef<mlir::ModuleOp>
importGraph(mlir::MLIRContext &context, const GraphStore &store,
            poplar::ArrayRef<poplar::program::Program> programs);

} // namespace tessel

#endif
