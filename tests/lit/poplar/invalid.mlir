// Op verifiers reject malformed region lists, shapes, mappings, transfers
// and control ops, each with a message naming what is wrong.
// RUN: poplar-opt %s -split-input-file -verify-diagnostics

// expected-error@+1 {{mapping of 'x': interval [2, 8) on tile 0 goes beyond the 4 elements}}
poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 2, 8, 0>}

// -----

// expected-error@+1 {{mapping of 'x': interval [1, 3) on tile 1 starts before the previous interval ends at 2; intervals must be sorted and disjoint}}
poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 2, 0, 1, 3, 1>}

// -----

// expected-error@+1 {{mapping of 'x': interval [2, 2) on tile 0 is empty}}
poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 2, 2, 0>}

// -----

// expected-error@+1 {{mapping of 'x': interval [0, 4) on tile -3 names a negative tile}}
poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, -3>}

// -----

// expected-error@+1 {{mapping of variable 0 has 4 integers; it must hold [begin, end, tile] triples}}
poplar.variable 0 "" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0, 1>}

// -----

module attributes {poplar.target = {tiles_per_ipu = 2 : i64, num_ipus = 2 : i64, bytes_per_tile = 1024 : i64}} {
  // Tiles of all IPUs count: 4 here. The error is typed for the driver.
  // expected-error@+1 {{#poplar.error<invalid_tile_mapping>: 'w' maps elements [2, 4) to tile 4, but the target has 4 tiles; map it to tiles 0 to 3}}
  poplar.variable 0 "w" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 2, 3, 2, 4, 4>}
}

// -----

// expected-error@+1 {{shape {2, -1} has a negative dimension}}
poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 2, -1>, mapping = array<i64>}

// -----

// expected-error@+1 {{id is -1; it must be >= 0}}
poplar.variable -1 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}

// -----

// expected-error@+1 {{initial_bytes of 'k' must not be empty when present}}
poplar.variable 0 "k" {element_type = #poplar.type<int>, shape = array<i64: 1>, mapping = array<i64>, initial_bytes = array<i8>}

// -----

// expected-error@+1 {{allocation of 'x' must hold [begin, end, tile, address] quadruples}}
poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>, allocation = array<i64: 0, 4, 0>}

// -----

// expected-error@+1 {{allocation of 'x': [2, 6) on tile 0 at address 16 is empty, negative or beyond the 4 elements}}
poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>, allocation = array<i64: 0, 2, 0, 0, 2, 6, 0, 16>}

// -----

