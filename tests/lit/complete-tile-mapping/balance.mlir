// What no copy connects is cut into chunks of whole vector grains, at least
// 128 bytes and about an even share of the tiles, each given to the tile
// holding the fewest bytes so far (the lowest tile number on ties).
// RUN: poplar-opt %s -split-input-file -poplar-complete-tile-mapping | FileCheck %s

// Before balancing, tile 0 holds 64 bytes ("user") and tile 2 holds 8
// ("part"); tiles 1 and 3 are empty.
module attributes {poplar.num_tiles = 4 : i64, poplar.bytes_per_tile = 4096 : i64} {
  // CHECK: poplar.variable 0 "user" {{.*}}mapping = array<i64: 0, 16, 0>
  poplar.variable 0 "user" {element_type = #poplar.type<float>, shape = array<i64: 16>, mapping = array<i64: 0, 16, 0>}
  // 1000 floats in chunks of 250 (a quarter): to tiles 1, 3, 2, 0 in order
  // of load.
  // CHECK: poplar.variable 1 "big" {{.*}}mapping = array<i64: 0, 250, 1, 250, 500, 3, 500, 750, 2, 750, 1000, 0>
  poplar.variable 1 "big" {element_type = #poplar.type<float>, shape = array<i64: 1000>, mapping = array<i64>}
  // 100 halves: a quarter is 25, below the 64-element (128-byte) minimum.
  // CHECK: poplar.variable 2 "h" {{.*}}mapping = array<i64: 0, 64, 1, 64, 100, 3>
  poplar.variable 2 "h" {element_type = #poplar.type<half>, shape = array<i64: 100>, mapping = array<i64>}
  // A small variable stays whole on the least-loaded tile.
  // CHECK: poplar.variable 3 "odd" {{.*}}mapping = array<i64: 0, 5, 2>
  poplar.variable 3 "odd" {element_type = #poplar.type<float>, shape = array<i64: 5>, mapping = array<i64>}
  // CHECK: poplar.variable 4 "flags" {{.*}}mapping = array<i64: 0, 10, 2>
  poplar.variable 4 "flags" {element_type = #poplar.type<bool>, shape = array<i64: 10>, mapping = array<i64>}
  // Both gaps go to tile 2, next to the user's interval, and merge with it.
  // CHECK: poplar.variable 5 "part" {{.*}}mapping = array<i64: 0, 8, 2>
  poplar.variable 5 "part" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 2, 4, 2>}
}

// -----

// Chunks are whole grains: 302 halves over 2 tiles is 151 each, rounded up
// to 152 (grain 4 for half).
module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 4096 : i64} {
  // CHECK: poplar.variable 0 "v" {{.*}}mapping = array<i64: 0, 152, 0, 152, 302, 1>
  poplar.variable 0 "v" {element_type = #poplar.type<half>, shape = array<i64: 302>, mapping = array<i64>}
}
