// Vertices that each write one piece of a variable write all of it when the
// pieces together cover it, in any order and interleaved with pieces of
// other variables; a gap between pieces keeps the variable always live.
// (The analysis merges consecutive pieces into one interval: only pieces
// that touch or overlap may merge.)
// RUN: poplar-opt %s -poplar-allocate-tile-memory | FileCheck %s

// acc and gap always live (16 bytes each), rows and shuffled share 16: 48.
// CHECK: poplar.tile_bytes_used = array<i64: 48>
module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 4096 : i64} {
  // CHECK: poplar.variable 0 "acc" {allocation = array<i64: 0, 4, 0, 0>
  poplar.variable 0 "acc" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // One element per vertex, in order.
  // CHECK: poplar.variable 1 "rows" {allocation = array<i64: 0, 4, 0, [[SHARED:[0-9]+]]>
  poplar.variable 1 "rows" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // [2, 4) then [0, 2), interleaved with gap's pieces.
  // CHECK: poplar.variable 2 "shuffled" {allocation = array<i64: 0, 4, 0, [[SHARED]]>
  poplar.variable 2 "shuffled" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  // [2, 4) and [0, 1): element 1 is read but never written.
  // CHECK: poplar.variable 3 "gap" {allocation = array<i64: 0, 4, 0, 16>
  poplar.variable 3 "gap" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.host_access "acc" {is_write = false, element_type = #poplar.type<int>, shape = array<i64: 4>, regions = array<i64: 0, 0, 4>}
  poplar.codelet 0 "Fill" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = false, field_names = ["out"], field_types = [#poplar.type<int>], field_info = array<i64: 3, 2, 4, 0>}
  poplar.compute_set 0 "rows" {vertices = array<i64: 0, 0, -1, 0, 0, 0, 1, 0, -1, 5, 0, 1, 2, 0, -1, 10, 0, 2, 3, 0, -1, 15, 0, 3>,
      tiles = array<i64: 0, 0, 0, 0>,
      edges = array<i64: 1, 1, 1, 0, 1, 1, 1, 1, 1, 2, 1, 1, 1, 2, 3, 1, 1, 1, 3, 4>,
      state_sizes = array<i64: 0, 0, 0, 0>}
  poplar.compute_set 1 "shuffled" {vertices = array<i64: 4, 0, -1, 0, 0, 0, 5, 0, -1, 5, 0, 1, 6, 0, -1, 10, 0, 2, 7, 0, -1, 15, 0, 3>,
      tiles = array<i64: 0, 0, 0, 0>,
      edges = array<i64: 1, 1, 2, 2, 4, 1, 1, 3, 2, 4, 1, 1, 2, 0, 2, 1, 1, 3, 0, 1>,
      state_sizes = array<i64: 0, 0, 0, 0>}
  poplar.program 0 {
    poplar.execute 0 {flag = array<i64>}
    poplar.exchange {transfers = array<i64: 0, 1, 0, 0, 0, 0, 4>, element_bytes = 4, name = "rows->acc"}
    poplar.execute 1 {flag = array<i64>}
    poplar.exchange {transfers = array<i64: 0, 2, 0, 0, 0, 0, 4>, element_bytes = 4, name = "shuffled->acc"}
    poplar.exchange {transfers = array<i64: 0, 3, 0, 0, 0, 0, 4>, element_bytes = 4, name = "gap->acc"}
  }
}
