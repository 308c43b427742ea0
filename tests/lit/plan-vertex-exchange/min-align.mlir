// Vector fields with a MinAlign: a local run that can start aligned stays,
// and its variable gets min_align; one that cannot is staged at an aligned
// offset of a temporary that gets min_align too.
// RUN: poplar-opt %s -poplar-plan-vertex-exchange | FileCheck %s
// RUN: poplar-opt %s -poplar-compile | FileCheck %s --check-prefix=TILE

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 16>, mapping = array<i64: 0, 8, 0, 8, 12, 0, 12, 16, 1>}
  poplar.variable 1 "y" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.codelet 0 "AlignedSum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in", "out"], field_types = [#poplar.type<float>, #poplar.type<float>], field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>, field_align = array<i64: 16, 4>}
  poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0, 0, 1, 0, -1, 10, 0, 2, 2, 0, -1, 20, 0, 4>,
      tiles = array<i64: 0, 0, 0>,
      edges = array<i64: 1, 1, 0, 4, 10, 1, 1, 1, 0, 1, 1, 1, 0, 1, 3, 1, 1, 1, 1, 2, 1, 1, 0, 13, 14, 1, 1, 1, 2, 3>,
      state_sizes = array<i64: 0, 0, 0, 0, 0, 0>}
  poplar.program 0 {
    poplar.execute 0 {flag = array<i64>}
  }
}

// x[4, 10) starts 16 bytes into x's piece [0, 12) on tile 0: kept.
// CHECK: poplar.variable 0 "x" {element_type = #poplar.type<float>, mapping = array<i64: 0, 8, 0, 8, 12, 0, 12, 16, 1>, min_align = 16 : i64, shape = array<i64: 16>}
// CHECK: poplar.variable 1 "y" {element_type = #poplar.type<float>, mapping = array<i64: 0, 4, 0>, shape = array<i64: 4>}
// x[1, 3) starts 4 bytes in, and x[13, 14) is remote: both staged, the
// second padded to the next 16 bytes.
// CHECK: poplar.variable 3 "cs/vertex inputs on tile 0" {element_type = #poplar.type<float>, mapping = array<i64: 0, 5, 0>, min_align = 16 : i64, shape = array<i64: 5>}
// CHECK: poplar.compute_set 0 "cs" {edges = array<i64: 1, 1, 0, 4, 10, 1, 1, 1, 0, 1, 1, 1, 3, 0, 2, 1, 1, 1, 1, 2, 1, 1, 3, 4, 5, 1, 1, 1, 2, 3>, state_offset = array<i64: 0, 3, 6>, state_sizes = array<i64: 0, 0, 0, 0, 0, 0>, state_var = array<i64: 2, 2, 2>, tiles = array<i64: 0, 0, 0>, vertices = array<i64: 0, 0, -1, 0, 0, 0, 1, 0, -1, 10, 0, 2, 2, 0, -1, 20, 0, 4>}
// CHECK: poplar.copy {dst = array<i64: 3, 0, 2, 3, 4, 5>, element_type = #poplar.type<float>, name = "cs/inputs", src = array<i64: 0, 1, 3, 0, 13, 14>}

// TILE: tile.variable "x" {element_bytes = 4 : i64, pieces = array<i64: 0, 0, 48, 1, 0, 16>}
// TILE: tile.variable "cs/vertex inputs on tile 0" {element_bytes = 4 : i64, lifetime = array<i64: 0, 1>, pieces = array<i64: 0, 96, 20>}
// Vector addresses 16, 96 and 112: multiples of 16.
// TILE: tile.memory_init 0 48 {bytes = array<i8: 16, 0, 0, 0, 6, 0, 0, 0, 116, 0, 0, 0, 96, 0, 0, 0, 2, 0, 0, 0, 120, 0, 0, 0, 112, 0, 0, 0, 1, 0, 0, 0, 124, 0, 0, 0>}
