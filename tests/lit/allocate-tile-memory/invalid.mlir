// Memory is only allocated for complete mappings on existing tiles.
// RUN: poplar-opt %s -split-input-file -poplar-allocate-tile-memory -verify-diagnostics

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 64 : i64} {
  // expected-error@+1 {{#poplar.error<invalid_tile_mapping>: 'half done' is not completely mapped (2 of 4 elements have a tile); run poplar-complete-tile-mapping before allocating memory}}
  poplar.variable 0 "half done" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 2, 1>}
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 64 : i64} {
  // expected-error@+1 {{#poplar.error<invalid_tile_mapping>: 'far' maps elements [2, 4) to tile 5, but the target has 2 tiles; map it to tiles 0 to 1}}
  poplar.variable 0 "far" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 2, 1, 2, 4, 5>}
}

// -----

// expected-error@+1 {{#poplar.error<graph_program_compilation_error>: the module needs integer attributes poplar.num_tiles and poplar.bytes_per_tile}}
module {
  poplar.variable 0 "v" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
}
