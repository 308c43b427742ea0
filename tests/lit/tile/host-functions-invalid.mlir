// Tile op verifiers reject malformed host functions and host calls.
// RUN: poplar-opt %s -split-input-file -verify-diagnostics

tile.executable attributes {num_tiles = 2, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  // expected-error@+1 {{argument sizes must be positive, not -2}}
  tile.host_function 0 "f" {input_types = [#tile.type<float>], input_sizes = array<i64: -2>, output_types = [], output_sizes = array<i64>}
}

// -----

tile.executable attributes {num_tiles = 2, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  tile.program 0 {
    // expected-error@+1 {{piece 0 is on tile 5, but the executable has 2 tiles}}
    tile.host_call 0 {pieces = array<i64: 5, 0, 4>, piece_counts = array<i64: 3>, num_inputs = 1}
  }
}

// -----

tile.executable attributes {num_tiles = 2, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  tile.program 0 {
    // expected-error@+1 {{num_inputs is 3 but there are 1 arguments}}
    tile.host_call 0 {pieces = array<i64: 0, 0, 4>, piece_counts = array<i64: 3>, num_inputs = 3}
  }
}
