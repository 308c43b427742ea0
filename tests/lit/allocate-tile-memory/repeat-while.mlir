// A repeat_while predicate is read after its condition runs, in every
// iteration: written in the condition, it lives only there, and a temporary
// of the body can reuse its bytes. Positions: 0 repeat_while, 1 src->p in
// the condition (and the predicate read), 2-3 the body.
// RUN: poplar-opt %s -poplar-allocate-tile-memory | FileCheck %s

// CHECK: poplar.tile_bytes_used = array<i64: 36>
module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 4096 : i64} {
  // Host-visible, so always live.
  // CHECK: poplar.variable 0 "src" {allocation = array<i64: 0, 1, 0, 0>
  poplar.variable 0 "src" {element_type = #poplar.type<bool>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 0>}
  // CHECK: poplar.variable 1 "acc" {allocation = array<i64: 0, 4, 0, 4>
  poplar.variable 1 "acc" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // p lives in [1, 1], t in [2, 3]: the same bytes.
  // CHECK: poplar.variable 2 "p" {allocation = array<i64: 0, 1, 0, 20>
  poplar.variable 2 "p" {element_type = #poplar.type<bool>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 0>}
  // CHECK: poplar.variable 3 "t" {allocation = array<i64: 0, 4, 0, 20>
  poplar.variable 3 "t" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.host_access "src" {is_write = true, element_type = #poplar.type<bool>, shape = array<i64: 1>, regions = array<i64: 0, 0, 1>}
  poplar.host_access "acc" {is_write = true, element_type = #poplar.type<int>, shape = array<i64: 4>, regions = array<i64: 1, 0, 4>}
  poplar.program 0 {
    poplar.repeat_while {
      poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 2, 0, 1>, element_bytes = 1, name = "src->p"}
    } {
      poplar.exchange {transfers = array<i64: 0, 1, 0, 0, 3, 0, 4>, element_bytes = 4, name = "acc->t"}
      poplar.exchange {transfers = array<i64: 0, 3, 0, 0, 1, 0, 4>, element_bytes = 4, name = "t->acc"}
    } {predicate = array<i64: 2, 0, 1>, element_type = #poplar.type<bool>, while_true = true}
  }
}
