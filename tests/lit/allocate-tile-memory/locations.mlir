// Out of memory notes the first tile's largest variables at their ops, so
// each note says where the user made the variable: the importer fuses the
// DebugContext's SourceLocation (function as metadata) with the name.
// RUN: not poplar-opt %s -poplar-allocate-tile-memory --mlir-print-op-on-diagnostic=false 2>&1 | FileCheck %s

// CHECK: error: #poplar.error<graph_memory_allocation_error>: Out of memory: Cannot fit all variable data onto one or more tiles.
// CHECK: model.cpp:12:0: note: 'big' needs 64 bytes on tile 1
// CHECK-NEXT: model.cpp:11:0: note: 'small' needs 16 bytes on tile 1
// CHECK-NOT: note:
module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 64 : i64} {
  poplar.variable 0 "small" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 1>} loc(fused<"buildModel">["small", "model.cpp":11:0])
  poplar.variable 1 "big" {element_type = #poplar.type<float>, shape = array<i64: 16>, mapping = array<i64: 0, 16, 1>} loc(fused<"buildModel">["big", "model.cpp":12:0])
  poplar.variable 2 "fits" {element_type = #poplar.type<float>, shape = array<i64: 16>, mapping = array<i64: 0, 16, 0>} loc(fused<"buildModel">["fits", "model.cpp":13:0])
}
