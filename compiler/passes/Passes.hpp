// Factories and registration for the compiler's passes.
#ifndef TESSEL_COMPILER_PASSES_PASSES_HPP
#define TESSEL_COMPILER_PASSES_PASSES_HPP

#include "compiler/dialects/Poplar/PoplarDialect.hpp"
#include "compiler/dialects/Tile/TileDialect.hpp"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

#include <memory>

namespace tessel {

std::unique_ptr<mlir::Pass> createVerifyPass();
std::unique_ptr<mlir::Pass> createCompleteTileMappingPass();
std::unique_ptr<mlir::Pass> createPlanVertexExchangePass();
std::unique_ptr<mlir::Pass> createLowerCopiesToExchangePass();
std::unique_ptr<mlir::Pass> createScheduleSuperstepsPass();
std::unique_ptr<mlir::Pass> createAllocateTileMemoryPass();
std::unique_ptr<mlir::Pass> createLowerToTilePass();

/// Adds the whole pipeline, graph to tile programs, in order.
void buildCompilePipeline(mlir::OpPassManager &pm);

void registerDialects(mlir::DialectRegistry &registry);
void registerPasses();

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "compiler/passes/Passes.h.inc"

} // namespace tessel

#endif
