// Pieces are aligned for their type, and a variable's neighbouring mapping
// intervals on one tile become one piece.
// RUN: poplar-opt %s -poplar-allocate-tile-memory | FileCheck %s

// CHECK: poplar.tile_bytes_used = array<i64: 40, 8>
module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 4096 : i64} {
  // CHECK: poplar.variable 0 "c" {allocation = array<i64: 0, 3, 0, 0>
  poplar.variable 0 "c" {element_type = #poplar.type<char>, shape = array<i64: 3>, mapping = array<i64: 0, 3, 0>}
  // Halves align to 2.
  // CHECK: poplar.variable 1 "h" {allocation = array<i64: 0, 1, 0, 4>
  poplar.variable 1 "h" {element_type = #poplar.type<half>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 0>}
  // Ints align to 4.
  // CHECK: poplar.variable 2 "i" {allocation = array<i64: 0, 1, 0, 8>
  poplar.variable 2 "i" {element_type = #poplar.type<int>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 0>}
  // 8-byte integers align to 8; [0, 2) and [2, 3) on tile 0 are one piece.
  // CHECK: poplar.variable 3 "l" {allocation = array<i64: 0, 3, 0, 16, 3, 4, 1, 0>
  poplar.variable 3 "l" {element_type = #poplar.type<long_long>, shape = array<i64: 4>, mapping = array<i64: 0, 2, 0, 2, 3, 0, 3, 4, 1>}
}
