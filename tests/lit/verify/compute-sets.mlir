// poplar-verify checks vertices: mapped on hardware, every field connected,
// no two vertices of one compute set writing the same elements; codelet ids
// unique.
// RUN: poplar-opt %s -split-input-file -poplar-verify -verify-diagnostics

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = true}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 0>}
  poplar.variable 1 "y" {element_type = #poplar.type<float>, shape = array<i64: 2>, mapping = array<i64: 0, 2, 0>}
  poplar.codelet 0 "Sum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in", "out"], field_types = [#poplar.type<float>, #poplar.type<float>], field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>}
  // expected-error@+1 {{#poplar.error<invalid_tile_mapping>: vertex 0 (Sum) in compute set 'cs' has no tile}}
  poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0, 0>,
      tiles = array<i64: -1>,
      edges = array<i64: 1, 1, 0, 0, 8, 1, 1, 1, 0, 1>,
      state_sizes = array<i64: 0, 0>}
}

// -----

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = true}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 0>}
  poplar.variable 1 "y" {element_type = #poplar.type<float>, shape = array<i64: 2>, mapping = array<i64: 0, 2, 0>}
  poplar.codelet 0 "Sum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in", "out"], field_types = [#poplar.type<float>, #poplar.type<float>], field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>}
  // expected-error@+1 {{#poplar.error<invalid_tile_mapping>: vertex 0 (Sum) in compute set 'cs' is mapped to tile 9, but the target has 4 tiles}}
  poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0, 0>,
      tiles = array<i64: 9>,
      edges = array<i64: 1, 1, 0, 0, 8, 1, 1, 1, 0, 1>,
      state_sizes = array<i64: 0, 0>}
}

// -----

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = true}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 0>}
  poplar.variable 1 "y" {element_type = #poplar.type<float>, shape = array<i64: 2>, mapping = array<i64: 0, 2, 0>}
  poplar.codelet 0 "Sum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in", "out"], field_types = [#poplar.type<float>, #poplar.type<float>], field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>}
  // expected-error@+1 {{#poplar.error<graph_connection_error>: field Sum.out of vertex 0 in compute set 'cs' is never connected; connect a tensor with Graph::connect}}
  poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0, 0>,
      tiles = array<i64: 0>,
      edges = array<i64: 1, 1, 0, 0, 8, 1, -1>,
      state_sizes = array<i64: 0, 0>}
}

// -----

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = true}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 0>}
  // expected-note@+1 {{variable 'y' made here}}
  poplar.variable 1 "y" {element_type = #poplar.type<float>, shape = array<i64: 2>, mapping = array<i64: 0, 2, 0>}
  poplar.codelet 0 "Sum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in", "out"], field_types = [#poplar.type<float>, #poplar.type<float>], field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>}
  // expected-note@+2 {{vertex 0 writes them too, through field Sum.out}}
  // expected-error@+1 {{#poplar.error<graph_cycle_error>: Field Sum.out writes to elements [1:2) of variable 'y' that are written to elsewhere in same compute set ('cs': vertex 1); give each vertex its own elements}}
  poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0, 0, 1, 0, -1, 10, 0, 2>,
      tiles = array<i64: 0, 0>,
      edges = array<i64: 1, 1, 0, 0, 8, 1, 1, 1, 1, 2, 1, 1, 0, 0, 4, 1, 1, 1, 1, 2>,
      state_sizes = array<i64: 0, 0, 0, 0>}
}

// -----

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = true}} {
  poplar.codelet 0 "Sum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = [], field_types = [], field_info = array<i64>}
  // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codelet id 0 is used twice}}
  poplar.codelet 0 "Other" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = [], field_types = [], field_info = array<i64>}
}

// -----

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = true}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 8>, mapping = array<i64: 0, 8, 0>}
  poplar.variable 1 "y" {element_type = #poplar.type<float>, shape = array<i64: 2>, mapping = array<i64: 0, 2, 0>}
  // A host-only field type (the import refuses names outside the type
  // table, so IR has only the table's types) is poplar-verify's type_error.
  poplar.codelet 0 "Sum" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in", "out"], field_types = [#poplar.type<float>, #poplar.type<double>], field_info = array<i64: 3, 1, 4, 0, 2, 2, 4, 0>}
  // expected-error@+1 {{#poplar.error<type_error>: field Sum.out of vertex 0 in compute set 'cs'}}
  poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0, 0>,
      tiles = array<i64: 0>,
      edges = array<i64: 1, 1, 0, 0, 8, 1, 1, 1, 0, 1>,
      state_sizes = array<i64: 0, 0>}
}
