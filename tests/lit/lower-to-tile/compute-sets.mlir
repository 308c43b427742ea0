// Compute sets lower to vertex tables with state addresses; each vertex's state
// words (addresses of its edges in its tile's memory) become memory_init ops.
// RUN: poplar-opt %s -poplar-compile | FileCheck %s

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

// CHECK: tile.variable "x" {element_bytes = 4 : i64, pieces = array<i64: 0, 0, 16, 1, 0, 16>}
// CHECK: tile.variable "y" {element_bytes = 4 : i64, lifetime = array<i64: 1, 1>, pieces = array<i64: 0, 56, 4, 1, 28, 4>}
// CHECK: tile.variable "cs/vertex state on tile 0" {category = "vertex state", element_bytes = 4 : i64, pieces = array<i64: 0, 16, 24>}
// CHECK: tile.variable "cs/vertex state on tile 1" {category = "vertex state", element_bytes = 4 : i64, pieces = array<i64: 1, 16, 12>}
// CHECK: tile.variable "cs/vertex inputs on tile 0" {element_bytes = 4 : i64, lifetime = array<i64: 0, 1>, pieces = array<i64: 0, 40, 16>}
// CHECK: tile.variable "cs/vertex outputs on tile 0" {element_bytes = 4 : i64, lifetime = array<i64: 1, 2>, pieces = array<i64: 0, 60, 4>}
// The codelet keeps its fields (kind, direction, bytes, layout) so the
// runtime can check them against the codelet object.
// CHECK: tile.codelet 0 "Sum" {base = #tile.codelet_base<Vertex>, field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>, object = 0 : i64, returns_bool = true}
// [vertex, tile, codelet, state address, cycles], by tile then vertex.
// CHECK: tile.compute_set 0 "cs" {vertices = array<i64: 0, 0, 0, 16, -1, 2, 0, 0, 28, -1, 1, 1, 0, 16, -1>}
// Tile 0: vertex 0 reads x[0, 4) at 0 and writes y[0] at 56; vertex 2 reads
// its staged input at 40 and writes its staged output at 60.
// CHECK: tile.memory_init 0 16 {bytes = array<i8: 0, 0, 0, 0, 4, 0, 0, 0, 56, 0, 0, 0, 40, 0, 0, 0, 4, 0, 0, 0, 60, 0, 0, 0>}
// CHECK: tile.memory_init 1 16 {bytes = array<i8: 0, 0, 0, 0, 4, 0, 0, 0, 28, 0, 0, 0>}
// CHECK: tile.program 0 {
// CHECK-NEXT: tile.exchange {name = "cs/inputs", transfers = array<i64: 0, 8, 0, 40, 8, 1, 0, 0, 48, 8>}
// CHECK-NEXT: tile.execute 0 {flag = array<i64>}
// CHECK-NEXT: tile.exchange {name = "cs/outputs", transfers = array<i64: 0, 60, 1, 28, 4>}
