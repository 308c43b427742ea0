// poplar-verify reports each semantic error with the poplar exception class
// the driver throws, names the variable, stream or function involved and
// says how to fix it.
// RUN: poplar-opt %s -split-input-file -poplar-verify -verify-diagnostics

// expected-error@+1 {{#poplar.error<graph_program_compilation_error>: the module needs integer attributes poplar.num_tiles and poplar.bytes_per_tile or a poplar.target dictionary}}
module {
}

// -----

// expected-error@+1 {{#poplar.error<graph_program_compilation_error>: the module's target is unusable: poplar.target 'target_type' is 'GPU'; it must be IPU, IPU_MODEL or CPU}}
module attributes {poplar.target = {target_type = "GPU", tiles_per_ipu = 2 : i64, bytes_per_tile = 64 : i64}} {
}

// -----

// expected-error@+1 {{#poplar.error<graph_program_compilation_error>: the module's target is unusable: poplar.target has no 'bytes_per_tile' entry}}
module attributes {poplar.target = {arch = "ipu2", tiles_per_ipu = 2 : i64}} {
}

// -----

// expected-error@+1 {{#poplar.error<invalid_machine_model>: unknown IPU architecture 'ipu9'}}
module attributes {poplar.target = {arch = "ipu9", tiles_per_ipu = 2 : i64, bytes_per_tile = 64 : i64}} {
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "a" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}
  // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: variable id 0 is used twice}}
  poplar.variable 0 "b" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: variable id 9 is outside [0, 1); number declarations densely from 0}}
  poplar.variable 9 "a" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.program 0 {
  }
  // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: program 0 is defined twice; number programs 0 to n-1 once each}}
  poplar.program 0 {
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  // expected-error@+1 {{#poplar.error<type_error>: variable 'wide' has element type 'double', which the IPU does not support; use float, half, int or another device type}}
  poplar.variable 0 "wide" {element_type = #poplar.type<double>, shape = array<i64: 4>, mapping = array<i64>}
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  // expected-error@+1 {{#poplar.error<type_error>: stream 'in' has element type 'long', which the IPU does not support}}
  poplar.stream 0 "in" {element_type = #poplar.type<long>, num_elements = 4, to_device = true}
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "a" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: Copy 'c' source refers to variable 7, which the module does not declare}}
    poplar.copy {src = array<i64: 7, 0, 2>, dst = array<i64: 0, 2, 4>, element_type = #poplar.type<float>, name = "c"}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "a" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<index_error>: Copy 'c' destination uses elements [2, 6) of 'a', which has only 4 elements}}
    poplar.copy {src = array<i64: 0, 0, 4>, dst = array<i64: 0, 2, 6>, element_type = #poplar.type<float>, name = "c"}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "f" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}
  // expected-note@+1 {{'h' is made here as half}}
  poplar.variable 1 "h" {element_type = #poplar.type<half>, shape = array<i64: 4>, mapping = array<i64>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<type_error>: Copy 'f2h' destination views 'h' (half, 2 bytes) as float (4 bytes); reinterpret only between types of the same size}}
    poplar.copy {src = array<i64: 0, 0, 4>, dst = array<i64: 1, 0, 4>, element_type = #poplar.type<float>, name = "f2h"}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  // expected-note@+1 {{'k' is made here as a constant}}
  poplar.variable 0 "k" {element_type = #poplar.type<int>, shape = array<i64: 2>, mapping = array<i64>, constant, initial_bytes = array<i8: 1, 0, 0, 0, 2, 0, 0, 0>}
  poplar.variable 1 "v" {element_type = #poplar.type<int>, shape = array<i64: 2>, mapping = array<i64>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<control_program_error>: Copy 'into k' writes to constant 'k'; constants are read-only, so copy into a variable instead}}
    poplar.copy {src = array<i64: 1, 0, 2>, dst = array<i64: 0, 0, 2>, element_type = #poplar.type<int>, name = "into k"}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: stream copy uses stream 0, which the module does not declare}}
    poplar.stream_copy {stream = 0, regions = array<i64: 0, 0, 4>, to_device = true}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 3>, mapping = array<i64>}
  // expected-note@+1 {{stream 'in' is declared here, host to device, 4 elements per copy}}
  poplar.stream 0 "in" {element_type = #poplar.type<float>, num_elements = 4, to_device = true}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<control_program_error>: Copy of stream 'in' moves 3 elements of 'x' but the stream carries 4 per copy; copy a tensor of exactly that many elements}}
    poplar.stream_copy {stream = 0, regions = array<i64: 0, 0, 3>, to_device = true}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}
  // expected-note@+1 {{stream 'out' is declared here, device to host, 4 elements per copy}}
  poplar.stream 0 "out" {element_type = #poplar.type<float>, num_elements = 4, to_device = false}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<control_program_error>: Copy of stream 'out' goes host to device but the stream goes device to host}}
    poplar.stream_copy {stream = 0, regions = array<i64: 0, 0, 4>, to_device = true}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  // expected-note@+1 {{'s' is made here as short}}
  poplar.variable 0 "s" {element_type = #poplar.type<short>, shape = array<i64: 4>, mapping = array<i64>}
  poplar.stream 0 "in" {element_type = #poplar.type<float>, num_elements = 4, to_device = true}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<type_error>: Copy of stream 'in' views 's' (short, 2 bytes) as float (4 bytes)}}
    poplar.stream_copy {stream = 0, regions = array<i64: 0, 0, 4>, to_device = true}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "pred" {element_type = #poplar.type<float>, shape = array<i64>, mapping = array<i64>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<control_program_error>: If predicate 'pred' must be a single element of type bool, char, short, int or unsigned int; it is 1 element of float. Use t.reshape({}) or slice one element, and cast if needed}}
    poplar.if {
    } {
    } {predicate = array<i64: 0, 0, 1>, element_type = #poplar.type<float>}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "flags" {element_type = #poplar.type<bool>, shape = array<i64: 2>, mapping = array<i64>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<control_program_error>: RepeatWhile predicate 'flags' must be a single element of type bool, char, short, int or unsigned int; it is 2 elements of bool}}
    poplar.repeat_while {
    } {
    } {predicate = array<i64: 0, 0, 2>, element_type = #poplar.type<bool>, while_true = true}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "a" {element_type = #poplar.type<int>, shape = array<i64: 2>, mapping = array<i64>}
  poplar.variable 1 "b" {element_type = #poplar.type<int>, shape = array<i64: 2>, mapping = array<i64>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<control_program_error>: AbortOnCondition predicate 'a' and 1 other variable must be a single element}}
    poplar.abort_on_condition "no" {predicate = array<i64: 0, 0, 1, 1, 0, 1>, element_type = #poplar.type<int>}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "sel" {element_type = #poplar.type<bool>, shape = array<i64>, mapping = array<i64>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<control_program_error>: Switch control 'sel' must be a single element of type int or unsigned int; it is 1 element of bool}}
    poplar.switch attributes {control = array<i64: 0, 0, 1>, element_type = #poplar.type<bool>, case_values = array<i32>} {
    }
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<control_program_error>: Call of function 3, which the module does not define; call functions made with Graph::addFunction of this graph}}
    poplar.call 3
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.function 0 {
    // expected-error@+1 {{#poplar.error<graph_recursion_error>: function 0 calls function 0, which is already running in this call chain; Poplar functions may not call themselves, directly or through others. Use Repeat or RepeatWhileTrue instead}}
    poplar.call 0
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.function 0 {
    poplar.call 1
  }
  poplar.function 1 {
    poplar.repeat 2 {
      poplar.call 2
    }
  }
  poplar.function 2 {
    // expected-error@+1 {{#poplar.error<graph_recursion_error>: function 2 calls function 0, which is already running in this call chain}}
    poplar.call 0
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64, poplar.requires_tile_mapping = true} {
  // expected-error@+1 {{#poplar.error<invalid_tile_mapping>: 'weights' has elements [2, 5) with no tile mapping; on IPU hardware every element must be mapped. Call Graph::setTileMapping or poputil::mapTensorLinearly on it}}
  poplar.variable 0 "weights" {element_type = #poplar.type<float>, shape = array<i64: 6>, mapping = array<i64: 0, 2, 1, 5, 6, 0>}
}

// -----

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU", tiles_per_ipu = 2 : i64, bytes_per_tile = 1024 : i64}} {
  // IPU targets require complete mappings unless the dictionary says not.
  // expected-error@+1 {{#poplar.error<invalid_tile_mapping>: variable 0 has elements [0, 4) with no tile mapping}}
  poplar.variable 0 "" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}
  // expected-error@+1 {{#poplar.error<index_error>: host access 'x' uses elements [2, 6) of 'x', which has only 4 elements}}
  poplar.host_access "x" {is_write = true, element_type = #poplar.type<float>, shape = array<i64: 4>, regions = array<i64: 0, 2, 6>}
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  // expected-note@+1 {{'x' is made here as float}}
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<type_error>: PrintTensor 'x as half' views 'x' (float, 4 bytes) as half (2 bytes)}}
    poplar.print_tensor "x as half" {regions = array<i64: 0, 0, 4>, shape = array<i64: 4>, element_type = #poplar.type<half>, summarise_threshold = 1000, edge_items = 3, max_line_width = 75, digits = 8, float_format = #poplar.float_format<Auto>, separator = 32, open_bracket = 91, close_bracket = 93}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: WriteUndef refers to variable 1, which the module does not declare}}
    poplar.write_undef {regions = array<i64: 1, 0, 4>}
  }
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "c" {element_type = #poplar.type<int>, shape = array<i64>, mapping = array<i64>}
  poplar.program 0 {
    // expected-error@+1 {{#poplar.error<index_error>: ErrorProgram uses elements [1, 2) of 'c', which has only 1 elements}}
    poplar.error_program "bad" {regions = array<i64: 0, 1, 2>, shape = array<i64>, element_type = #poplar.type<int>}
  }
}
