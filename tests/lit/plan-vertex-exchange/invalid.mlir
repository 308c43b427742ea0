// Vertex exchange needs mapped vertices and well-formed edges.
// RUN: poplar-opt %s -split-input-file -poplar-plan-vertex-exchange -verify-diagnostics

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.codelet 0 "Sum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in", "out"], field_types = [#poplar.type<float>, #poplar.type<float>], field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>}
  // expected-error@+1 {{#poplar.error<invalid_tile_mapping>: vertex 0 (Sum) in compute set 'cs' is on tile -1, not one of the target's 4 tiles; run poplar-complete-tile-mapping first}}
  poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0, 0>,
      tiles = array<i64: -1>,
      edges = array<i64: 1, 1, 0, 0, 3, 1, 1, 0, 3, 4>,
      state_sizes = array<i64: 0, 0>}
}

// -----

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.codelet 0 "Sum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in", "out"], field_types = [#poplar.type<float>, #poplar.type<float>], field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>}
  // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: vertex 3 in compute set 'cs' is malformed}}
  poplar.compute_set 0 "cs" {vertices = array<i64: 3, 0, -1, 0, 0, 0>,
      tiles = array<i64: 0>,
      edges = array<i64: 1, 1, 0, 0>,
      state_sizes = array<i64: 0, 0>}
}

// -----

// Run alone on a module whose variable declaration is missing, the pass
// reports the dangling edge instead of following it.
module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  poplar.variable 1 "y" {element_type = #poplar.type<float>, shape = array<i64: 2>, mapping = array<i64: 0, 1, 0, 1, 2, 1>}
  poplar.codelet 0 "Sum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in", "out"], field_types = [#poplar.type<float>, #poplar.type<float>], field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>}
  // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: vertex 0 in compute set 'cs' is malformed (field 0 refers to variable 0, which the module does not declare); run poplar-verify first}}
  poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0, 0>,
      tiles = array<i64: 0>,
      edges = array<i64: 1, 1, 0, 0, 4, 1, 1, 1, 0, 1>,
      state_sizes = array<i64: 0, 0>}
}

// -----

// An edge past its variable's end is reported, not read out of bounds.
module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.variable 1 "y" {element_type = #poplar.type<float>, shape = array<i64: 2>, mapping = array<i64: 0, 1, 0, 1, 2, 1>}
  poplar.codelet 0 "Sum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in", "out"], field_types = [#poplar.type<float>, #poplar.type<float>], field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>}
  // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: vertex 0 in compute set 'cs' is malformed (field 0 uses elements [2, 9) of 'x', which has 4 elements); run poplar-verify first}}
  poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0, 0>,
      tiles = array<i64: 0>,
      edges = array<i64: 1, 1, 0, 2, 9, 1, 1, 1, 0, 1>,
      state_sizes = array<i64: 0, 0>}
}
