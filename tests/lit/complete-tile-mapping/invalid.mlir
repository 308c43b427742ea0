// Mapping completion needs a target and copies of existing elements.
// RUN: poplar-opt %s -split-input-file -poplar-complete-tile-mapping -verify-diagnostics

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 4096 : i64} {
  poplar.variable 0 "a" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 1>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: Copy 'c' uses elements [0, 4) of variable 3, which do not exist; run poplar-verify to find the bad tensor}}
    poplar.copy {src = array<i64: 0, 0, 4>, dst = array<i64: 3, 0, 4>, element_type = #poplar.type<float>, name = "c"}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 4096 : i64} {
  poplar.variable 0 "a" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: Copy 'tail' uses elements [2, 6) of 'a', which do not exist}}
    poplar.copy {src = array<i64: 0, 0, 4>, dst = array<i64: 0, 2, 6>, element_type = #poplar.type<float>, name = "tail"}
  }
}

// -----

// expected-error@+1 {{#poplar.error<graph_program_compilation_error>: the module needs integer attributes poplar.num_tiles and poplar.bytes_per_tile or a poplar.target dictionary}}
module {
  poplar.variable 0 "a" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}
}
