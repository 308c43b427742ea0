// Vertex edges that are not one run on the vertex's tile are staged through
// temporaries on that tile by copies around the Execute; every vertex gets
// state words in a per-(compute set, tile) variable.
// RUN: poplar-opt %s -poplar-plan-vertex-exchange | FileCheck %s

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 4, 0, 4, 8, 1>}
  poplar.variable 1 "y" {element_type = #poplar.type<float>, shape = array<i64: 2>, mapping = array<i64: 0, 1, 0, 1, 2, 1>}
  poplar.variable 2 "z" {element_type = #poplar.type<float>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 1>}
  poplar.codelet 0 "Sum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in", "out"], field_types = [#poplar.type<float>, #poplar.type<float>], field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>}
  poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0, 0, 1, 0, -1, 10, 0, 2, 2, 0, -1, 20, 0, 4>,
      tiles = array<i64: 0, 1, 0>,
      edges = array<i64: 1, 1, 0, 0, 4, 1, 1, 1, 0, 1, 1, 1, 0, 4, 8, 1, 1, 1, 1, 2, 1, 1, 0, 2, 6, 1, 1, 2, 0, 1>,
      state_sizes = array<i64: 0, 0, 0, 0, 0, 0>}
  poplar.program 0 {
    poplar.execute 0 {flag = array<i64>}
  }
}

// Two words per vertex (in: [address, count], out: [address]).
// CHECK: poplar.variable 3 "cs/vertex state on tile 0" {element_type = #poplar.type<unsigned_int>, mapping = array<i64: 0, 6, 0>, shape = array<i64: 6>}
// CHECK: poplar.variable 4 "cs/vertex state on tile 1" {element_type = #poplar.type<unsigned_int>, mapping = array<i64: 0, 3, 1>, shape = array<i64: 3>}
// Vertex 2 reads x[2, 6), which spans tiles 0 and 1, and writes z on tile 1.
// CHECK: poplar.variable 5 "cs/vertex inputs on tile 0" {element_type = #poplar.type<float>, mapping = array<i64: 0, 4, 0>, shape = array<i64: 4>}
// CHECK: poplar.variable 6 "cs/vertex outputs on tile 0" {element_type = #poplar.type<float>, mapping = array<i64: 0, 1, 0>, shape = array<i64: 1>}
// Local edges are left alone.
// CHECK: poplar.compute_set 0 "cs" {edges = array<i64: 1, 1, 0, 0, 4, 1, 1, 1, 0, 1, 1, 1, 0, 4, 8, 1, 1, 1, 1, 2, 1, 1, 5, 0, 4, 1, 1, 6, 0, 1>, state_offset = array<i64: 0, 0, 3>, state_sizes = array<i64: 0, 0, 0, 0, 0, 0>, state_var = array<i64: 3, 4, 3>, tiles = array<i64: 0, 1, 0>, vertices = array<i64: 0, 0, -1, 0, 0, 0, 1, 0, -1, 10, 0, 2, 2, 0, -1, 20, 0, 4>}
// CHECK: poplar.program 0 {
// CHECK-NEXT: poplar.copy {dst = array<i64: 5, 0, 4>, element_type = #poplar.type<float>, name = "cs/inputs", src = array<i64: 0, 2, 6>}
// CHECK-NEXT: poplar.execute 0
// CHECK-NEXT: poplar.copy {dst = array<i64: 2, 0, 1>, element_type = #poplar.type<float>, name = "cs/outputs", src = array<i64: 6, 0, 1>}
// CHECK-NEXT: }
