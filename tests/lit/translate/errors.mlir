// What codegen cannot emit is an error on the op concerned, starting with
// the poplar exception class the driver would throw.
// RUN: poplar-translate --tile-to-executable %s -split-input-file -verify-diagnostics

// A module with neither a target nor an executable to take it from.
// expected-error@+1 {{#poplar.error<graph_program_compilation_error>: the module needs integer attributes poplar.num_tiles and poplar.bytes_per_tile or a poplar.target dictionary}}
module {
}

// -----

// expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codegen: the module must hold exactly one tile.executable}}
module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 64 : i64} {
}

// -----

// expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codegen: the module must hold exactly one tile.executable}}
module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 64 : i64} {
  tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 0>} {
  }
  tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 0>} {
  }
}

// -----

module attributes {poplar.num_tiles = 4 : i64, poplar.bytes_per_tile = 64 : i64} {
  // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codegen: the tile.executable is for 2 tiles of 64 bytes, but the target has 4 tiles of 64 bytes}}
  tile.executable attributes {num_tiles = 2, bytes_per_tile = 64, tile_bytes_used = array<i64: 0, 0>} {
  }
}

// -----

// expected-error@+1 {{#poplar.error<graph_program_compilation_error>: the module's target is unusable: poplar.target 'target_type' is 'GPU'; it must be IPU, IPU_MODEL or CPU}}
module attributes {poplar.target = {target_type = "GPU", tiles_per_ipu = 2 : i64, bytes_per_tile = 64 : i64}} {
  tile.executable attributes {num_tiles = 2, bytes_per_tile = 64, tile_bytes_used = array<i64: 0, 0>} {
  }
}

// -----

// Without --codelet-archive there are no native objects.
tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 0>} {
  // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codegen: cannot emit 'tile.codelet': codelet 'V' names native object 0 but the graph has 0}}
  tile.codelet 0 "V" {base = #tile.codelet_base<Vertex>, object = 0, returns_bool = true}
}

// -----

// expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codegen: the tile.executable's programs are not numbered 0 to 1}}
module {
  tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 0>} {
    tile.program 0 {
    }
    tile.program 2 {
    }
  }
}

// -----

// expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codegen: the tile.executable's streams are not numbered 0 to 0}}
module {
  tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 0>} {
    tile.stream 1 "in" {element_type = #tile.type<float>, num_elements = 1, to_device = true}
  }
}

// -----

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 0>} {
  tile.program 0 {
    // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codegen: cannot emit 'tile.remote_buffer_copy': it uses remote buffer 0, which the executable does not define}}
    tile.remote_buffer_copy {buffer = 0, pieces = array<i64: 0, 0, 8>, offset = array<i64>, to_device = true}
  }
}

// -----

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 0>} {
  tile.program 0 {
    // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codegen: cannot emit 'tile.host_call': it calls host function 0, which the executable does not define}}
    tile.host_call 0 {pieces = array<i64: 0, 0, 4>, piece_counts = array<i64: 3>, num_inputs = 1}
  }
}

// -----

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 0>} {
  tile.host_function 0 "f" {input_types = [#tile.type<float>], input_sizes = array<i64: 1>, output_types = [], output_sizes = array<i64>}
  tile.program 0 {
    // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codegen: cannot emit 'tile.host_call': its arguments do not match host function 'f'}}
    tile.host_call 0 {pieces = array<i64: 0, 0, 4, 0, 4, 4>, piece_counts = array<i64: 3, 3>, num_inputs = 2}
  }
}

// -----

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 0>} {
  tile.remote_buffer 0 "a" {element_type = #tile.type<float>, num_elements = 1, repeats = 1}
  // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codegen: cannot emit 'tile.remote_buffer': remote buffer 0 is defined twice}}
  tile.remote_buffer 0 "b" {element_type = #tile.type<float>, num_elements = 1, repeats = 1}
}

// -----

// expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codegen: the tile.executable's remote buffers are not numbered 0 to 0}}
module {
  tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 0>} {
    tile.remote_buffer 3 "a" {element_type = #tile.type<float>, num_elements = 1, repeats = 1}
  }
}

// -----

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 0>} {
  tile.host_function 0 "f" {input_types = [], input_sizes = array<i64>, output_types = [], output_sizes = array<i64>}
  // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codegen: cannot emit 'tile.host_function': host function 0 is defined twice}}
  tile.host_function 0 "g" {input_types = [], input_sizes = array<i64>, output_types = [], output_sizes = array<i64>}
}

// -----

// expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codegen: the tile.executable's host functions are not numbered 0 to 0}}
module {
  tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 0>} {
    tile.host_function 1 "f" {input_types = [], input_sizes = array<i64>, output_types = [], output_sizes = array<i64>}
  }
}

// -----

// expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codegen: the tile.executable's functions are not numbered 0 to 0}}
module {
  tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 0>} {
    tile.function 1 {
    }
  }
}

// -----

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 4>} {
  tile.compute_set 0 "cs" {vertices = array<i64>}
  tile.program 0 {
    // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codegen: cannot emit 'tile.execute': it has a flag but no flag_type}}
    tile.execute 0 {flag = array<i64: 0, 0, 1>}
  }
}
