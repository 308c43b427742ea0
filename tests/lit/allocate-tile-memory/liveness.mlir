// Always-live variables get their own bytes; variables written in full
// before use in one program share addresses when their lifetimes do not
// overlap. Addresses respect type alignment.
// RUN: poplar-opt %s -poplar-allocate-tile-memory | FileCheck %s

// 3 chars, 4 ints always live, then 4 ints shared by t1 and t2: 36 bytes.
// CHECK: module attributes {{{.*}}poplar.tile_bytes_used = array<i64: 36>

module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 4096 : i64} {
  // Host-visible: always live, first at address 0. [begin, end, tile, address]
  // CHECK: poplar.variable 0 "in" {allocation = array<i64: 0, 3, 0, 0>
  poplar.variable 0 "in" {element_type = #poplar.type<char>, shape = array<i64: 3>, mapping = array<i64: 0, 3, 0>}
  // Always live (read before written), aligned to 4 after the 3 chars.
  // CHECK: poplar.variable 1 "acc" {allocation = array<i64: 0, 4, 0, 4>
  poplar.variable 1 "acc" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // t1 lives from its write to its last read; t2 starts after: same bytes.
  // CHECK: poplar.variable 2 "t1" {allocation = array<i64: 0, 4, 0, 20>
  poplar.variable 2 "t1" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // CHECK: poplar.variable 3 "t2" {allocation = array<i64: 0, 4, 0, 20>
  poplar.variable 3 "t2" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.host_access "in" {is_write = true, element_type = #poplar.type<char>, shape = array<i64: 3>, regions = array<i64: 0, 0, 3>}
  poplar.program 0 {
    poplar.exchange {transfers = array<i64: 0, 1, 0, 0, 2, 0, 4>, element_bytes = 4, name = "acc->t1"}
    poplar.exchange {transfers = array<i64: 0, 2, 0, 0, 1, 0, 4>, element_bytes = 4, name = "t1->acc"}
    poplar.exchange {transfers = array<i64: 0, 1, 0, 0, 3, 0, 4>, element_bytes = 4, name = "acc->t2"}
    poplar.exchange {transfers = array<i64: 0, 3, 0, 0, 1, 0, 4>, element_bytes = 4, name = "t2->acc"}
  }
}
