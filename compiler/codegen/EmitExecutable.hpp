// Codegen: a module in the `tile` dialect -> an ExecutableImage.
#ifndef TESSEL_COMPILER_CODEGEN_EMITEXECUTABLE_HPP
#define TESSEL_COMPILER_CODEGEN_EMITEXECUTABLE_HPP

#include "compiler/codegen/ExecutableImage.hpp"
#include "compiler/codelets/CodeletArchive.hpp"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"

namespace tessel {

/// Every op of `module` must be in the `tile` dialect (run the pipeline
/// first); throws poplar::graph_program_compilation_error otherwise.
/// tile.codelet ops name native objects by their index in `objects` (the
/// graph's codelet archive); the image copies only those some codelet uses.
exe::ExecutableImage
emitExecutable(mlir::ModuleOp module, const poplar::Target &target,
               llvm::ArrayRef<codelets::NativeObject> objects = {});

/// As emitExecutable, but what it cannot emit is an error diagnostic on the
/// op concerned (the module when no one op is), its message starting with
/// the poplar exception class as the passes' do; for poplar-translate.
mlir::FailureOr<exe::ExecutableImage>
emitExecutableOrDiagnose(mlir::ModuleOp module, const poplar::Target &target,
                         llvm::ArrayRef<codelets::NativeObject> objects = {});

} // namespace tessel

#endif
