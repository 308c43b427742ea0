// Lowering to the tile dialect turns regions into (tile, address, bytes)
// pieces, element transfers into byte transfers and initial values into
// memory images, all inside one tile.executable.
// RUN: poplar-opt %s -poplar-lower-to-tile | FileCheck %s

// The module keeps its target attributes; the bytes used move to the
// executable.
// CHECK: module attributes {poplar.bytes_per_tile = 1024 : i64, poplar.num_tiles = 2 : i64} {
// CHECK-NEXT: tile.executable attributes {bytes_per_tile = 1024 : i64, num_tiles = 2 : i64, tile_bytes_used = array<i64: 16, 28>} {
module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64, poplar.tile_bytes_used = array<i64: 16, 28>} {
  // CHECK-NEXT: tile.variable "a" {element_bytes = 4 : i64, pieces = array<i64: 0, 0, 16, 1, 8, 16>}
  poplar.variable 0 "a" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 4, 0, 4, 8, 1>, allocation = array<i64: 0, 4, 0, 0, 4, 8, 1, 8>}
  // One memory image per allocation piece.
  // CHECK-NEXT: tile.variable "k" {category = "constant", element_bytes = 2 : i64, pieces = array<i64: 1, 0, 2, 1, 24, 2>}
  // CHECK-NEXT: tile.memory_init 1 0 {bytes = array<i8: 1, 0>}
  // CHECK-NEXT: tile.memory_init 1 24 {bytes = array<i8: 2, 0>}
  poplar.variable 1 "k" {element_type = #poplar.type<short>, shape = array<i64: 2>, mapping = array<i64: 0, 2, 1>, constant, initial_bytes = array<i8: 1, 0, 2, 0>, allocation = array<i64: 0, 1, 1, 0, 1, 2, 1, 24>}
  // CHECK-NEXT: tile.stream 0 "in" {element_type = #tile.type<float>, num_elements = 2 : i64, to_device = true}
  poplar.stream 0 "in" {element_type = #poplar.type<float>, num_elements = 2, to_device = true}
  // CHECK-NEXT: tile.remote_buffer 0 "cache" {element_type = #tile.type<float>, num_elements = 2 : i64, repeats = 4 : i64}
  poplar.remote_buffer 0 "cache" {element_type = #poplar.type<float>, num_elements = 2, repeats = 4}
  // CHECK-NEXT: tile.host_access "a" {element_type = #tile.type<float>, is_write = false, pieces = array<i64: 0, 0, 16, 1, 8, 16>, shape = array<i64: 8>}
  poplar.host_access "a" {is_write = false, element_type = #poplar.type<float>, shape = array<i64: 8>, regions = array<i64: 0, 0, 8>}
  // CHECK-NEXT: tile.program 0 {
  poplar.program 0 {
    // [srcTile, srcAddress, dstTile, dstAddress, bytes]
    // CHECK-NEXT: tile.exchange {name = "x", transfers = array<i64: 0, 4, 1, 12, 8>}
    poplar.exchange {transfers = array<i64: 0, 0, 1, 1, 0, 5, 2>, element_bytes = 4, name = "x"}
    // Pieces of one region that continue each other merge.
    // CHECK-NEXT: tile.stream_copy {pieces = array<i64: 0, 8, 8>, stream = 0 : i64, to_device = true}
    poplar.stream_copy {stream = 0, regions = array<i64: 0, 2, 3, 0, 3, 4>, to_device = true}
    // Rows and the offset both become pieces.
    // CHECK-NEXT: tile.remote_buffer_copy {buffer = 0 : i64, offset = array<i64: 1, 8, 4>, pieces = array<i64: 0, 0, 8>, to_device = false}
    poplar.remote_buffer_copy {buffer = 0, regions = array<i64: 0, 0, 2>, offset = array<i64: 0, 4, 5>, to_device = false}
    // write_undef only matters for liveness: nothing is emitted.
    poplar.write_undef {regions = array<i64: 0, 0, 8>}
    // CHECK-NEXT: tile.repeat 2 {
    poplar.repeat 2 {
      // CHECK-NEXT: tile.print "a" {{{.*}}pieces = array<i64: 0, 12, 4, 1, 8, 4>
      poplar.print_tensor "a" {regions = array<i64: 0, 3, 5>, shape = array<i64: 2>, element_type = #poplar.type<float>, summarise_threshold = 1000, edge_items = 3, max_line_width = 75, digits = 8, float_format = #poplar.float_format<Auto>, separator = 32, open_bracket = 91, close_bracket = 93}
    }
  }
}
