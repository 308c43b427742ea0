// The tile verifiers keep every byte inside the tile memories, make tensors'
// pieces hold exactly their elements, and check what spans ops.
// RUN: poplar-opt %s -split-input-file -verify-diagnostics

tile.executable attributes {num_tiles = 2, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  tile.program 0 {
    // expected-error@+1 {{transfer destination 0 (tile 1, address 56, 16 bytes) is outside the 64-byte tile memory}}
    tile.exchange {transfers = array<i64: 0, 0, 1, 56, 16>, name = "e"}
  }
}

// -----

tile.executable attributes {num_tiles = 2, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  // expected-error@+1 {{piece 1 is on tile 2, but the executable has 2 tiles}}
  tile.variable "v" {element_bytes = 4, pieces = array<i64: 0, 0, 4, 2, 0, 4>}
}

// -----

tile.executable attributes {num_tiles = 2, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  // expected-error@+1 {{pieces must hold [tile, address, numBytes] triples}}
  tile.variable "v" {element_bytes = 4, pieces = array<i64: 0, 0>}
}

// -----

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  // expected-error@+1 {{pieces hold 6 bytes, not a whole number of 4-byte elements}}
  tile.variable "v" {element_bytes = 4, pieces = array<i64: 0, 0, 6>}
}

// -----

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  // expected-error@+1 {{pieces hold 12 bytes, but 4 float elements need 16}}
  tile.host_access "h" {is_write = false, element_type = #tile.type<float>, shape = array<i64: 2, 2>, pieces = array<i64: 0, 0, 12>}
}

// -----

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  // expected-error@+1 {{memory image 0 (tile 0, address 62, 4 bytes) is outside the 64-byte tile memory}}
  tile.memory_init 0 62 {bytes = array<i8: 1, 2, 3, 4>}
}

// -----

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  tile.program 0 {
    // A predicate is one element: 4 bytes of int.
    // expected-error@+1 {{pieces hold 8 bytes, but 1 int elements need 4}}
    tile.if {
    } {
    } {predicate = array<i64: 0, 0, 8>, element_type = #tile.type<int>}
  }
}

// -----

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  tile.program 0 {
    // expected-error@+1 {{has 2 case values but 1 case regions}}
    tile.switch attributes {control = array<i64: 0, 0, 4>, element_type = #tile.type<int>, case_values = array<i32: 1, 2>} {
    } {
    }
  }
}

// -----

// expected-error@+1 {{tile_bytes_used has 1 entries for 2 tiles}}
tile.executable attributes {num_tiles = 2, bytes_per_tile = 64, tile_bytes_used = array<i64: 8>} {
}

// -----

// expected-error@+1 {{tile 0 uses 80 bytes of its 64}}
tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 80>} {
}

// -----

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  tile.program 0 {
  }
  // expected-error@+1 {{program 0 is defined twice}}
  tile.program 0 {
  }
}

// -----

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  tile.program 0 {
    tile.repeat 2 {
      // expected-error@+1 {{calls function 3, which the executable does not define}}
      tile.call 3
    }
  }
}

// -----

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  tile.stream 0 "in" {element_type = #tile.type<float>, num_elements = 2, to_device = true}
  tile.program 0 {
    // expected-error@+1 {{does not match stream 'in': it moves 4 bytes to the device; the stream feeds 8 bytes per copy}}
    tile.stream_copy {stream = 0, pieces = array<i64: 0, 0, 4>, to_device = true}
  }
}

// -----

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  tile.program 0 {
    // expected-error@+1 {{uses stream 1, which the executable does not define}}
    tile.stream_copy {stream = 1, pieces = array<i64: 0, 0, 4>, to_device = false}
  }
}

// -----

// Declarations live in a tile.executable.
// expected-error@+1 {{expects parent op 'tile.executable'}}
tile.variable "v" {element_bytes = 4, pieces = array<i64: 0, 0, 4>}
