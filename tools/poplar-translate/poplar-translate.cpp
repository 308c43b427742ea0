// poplar-translate: the translations between the `tile` dialect and the
// Executable file format, registered as mlir-translate's are, so codegen
// and the format get FileCheck tests (docs/compiler-internals.md).
#include "compiler/codegen/EmitExecutable.hpp"
#include "compiler/codegen/ExecutableImage.hpp"
#include "compiler/dialects/Poplar/ModuleTarget.hpp"
#include "compiler/dialects/Tile/TileDialect.hpp"
#include "compiler/passes/Passes.hpp"

#include <poplar/Executable.hpp>
#include <poplar/exceptions.hpp>

#include "mlir/IR/Builders.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "mlir/Tools/mlir-translate/Translation.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/SourceMgr.h"

#include <sstream>

using namespace mlir;

namespace {

llvm::cl::opt<std::string> codeletArchive(
    "codelet-archive",
    llvm::cl::desc("with --tile-to-executable: the .gp codelet archive whose "
                   "native objects tile.codelet 'object' numbers index"),
    llvm::cl::value_desc("file.gp"), llvm::cl::init(""));

/// The target the executable is for: the module's poplar.target (or its
/// compact form) when it has one, as the pipeline leaves it, else one
/// IPU_MODEL ipu2 IPU of the tile.executable's size.
FailureOr<poplar::Target> targetOf(ModuleOp module) {
  if (!module->hasAttr("poplar.target") &&
      !module->hasAttr("poplar.num_tiles")) {
    auto executables = module.getOps<tessel::tileir::ExecutableOp>();
    if (llvm::hasSingleElement(executables)) {
      // A translation may change its input; this states the default.
      tessel::tileir::ExecutableOp e = *executables.begin();
      Builder b(module.getContext());
      module->setAttr("poplar.num_tiles", b.getI64IntegerAttr(e.getNumTiles()));
      module->setAttr("poplar.bytes_per_tile",
                      b.getI64IntegerAttr(e.getBytesPerTile()));
    }
  }
  return tessel::readModuleTarget(module);
}

LogicalResult tileToExecutable(Operation *op, llvm::raw_ostream &output) {
  auto module = dyn_cast<ModuleOp>(op);
  if (!module)
    return op->emitError("expected a builtin.module");
  FailureOr<poplar::Target> target = targetOf(module);
  if (failed(target))
    return failure();
  std::vector<tessel::codelets::NativeObject> objects;
  if (!codeletArchive.empty()) {
    try {
      objects = tessel::codelets::readArchiveFile(codeletArchive).objects;
    } catch (const poplar::poplar_error &e) {
      return emitError(module.getLoc()) << e.type << ": " << e.what();
    }
  }
  FailureOr<tessel::exe::ExecutableImage> image =
      tessel::emitExecutableOrDiagnose(module, *target, objects);
  if (failed(image))
    return failure();
  // The bytes Engine users get from Executable::serialize.
  std::ostringstream bytes;
  tessel::ExecutableAccess::make(std::move(*image)).serialize(bytes);
  output << bytes.str();
  return success();
}

LogicalResult executableToText(const std::shared_ptr<llvm::SourceMgr> &sources,
                               llvm::raw_ostream &output,
                               MLIRContext *context) {
  const llvm::MemoryBuffer *buffer =
      sources->getMemoryBuffer(sources->getMainFileID());
  std::istringstream in(buffer->getBuffer().str());
  std::ostringstream text;
  try {
    // The dump shows which build wrote the file instead of refusing it.
    tessel::exe::dump(in, text, /*checkPackageHash=*/false);
  } catch (const poplar::poplar_error &e) {
    return emitError(FileLineColLoc::get(context, buffer->getBufferIdentifier(),
                                         0, 0))
           << e.type << ": " << e.what();
  }
  output << text.str();
  return success();
}

} // namespace

int main(int argc, char **argv) {
  TranslateFromMLIRRegistration toExecutable(
      "tile-to-executable",
      "a tile-dialect module (poplar-opt -poplar-compile output) to "
      "Executable file bytes, by the codegen and serializer Engine uses",
      tileToExecutable,
      [](DialectRegistry &registry) { tessel::registerDialects(registry); });
  TranslateRegistration toText(
      "executable-to-text",
      "an Executable file to a line-oriented listing of every section and "
      "each program's control tree, for FileCheck",
      executableToText);
  return failed(mlirTranslateMain(
      argc, argv, "Tessel translations: tile dialect <-> Executable files\n"));
}
