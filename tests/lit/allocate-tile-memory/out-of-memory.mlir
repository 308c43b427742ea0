// Data that does not fit is Poplar's out-of-memory error, naming each tile,
// the bytes it needs and has, the bytes over and its largest variables; at
// most five tiles are listed.
// RUN: poplar-opt %s -split-input-file -poplar-allocate-tile-memory -verify-diagnostics

// expected-error@+1 {{#poplar.error<graph_memory_allocation_error>: Out of memory: Cannot fit all variable data onto one or more tiles. 1 tile needs more than the 64 bytes a tile has. On tile 1, 80 bytes are needed of 64 (16 over); its largest variables: 'big' 64 bytes, 'small' 16 bytes. Map the variables over more tiles (for example with poputil::mapTensorLinearly) or make them smaller.}}
module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 64 : i64} {
  // expected-note@+1 {{'small' needs 16 bytes on tile 1}}
  poplar.variable 0 "small" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 1>}
  // expected-note@+1 {{'big' needs 64 bytes on tile 1}}
  poplar.variable 1 "big" {element_type = #poplar.type<float>, shape = array<i64: 16>, mapping = array<i64: 0, 16, 1>}
  poplar.variable 2 "fits" {element_type = #poplar.type<float>, shape = array<i64: 16>, mapping = array<i64: 0, 16, 0>}
}

// -----

// expected-error@+1 {{7 tiles need more than the 8 bytes a tile has. On tile 0, 12 bytes are needed of 8 (4 over); its largest variables: 'wide' 12 bytes. On tile 1, 12 bytes are needed of 8 (4 over); its largest variables: 'wide' 12 bytes. On tile 2, 12 bytes are needed of 8 (4 over); its largest variables: 'wide' 12 bytes. On tile 3, 12 bytes are needed of 8 (4 over); its largest variables: 'wide' 12 bytes. On tile 4, 12 bytes are needed of 8 (4 over); its largest variables: 'wide' 12 bytes. And 2 more tiles.}}
module attributes {poplar.num_tiles = 8 : i64, poplar.bytes_per_tile = 8 : i64} {
  // expected-note@+1 {{'wide' needs 12 bytes on tile 0}}
  poplar.variable 0 "wide" {element_type = #poplar.type<int>, shape = array<i64: 21>, mapping = array<i64: 0, 3, 0, 3, 6, 1, 6, 9, 2, 9, 12, 3, 12, 15, 4, 15, 18, 5, 18, 21, 6>}
}
