// share-memory=false gives every variable bytes of its own, even when
// liveness would let two share; the default shares them.
// RUN: poplar-opt %s -poplar-allocate-tile-memory | FileCheck %s --check-prefix=SHARED
// RUN: poplar-opt %s -poplar-allocate-tile-memory=share-memory=false | FileCheck %s --check-prefix=OWN

// SHARED-LABEL: module attributes
// SHARED-SAME: poplar.tile_bytes_used = array<i64: 32>
// OWN-LABEL: module attributes
// OWN-SAME: poplar.tile_bytes_used = array<i64: 48>
module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 4096 : i64} {
  // Read before written: always live.
  // SHARED-LABEL: poplar.variable 0 "acc"
  // SHARED-SAME: allocation = array<i64: 0, 4, 0, 0>
  // OWN-LABEL: poplar.variable 0 "acc"
  // OWN-SAME: allocation = array<i64: 0, 4, 0, 0>
  poplar.variable 0 "acc" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // t1 and t2 live one after the other.
  // SHARED-LABEL: poplar.variable 1 "t1"
  // SHARED-SAME: allocation = array<i64: 0, 4, 0, 16>
  // OWN-LABEL: poplar.variable 1 "t1"
  // OWN-SAME: allocation = array<i64: 0, 4, 0, 16>
  poplar.variable 1 "t1" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // SHARED-LABEL: poplar.variable 2 "t2"
  // SHARED-SAME: allocation = array<i64: 0, 4, 0, 16>
  // OWN-LABEL: poplar.variable 2 "t2"
  // OWN-SAME: allocation = array<i64: 0, 4, 0, 32>
  poplar.variable 2 "t2" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.program 0 {
    poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 1, 0, 4>, element_bytes = 4, name = "acc->t1"}
    poplar.exchange {transfers = array<i64: 0, 1, 0, 0, 0, 0, 4>, element_bytes = 4, name = "t1->acc"}
    poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 2, 0, 4>, element_bytes = 4, name = "acc->t2"}
    poplar.exchange {transfers = array<i64: 0, 2, 0, 0, 0, 0, 4>, element_bytes = 4, name = "t2->acc"}
  }
}
