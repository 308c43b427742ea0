// poplar-verify reports each semantic error with the poplar exception class
// the driver throws, and names the variable or stream involved.
// RUN: poplar-opt %s -split-input-file -poplar-verify -verify-diagnostics

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "a" {element_type = "float", shape = array<i64: 4>, mapping = array<i64>}
  poplar.program 0 {
    // expected-error@+1 {{graph_program_compilation_error: Copy source refers to variable 7, which does not exist}}
    poplar.copy {src = array<i64: 7, 0, 2>, dst = array<i64: 0, 2, 4>, element_type = "float", name = ""}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "a" {element_type = "float", shape = array<i64: 4>, mapping = array<i64>}
  poplar.program 0 {
    // expected-error@+1 {{index_error: Copy destination reads elements [2, 6) of 'a', which has only 4 elements}}
    poplar.copy {src = array<i64: 0, 0, 4>, dst = array<i64: 0, 2, 6>, element_type = "float", name = ""}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "pred" {element_type = "float", shape = array<i64>, mapping = array<i64>}
  poplar.program 0 {
    // expected-error@+1 {{control_program_error: If predicate 'pred' must be a single element of type bool, char, short, int or unsigned int; it is float with 1 elements}}
    poplar.if {
    } {
    } {predicate = array<i64: 0, 0, 1>, element_type = "float"}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "sel" {element_type = "bool", shape = array<i64>, mapping = array<i64>}
  poplar.program 0 {
    // expected-error@+1 {{control_program_error: Switch control 'sel' must be a single element of type int or unsigned int}}
    poplar.switch attributes {control = array<i64: 0, 0, 1>, element_type = "bool", case_values = array<i32>} {
    }
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64, poplar.requires_tile_mapping = true} {
  // expected-error@+1 {{invalid_tile_mapping: 'weights' has elements [2, 4) with no tile mapping; on IPU hardware every element must be mapped}}
  poplar.variable 0 "weights" {element_type = "float", shape = array<i64: 4>, mapping = array<i64: 0, 2, 1>}
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  // expected-error@+1 {{invalid_tile_mapping: 'w' maps elements [0, 4) to tile 9 but the target has only 2 tiles}}
  poplar.variable 0 "w" {element_type = "float", shape = array<i64: 4>, mapping = array<i64: 0, 4, 9>}
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "x" {element_type = "float", shape = array<i64: 3>, mapping = array<i64>}
  poplar.stream 0 "in" {element_type = "float", num_elements = 4, to_device = true}
  poplar.program 0 {
    // expected-error@+1 {{control_program_error: stream copy of 'in' moves 3 elements to the device; the stream carries 4 elements to the device}}
    poplar.stream_copy {stream = 0, regions = array<i64: 0, 0, 3>, to_device = true}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "k" {element_type = "int", shape = array<i64: 2>, mapping = array<i64>, constant, initial_bytes = array<i8: 1, 0, 0, 0, 2, 0, 0, 0>}
  poplar.variable 1 "v" {element_type = "int", shape = array<i64: 2>, mapping = array<i64>}
  poplar.program 0 {
    // expected-error@+1 {{control_program_error: Copy writes to constant 'k'}}
    poplar.copy {src = array<i64: 1, 0, 2>, dst = array<i64: 0, 0, 2>, element_type = "int", name = ""}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.program 0 {
    // expected-error@+1 {{control_program_error: Call of function 3, which does not exist}}
    poplar.call 3
  }
}

// -----

// expected-error@+1 {{graph_program_compilation_error: the module needs integer attributes poplar.num_tiles and poplar.bytes_per_tile}}
module {
}
