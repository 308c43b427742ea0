// A vertex none of whose data is mapped goes, with its data, to the tile
// with the fewest bytes (the first of them); a mapped vertex in another
// compute set keeps its tile.
// RUN: poplar-opt %s -poplar-complete-tile-mapping | FileCheck %s

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}
  poplar.variable 1 "y" {element_type = #poplar.type<float>, shape = array<i64: 1>, mapping = array<i64>}
  poplar.variable 2 "busy" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 4, 0, 4, 8, 1>}
  poplar.codelet 0 "Sum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in", "out"], field_types = [#poplar.type<float>, #poplar.type<float>], field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>}
  poplar.compute_set 0 "mapped" {vertices = array<i64: 0, 0, -1, 0, 0, 0>,
      tiles = array<i64: 1>,
      edges = array<i64: 1, 1, 2, 4, 8, 1, 1, 2, 4, 5>,
      state_sizes = array<i64: 0, 0>}
  poplar.compute_set 1 "unmapped" {vertices = array<i64: 1, 0, -1, 0, 0, 0>,
      tiles = array<i64: -1>,
      edges = array<i64: 1, 1, 0, 0, 4, 1, 1, 1, 0, 1>,
      state_sizes = array<i64: 0, 0>}
  poplar.program 0 {
    poplar.execute 0 {flag = array<i64>}
    poplar.execute 1 {flag = array<i64>}
  }
}

// Tiles 0 and 1 hold 16 bytes of busy each; x and y go to tile 2.
// CHECK: poplar.variable 0 "x" {element_type = #poplar.type<float>, mapping = array<i64: 0, 4, 2>, shape = array<i64: 4>}
// CHECK: poplar.variable 1 "y" {element_type = #poplar.type<float>, mapping = array<i64: 0, 1, 2>, shape = array<i64: 1>}
// CHECK: poplar.compute_set 0 "mapped" {{{.*}}tiles = array<i64: 1>,
// CHECK: poplar.compute_set 1 "unmapped" {{{.*}}tiles = array<i64: 2>,
