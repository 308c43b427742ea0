// Lowering keeps host function declarations and turns each call's argument
// regions into pieces, one piece list per argument.
// RUN: poplar-opt %s -poplar-lower-to-tile | FileCheck %s

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64, poplar.tile_bytes_used = array<i64: 16, 12>} {
  poplar.variable 0 "a" {element_type = #poplar.type<float>, shape = array<i64: 6>, mapping = array<i64: 0, 4, 0, 4, 6, 1>, allocation = array<i64: 0, 4, 0, 0, 4, 6, 1, 0>}
  poplar.variable 1 "n" {element_type = #poplar.type<int>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 1>, allocation = array<i64: 0, 1, 1, 8>}
  // CHECK: tile.host_function 0 "f" {input_sizes = array<i64: 6>, input_types = [#tile.type<float>], output_sizes = array<i64: 1>, output_types = [#tile.type<int>]}
  poplar.host_function 0 "f" {input_types = [#poplar.type<float>], input_sizes = array<i64: 6>, output_types = [#poplar.type<int>], output_sizes = array<i64: 1>}
  poplar.program 0 {
    // a spans both tiles: two pieces (6 integers); n is one piece.
    // CHECK: tile.host_call 0 {num_inputs = 1 : i64, piece_counts = array<i64: 6, 3>, pieces = array<i64: 0, 0, 16, 1, 0, 8, 1, 8, 4>}
    poplar.host_call 0 {regions = array<i64: 0, 0, 6, 1, 0, 1>, region_counts = array<i64: 3, 3>, num_inputs = 1}
  }
}
