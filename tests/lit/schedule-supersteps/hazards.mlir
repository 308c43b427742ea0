// Exchanges merge only when running them together cannot change the result:
// a later write over an earlier write or read, different element sizes, and
// any op between them that is not write_undef start a new superstep. Blocks
// are scheduled separately and supersteps are numbered in program order.
// RUN: poplar-opt %s -poplar-schedule-supersteps | FileCheck %s

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 4096 : i64} {
  poplar.variable 0 "a" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 0>}
  poplar.variable 1 "b" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 1>}
  poplar.variable 2 "h" {element_type = #poplar.type<half>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 0>}
  poplar.variable 3 "g" {element_type = #poplar.type<half>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 1>}
  poplar.program 0 {
    // CHECK: poplar.exchange {element_bytes = 4 : i64, name = "a->b", superstep = 0 : i64, transfers = array<i64: 0, 0, 0, 1, 1, 0, 4>}
    poplar.exchange {transfers = array<i64: 0, 0, 0, 1, 1, 0, 4>, element_bytes = 4, name = "a->b"}
    // Writes b[2:4] again (write after write): a new superstep.
    // CHECK-NEXT: poplar.exchange {element_bytes = 4 : i64, name = "a->b again", superstep = 1 : i64, transfers = array<i64: 0, 0, 4, 1, 1, 2, 2>}
    poplar.exchange {transfers = array<i64: 0, 0, 4, 1, 1, 2, 2>, element_bytes = 4, name = "a->b again"}
    // Writes a[4:6], which the superstep above reads (write after read).
    // CHECK-NEXT: poplar.exchange {element_bytes = 4 : i64, name = "b->a", superstep = 2 : i64, transfers = array<i64: 1, 1, 6, 0, 0, 4, 2>}
    poplar.exchange {transfers = array<i64: 1, 1, 6, 0, 0, 4, 2>, element_bytes = 4, name = "b->a"}
    // Independent of b->a, but its elements are 2 bytes: a new superstep.
    // CHECK-NEXT: poplar.exchange {element_bytes = 2 : i64, name = "h->g", superstep = 3 : i64, transfers = array<i64: 0, 2, 0, 1, 3, 0, 4, 0, 2, 4, 1, 3, 4, 4>}
    poplar.exchange {transfers = array<i64: 0, 2, 0, 1, 3, 0, 4>, element_bytes = 2, name = "h->g"}
    // write_undef only marks liveness: h[4:8] -> g[4:8] still joins.
    // CHECK-NEXT: poplar.write_undef
    poplar.write_undef {regions = array<i64: 1, 0, 8>}
    poplar.exchange {transfers = array<i64: 0, 2, 4, 1, 3, 4, 4>, element_bytes = 2, name = "h->g rest"}
    // A sync ends the superstep.
    // CHECK-NEXT: poplar.sync INTERNAL
    poplar.sync INTERNAL
    // CHECK-NEXT: poplar.exchange {element_bytes = 2 : i64, name = "g->h", superstep = 4 : i64
    poplar.exchange {transfers = array<i64: 1, 3, 0, 0, 2, 0, 8>, element_bytes = 2, name = "g->h"}
    // CHECK-NEXT: poplar.repeat 2 {
    poplar.repeat 2 {
      // Inside the loop: its own superstep, merged with its neighbour.
      // CHECK-NEXT: poplar.exchange {element_bytes = 4 : i64, name = "loop 1", superstep = 5 : i64, transfers = array<i64: 0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1>}
      // CHECK-NEXT: }
      poplar.exchange {transfers = array<i64: 0, 0, 0, 1, 1, 0, 1>, element_bytes = 4, name = "loop 1"}
      poplar.exchange {transfers = array<i64: 0, 0, 1, 1, 1, 1, 1>, element_bytes = 4, name = "loop 2"}
    }
    // The loop separates this one from g->h.
    // CHECK-NEXT: poplar.exchange {element_bytes = 2 : i64, name = "after", superstep = 6 : i64
    poplar.exchange {transfers = array<i64: 0, 2, 0, 1, 3, 0, 1>, element_bytes = 2, name = "after"}
  }
}
