// A well-formed graph passes poplar-verify unchanged: reinterpreting views
// of equal element size, integral predicates, non-recursive calls between
// functions, streams that match and complete mappings on a target that
// requires them.
// RUN: poplar-opt %s -poplar-verify | FileCheck %s

// CHECK-LABEL: module attributes
module attributes {poplar.target = {arch = "ipu2", target_type = "IPU", num_ipus = 1 : i64, tiles_per_ipu = 2 : i64, bytes_per_tile = 1024 : i64}} {
  poplar.variable 0 "a" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.variable 1 "p" {element_type = #poplar.type<unsigned_short>, shape = array<i64>, mapping = array<i64: 0, 1, 1>}
  poplar.variable 2 "sel" {element_type = #poplar.type<unsigned_int>, shape = array<i64>, mapping = array<i64: 0, 1, 1>}
  poplar.stream 0 "in" {element_type = #poplar.type<float>, num_elements = 2, to_device = true}
  poplar.program 0 {
    // CHECK: poplar.if
    poplar.if {
      // CHECK-NEXT: poplar.copy {{.*}}name = "reinterpreted"
      poplar.copy {src = array<i64: 0, 0, 2>, dst = array<i64: 0, 2, 4>, element_type = #poplar.type<unsigned_int>, name = "reinterpreted"}
    } {
      // CHECK: poplar.stream_copy
      poplar.stream_copy {stream = 0, regions = array<i64: 0, 1, 2, 0, 3, 4>, to_device = true}
    } {predicate = array<i64: 1, 0, 1>, element_type = #poplar.type<unsigned_short>}
    // CHECK: poplar.switch
    poplar.switch attributes {control = array<i64: 2, 0, 1>, element_type = #poplar.type<unsigned_int>, case_values = array<i32: 0>} {
    } {
      // CHECK: poplar.call 1
      poplar.call 1
    }
  }
  // Function 1 calls function 0 twice; neither recurses.
  // CHECK: poplar.function 0
  poplar.function 0 {
    poplar.write_undef {regions = array<i64: 0, 0, 4>}
  }
  // CHECK: poplar.function 1
  poplar.function 1 {
    poplar.call 0
    poplar.call 0
  }
}
