// Vertices the user left unmapped go where most of their data is; data left
// unmapped goes to the tile of the vertex that uses it.
// RUN: poplar-opt %s -poplar-complete-tile-mapping | FileCheck %s

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 2, 1, 2, 8, 2>}
  poplar.variable 1 "y" {element_type = #poplar.type<float>, shape = array<i64: 2>, mapping = array<i64>}
  poplar.variable 2 "w" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}
  poplar.codelet 0 "Sum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in", "out"], field_types = [#poplar.type<float>, #poplar.type<float>], field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>}
  poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0, 0, 1, 0, -1, 10, 0, 2>,
      tiles = array<i64: -1, 3>,
      edges = array<i64: 1, 1, 0, 0, 8, 1, 1, 1, 0, 1, 1, 1, 2, 0, 4, 1, 1, 1, 1, 2>,
      state_sizes = array<i64: 0, 0, 0, 0>}
  poplar.program 0 {
    poplar.execute 0 {flag = array<i64>}
  }
}

// y[0] follows vertex 0 (on tile 2, which holds 6 of x's 8 elements); y[1]
// and w follow vertex 1 on tile 3.
// CHECK: poplar.variable 1 "y" {element_type = #poplar.type<float>, mapping = array<i64: 0, 1, 2, 1, 2, 3>, shape = array<i64: 2>}
// CHECK: poplar.variable 2 "w" {element_type = #poplar.type<float>, mapping = array<i64: 0, 4, 3>, shape = array<i64: 4>}
// CHECK: poplar.compute_set 0 "cs" {edges = array<i64: 1, 1, 0, 0, 8, 1, 1, 1, 0, 1, 1, 1, 2, 0, 4, 1, 1, 1, 1, 2>, state_sizes = array<i64: 0, 0, 0, 0>, tiles = array<i64: 2, 3>, vertices = array<i64: 0, 0, -1, 0, 0, 0, 1, 0, -1, 10, 0, 2>}
