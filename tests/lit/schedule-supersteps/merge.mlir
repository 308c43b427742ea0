// Independent exchanges merge into one superstep; an exchange that reads
// what an earlier one wrote starts a new one; self-overlapping exchanges are
// marked and left alone.
// RUN: poplar-opt %s -poplar-schedule-supersteps | FileCheck %s

module attributes {poplar.num_tiles = 4 : i64, poplar.bytes_per_tile = 4096 : i64} {
  poplar.variable 0 "a" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 0>}
  poplar.variable 1 "b" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 1>}
  poplar.variable 2 "c" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 2>}
  poplar.program 0 {
    // a[0:4] -> b[0:4] and a[4:8] -> b[4:8] are independent: merged.
    // CHECK: poplar.exchange {element_bytes = 4 : i64, name = "first", superstep = 0 : i64, transfers = array<i64: 0, 0, 0, 1, 1, 0, 4, 0, 0, 4, 1, 1, 4, 4>}
    poplar.exchange {transfers = array<i64: 0, 0, 0, 1, 1, 0, 4>, element_bytes = 4, name = "first"}
    poplar.exchange {transfers = array<i64: 0, 0, 4, 1, 1, 4, 4>, element_bytes = 4, name = "second"}
    // b -> c reads what the superstep above wrote: a new superstep.
    // CHECK-NEXT: poplar.exchange {element_bytes = 4 : i64, name = "third", superstep = 1 : i64
    poplar.exchange {transfers = array<i64: 1, 1, 0, 2, 2, 0, 8>, element_bytes = 4, name = "third"}
    // c[0:6] -> c[2:8] overlaps itself.
    // CHECK-NEXT: poplar.exchange {element_bytes = 4 : i64, name = "shift", sources_overlap_destinations, superstep = 2 : i64
    poplar.exchange {transfers = array<i64: 2, 2, 0, 2, 2, 2, 6>, element_bytes = 4, name = "shift"}
  }
}
