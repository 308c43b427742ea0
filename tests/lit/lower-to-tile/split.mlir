// Transfers are cut where either side changes allocation piece, even on one
// tile, and transfers that continue each other on both sides merge. Without
// a recorded tile_bytes_used, the bytes used are the end of each tile's
// highest piece.
// RUN: poplar-opt %s -poplar-lower-to-tile | FileCheck %s

// CHECK: tile.executable attributes {bytes_per_tile = 256 : i64, num_tiles = 2 : i64, tile_bytes_used = array<i64: 80, 16>}
module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 256 : i64} {
  // Two pieces on tile 0 that are not next to each other.
  poplar.variable 0 "src" {element_type = #poplar.type<int>, shape = array<i64: 8>, mapping = array<i64: 0, 4, 0, 4, 8, 0>, allocation = array<i64: 0, 4, 0, 0, 4, 8, 0, 64>}
  poplar.variable 1 "dst" {element_type = #poplar.type<int>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 1>, allocation = array<i64: 0, 4, 1, 0>}
  poplar.variable 2 "tmp" {element_type = #poplar.type<int>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 0>, allocation = array<i64: 0, 8, 0, 16>}
  poplar.program 0 {
    // src[2:6] -> dst[0:4]: src's pieces split it in two.
    // CHECK: tile.exchange {name = "across", transfers = array<i64: 0, 8, 1, 0, 8, 0, 64, 1, 8, 8>}
    poplar.exchange {transfers = array<i64: 0, 0, 2, 1, 1, 0, 4>, element_bytes = 4, name = "across"}
    // tmp[0:2] and tmp[2:4] -> dst continue each other: one transfer.
    // CHECK-NEXT: tile.exchange {name = "joined", transfers = array<i64: 0, 16, 1, 0, 16>}
    poplar.exchange {transfers = array<i64: 0, 2, 0, 1, 1, 0, 2, 0, 2, 2, 1, 1, 2, 2>, element_bytes = 4, name = "joined"}
  }
}
