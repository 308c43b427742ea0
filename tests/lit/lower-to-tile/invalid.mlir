// Lowering needs a complete allocation and nothing left to lower first.
// RUN: poplar-opt %s -split-input-file -poplar-lower-to-tile -verify-diagnostics

module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 64 : i64} {
  // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: 'v' has no allocation; run poplar-allocate-tile-memory first}}
  poplar.variable 0 "v" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
}

// -----

module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 64 : i64} {
  // expected-error@+1 {{the allocation of 'gap' does not cover its elements once each on existing tiles at element 2; run poplar-allocate-tile-memory to allocate it}}
  poplar.variable 0 "gap" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>, allocation = array<i64: 0, 2, 0, 0, 3, 4, 0, 8>}
}

// -----

module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 64 : i64} {
  // expected-error@+1 {{the allocation of 'short' ends at element 2 of 4}}
  poplar.variable 0 "short" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>, allocation = array<i64: 0, 2, 0, 0>}
}

// -----

module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 64 : i64} {
  // expected-error@+1 {{the initial value of 'k' has 3 bytes, but its 2 elements take 4}}
  poplar.variable 0 "k" {element_type = #poplar.type<short>, shape = array<i64: 2>, mapping = array<i64: 0, 2, 0>, constant, initial_bytes = array<i8: 1, 2, 3>, allocation = array<i64: 0, 2, 0, 0>}
}

// -----

module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 64 : i64} {
  poplar.variable 0 "v" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>, allocation = array<i64: 0, 4, 0, 0>}
  poplar.program 0 {
    // expected-error@+1 {{poplar-lower-to-tile cannot lower 'poplar.copy'; run poplar-lower-copies-to-exchange first}}
    poplar.copy {src = array<i64: 0, 0, 2>, dst = array<i64: 0, 2, 4>, element_type = #poplar.type<float>, name = "c"}
  }
}

// -----

module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 64 : i64} {
  poplar.variable 0 "v" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>, allocation = array<i64: 0, 4, 0, 0>}
  // expected-error@+1 {{elements [2, 6) of 'v' do not exist; run poplar-verify to find the bad tensor}}
  poplar.host_access "v" {is_write = true, element_type = #poplar.type<float>, shape = array<i64: 4>, regions = array<i64: 0, 2, 6>}
}

// -----

module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 64 : i64} {
  poplar.variable 0 "f" {element_type = #poplar.type<float>, shape = array<i64: 2>, mapping = array<i64: 0, 2, 0>, allocation = array<i64: 0, 2, 0, 0>}
  poplar.variable 1 "h" {element_type = #poplar.type<half>, shape = array<i64: 2>, mapping = array<i64: 0, 2, 0>, allocation = array<i64: 0, 2, 0, 8>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<type_error>: exchange 'mixed' moves 4-byte elements from 'f' (4-byte elements) to 'h' (2-byte elements); copy between tensors of the same type}}
    poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 1, 0, 2>, element_bytes = 4, name = "mixed"}
  }
}
