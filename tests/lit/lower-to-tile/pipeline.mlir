// The whole pipeline, as compileGraph runs it: a partly mapped graph becomes
// a tile executable. y takes x's tile by following the copy; the two copies
// merge into one superstep of on-tile copies.
// RUN: poplar-opt %s -poplar-compile | FileCheck %s

// CHECK: tile.executable attributes {bytes_per_tile = 1024 : i64, num_tiles = 2 : i64, tile_bytes_used = array<i64: 16, 16>} {
module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64, poplar.requires_tile_mapping = false} {
  // CHECK-NEXT: tile.variable "x" {element_bytes = 4 : i64, pieces = array<i64: 0, 0, 8, 1, 0, 8>}
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 2, 0, 2, 4, 1>}
  // CHECK-NEXT: tile.variable "y" {element_bytes = 4 : i64, pieces = array<i64: 0, 8, 8, 1, 8, 8>}
  poplar.variable 1 "y" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}
  poplar.host_access "y" {is_write = false, element_type = #poplar.type<float>, shape = array<i64: 4>, regions = array<i64: 1, 0, 4>}
  // CHECK: tile.program 0 {
  // CHECK-NEXT: tile.exchange {name = "x->y low", transfers = array<i64: 0, 0, 0, 8, 8, 1, 0, 1, 8, 8>}
  // CHECK-NEXT: }
  poplar.program 0 {
    poplar.copy {src = array<i64: 0, 0, 2>, dst = array<i64: 1, 0, 2>, element_type = #poplar.type<float>, name = "x->y low"}
    poplar.copy {src = array<i64: 0, 2, 4>, dst = array<i64: 1, 2, 4>, element_type = #poplar.type<float>, name = "x->y high"}
  }
}
