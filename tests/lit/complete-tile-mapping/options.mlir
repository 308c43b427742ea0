// The pass options isolate its steps: min-chunk-bytes sets the smallest
// chunk balancing places on a tile, follow-copies=false skips following
// copies and balance=false leaves what is still unmapped unmapped.
// RUN: poplar-opt %s -split-input-file -poplar-complete-tile-mapping | FileCheck %s --check-prefix=DEFAULT
// RUN: poplar-opt %s -split-input-file -poplar-complete-tile-mapping=min-chunk-bytes=8 | FileCheck %s --check-prefix=SMALL
// RUN: poplar-opt %s -split-input-file -poplar-complete-tile-mapping=balance=false | FileCheck %s --check-prefix=FOLLOW
// RUN: poplar-opt %s -split-input-file "-poplar-complete-tile-mapping=follow-copies=false balance=false" | FileCheck %s --check-prefix=NEITHER

// 100 halves over 4 empty tiles: a quarter is 25 elements. By default the
// chunk is at least 128 bytes (64 halves); with 8 bytes it is the quarter,
// rounded up to whole grains of 4.
module attributes {poplar.num_tiles = 4 : i64, poplar.bytes_per_tile = 4096 : i64} {
  // DEFAULT-LABEL: poplar.variable 0 "halves"
  // DEFAULT-SAME: mapping = array<i64: 0, 64, 0, 64, 100, 1>
  // SMALL-LABEL: poplar.variable 0 "halves"
  // SMALL-SAME: mapping = array<i64: 0, 28, 0, 28, 56, 1, 56, 84, 2, 84, 100, 3>
  // FOLLOW-LABEL: poplar.variable 0 "halves"
  // FOLLOW-SAME: mapping = array<i64>
  poplar.variable 0 "halves" {element_type = #poplar.type<half>, shape = array<i64: 100>, mapping = array<i64>}
}

// -----

// `dst` is copied from the mapped `src`, `alone` is connected to nothing.
module attributes {poplar.num_tiles = 4 : i64, poplar.bytes_per_tile = 4096 : i64} {
  // DEFAULT-LABEL: poplar.variable 0 "src"
  // DEFAULT-SAME: mapping = array<i64: 0, 8, 3>
  // DEFAULT-LABEL: poplar.variable 1 "dst"
  // DEFAULT-SAME: mapping = array<i64: 0, 8, 3>
  // DEFAULT-LABEL: poplar.variable 2 "alone"
  // DEFAULT-SAME: mapping = array<i64: 0, 8, 0>
  // FOLLOW-LABEL: poplar.variable 1 "dst"
  // FOLLOW-SAME: mapping = array<i64: 0, 8, 3>
  // FOLLOW-LABEL: poplar.variable 2 "alone"
  // FOLLOW-SAME: mapping = array<i64>
  // NEITHER-LABEL: poplar.variable 1 "dst"
  // NEITHER-SAME: mapping = array<i64>
  // NEITHER-LABEL: poplar.variable 2 "alone"
  // NEITHER-SAME: mapping = array<i64>
  poplar.variable 0 "src" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 3>}
  poplar.variable 1 "dst" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64>}
  poplar.variable 2 "alone" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64>}
  poplar.program 0 {
    poplar.copy {src = array<i64: 0, 0, 8>, dst = array<i64: 1, 0, 8>, element_type = #poplar.type<float>, name = ""}
  }
}
