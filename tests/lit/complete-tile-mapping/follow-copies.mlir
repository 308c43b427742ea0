// Unmapped elements follow the elements they are copied from or to; user
// mappings never change; the rest is balanced over the least-loaded tiles.
// RUN: poplar-opt %s -poplar-complete-tile-mapping | FileCheck %s

module attributes {poplar.num_tiles = 4 : i64, poplar.bytes_per_tile = 4096 : i64} {
  // CHECK: poplar.variable 0 "mapped" {{.*}}mapping = array<i64: 0, 4, 1, 4, 8, 2>
  poplar.variable 0 "mapped" {element_type = "float", shape = array<i64: 8>, mapping = array<i64: 0, 4, 1, 4, 8, 2>}
  // b follows a through the first copy; c follows b through the second.
  // CHECK: poplar.variable 1 "b" {{.*}}mapping = array<i64: 0, 4, 1, 4, 8, 2>
  poplar.variable 1 "b" {element_type = "float", shape = array<i64: 8>, mapping = array<i64>}
  // CHECK: poplar.variable 2 "c" {{.*}}mapping = array<i64: 0, 2, 1, 2, 6, 2, 6, 8, 3>
  poplar.variable 2 "c" {element_type = "float", shape = array<i64: 8>, mapping = array<i64: 6, 8, 3>}
  // Nothing connects d: it goes to the emptiest tile (tile 0 has no data).
  // CHECK: poplar.variable 3 "d" {{.*}}mapping = array<i64: 0, 32, 0>
  poplar.variable 3 "d" {element_type = "float", shape = array<i64: 32>, mapping = array<i64>}
  poplar.program 0 {
    poplar.copy {src = array<i64: 0, 0, 8>, dst = array<i64: 1, 0, 8>, element_type = "float", name = ""}
    // c[0:6] = b[2:8]: b[2:4] is on tile 1 and b[4:8] on tile 2.
    poplar.copy {src = array<i64: 1, 2, 8>, dst = array<i64: 2, 0, 6>, element_type = "float", name = ""}
  }
}
