// The tile dialect prints and parses back, and its verifiers keep pieces
// and transfers inside the tile memories.
// RUN: poplar-opt %s -split-input-file -verify-diagnostics | FileCheck %s

module attributes {tile.bytes_per_tile = 64 : i64} {
  // CHECK: tile.exchange {name = "e", transfers = array<i64: 0, 0, 1, 8, 16>}
  tile.exchange {transfers = array<i64: 0, 0, 1, 8, 16>, name = "e"}
  // CHECK: tile.if
  tile.if {
    tile.abort "stop"
  } {
  } {predicate = array<i64: 0, 0, 1>, element_type = "bool"}
}

// -----

module attributes {tile.bytes_per_tile = 64 : i64} {
  // expected-error@+1 {{piece 1 (tile 1, address 56, 16 bytes) is outside the 64-byte tile memory}}
  tile.exchange {transfers = array<i64: 0, 0, 1, 56, 16>, name = "e"}
}

// -----

module attributes {tile.bytes_per_tile = 64 : i64} {
  // expected-error@+1 {{pieces must hold [tile, address, numBytes] triples}}
  tile.variable "v" {element_bytes = 4, pieces = array<i64: 0, 0>}
}
