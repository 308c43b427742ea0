// Data that does not fit is Poplar's out-of-memory error, naming the tile,
// the bytes over and the largest variables there.
// RUN: poplar-opt %s -poplar-allocate-tile-memory -verify-diagnostics

// expected-error@+1 {{graph_memory_allocation_error: Out of memory: Cannot fit all variable data onto one or more tiles. 1 tile needs more than the 64 bytes a tile has. On tile 1, 80 bytes are needed, 16 over; its largest variables: 'big' 64 bytes, 'small' 16 bytes.}}
module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 64 : i64} {
  poplar.variable 0 "small" {element_type = "float", shape = array<i64: 4>, mapping = array<i64: 0, 4, 1>}
  poplar.variable 1 "big" {element_type = "float", shape = array<i64: 16>, mapping = array<i64: 0, 16, 1>}
}
