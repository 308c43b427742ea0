// min_align raises a variable's alignment above its type's (vertex fields with
// a MinAlign ask for it); a min_align that is not a power of two is refused.
// RUN: poplar-opt %s -split-input-file -poplar-allocate-tile-memory -verify-diagnostics | FileCheck %s

// CHECK: poplar.tile_bytes_used = array<i64: 40>
module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 256 : i64} {
  poplar.variable 0 "c" {element_type = #poplar.type<char>, shape = array<i64: 3>, mapping = array<i64: 0, 3, 0>}
  // CHECK: poplar.variable 1 "f" {allocation = array<i64: 0, 2, 0, 32>
  poplar.variable 1 "f" {element_type = #poplar.type<float>, shape = array<i64: 2>, mapping = array<i64: 0, 2, 0>, min_align = 32 : i64}
}

// -----

module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 256 : i64} {
  // expected-error@+1 {{'poplar.variable' op min_align of 'f' must be a power of two, not 12}}
  poplar.variable 0 "f" {element_type = #poplar.type<float>, shape = array<i64: 2>, mapping = array<i64: 0, 2, 0>, min_align = 12 : i64}
}
