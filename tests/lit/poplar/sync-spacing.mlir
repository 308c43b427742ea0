// The sync ops of both dialects print one space between the op name and the
// sync type (the type's own printer writes it), so printed IR reads as it
// is written. Whitespace is compared exactly.
// RUN: poplar-opt %s -split-input-file | FileCheck %s --strict-whitespace

// CHECK-LABEL: poplar.program 0
// CHECK-NEXT: {{^ +}}poplar.sync EXTERNAL{{$}}
// CHECK-NEXT: {{^ +}}poplar.sync GLOBAL{{$}}
poplar.program 0 {
  poplar.sync EXTERNAL
  poplar.sync GLOBAL
}

// -----

// CHECK-LABEL: tile.executable
// CHECK: {{^ +}}tile.sync INTERNAL{{$}}
tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 0>} {
  tile.program 0 {
    tile.sync INTERNAL
  }
}
