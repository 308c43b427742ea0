// Copies become exchanges cut at every tile boundary on either side;
// transfers within a tile stay on-tile copies.
// RUN: poplar-opt %s -poplar-lower-copies-to-exchange | FileCheck %s

module attributes {poplar.num_tiles = 4 : i64, poplar.bytes_per_tile = 4096 : i64} {
  poplar.variable 0 "a" {element_type = "float", shape = array<i64: 8>, mapping = array<i64: 0, 8, 0>}
  poplar.variable 1 "b" {element_type = "float", shape = array<i64: 8>, mapping = array<i64: 0, 3, 0, 3, 8, 2>}
  poplar.program 0 {
    // [srcTile, srcVar, srcBegin, dstTile, dstVar, dstBegin, count]
    // CHECK: poplar.exchange {element_bytes = 4 : i64, name = "ab", transfers = array<i64: 0, 0, 0, 0, 1, 0, 3, 0, 0, 3, 2, 1, 3, 5>}
    poplar.copy {src = array<i64: 0, 0, 8>, dst = array<i64: 1, 0, 8>, element_type = "float", name = "ab"}
    // A reversed view: one transfer per element run.
    // CHECK: poplar.exchange {element_bytes = 4 : i64, name = "rev", transfers = array<i64: 2, 1, 7, 0, 0, 0, 1, 2, 1, 6, 0, 0, 1, 1>}
    poplar.copy {src = array<i64: 1, 7, 8, 1, 6, 7>, dst = array<i64: 0, 0, 2>, element_type = "float", name = "rev"}
  }
}
