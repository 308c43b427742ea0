// Codelet errors against a real archive (poplin.gp, one native object).
// RUN: poplar-translate --tile-to-executable --codelet-archive=%poplin_gp %s -split-input-file -verify-diagnostics

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 0>} {
  // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codegen: cannot emit 'tile.codelet': codelet 'V' names native object 1 but the graph has 1}}
  tile.codelet 0 "V" {base = #tile.codelet_base<Vertex>, object = 1, returns_bool = true}
}

// -----

tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 0>} {
  // expected-error@+1 {{#poplar.error<graph_program_compilation_error>: codegen: cannot emit 'tile.codelet': codelet 'V' has a field_info list whose length is not a multiple of 4}}
  tile.codelet 0 "V" {base = #tile.codelet_base<Vertex>, object = 0, returns_bool = true, field_info = array<i64: 3, 1, 4>}
}
