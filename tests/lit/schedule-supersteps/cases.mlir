// One case per module. Adjacent independent exchanges fold into the first
// (the others vanish); an if's branches are blocks of their own, so nothing
// merges into or out of them; supersteps are numbered in module order
// across functions and programs.
// RUN: poplar-opt %s -split-input-file -poplar-schedule-supersteps | FileCheck %s

// CHECK-LABEL: poplar.variable 0 "three_way"
// CHECK: poplar.exchange {element_bytes = 4 : i64, name = "m1", superstep = 0 : i64, transfers = array<i64: 0, 0, 0, 1, 1, 0, 2, 0, 0, 2, 1, 1, 2, 2, 0, 0, 4, 1, 1, 4, 2>}
// CHECK-NEXT: }
// CHECK-NOT: name = "m2"
// CHECK-NOT: name = "m3"
module attributes {poplar.num_tiles = 4 : i64, poplar.bytes_per_tile = 4096 : i64} {
  poplar.variable 0 "three_way" {element_type = #poplar.type<float>, shape = array<i64: 6>, mapping = array<i64: 0, 6, 0>}
  poplar.variable 1 "three_way_dst" {element_type = #poplar.type<float>, shape = array<i64: 6>, mapping = array<i64: 0, 6, 1>}
  poplar.program 0 {
    poplar.exchange {transfers = array<i64: 0, 0, 0, 1, 1, 0, 2>, element_bytes = 4, name = "m1"}
    poplar.exchange {transfers = array<i64: 0, 0, 2, 1, 1, 2, 2>, element_bytes = 4, name = "m2"}
    poplar.exchange {transfers = array<i64: 0, 0, 4, 1, 1, 4, 2>, element_bytes = 4, name = "m3"}
  }
}

// -----

// CHECK-LABEL: poplar.variable 0 "branches"
// CHECK: poplar.function 0 {
// CHECK-NEXT: name = "in function", superstep = 0 : i64
// CHECK: poplar.program 0 {
// CHECK-NEXT: name = "before", superstep = 1 : i64
// CHECK-NEXT: poplar.if {
// CHECK-NEXT: name = "then", superstep = 2 : i64
// CHECK-NEXT: } {
// CHECK-NEXT: name = "else", superstep = 3 : i64
// CHECK-NEXT: } {element_type
// CHECK-NEXT: name = "after", superstep = 4 : i64
// CHECK: poplar.program 1 {
// CHECK-NEXT: name = "second program", superstep = 5 : i64
module attributes {poplar.num_tiles = 4 : i64, poplar.bytes_per_tile = 4096 : i64} {
  poplar.variable 0 "branches" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.variable 1 "branches_dst" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 1>}
  poplar.function 0 {
    poplar.exchange {transfers = array<i64: 0, 0, 3, 1, 1, 3, 1>, element_bytes = 4, name = "in function"}
  }
  poplar.program 0 {
    poplar.exchange {transfers = array<i64: 0, 0, 0, 1, 1, 0, 1>, element_bytes = 4, name = "before"}
    poplar.if {
      poplar.exchange {transfers = array<i64: 0, 0, 1, 1, 1, 1, 1>, element_bytes = 4, name = "then"}
    } {
      poplar.exchange {transfers = array<i64: 0, 0, 2, 1, 1, 2, 1>, element_bytes = 4, name = "else"}
    } {predicate = array<i64: 0, 0, 1>, element_type = #poplar.type<int>}
    poplar.exchange {transfers = array<i64: 0, 0, 3, 1, 1, 3, 1>, element_bytes = 4, name = "after"}
  }
  poplar.program 1 {
    poplar.exchange {transfers = array<i64: 0, 0, 0, 1, 1, 0, 1>, element_bytes = 4, name = "second program"}
  }
}
