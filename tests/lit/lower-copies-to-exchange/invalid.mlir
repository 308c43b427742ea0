// Lowering needs complete mappings of existing elements, and says which
// pass provides them.
// RUN: poplar-opt %s -split-input-file -poplar-lower-copies-to-exchange -verify-diagnostics

module attributes {poplar.num_tiles = 4 : i64, poplar.bytes_per_tile = 4096 : i64} {
  poplar.variable 0 "a" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 4, 0>}
  poplar.variable 1 "b" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 1>}
  poplar.program 0 {
    // The first unmapped interval is named, not the whole copy.
    // expected-error@+1 {{#poplar.error<invalid_tile_mapping>: Copy 'c' uses elements [4, 8) of 'a', which have no tile; run poplar-complete-tile-mapping first}}
    poplar.copy {src = array<i64: 0, 0, 8>, dst = array<i64: 1, 0, 8>, element_type = #poplar.type<float>, name = "c"}
  }
}

// -----

module attributes {poplar.num_tiles = 4 : i64, poplar.bytes_per_tile = 4096 : i64} {
  poplar.variable 0 "a" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 0>}
  poplar.variable 1 "b" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 2, 1, 6, 8, 1>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<invalid_tile_mapping>: Copy 'middle' uses elements [2, 6) of 'b', which have no tile}}
    poplar.copy {src = array<i64: 0, 0, 8>, dst = array<i64: 1, 0, 8>, element_type = #poplar.type<float>, name = "middle"}
  }
}

// -----

module attributes {poplar.num_tiles = 4 : i64, poplar.bytes_per_tile = 4096 : i64} {
  poplar.variable 0 "a" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 0>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: Copy 'far' uses elements [6, 10) of 'a', which do not exist; run poplar-verify to find the bad tensor}}
    poplar.copy {src = array<i64: 0, 0, 4>, dst = array<i64: 0, 6, 10>, element_type = #poplar.type<float>, name = "far"}
  }
}
