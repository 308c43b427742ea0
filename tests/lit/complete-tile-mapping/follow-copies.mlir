// Unmapped elements follow the mapped elements they are copied from or to,
// through chains of copies in any program order; user mappings never
// change.
// RUN: poplar-opt %s -poplar-complete-tile-mapping | FileCheck %s

module attributes {poplar.num_tiles = 4 : i64, poplar.bytes_per_tile = 4096 : i64} {
  // CHECK: poplar.variable 0 "mapped" {{.*}}mapping = array<i64: 0, 4, 1, 4, 8, 2>
  poplar.variable 0 "mapped" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 4, 1, 4, 8, 2>}
  // b follows `mapped` through the first copy.
  // CHECK: poplar.variable 1 "b" {{.*}}mapping = array<i64: 0, 4, 1, 4, 8, 2>
  poplar.variable 1 "b" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64>}
  // c[0:6] = b[2:8] follows b; the user's c[6:8] on tile 3 stays.
  // CHECK: poplar.variable 2 "c" {{.*}}mapping = array<i64: 0, 2, 1, 2, 6, 2, 6, 8, 3>
  poplar.variable 2 "c" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 6, 8, 3>}
  // The chain d -> e -> f -> `anchor` is written backwards: each round
  // carries tile 3 one step further.
  // CHECK: poplar.variable 3 "d" {{.*}}mapping = array<i64: 0, 4, 3>
  poplar.variable 3 "d" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64>}
  // CHECK: poplar.variable 4 "e" {{.*}}mapping = array<i64: 0, 4, 3>
  poplar.variable 4 "e" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64>}
  // CHECK: poplar.variable 5 "f" {{.*}}mapping = array<i64: 0, 4, 3>
  poplar.variable 5 "f" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64>}
  // CHECK: poplar.variable 6 "anchor" {{.*}}mapping = array<i64: 0, 4, 3>
  poplar.variable 6 "anchor" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 3>}
  // g is the source of a copy into `mapped`: sources follow destinations.
  // The reversed view puts g[0] with mapped[7] (tile 2).
  // CHECK: poplar.variable 7 "g" {{.*}}mapping = array<i64: 0, 1, 2, 1, 2, 1>
  poplar.variable 7 "g" {element_type = #poplar.type<float>, shape = array<i64: 2>, mapping = array<i64>}
  poplar.program 0 {
    poplar.copy {src = array<i64: 0, 0, 8>, dst = array<i64: 1, 0, 8>, element_type = #poplar.type<float>, name = ""}
    // c[0:6] = b[2:8]: b[2:4] is on tile 1 and b[4:8] on tile 2.
    poplar.copy {src = array<i64: 1, 2, 8>, dst = array<i64: 2, 0, 6>, element_type = #poplar.type<float>, name = ""}
    poplar.copy {src = array<i64: 3, 0, 4>, dst = array<i64: 4, 0, 4>, element_type = #poplar.type<int>, name = "d to e"}
    poplar.repeat 2 {
      poplar.copy {src = array<i64: 4, 0, 4>, dst = array<i64: 5, 0, 4>, element_type = #poplar.type<int>, name = "e to f"}
    }
    poplar.copy {src = array<i64: 5, 0, 4>, dst = array<i64: 6, 0, 4>, element_type = #poplar.type<int>, name = "f to anchor"}
    poplar.copy {src = array<i64: 7, 0, 2>, dst = array<i64: 0, 7, 8, 0, 3, 4>, element_type = #poplar.type<float>, name = "g"}
  }
}
