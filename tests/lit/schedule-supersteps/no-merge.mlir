// merge=false numbers the exchanges, one superstep each, without merging
// independent ones; self-overlapping exchanges are still marked.
// RUN: poplar-opt %s -poplar-schedule-supersteps | FileCheck %s --check-prefix=MERGE
// RUN: poplar-opt %s -poplar-schedule-supersteps=merge=false | FileCheck %s --check-prefix=APART

module attributes {poplar.num_tiles = 4 : i64, poplar.bytes_per_tile = 4096 : i64} {
  poplar.variable 0 "a" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 0>}
  poplar.variable 1 "b" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 1>}
  poplar.variable 2 "c" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 2>}
  poplar.program 0 {
    // MERGE-LABEL: name = "first", superstep = 0 : i64, transfers = array<i64: 0, 0, 0, 1, 1, 0, 4, 0, 0, 4, 1, 1, 4, 4>}
    // MERGE-NOT: name = "second"
    // APART-LABEL: name = "first", superstep = 0 : i64, transfers = array<i64: 0, 0, 0, 1, 1, 0, 4>}
    // APART-NEXT: name = "second", superstep = 1 : i64, transfers = array<i64: 0, 0, 4, 1, 1, 4, 4>}
    poplar.exchange {transfers = array<i64: 0, 0, 0, 1, 1, 0, 4>, element_bytes = 4, name = "first"}
    poplar.exchange {transfers = array<i64: 0, 0, 4, 1, 1, 4, 4>, element_bytes = 4, name = "second"}
    // MERGE-LABEL: name = "shift", sources_overlap_destinations, superstep = 1 : i64
    // APART-LABEL: name = "shift", sources_overlap_destinations, superstep = 2 : i64
    poplar.exchange {transfers = array<i64: 2, 2, 0, 2, 2, 2, 6>, element_bytes = 4, name = "shift"}
  }
}
