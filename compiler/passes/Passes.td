// The compiler's passes, one file each, in pipeline order.
#ifndef TESSEL_PASSES_TD
#define TESSEL_PASSES_TD

include "mlir/Pass/PassBase.td"

def PoplarVerify : Pass<"poplar-verify", "mlir::ModuleOp"> {
  let summary = "Checks the graph's semantics before compilation";
  let description = [{
    Region lists name declared variables, stay inside them and view them
    with elements of the same size; element types are device types; copies
    never write constants; stream copies match their streams; predicates
    are one integral element and switch controls one int or unsigned int;
    calls name functions and never recurse; on targets that require it,
    every element is mapped. Errors start with the poplar exception class
    the driver throws.
  }];
  let constructor = "tessel::createVerifyPass()";
}

def PoplarCompleteTileMapping
    : Pass<"poplar-complete-tile-mapping", "mlir::ModuleOp"> {
  let summary = "Maps the elements the user left unmapped";
  let description = [{
    Keeps every user mapping. Elements copied to or from mapped elements
    follow them to their tiles (rounds over the copies in program order
    until nothing changes), so those copies need no exchange; the rest is
    cut into whole vector grains of at least 128 bytes and spread over the
    least-loaded tiles.
  }];
  let constructor = "tessel::createCompleteTileMappingPass()";
  let options = [
    Option<"minChunkBytes", "min-chunk-bytes", "int64_t",
           /*default=*/"128",
           "Smallest chunk, in bytes, that balancing places on one tile (as "
           "in poputil::mapTensorLinearly)">,
    Option<"followCopies", "follow-copies", "bool", /*default=*/"true",
           "Map elements copied to or from mapped elements to their tiles">,
    Option<"balanceMemory", "balance", "bool", /*default=*/"true",
           "Spread what is still unmapped over the least-loaded tiles; off "
           "leaves it unmapped, to see the earlier steps alone">,
  ];
}

def PoplarPlanVertexExchange
    : Pass<"poplar-plan-vertex-exchange", "mlir::ModuleOp"> {
  let summary = "Stages vertex edges on their tiles and lays out vertex state";
  let description = [{
    Edge entries that are not one run of one variable on the vertex's tile
    are read into (Input, InOut) or written from (Output, InOut) temporary
    variables on that tile by copies around every Execute of the compute
    set; vertices on a tile reading the same elements share a copy. Vertex
    state gets one `unsigned int` variable per compute set and tile, and
    each vertex its `state_var` and `state_offset`. Needs complete mappings.
  }];
  let constructor = "tessel::createPlanVertexExchangePass()";
}

def PoplarLowerCopiesToExchange
    : Pass<"poplar-lower-copies-to-exchange", "mlir::ModuleOp"> {
  let summary = "Splits each copy into tile-to-tile transfers";
  let description = [{
    Each poplar.copy becomes a poplar.exchange whose transfers are cut at
    every tile boundary of source and destination; transfers within one
    tile are on-tile copies in the same op. Needs complete mappings.
  }];
  let constructor = "tessel::createLowerCopiesToExchangePass()";
}

def PoplarScheduleSupersteps
    : Pass<"poplar-schedule-supersteps", "mlir::ModuleOp"> {
  let summary = "Merges adjacent hazard-free exchanges into supersteps";
  let constructor = "tessel::createScheduleSuperstepsPass()";
  let options = [
    Option<"mergeExchanges", "merge", "bool", /*default=*/"true",
           "Merge adjacent hazard-free exchanges; off only numbers them, "
           "one superstep each">,
  ];
}

def PoplarAllocateTileMemory
    : Pass<"poplar-allocate-tile-memory", "mlir::ModuleOp"> {
  let summary = "Gives every variable piece an address in its tile's memory";
  let description = [{
    Liveness-aware: variables written in full before any read, in one
    program, share memory with variables whose lifetimes do not overlap.
  }];
  let constructor = "tessel::createAllocateTileMemoryPass()";
  let options = [
    Option<"shareMemory", "share-memory", "bool", /*default=*/"true",
           "Let variables whose lifetimes do not overlap share memory; off "
           "gives every variable memory of its own">,
  ];
}

def PoplarLowerToTile : Pass<"poplar-lower-to-tile", "mlir::ModuleOp"> {
  let summary = "Rewrites the graph as tile programs with fixed addresses";
  let constructor = "tessel::createLowerToTilePass()";
  let dependentDialects = ["tessel::tileir::TileDialect"];
}

#endif
