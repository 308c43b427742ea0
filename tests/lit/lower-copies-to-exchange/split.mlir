// Copies become exchanges cut at every tile boundary on either side;
// transfers within a tile stay in the same op as on-tile copies.
// Transfers are [srcTile, srcVar, srcBegin, dstTile, dstVar, dstBegin, count].
// RUN: poplar-opt %s -poplar-lower-copies-to-exchange | FileCheck %s

module attributes {poplar.num_tiles = 4 : i64, poplar.bytes_per_tile = 4096 : i64} {
  poplar.variable 0 "a" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 0>}
  poplar.variable 1 "b" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 3, 0, 3, 8, 2>}
  // c is mapped as two intervals on one tile: a transfer may span both.
  poplar.variable 2 "c" {element_type = #poplar.type<half>, shape = array<i64: 6>, mapping = array<i64: 0, 3, 1, 3, 6, 1>}
  poplar.variable 3 "d" {element_type = #poplar.type<half>, shape = array<i64: 6>, mapping = array<i64: 0, 1, 3, 1, 6, 0>}
  // CHECK-LABEL: poplar.program 0
  poplar.program 0 {
    // a[0:3] stays on tile 0 (an on-tile copy); a[3:8] goes to tile 2.
    // CHECK-NEXT: poplar.exchange {element_bytes = 4 : i64, name = "ab", transfers = array<i64: 0, 0, 0, 0, 1, 0, 3, 0, 0, 3, 2, 1, 3, 5>}
    poplar.copy {src = array<i64: 0, 0, 8>, dst = array<i64: 1, 0, 8>, element_type = #poplar.type<float>, name = "ab"}
    // A reversed view: one transfer per element run.
    // CHECK-NEXT: poplar.exchange {element_bytes = 4 : i64, name = "rev", transfers = array<i64: 2, 1, 7, 0, 0, 0, 1, 2, 1, 6, 0, 0, 1, 1>}
    poplar.copy {src = array<i64: 1, 7, 8, 1, 6, 7>, dst = array<i64: 0, 0, 2>, element_type = #poplar.type<float>, name = "rev"}
    // Cut where d changes tile (after element 1), not where c's intervals
    // meet; 2-byte elements.
    // CHECK-NEXT: poplar.exchange {element_bytes = 2 : i64, name = "cd", transfers = array<i64: 1, 2, 0, 3, 3, 0, 1, 1, 2, 1, 0, 3, 1, 5>}
    poplar.copy {src = array<i64: 2, 0, 6>, dst = array<i64: 3, 0, 6>, element_type = #poplar.type<half>, name = "cd"}
    // Elements copied onto themselves need no transfer; empty regions are
    // skipped.
    // CHECK-NEXT: poplar.exchange {element_bytes = 4 : i64, name = "self", transfers = array<i64: 0, 0, 4, 0, 0, 6, 2>}
    poplar.copy {src = array<i64: 0, 0, 2, 0, 3, 3, 0, 4, 6>, dst = array<i64: 0, 0, 2, 0, 6, 8>, element_type = #poplar.type<float>, name = "self"}
    // Copies nested in control flow are lowered too.
    // CHECK-NEXT: poplar.repeat 2 {
    // CHECK-NEXT:   poplar.exchange {element_bytes = 4 : i64, name = "inner", transfers = array<i64: 2, 1, 4, 0, 0, 0, 4>}
    // CHECK-NEXT: }
    poplar.repeat 2 {
      poplar.copy {src = array<i64: 1, 4, 8>, dst = array<i64: 0, 0, 4>, element_type = #poplar.type<float>, name = "inner"}
    }
    // CHECK-NOT: poplar.copy
  }
}