// expected-error@+1 {{num_elements is -4; it must be >= 0}}
poplar.stream 0 "in" {element_type = #poplar.type<float>, num_elements = -4, to_device = true}

// -----

// expected-error@+1 {{regions hold 3 elements but the shape {2, 2} has 4}}
poplar.host_access "h" {is_write = true, element_type = #poplar.type<float>, shape = array<i64: 2, 2>, regions = array<i64: 0, 0, 3>}

// -----

// expected-error@+1 {{regions triple 0 [0, 3, 1] is not a valid range}}
poplar.host_access "h" {is_write = false, element_type = #poplar.type<float>, shape = array<i64>, regions = array<i64: 0, 3, 1>}

// -----

// expected-error@+1 {{program index is -2; it must be >= 0}}
poplar.program -2 {
}

// -----

poplar.program 0 {
  // expected-error@+1 {{expects parent op 'builtin.module'}}
  poplar.variable 0 "nested" {element_type = #poplar.type<float>, shape = array<i64: 1>, mapping = array<i64>}
}

// -----

// expected-error@+1 {{expects parent op to be one of 'poplar.program, poplar.function, poplar.repeat, poplar.loop, poplar.repeat_while, poplar.if, poplar.switch'}}
poplar.sync INTERNAL

// -----

// expected-error@+1 {{region #0 ('body') failed to verify constraint: region of at most one block}}
poplar.program 0 {
  poplar.sync INTERNAL
^second:
  poplar.sync INTERNAL
}

// -----

poplar.program 0 {
  // expected-error@+1 {{#poplar.error<control_program_error>: Copy 'c2' has 2 source elements but 3 destination elements; copy between tensors with the same number of elements}}
  poplar.copy {src = array<i64: 0, 0, 2>, dst = array<i64: 0, 0, 3>, element_type = #poplar.type<float>, name = "c2"}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{src has 4 integers; it must hold [var, begin, end] triples}}
  poplar.copy {src = array<i64: 0, 0, 2, 1>, dst = array<i64: 0, 0, 3>, element_type = #poplar.type<float>, name = ""}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{transfers must hold [srcTile, srcVar, srcBegin, dstTile, dstVar, dstBegin, count] septuples; it has 6 integers}}
  poplar.exchange {transfers = array<i64: 0, 0, 0, 1, 0, 2>, element_bytes = 4, name = "x"}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{element_bytes must be positive}}
  poplar.exchange {transfers = array<i64>, element_bytes = 0, name = "x"}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{transfer 1 [0, 0, 2, 1, 0, 4, 0] needs non-negative fields, a positive count and tiles below the target's number of tiles}}
  poplar.exchange {transfers = array<i64: 0, 0, 0, 1, 0, 2, 2, 0, 0, 2, 1, 0, 4, 0>, element_bytes = 4, name = "x"}
}

// -----

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 64 : i64} {
  poplar.program 0 {
    // expected-error@+1 {{transfer 0 [0, 0, 0, 2, 0, 2, 2] needs non-negative fields, a positive count and tiles below the target's 2 tiles}}
    poplar.exchange {transfers = array<i64: 0, 0, 0, 2, 0, 2, 2>, element_bytes = 4, name = "x"}
  }
}

// -----

// expected-error@+1 {{num_elements and repeats must be positive}}
poplar.remote_buffer 0 "cache" {element_type = #poplar.type<float>, num_elements = 2, repeats = 0}

// -----

poplar.program 0 {
  // expected-error@+1 {{buffer is -1; it must be >= 0}}
  poplar.remote_buffer_copy {buffer = -1, regions = array<i64: 0, 0, 2>, offset = array<i64>, to_device = false}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{offset has 2 integers; it must hold [var, begin, end] triples}}
  poplar.remote_buffer_copy {buffer = 0, regions = array<i64: 0, 0, 2>, offset = array<i64: 1, 0>, to_device = true}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{stream is -1; it must be >= 0}}
  poplar.stream_copy {stream = -1, regions = array<i64: 0, 0, 4>, to_device = true}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{regions has 2 integers; it must hold [var, begin, end] triples}}
  poplar.write_undef {regions = array<i64: 0, 4>}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{regions hold 4 elements but the shape {2} has 2}}
  poplar.print_tensor "p" {regions = array<i64: 0, 0, 4>, shape = array<i64: 2>, element_type = #poplar.type<float>, summarise_threshold = 1000, edge_items = 3, max_line_width = 75, digits = 8, float_format = #poplar.float_format<Auto>, separator = 32, open_bracket = 91, close_bracket = 93}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{count is -1; it must be >= 0}}
  poplar.repeat -1 {
  }
}

// -----

poplar.program 0 {
  // expected-error@+1 {{predicate has 1 integers; it must hold [var, begin, end] triples}}
  poplar.if {
  } {
  } {predicate = array<i64: 0>, element_type = #poplar.type<bool>}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{predicate triple 0 [0, 2, 1] is not a valid range}}
  poplar.repeat_while {
  } {
  } {predicate = array<i64: 0, 2, 1>, element_type = #poplar.type<int>, while_true = true}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{predicate has 2 integers}}
  poplar.abort_on_condition "x" {predicate = array<i64: 0, 1>, element_type = #poplar.type<int>}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{has 2 case values but 1 case regions}}
  poplar.switch attributes {control = array<i64: 0, 0, 1>, element_type = #poplar.type<int>, case_values = array<i32: 1, 2>} {
  } {
  }
}

// -----

poplar.program 0 {
  // expected-error@+1 {{case value 7 appears twice; case values must be unique}}
  poplar.switch attributes {control = array<i64: 0, 0, 1>, element_type = #poplar.type<int>, case_values = array<i32: 7, 7>} {
  } {
  }, {
  }
}

// -----

poplar.program 0 {
  // expected-error@+1 {{function is -1; it must be >= 0}}
  poplar.call -1
}

// -----

poplar.program 0 {
  // expected-error@+1 {{regions hold 1 elements but the shape {3} has 3}}
  poplar.error_program "e" {regions = array<i64: 0, 0, 1>, shape = array<i64: 3>, element_type = #poplar.type<int>}
}
