// poplar-opt: runs any of Tessel's passes (or the whole pipeline,
// -poplar-compile) on a .mlir file, like mlir-opt.
#include "compiler/passes/Passes.hpp"

#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  tessel::registerDialects(registry);
  tessel::registerPasses();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "Tessel pass driver: the poplar and tile dialects\n",
      registry));
}
