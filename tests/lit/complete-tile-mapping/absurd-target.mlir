// A target with more tiles than any host could simulate is rejected before
// any per-tile table is built, by every pass that reads the target (this
// once ran for minutes and exhausted memory).
// RUN: poplar-opt %s -split-input-file -poplar-complete-tile-mapping -verify-diagnostics
// RUN: poplar-opt %s -split-input-file -poplar-allocate-tile-memory -verify-diagnostics
// RUN: poplar-opt %s -split-input-file -poplar-compile -verify-diagnostics

// expected-error@+1 {{#poplar.error<invalid_machine_model>: Target: 1 IPU of 2147483648 tiles make 2147483648 tiles, more than the 2097152 (2^21) a target may have}}
module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 2147483648 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64>}
}

// -----

// expected-error@+1 {{#poplar.error<invalid_machine_model>: Target: 1 IPU of 3000000 tiles make 3000000 tiles}}
module attributes {poplar.num_tiles = 3000000 : i64, poplar.bytes_per_tile = 1024 : i64} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64>}
}
