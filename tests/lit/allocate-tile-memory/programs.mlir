// Variables of different programs share memory; a variable used by two
// programs, by a function, or through a host handle is always live.
// RUN: poplar-opt %s -poplar-allocate-tile-memory | FileCheck %s

// CHECK: poplar.tile_bytes_used = array<i64: 20>
module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 4096 : i64} {
  // CHECK: poplar.variable 0 "src" {allocation = array<i64: 0, 1, 0, 0>
  poplar.variable 0 "src" {element_type = #poplar.type<int>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 0>}
  // CHECK: poplar.variable 1 "p0" {allocation = array<i64: 0, 1, 0, 16>
  poplar.variable 1 "p0" {element_type = #poplar.type<int>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 0>}
  // CHECK: poplar.variable 2 "p1" {allocation = array<i64: 0, 1, 0, 16>
  poplar.variable 2 "p1" {element_type = #poplar.type<int>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 0>}
  // CHECK: poplar.variable 3 "both" {allocation = array<i64: 0, 1, 0, 4>
  poplar.variable 3 "both" {element_type = #poplar.type<int>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 0>}
  // CHECK: poplar.variable 4 "called" {allocation = array<i64: 0, 1, 0, 8>
  poplar.variable 4 "called" {element_type = #poplar.type<int>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 0>}
  // CHECK: poplar.variable 5 "read back" {allocation = array<i64: 0, 1, 0, 12>
  poplar.variable 5 "read back" {element_type = #poplar.type<int>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 0>}
  poplar.host_access "read back" {is_write = false, element_type = #poplar.type<int>, shape = array<i64: 1>, regions = array<i64: 5, 0, 1>}
  poplar.function 0 {
    poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 4, 0, 1>, element_bytes = 4, name = "src->called"}
    poplar.exchange {transfers = array<i64: 0, 4, 0, 0, 0, 0, 1>, element_bytes = 4, name = "called->src"}
  }
  poplar.program 0 {
    poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 1, 0, 1>, element_bytes = 4, name = "src->p0"}
    poplar.exchange {transfers = array<i64: 0, 1, 0, 0, 0, 0, 1>, element_bytes = 4, name = "p0->src"}
    poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 3, 0, 1>, element_bytes = 4, name = "src->both"}
    poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 5, 0, 1>, element_bytes = 4, name = "src->read back"}
    poplar.call 0
  }
  poplar.program 1 {
    poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 2, 0, 1>, element_bytes = 4, name = "src->p1"}
    poplar.exchange {transfers = array<i64: 0, 2, 0, 0, 0, 0, 1>, element_bytes = 4, name = "p1->src"}
    poplar.exchange {transfers = array<i64: 0, 3, 0, 0, 0, 0, 1>, element_bytes = 4, name = "both->src"}
  }
}
