// The pipeline and the registration of dialects and passes for poplar-opt.
#include "compiler/passes/Passes.hpp"

namespace tessel {

void buildCompilePipeline(mlir::PassManager &pm) {
  pm.addPass(createVerifyPass());
  pm.addPass(createCompleteTileMappingPass());
  pm.addPass(createLowerCopiesToExchangePass());
  pm.addPass(createScheduleSuperstepsPass());
  pm.addPass(createAllocateTileMemoryPass());
  pm.addPass(createLowerToTilePass());
}

void registerDialects(mlir::DialectRegistry &registry) {
  registry.insert<graphir::PoplarDialect, tileir::TileDialect>();
}

void registerPasses() {
  registerTesselPasses();
  mlir::PassPipelineRegistration<>(
      "poplar-compile", "The whole pipeline, graph to tile programs",
      [](mlir::OpPassManager &pm) {
        pm.addPass(createVerifyPass());
        pm.addPass(createCompleteTileMappingPass());
        pm.addPass(createLowerCopiesToExchangePass());
        pm.addPass(createScheduleSuperstepsPass());
        pm.addPass(createAllocateTileMemoryPass());
        pm.addPass(createLowerToTilePass());
      });
}

} // namespace tessel
