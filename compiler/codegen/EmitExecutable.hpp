// Codegen: a module in the `tile` dialect -> an ExecutableImage.
#ifndef TESSEL_COMPILER_CODEGEN_EMITEXECUTABLE_HPP
#define TESSEL_COMPILER_CODEGEN_EMITEXECUTABLE_HPP

#include "compiler/codegen/ExecutableImage.hpp"

#include "mlir/IR/BuiltinOps.h"

namespace tessel {

/// Every op of `module` must be in the `tile` dialect (run the pipeline
/// first); throws poplar::graph_program_compilation_error otherwise.
/// tile.codelet ops name native objects by their index in `objects` (the
/// graph's codelet objects); the image keeps only those some codelet uses.
exe::ExecutableImage
emitExecutable(mlir::ModuleOp module, const poplar::Target &target,
               const std::vector<exe::NativeObject> &objects = {});

} // namespace tessel

#endif
