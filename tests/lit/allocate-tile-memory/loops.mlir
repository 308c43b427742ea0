// Lifetimes through loops and branches. Positions: 0 acc->t1, 1 repeat,
// 2-4 its body, 5-6 t3, 7 repeat, 8-9 its body, 10 acc->flag, 11 if,
// 12 its then branch, 13 escapes->acc, 14-16 halves.
// RUN: poplar-opt %s -poplar-allocate-tile-memory | FileCheck %s

// Always live: acc, carried, escapes (48 bytes); the rest share 32 above.
// CHECK: poplar.tile_bytes_used = array<i64: 80>

module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 4096 : i64} {
  // Read before it is written: always live. [begin, end, tile, address]
  // CHECK: poplar.variable 0 "acc" {allocation = array<i64: 0, 4, 0, 0>
  poplar.variable 0 "acc" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // Written before the loop, read in it: live to the loop's end, [0, 4].
  // CHECK: poplar.variable 1 "t1" {allocation = array<i64: 0, 4, 0, 48>
  poplar.variable 1 "t1" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // Written then read in the same iteration: [3, 4], overlapping t1.
  // CHECK: poplar.variable 2 "t2" {allocation = array<i64: 0, 4, 0, 64>
  poplar.variable 2 "t2" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // [5, 6]: after the loop, so t1's bytes are free again.
  // CHECK: poplar.variable 3 "t3" {allocation = array<i64: 0, 4, 0, 48>
  poplar.variable 3 "t3" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // Read in the loop before it is written: the value crosses iterations.
  // CHECK: poplar.variable 4 "carried" {allocation = array<i64: 0, 4, 0, 16>
  poplar.variable 4 "carried" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // Written in a branch, read after it: always live.
  // CHECK: poplar.variable 5 "escapes" {allocation = array<i64: 0, 4, 0, 32>
  poplar.variable 5 "escapes" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // An if predicate: [10, 11].
  // CHECK: poplar.variable 6 "flag" {allocation = array<i64: 0, 1, 0, 48>
  poplar.variable 6 "flag" {element_type = #poplar.type<bool>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 0>}
  // Two writes that together cover it, then a read: [14, 16].
  // CHECK: poplar.variable 7 "halves" {allocation = array<i64: 0, 4, 0, 48>
  poplar.variable 7 "halves" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.program 0 {
    poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 1, 0, 4>, element_bytes = 4, name = "acc->t1"}
    poplar.repeat 3 {
      poplar.exchange {transfers = array<i64: 0, 1, 0, 0, 0, 0, 4>, element_bytes = 4, name = "t1->acc"}
      poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 2, 0, 4>, element_bytes = 4, name = "acc->t2"}
      poplar.exchange {transfers = array<i64: 0, 2, 0, 0, 0, 0, 4>, element_bytes = 4, name = "t2->acc"}
    }
    poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 3, 0, 4>, element_bytes = 4, name = "acc->t3"}
    poplar.exchange {transfers = array<i64: 0, 3, 0, 0, 0, 0, 4>, element_bytes = 4, name = "t3->acc"}
    poplar.repeat 2 {
      poplar.exchange {transfers = array<i64: 0, 4, 0, 0, 0, 0, 4>, element_bytes = 4, name = "carried->acc"}
      poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 4, 0, 4>, element_bytes = 4, name = "acc->carried"}
    }
    poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 6, 0, 1>, element_bytes = 4, name = "acc->flag"}
    poplar.if {
      poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 5, 0, 4>, element_bytes = 4, name = "acc->escapes"}
    } {
    } {predicate = array<i64: 6, 0, 1>, element_type = #poplar.type<bool>}
    poplar.exchange {transfers = array<i64: 0, 5, 0, 0, 0, 0, 4>, element_bytes = 4, name = "escapes->acc"}
    poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 7, 0, 2>, element_bytes = 4, name = "acc->halves low"}
    poplar.exchange {transfers = array<i64: 0, 0, 2, 0, 7, 2, 2>, element_bytes = 4, name = "acc->halves high"}
    poplar.exchange {transfers = array<i64: 0, 7, 0, 0, 0, 0, 4>, element_bytes = 4, name = "halves->acc"}
  }
}
