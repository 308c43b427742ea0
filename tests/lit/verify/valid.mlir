// A well-formed graph passes poplar-verify unchanged.
// RUN: poplar-opt %s -poplar-verify | FileCheck %s

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64, poplar.requires_tile_mapping = true} {
  poplar.variable 0 "a" {element_type = "float", shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.variable 1 "p" {element_type = "bool", shape = array<i64>, mapping = array<i64: 0, 1, 1>}
  poplar.program 0 {
    // CHECK: poplar.if
    poplar.if {
      // CHECK: poplar.copy
      poplar.copy {src = array<i64: 0, 0, 2>, dst = array<i64: 0, 2, 4>, element_type = "unsigned int", name = "reinterpreted"}
    } {
    } {predicate = array<i64: 1, 0, 1>, element_type = "bool"}
  }
}
