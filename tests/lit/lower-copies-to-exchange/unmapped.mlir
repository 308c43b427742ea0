// Lowering needs complete mappings and says which pass provides them.
// RUN: poplar-opt %s -poplar-lower-copies-to-exchange -verify-diagnostics

module attributes {poplar.num_tiles = 4 : i64, poplar.bytes_per_tile = 4096 : i64} {
  poplar.variable 0 "a" {element_type = "float", shape = array<i64: 8>, mapping = array<i64: 0, 4, 0>}
  poplar.variable 1 "b" {element_type = "float", shape = array<i64: 8>, mapping = array<i64: 0, 8, 1>}
  poplar.program 0 {
    // expected-error@+1 {{invalid_tile_mapping: Copy 'c' uses elements [0, 8) of 'a', which have no tile; run poplar-complete-tile-mapping first}}
    poplar.copy {src = array<i64: 0, 0, 8>, dst = array<i64: 1, 0, 8>, element_type = "float", name = "c"}
  }
}
