// poplar-verify checks host function calls against the declared arguments:
// the function exists, one tensor per argument, of its element type and
// count, and outputs are not constants.
// RUN: poplar-opt %s -split-input-file -poplar-verify -verify-diagnostics

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.host_function 0 "reduce" {input_types = [#poplar.type<float>], input_sizes = array<i64: 4>, output_types = [#poplar.type<float>], output_sizes = array<i64: 1>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<control_program_error>: Call of host function 3, which the module does not declare}}
    poplar.host_call 3 {regions = array<i64>, region_counts = array<i64>, num_inputs = 0}
  }
}

// -----

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.host_function 0 "reduce" {input_types = [#poplar.type<float>], input_sizes = array<i64: 4>, output_types = [#poplar.type<float>], output_sizes = array<i64: 1>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<control_program_error>: Call of host function 'reduce' passes 1 input(s) and 0 output(s) but the function declares 1 and 1}}
    poplar.host_call 0 {regions = array<i64: 0, 0, 4>, region_counts = array<i64: 3>, num_inputs = 1}
  }
}

// -----

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.host_function 0 "reduce" {input_types = [#poplar.type<float>], input_sizes = array<i64: 4>, output_types = [#poplar.type<float>], output_sizes = array<i64: 1>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<control_program_error>: Call of host function 'reduce' input 0 has 3 elements of 'x' but the function expects 4 float}}
    poplar.host_call 0 {regions = array<i64: 0, 0, 3, 0, 3, 4>, region_counts = array<i64: 3, 3>, num_inputs = 1}
  }
}

// -----

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.variable 1 "k" {element_type = #poplar.type<float>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 0>, constant, initial_bytes = array<i8: 0, 0, 0, 0>}
  poplar.host_function 0 "reduce" {input_types = [#poplar.type<float>], input_sizes = array<i64: 4>, output_types = [#poplar.type<float>], output_sizes = array<i64: 1>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<control_program_error>: Call of host function 'reduce' output 0 writes to constant 'k'}}
    poplar.host_call 0 {regions = array<i64: 0, 0, 4, 1, 0, 1>, region_counts = array<i64: 3, 3>, num_inputs = 1}
  }
}

// -----

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  // expected-error@+1 {{#poplar.error<type_error>: host function 'd' has element type 'double'}}
  poplar.host_function 0 "d" {input_types = [#poplar.type<double>], input_sizes = array<i64: 1>, output_types = [], output_sizes = array<i64>}
}
