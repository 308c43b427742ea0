// Every tile op prints and parses back unchanged.
// RUN: poplar-opt %s | poplar-opt | FileCheck %s

// CHECK: tile.executable attributes {bytes_per_tile = 64 : i64, num_tiles = 2 : i64, tile_bytes_used = array<i64: 24, 8>}
tile.executable attributes {num_tiles = 2, bytes_per_tile = 64, tile_bytes_used = array<i64: 24, 8>} {
  // CHECK-NEXT: tile.variable "x" {element_bytes = 4 : i64, pieces = array<i64: 0, 0, 8, 1, 0, 8>}
  tile.variable "x" {element_bytes = 4, pieces = array<i64: 0, 0, 8, 1, 0, 8>}
  // CHECK-NEXT: tile.memory_init 0 16 {bytes = array<i8: 1, 2, 3, 4>}
  tile.memory_init 0 16 {bytes = array<i8: 1, 2, 3, 4>}
  // CHECK-NEXT: tile.stream 0 "in" {element_type = #tile.type<float>, num_elements = 2 : i64, to_device = true}
  tile.stream 0 "in" {element_type = #tile.type<float>, num_elements = 2, to_device = true}
  // CHECK-NEXT: tile.host_access "x" {element_type = #tile.type<float>, is_write = true, pieces = array<i64: 0, 0, 8, 1, 0, 8>, shape = array<i64: 2, 2>}
  tile.host_access "x" {is_write = true, element_type = #tile.type<float>, shape = array<i64: 2, 2>, pieces = array<i64: 0, 0, 8, 1, 0, 8>}
  // CHECK-NEXT: tile.function 0 {
  // CHECK-NEXT:   tile.sync INTERNAL
  tile.function 0 {
    tile.sync INTERNAL
  }
  // CHECK: tile.program 0 {
  tile.program 0 {
    // CHECK-NEXT: tile.stream_copy {pieces = array<i64: 0, 0, 8>, stream = 0 : i64, to_device = true}
    tile.stream_copy {stream = 0, pieces = array<i64: 0, 0, 8>, to_device = true}
    // CHECK-NEXT: tile.exchange {name = "e", sources_overlap_destinations, transfers = array<i64: 0, 0, 1, 0, 8>}
    tile.exchange {transfers = array<i64: 0, 0, 1, 0, 8>, name = "e", sources_overlap_destinations}
    // CHECK-NEXT: tile.repeat 3 {
    // CHECK-NEXT:   tile.call 0
    tile.repeat 3 {
      tile.call 0
    }
    // CHECK: tile.loop {
    // CHECK-NEXT:   tile.abort "stop"
    tile.loop {
      tile.abort "stop"
    }
    // CHECK: tile.repeat_while {
    // CHECK-NEXT:   tile.sync EXTERNAL
    // CHECK-NEXT: } {
    // CHECK-NEXT:   tile.print "x" {{{.*}}pieces = array<i64: 0, 0, 8, 1, 0, 8>{{.*}}shape = array<i64: 4>
    // CHECK-NEXT: } {element_type = #tile.type<int>, predicate = array<i64: 0, 20, 4>, while_true = true}
    tile.repeat_while {
      tile.sync EXTERNAL
    } {
      tile.print "x" {pieces = array<i64: 0, 0, 8, 1, 0, 8>, shape = array<i64: 4>, element_type = #tile.type<float>, summarise_threshold = 1000, edge_items = 3, max_line_width = 75, digits = 8, float_format = #tile.float_format<Auto>, separator = 32, open_bracket = 91, close_bracket = 93}
    } {predicate = array<i64: 0, 20, 4>, element_type = #tile.type<int>, while_true = true}
    // CHECK-NEXT: tile.if {
    // CHECK-NEXT: } {
    // CHECK-NEXT:   tile.abort_on_condition "bad" {element_type = #tile.type<bool>, predicate = array<i64: 0, 16, 1>}
    // CHECK-NEXT: } {element_type = #tile.type<bool>, predicate = array<i64: 0, 16, 1>}
    tile.if {
    } {
      tile.abort_on_condition "bad" {predicate = array<i64: 0, 16, 1>, element_type = #tile.type<bool>}
    } {predicate = array<i64: 0, 16, 1>, element_type = #tile.type<bool>}
    // CHECK-NEXT: tile.switch attributes {case_values = array<i32: 1, 5>, control = array<i64: 0, 20, 4>, element_type = #tile.type<int>} {
    // CHECK-NEXT:   tile.error_with_tensor "no case" {element_type = #tile.type<int>, pieces = array<i64: 0, 20, 4>, shape = array<i64: 1>}
    // CHECK-NEXT: } {
    // CHECK-NEXT: }, {
    // CHECK-NEXT:   tile.sync INTERNAL
    tile.switch attributes {control = array<i64: 0, 20, 4>, element_type = #tile.type<int>, case_values = array<i32: 1, 5>} {
      tile.error_with_tensor "no case" {pieces = array<i64: 0, 20, 4>, shape = array<i64: 1>, element_type = #tile.type<int>}
    } {
    }, {
      tile.sync INTERNAL
    }
  }
}
