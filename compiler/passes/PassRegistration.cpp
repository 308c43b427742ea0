// The pipeline and the registration of dialects and passes. The registries
// live in libMLIR.so, shared by libpoplar and tools such as poplar-opt, so
// registering here once makes every pass and the whole pipeline
// (-poplar-compile) available to MlirOptMain.
#include "compiler/passes/Passes.hpp"

namespace tessel {

void buildCompilePipeline(mlir::OpPassManager &pm) {
  pm.addPass(createVerifyPass());
  pm.addPass(createCompleteTileMappingPass());
  pm.addPass(createPlanVertexExchangePass());
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
      [](mlir::OpPassManager &pm) { buildCompilePipeline(pm); });
}

} // namespace tessel
