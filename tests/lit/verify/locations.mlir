// Two vertices writing the same elements: vertices have no DebugContext and
// no op of their own, so the error and the note naming the other vertex are
// at the compute set, which is where the user's addComputeSet call was, and
// a note is at the variable, where the addVariable call was.
// RUN: not poplar-opt %s -poplar-verify --mlir-print-op-on-diagnostic=false 2>&1 | FileCheck %s

// CHECK: model.cpp:20:0: error: #poplar.error<graph_cycle_error>: Field Sum.out writes to elements [1:2) of variable 'y'
// CHECK-NEXT: model.cpp:20:0: note: vertex 0 writes them too, through field Sum.out
// CHECK-NEXT: model.cpp:8:0: note: variable 'y' made here
module attributes {poplar.target = {arch = "ipu2", target_type = "IPU", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = true}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 0>} loc(fused<"buildModel">["x", "model.cpp":7:0])
  poplar.variable 1 "y" {element_type = #poplar.type<float>, shape = array<i64: 2>, mapping = array<i64: 0, 2, 0>} loc(fused<"buildModel">["y", "model.cpp":8:0])
  poplar.codelet 0 "Sum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in", "out"], field_types = [#poplar.type<float>, #poplar.type<float>], field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>} loc("Sum")
  poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0, 0, 1, 0, -1, 10, 0, 2>,
      tiles = array<i64: 0, 0>,
      edges = array<i64: 1, 1, 0, 0, 8, 1, 1, 1, 1, 2, 1, 1, 0, 0, 4, 1, 1, 1, 1, 2>,
      state_sizes = array<i64: 0, 0, 0, 0>} loc(fused<"buildModel">["cs", "model.cpp":20:0])
}
