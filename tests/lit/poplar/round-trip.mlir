// Every op of the poplar dialect prints and parses back unchanged, with the
// target dictionary the importer writes.
// RUN: poplar-opt %s | poplar-opt | FileCheck %s

// CHECK: module attributes {poplar.target = {arch = "ipu2", bytes_per_tile = 1024 : i64, num_ipus = 1 : i64, requires_tile_mapping = false, target_type = "IPU_MODEL", tiles_per_ipu = 4 : i64}}
module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  // CHECK: poplar.variable 0 "x" {element_type = #poplar.type<float>, mapping = array<i64: 0, 4, 0>, shape = array<i64: 4>}
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // CHECK: poplar.variable 1 "c" {constant, element_type = #poplar.type<int>, initial_bytes = array<i8: 1, 0, 0, 0>, mapping = array<i64>, shape = array<i64>}
  poplar.variable 1 "c" {element_type = #poplar.type<int>, shape = array<i64>, mapping = array<i64>, constant, initial_bytes = array<i8: 1, 0, 0, 0>}
  // CHECK: poplar.variable 2 "m" {allocation = array<i64: 0, 2, 1, 0, 2, 6, 2, 8>, element_type = #poplar.type<half>, mapping = array<i64: 0, 2, 1, 2, 6, 2>, shape = array<i64: 2, 3>}
  poplar.variable 2 "m" {element_type = #poplar.type<half>, shape = array<i64: 2, 3>, mapping = array<i64: 0, 2, 1, 2, 6, 2>, allocation = array<i64: 0, 2, 1, 0, 2, 6, 2, 8>}
  // CHECK: poplar.stream 0 "in" {element_type = #poplar.type<float>, num_elements = 4 : i64, to_device = true}
  poplar.stream 0 "in" {element_type = #poplar.type<float>, num_elements = 4, to_device = true}
  // CHECK: poplar.remote_buffer 0 "cache" {element_type = #poplar.type<float>, num_elements = 2 : i64, repeats = 3 : i64}
  poplar.remote_buffer 0 "cache" {element_type = #poplar.type<float>, num_elements = 2, repeats = 3}
  // CHECK: poplar.host_access "x" {element_type = #poplar.type<float>, is_write = true, regions = array<i64: 0, 0, 4>, shape = array<i64: 4>}
  poplar.host_access "x" {is_write = true, element_type = #poplar.type<float>, shape = array<i64: 4>, regions = array<i64: 0, 0, 4>}
  // CHECK: poplar.program 0 {
  poplar.program 0 {
    // CHECK-NEXT: poplar.stream_copy {regions = array<i64: 0, 0, 4>, stream = 0 : i64, to_device = true}
    poplar.stream_copy {stream = 0, regions = array<i64: 0, 0, 4>, to_device = true}
    // CHECK-NEXT: poplar.remote_buffer_copy {buffer = 0 : i64, offset = array<i64>, regions = array<i64: 0, 0, 2>, to_device = true}
    poplar.remote_buffer_copy {buffer = 0, regions = array<i64: 0, 0, 2>, offset = array<i64>, to_device = true}
    // CHECK-NEXT: poplar.copy {dst = array<i64: 0, 2, 4>, element_type = #poplar.type<float>, name = "c0", src = array<i64: 0, 0, 2>}
    poplar.copy {src = array<i64: 0, 0, 2>, dst = array<i64: 0, 2, 4>, element_type = #poplar.type<float>, name = "c0"}
    // CHECK-NEXT: poplar.exchange {element_bytes = 4 : i64, name = "x0", sources_overlap_destinations, superstep = 3 : i64, transfers = array<i64: 0, 0, 0, 1, 0, 2, 2>}
    poplar.exchange {transfers = array<i64: 0, 0, 0, 1, 0, 2, 2>, element_bytes = 4, name = "x0", superstep = 3, sources_overlap_destinations}
    // CHECK-NEXT: poplar.repeat 3 {
    // CHECK-NEXT:   poplar.sync INTERNAL
    // CHECK-NEXT: }
    poplar.repeat 3 {
      poplar.sync INTERNAL
    }
    // CHECK-NEXT: poplar.loop {
    // CHECK-NEXT:   poplar.abort_on_condition "stop" {element_type = #poplar.type<int>, predicate = array<i64: 1, 0, 1>}
    // CHECK-NEXT: }
    poplar.loop {
      poplar.abort_on_condition "stop" {predicate = array<i64: 1, 0, 1>, element_type = #poplar.type<int>}
    }
    // CHECK-NEXT: poplar.repeat_while {
    // CHECK-NEXT:   poplar.write_undef {regions = array<i64: 2, 0, 6>}
    // CHECK-NEXT: } {
    // CHECK-NEXT:   poplar.sync GLOBAL
    // CHECK-NEXT: } {element_type = #poplar.type<int>, predicate = array<i64: 1, 0, 1>, while_true = false}
    poplar.repeat_while {
      poplar.write_undef {regions = array<i64: 2, 0, 6>}
    } {
      poplar.sync GLOBAL
    } {predicate = array<i64: 1, 0, 1>, element_type = #poplar.type<int>, while_true = false}
    // CHECK-NEXT: poplar.if {
    // CHECK-NEXT:   poplar.abort "no"
    // CHECK-NEXT: } {
    // CHECK-NEXT: } {element_type = #poplar.type<int>, predicate = array<i64: 1, 0, 1>}
    poplar.if {
      poplar.abort "no"
    } {
    } {predicate = array<i64: 1, 0, 1>, element_type = #poplar.type<int>}
    // CHECK-NEXT: poplar.switch attributes {case_values = array<i32: 5, -1>, control = array<i64: 1, 0, 1>, element_type = #poplar.type<int>} {
    // CHECK-NEXT:   poplar.error_program "bad case" {element_type = #poplar.type<int>, regions = array<i64: 1, 0, 1>, shape = array<i64>}
    // CHECK-NEXT: } {
    // CHECK-NEXT:   poplar.call 0
    // CHECK-NEXT: }, {
    // CHECK-NEXT: }
    poplar.switch attributes {control = array<i64: 1, 0, 1>, element_type = #poplar.type<int>, case_values = array<i32: 5, -1>} {
      poplar.error_program "bad case" {regions = array<i64: 1, 0, 1>, shape = array<i64>, element_type = #poplar.type<int>}
    } {
      poplar.call 0
    }, {
    }
    // CHECK-NEXT: poplar.print_tensor "x" {close_bracket = 93 : i64, digits = 8 : i64, edge_items = 3 : i64, element_type = #poplar.type<float>, float_format = #poplar.float_format<Auto>, max_line_width = 75 : i64, open_bracket = 91 : i64, regions = array<i64: 0, 0, 4>, separator = 32 : i64, shape = array<i64: 4>, summarise_threshold = 1000 : i64}
    poplar.print_tensor "x" {regions = array<i64: 0, 0, 4>, shape = array<i64: 4>, element_type = #poplar.type<float>, summarise_threshold = 1000, edge_items = 3, max_line_width = 75, digits = 8, float_format = #poplar.float_format<Auto>, separator = 32, open_bracket = 91, close_bracket = 93}
  }
  // CHECK: poplar.function 0 {
  // CHECK-NEXT: poplar.write_undef {regions = array<i64: 0, 0, 4>}
  poplar.function 0 {
    poplar.write_undef {regions = array<i64: 0, 0, 4>}
  }
  // An empty program keeps its (empty) body.
  // CHECK: poplar.program 1 {
  // CHECK-NEXT: }
  poplar.program 1 {
  }
}
