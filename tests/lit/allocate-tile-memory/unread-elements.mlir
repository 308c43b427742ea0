// A variable needs writes only over the elements it reads before it can
// share bytes: elements nobody reads hold nothing worth keeping.
// RUN: poplar-opt %s -poplar-allocate-tile-memory | FileCheck %s

// CHECK: poplar.tile_bytes_used = array<i64: 64>
module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 4096 : i64} {
  // CHECK: poplar.variable 0 "acc" {allocation = array<i64: 0, 4, 0, 0>
  poplar.variable 0 "acc" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // half: only [2, 6) is written and read, so it is not always live and
  // shares its bytes with next.
  // CHECK: poplar.variable 1 "half" {allocation = array<i64: 0, 8, 0, 32>
  poplar.variable 1 "half" {element_type = #poplar.type<int>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 0>}
  // CHECK: poplar.variable 2 "next" {allocation = array<i64: 0, 4, 0, 32>
  poplar.variable 2 "next" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // holey: [2, 4) is read but never written: always live.
  // CHECK: poplar.variable 3 "holey" {allocation = array<i64: 0, 4, 0, 16>
  poplar.variable 3 "holey" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.program 0 {
    poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 1, 2, 4>, element_bytes = 4, name = "acc->half[2,6)"}
    poplar.exchange {transfers = array<i64: 0, 1, 2, 0, 0, 0, 4>, element_bytes = 4, name = "half[2,6)->acc"}
    poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 2, 0, 4>, element_bytes = 4, name = "acc->next"}
    poplar.exchange {transfers = array<i64: 0, 2, 0, 0, 0, 0, 4>, element_bytes = 4, name = "next->acc"}
    poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 3, 0, 2>, element_bytes = 4, name = "acc->holey[0,2)"}
    poplar.exchange {transfers = array<i64: 0, 3, 0, 0, 0, 0, 4>, element_bytes = 4, name = "holey->acc"}
  }
}
