// Control flow keeps its shape; predicates, switch controls and error
// tensors become pieces; functions and calls keep their numbers.
// RUN: poplar-opt %s -poplar-lower-to-tile | FileCheck %s

module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 256 : i64} {
  poplar.variable 0 "p" {element_type = #poplar.type<bool>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 0>, allocation = array<i64: 0, 1, 0, 0>}
  poplar.variable 1 "n" {element_type = #poplar.type<unsigned_int>, shape = array<i64: 2>, mapping = array<i64: 0, 2, 0>, allocation = array<i64: 0, 2, 0, 4>}
  // CHECK: tile.function 0 {
  // CHECK-NEXT: tile.sync EXTERNAL
  poplar.function 0 {
    poplar.sync EXTERNAL
  }
  // CHECK: tile.program 0 {
  poplar.program 0 {
    // CHECK-NEXT: tile.repeat_while {
    // CHECK-NEXT:   tile.call 0
    // CHECK-NEXT: } {
    // CHECK-NEXT:   tile.loop {
    // CHECK-NEXT:     tile.abort "forever"
    // CHECK:      } {element_type = #tile.type<bool>, predicate = array<i64: 0, 0, 1>, while_true = false}
    poplar.repeat_while {
      poplar.call 0
    } {
      poplar.loop {
        poplar.abort "forever"
      }
    } {predicate = array<i64: 0, 0, 1>, element_type = #poplar.type<bool>, while_true = false}
    // CHECK-NEXT: tile.if {
    // CHECK-NEXT:   tile.abort_on_condition "p set" {element_type = #tile.type<bool>, predicate = array<i64: 0, 0, 1>}
    // CHECK-NEXT: } {
    // CHECK-NEXT: } {element_type = #tile.type<bool>, predicate = array<i64: 0, 0, 1>}
    poplar.if {
      poplar.abort_on_condition "p set" {predicate = array<i64: 0, 0, 1>, element_type = #poplar.type<bool>}
    } {
    } {predicate = array<i64: 0, 0, 1>, element_type = #poplar.type<bool>}
    // The control is n[1], the second unsigned int at address 8.
    // CHECK-NEXT: tile.switch attributes {case_values = array<i32: 0, 7>, control = array<i64: 0, 8, 4>, element_type = #tile.type<unsigned_int>} {
    // CHECK-NEXT:   tile.error_with_tensor "no case for" {element_type = #tile.type<unsigned_int>, pieces = array<i64: 0, 8, 4>, shape = array<i64: 1>}
    // CHECK-NEXT: } {
    // CHECK-NEXT:   tile.sync INTERNAL
    // CHECK-NEXT: }, {
    // CHECK-NEXT: }
    poplar.switch attributes {control = array<i64: 1, 1, 2>, element_type = #poplar.type<unsigned_int>, case_values = array<i32: 0, 7>} {
      poplar.error_program "no case for" {regions = array<i64: 1, 1, 2>, shape = array<i64: 1>, element_type = #poplar.type<unsigned_int>}
    } {
      poplar.sync INTERNAL
    }, {
    }
  }
}

// Nothing of the poplar dialect is left but the module's target attributes.
// RUN: poplar-opt %s -poplar-lower-to-tile | FileCheck %s --check-prefix=GONE
// GONE-NOT: poplar.{{[a-z_]+ [^=]}}
// GONE: tile.executable
// GONE-NOT: poplar.{{[a-z_]+ [^=]}}
