// The front of the pipeline together: verified, mappings completed so that
// copies stay on their tiles where they can, then lowered to exchanges.
// RUN: poplar-opt %s -poplar-verify -poplar-complete-tile-mapping -poplar-lower-copies-to-exchange | FileCheck %s

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", tiles_per_ipu = 4 : i64, bytes_per_tile = 4096 : i64}} {
  poplar.variable 0 "in" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 4, 2, 4, 8, 3>}
  // "tmp" follows "in"; "out" is mapped by the user to tile 0 only in part.
  // CHECK: poplar.variable 1 "tmp" {{.*}}mapping = array<i64: 0, 4, 2, 4, 8, 3>
  poplar.variable 1 "tmp" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64>}
  // CHECK: poplar.variable 2 "out" {{.*}}mapping = array<i64: 0, 2, 0, 2, 4, 2, 4, 8, 3>
  poplar.variable 2 "out" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 2, 0>}
  poplar.program 0 {
    // CHECK: poplar.exchange {element_bytes = 4 : i64, name = "in to tmp", transfers = array<i64: 2, 0, 0, 2, 1, 0, 4, 3, 0, 4, 3, 1, 4, 4>}
    poplar.copy {src = array<i64: 0, 0, 8>, dst = array<i64: 1, 0, 8>, element_type = #poplar.type<float>, name = "in to tmp"}
    // Only out[0:2], which the user put on tile 0, needs a transfer between
    // tiles.
    // CHECK-NEXT: poplar.exchange {element_bytes = 4 : i64, name = "tmp to out", transfers = array<i64: 2, 1, 0, 0, 2, 0, 2, 2, 1, 2, 2, 2, 2, 2, 3, 1, 4, 3, 2, 4, 4>}
    poplar.copy {src = array<i64: 1, 0, 8>, dst = array<i64: 2, 0, 8>, element_type = #poplar.type<float>, name = "tmp to out"}
  }
}
