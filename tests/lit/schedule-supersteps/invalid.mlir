// Malformed exchanges are rejected before the pass runs.
// RUN: poplar-opt %s -poplar-schedule-supersteps -split-input-file -verify-diagnostics

module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 64 : i64} {
  poplar.program 0 {
    // expected-error@+1 {{transfers must hold [srcTile, srcVar, srcBegin, dstTile, dstVar, dstBegin, count] septuples}}
    poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 1, 0>, element_bytes = 4, name = "short"}
  }
}

// -----

module attributes {poplar.num_tiles = 1 : i64, poplar.bytes_per_tile = 64 : i64} {
  poplar.program 0 {
    // expected-error@+1 {{element_bytes must be positive}}
    poplar.exchange {transfers = array<i64: 0, 0, 0, 0, 1, 0, 1>, element_bytes = 0, name = "empty elements"}
  }
}
