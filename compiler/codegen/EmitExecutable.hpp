// Codegen: a module in the `tile` dialect -> an ExecutableImage.
#ifndef TESSEL_COMPILER_CODEGEN_EMITEXECUTABLE_HPP
#define TESSEL_COMPILER_CODEGEN_EMITEXECUTABLE_HPP

#include "compiler/codegen/ExecutableImage.hpp"
#include "compiler/codelets/CodeletArchive.hpp"

#include "mlir/IR/BuiltinOps.h"

namespace tessel {

/// Every op of `module` must be in the `tile` dialect (run the pipeline
/// first); throws poplar::graph_program_compilation_error otherwise.
/// tile.codelet ops name native objects by their index in `objects` (the
/// graph's codelet archive); the image copies only those some codelet uses.
exe::ExecutableImage
emitExecutable(mlir::ModuleOp module, const poplar::Target &target,
               llvm::ArrayRef<codelets::NativeObject> objects = {});

} // namespace tessel

#endif
