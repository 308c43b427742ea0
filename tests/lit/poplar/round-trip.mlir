// Every op of the poplar dialect prints and parses back unchanged.
// RUN: poplar-opt %s | poplar-opt | FileCheck %s

module attributes {poplar.num_tiles = 4 : i64, poplar.bytes_per_tile = 1024 : i64} {
  // CHECK: poplar.variable 0 "x" {element_type = "float", mapping = array<i64: 0, 4, 0>, shape = array<i64: 4>}
  poplar.variable 0 "x" {element_type = "float", shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // CHECK: poplar.variable 1 "c" {constant, element_type = "int", initial_bytes = array<i8: 1, 0, 0, 0>, mapping = array<i64>, shape = array<i64>}
  poplar.variable 1 "c" {element_type = "int", shape = array<i64>, mapping = array<i64>, constant, initial_bytes = array<i8: 1, 0, 0, 0>}
  // CHECK: poplar.stream 0 "in" {element_type = "float", num_elements = 4 : i64, to_device = true}
  poplar.stream 0 "in" {element_type = "float", num_elements = 4, to_device = true}
  // CHECK: poplar.host_access "x" {element_type = "float", is_write = true, regions = array<i64: 0, 0, 4>, shape = array<i64: 4>}
  poplar.host_access "x" {is_write = true, element_type = "float", shape = array<i64: 4>, regions = array<i64: 0, 0, 4>}
  // CHECK: poplar.program 0
  poplar.program 0 {
    // CHECK: poplar.stream_copy
    poplar.stream_copy {stream = 0, regions = array<i64: 0, 0, 4>, to_device = true}
    // CHECK: poplar.copy {dst = array<i64: 0, 2, 4>, element_type = "float", name = "c0", src = array<i64: 0, 0, 2>}
    poplar.copy {src = array<i64: 0, 0, 2>, dst = array<i64: 0, 2, 4>, element_type = "float", name = "c0"}
    // CHECK: poplar.repeat 3
    poplar.repeat 3 {
      poplar.sync 0
    }
    // CHECK: poplar.if
    poplar.if {
      poplar.abort "no"
    } {
    } {predicate = array<i64: 1, 0, 1>, element_type = "int"}
    // CHECK: poplar.switch
    poplar.switch attributes {control = array<i64: 1, 0, 1>, element_type = "int", case_values = array<i32: 5>} {
    } {
      poplar.call 0
    }
    // CHECK: poplar.print_tensor "x"
    poplar.print_tensor "x" {regions = array<i64: 0, 0, 4>, shape = array<i64: 4>, element_type = "float", summarise_threshold = 1000, edge_items = 3, max_line_width = 75, digits = 8, float_format = 0, separator = 32, open_bracket = 91, close_bracket = 93}
  }
  // CHECK: poplar.function 0
  poplar.function 0 {
    poplar.write_undef {regions = array<i64: 0, 0, 4>}
  }
}
