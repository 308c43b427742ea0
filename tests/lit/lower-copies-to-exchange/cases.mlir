// One case per module: every copy becomes an exchange wherever it is (the
// copies must vanish), runs that continue each other on both sides merge
// into one transfer, and a copy with nothing to move keeps an empty step.
// Transfers are [srcTile, srcVar, srcBegin, dstTile, dstVar, dstBegin, count].
// RUN: poplar-opt %s -split-input-file -poplar-lower-copies-to-exchange | FileCheck %s

// CHECK-LABEL: poplar.variable 0 "self_only"
// CHECK-NOT: poplar.copy
// CHECK: poplar.exchange {element_bytes = 4 : i64, name = "self", transfers = array<i64>}
// CHECK-NOT: poplar.copy
module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 4096 : i64} {
  poplar.variable 0 "self_only" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.program 0 {
    poplar.copy {src = array<i64: 0, 0, 4>, dst = array<i64: 0, 0, 4>, element_type = #poplar.type<float>, name = "self"}
  }
}

// -----

// Regions split at different points on the two sides still make one
// transfer; an empty copy moves nothing.
// CHECK-LABEL: poplar.variable 0 "merge_src"
// CHECK-NOT: poplar.copy
// CHECK: poplar.exchange {element_bytes = 4 : i64, name = "pieces", transfers = array<i64: 0, 0, 0, 1, 1, 0, 8>}
// CHECK-NEXT: poplar.exchange {element_bytes = 4 : i64, name = "empty", transfers = array<i64>}
// CHECK-NOT: poplar.copy
module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 4096 : i64} {
  poplar.variable 0 "merge_src" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 0>}
  poplar.variable 1 "merge_dst" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 1>}
  poplar.program 0 {
    poplar.copy {src = array<i64: 0, 0, 3, 0, 3, 8>, dst = array<i64: 1, 0, 5, 1, 5, 8>, element_type = #poplar.type<float>, name = "pieces"}
    poplar.copy {src = array<i64: 0, 0, 0>, dst = array<i64: 1, 0, 0>, element_type = #poplar.type<float>, name = "empty"}
  }
}

// -----

// Copies in functions, both branches of an if and a repeat_while's
// condition are lowered in place.
// CHECK-LABEL: poplar.variable 0 "nested_a"
// CHECK-NOT: poplar.copy
// CHECK: poplar.function 0 {
// CHECK-NEXT: poplar.exchange {element_bytes = 4 : i64, name = "in function", transfers = array<i64: 0, 0, 0, 1, 1, 0, 2>}
// CHECK: poplar.if {
// CHECK-NEXT: poplar.exchange {element_bytes = 4 : i64, name = "then", transfers = array<i64: 0, 0, 0, 1, 1, 0, 1>}
// CHECK-NEXT: } {
// CHECK-NEXT: poplar.exchange {element_bytes = 4 : i64, name = "else", transfers = array<i64: 1, 1, 0, 0, 0, 0, 1>}
// CHECK: poplar.repeat_while {
// CHECK-NEXT: poplar.exchange {element_bytes = 4 : i64, name = "cond", transfers = array<i64: 0, 0, 1, 1, 1, 1, 1>}
// CHECK-NEXT: } {
// CHECK-NEXT: poplar.call 0
// CHECK-NOT: poplar.copy
module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 4096 : i64} {
  poplar.variable 0 "nested_a" {element_type = #poplar.type<int>, shape = array<i64: 2>, mapping = array<i64: 0, 2, 0>}
  poplar.variable 1 "nested_b" {element_type = #poplar.type<int>, shape = array<i64: 2>, mapping = array<i64: 0, 2, 1>}
  poplar.function 0 {
    poplar.copy {src = array<i64: 0, 0, 2>, dst = array<i64: 1, 0, 2>, element_type = #poplar.type<int>, name = "in function"}
  }
  poplar.program 0 {
    poplar.if {
      poplar.copy {src = array<i64: 0, 0, 1>, dst = array<i64: 1, 0, 1>, element_type = #poplar.type<int>, name = "then"}
    } {
      poplar.copy {src = array<i64: 1, 0, 1>, dst = array<i64: 0, 0, 1>, element_type = #poplar.type<int>, name = "else"}
    } {predicate = array<i64: 0, 1, 2>, element_type = #poplar.type<int>}
    poplar.repeat_while {
      poplar.copy {src = array<i64: 0, 1, 2>, dst = array<i64: 1, 1, 2>, element_type = #poplar.type<int>, name = "cond"}
    } {
      poplar.call 0
    } {predicate = array<i64: 1, 1, 2>, element_type = #poplar.type<int>, while_true = true}
  }
}
