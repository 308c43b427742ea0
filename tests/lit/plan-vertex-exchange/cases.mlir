// One case per module. A vertex whose edges are all one run on its tile
// needs no staging: only its state variable is added and no copies appear.
// A vertex of another tile's data is staged around every execute of its
// compute set, nested ones too, through the same temporaries.
// RUN: poplar-opt %s -split-input-file -poplar-plan-vertex-exchange | FileCheck %s

// CHECK-LABEL: poplar.variable 0 "all_local"
// CHECK: poplar.variable 2 "cs/vertex state on tile 0" {element_type = #poplar.type<unsigned_int>, mapping = array<i64: 0, 3, 0>, shape = array<i64: 3>}
// CHECK-NOT: vertex inputs
// CHECK-NOT: vertex outputs
// CHECK: poplar.compute_set 0 "cs" {edges = array<i64: 1, 1, 0, 0, 4, 1, 1, 1, 0, 1>, state_offset = array<i64: 0>, state_sizes = array<i64: 0, 0>, state_var = array<i64: 2>, tiles = array<i64: 0>, vertices = array<i64: 0, 0, -1, 0, 0, 0>}
// CHECK: poplar.program 0 {
// CHECK-NEXT: poplar.execute 0 {flag = array<i64>}
// CHECK-NEXT: }
// CHECK-NOT: poplar.copy
module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 2 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  poplar.variable 0 "all_local" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.variable 1 "local_out" {element_type = #poplar.type<float>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 0>}
  poplar.codelet 0 "Sum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in", "out"], field_types = [#poplar.type<float>, #poplar.type<float>], field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>}
  poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0, 0>,
      tiles = array<i64: 0>,
      edges = array<i64: 1, 1, 0, 0, 4, 1, 1, 1, 0, 1>,
      state_sizes = array<i64: 0, 0>}
  poplar.program 0 {
    poplar.execute 0 {flag = array<i64>}
  }
}

// -----

// CHECK-LABEL: poplar.variable 0 "remote_in"
// CHECK: poplar.variable 2 "twice/vertex inputs on tile 0" {element_type = #poplar.type<float>, mapping = array<i64: 0, 4, 0>, shape = array<i64: 4>}
// CHECK-NEXT: poplar.variable 3 "twice/vertex outputs on tile 0" {element_type = #poplar.type<float>, mapping = array<i64: 0, 1, 0>, shape = array<i64: 1>}
// CHECK-NEXT: poplar.variable 4 "twice/vertex state on tile 0"
// CHECK-NOT: poplar.variable
// CHECK: poplar.compute_set 0 "twice" {edges = array<i64: 1, 1, 2, 0, 4, 1, 1, 3, 0, 1>, state_offset = array<i64: 0>, state_sizes = array<i64: 0, 0>, state_var = array<i64: 4>, tiles = array<i64: 0>, vertices = array<i64: 0, 0, -1, 0, 0, 0>}
// CHECK: poplar.program 0 {
// CHECK-NEXT: poplar.copy {dst = array<i64: 2, 0, 4>, element_type = #poplar.type<float>, name = "twice/inputs", src = array<i64: 0, 0, 4>}
// CHECK-NEXT: poplar.execute 0 {flag = array<i64>}
// CHECK-NEXT: poplar.copy {dst = array<i64: 1, 0, 1>, element_type = #poplar.type<float>, name = "twice/outputs", src = array<i64: 3, 0, 1>}
// CHECK-NEXT: poplar.repeat 2 {
// CHECK-NEXT: poplar.copy {dst = array<i64: 2, 0, 4>, {{.*}}name = "twice/inputs"
// CHECK-NEXT: poplar.execute 0 {flag = array<i64>}
// CHECK-NEXT: poplar.copy {dst = array<i64: 1, 0, 1>, {{.*}}name = "twice/outputs", src = array<i64: 3, 0, 1>}
// CHECK-NEXT: }
module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 2 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  poplar.variable 0 "remote_in" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 1>}
  poplar.variable 1 "remote_out" {element_type = #poplar.type<float>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 1>}
  poplar.codelet 0 "Sum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in", "out"], field_types = [#poplar.type<float>, #poplar.type<float>], field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>}
  poplar.compute_set 0 "twice" {vertices = array<i64: 0, 0, -1, 0, 0, 0>,
      tiles = array<i64: 0>,
      edges = array<i64: 1, 1, 0, 0, 4, 1, 1, 1, 0, 1>,
      state_sizes = array<i64: 0, 0>}
  poplar.program 0 {
    poplar.execute 0 {flag = array<i64>}
    poplar.repeat 2 {
      poplar.execute 0 {flag = array<i64>}
    }
  }
}

// -----

// A staged entry of two region triples becomes one triple: the compute set's
// edges list shrinks, so the rows after it point to their moved edges.
// CHECK-LABEL: poplar.variable 0 "split_in"
// CHECK: poplar.variable 2 "shrink/vertex inputs on tile 0" {element_type = #poplar.type<float>, mapping = array<i64: 0, 4, 0>, shape = array<i64: 4>}
// CHECK: poplar.compute_set 0 "shrink" {edges = array<i64: 1, 1, 2, 0, 4, 1, 1, 1, 0, 1, 1, 1, 0, 0, 4, 1, 1, 1, 1, 2>, state_offset = array<i64: 0, 3>, state_sizes = array<i64: 0, 0, 0, 0>, state_var = array<i64: 3, 3>, tiles = array<i64: 0, 0>, vertices = array<i64: 0, 0, -1, 0, 0, 0, 1, 0, -1, 10, 0, 2>}
// CHECK: poplar.copy {dst = array<i64: 2, 0, 4>, element_type = #poplar.type<float>, name = "shrink/inputs", src = array<i64: 0, 0, 2, 0, 6, 8>}
module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  poplar.variable 0 "split_in" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 4, 0, 4, 8, 1>}
  poplar.variable 1 "out" {element_type = #poplar.type<float>, shape = array<i64: 2>, mapping = array<i64: 0, 2, 0>}
  poplar.codelet 0 "Sum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in", "out"], field_types = [#poplar.type<float>, #poplar.type<float>], field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>}
  // Vertex 0 reads x[0, 2) on its tile and x[6, 8) on tile 1.
  poplar.compute_set 0 "shrink" {vertices = array<i64: 0, 0, -1, 0, 0, 0, 1, 0, -1, 13, 0, 2>,
      tiles = array<i64: 0, 0>,
      edges = array<i64: 1, 2, 0, 0, 2, 0, 6, 8, 1, 1, 1, 0, 1, 1, 1, 0, 0, 4, 1, 1, 1, 1, 2>,
      state_sizes = array<i64: 0, 0, 0, 0>}
  poplar.program 0 {
    poplar.execute 0 {flag = array<i64>}
  }
}
