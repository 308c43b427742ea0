// The compiler's passes, one file each, in pipeline order.
#ifndef TESSEL_PASSES_TD
#define TESSEL_PASSES_TD

include "mlir/Pass/PassBase.td"

def PoplarVerify : Pass<"poplar-verify", "mlir::ModuleOp"> {
  let summary = "Checks the graph's semantics before compilation";
  let description = [{
    Region lists refer to existing variables and stay in range; predicates
    and switch controls are single integral elements; stream copies match
    their streams; on targets that require it, every element is mapped.
  }];
  let constructor = "tessel::createVerifyPass()";
}

def PoplarCompleteTileMapping
    : Pass<"poplar-complete-tile-mapping", "mlir::ModuleOp"> {
  let summary = "Maps the elements the user left unmapped";
  let description = [{
    Elements copied to or from mapped elements follow them to their tiles
    (no exchange); the rest are spread over the least-loaded tiles.
  }];
  let constructor = "tessel::createCompleteTileMappingPass()";
}

def PoplarLowerCopiesToExchange
    : Pass<"poplar-lower-copies-to-exchange", "mlir::ModuleOp"> {
  let summary = "Splits each copy into tile-to-tile transfers";
  let constructor = "tessel::createLowerCopiesToExchangePass()";
}

def PoplarScheduleSupersteps
    : Pass<"poplar-schedule-supersteps", "mlir::ModuleOp"> {
  let summary = "Merges adjacent hazard-free exchanges into supersteps";
  let constructor = "tessel::createScheduleSuperstepsPass()";
}

def PoplarAllocateTileMemory
    : Pass<"poplar-allocate-tile-memory", "mlir::ModuleOp"> {
  let summary = "Gives every variable piece an address in its tile's memory";
  let description = [{
    Liveness-aware: variables written in full before any read, in one
    program, share memory with variables whose lifetimes do not overlap.
  }];
  let constructor = "tessel::createAllocateTileMemoryPass()";
}

def PoplarLowerToTile : Pass<"poplar-lower-to-tile", "mlir::ModuleOp"> {
  let summary = "Rewrites the graph as tile programs with fixed addresses";
  let constructor = "tessel::createLowerToTilePass()";
  let dependentDialects = ["tessel::tileir::TileDialect"];
}

#endif
