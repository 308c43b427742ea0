// The poplar.compute_set verifier checks the vertex table's lists
// (VertexTable::check), naming the vertex at fault.
// RUN: poplar-opt %s -split-input-file -verify-diagnostics

// expected-error@+1 {{vertices needs 6 numbers per vertex [vertex, codelet, cycles, edges begin, state begin, state sizes begin], not 5}}
poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0>}

// -----

// expected-error@+1 {{tiles needs one number per vertex (1), not 0}}
poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0, 0>}

// -----

// expected-error@+1 {{state_var and state_offset go together}}
poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0, 0>, tiles = array<i64: 0>, state_var = array<i64: 1>}

// -----

// expected-error@+1 {{state_offset needs one number per vertex (1), not 2}}
poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0, 0>, tiles = array<i64: 0>, state_var = array<i64: 1>, state_offset = array<i64: 0, 1>}

// -----

// expected-error@+1 {{row 1 has vertex id -2; ids are not negative}}
poplar.compute_set 0 "cs" {vertices = array<i64: 0, 0, -1, 0, 0, 0, -2, 0, -1, 0, 0, 0>, tiles = array<i64: 0, 0>}

// -----

// expected-error@+1 {{vertex 5 has codelet -1; codelet ids are not negative}}
poplar.compute_set 0 "cs" {vertices = array<i64: 5, -1, -1, 0, 0, 0>, tiles = array<i64: 0>}

// -----

// expected-error@+1 {{vertex 5 has cycles -3; use a count, or -1 for counted cycles}}
poplar.compute_set 0 "cs" {vertices = array<i64: 5, 0, -3, 0, 0, 0>, tiles = array<i64: 0>}

// -----

// expected-error@+1 {{vertex 5 has tile -2; use a tile, or -1 for unmapped}}
poplar.compute_set 0 "cs" {vertices = array<i64: 5, 0, -1, 0, 0, 0>, tiles = array<i64: -2>}

// -----

// expected-error@+1 {{vertex 5 has a negative state_var or state_offset}}
poplar.compute_set 0 "cs" {vertices = array<i64: 5, 0, -1, 0, 0, 0>, tiles = array<i64: 0>, state_var = array<i64: 3>, state_offset = array<i64: -1>}

// -----

// expected-error@+1 {{vertex 5 has its edges at 2, not 0; each vertex's part follows the previous one's}}
poplar.compute_set 0 "cs" {vertices = array<i64: 5, 0, -1, 2, 0, 0>, tiles = array<i64: 0>, edges = array<i64: 0, 0, 0>}

// -----

// The third vertex's edges begin before the second one's.
// expected-error@+1 {{vertex 7 has its edges at 1, not in [2, 4]; each vertex's part follows the previous one's}}
poplar.compute_set 0 "cs" {vertices = array<i64: 5, 0, -1, 0, 0, 0, 6, 0, -1, 2, 0, 0, 7, 0, -1, 1, 0, 0>, tiles = array<i64: 0, 0, 0>, edges = array<i64: 0, 0, 0, 0>}

// -----

// The second vertex's state begins beyond the state list.
// expected-error@+1 {{vertex 6 has its state at 3, not in [0, 2]; each vertex's part follows the previous one's}}
poplar.compute_set 0 "cs" {vertices = array<i64: 5, 0, -1, 0, 0, 0, 6, 0, -1, 0, 3, 0>, tiles = array<i64: 0, 0>, state = array<i8: 1, 2>}

// -----

// expected-error@+1 {{vertex 5 has its state_sizes at 1, not 0; each vertex's part follows the previous one's}}
poplar.compute_set 0 "cs" {vertices = array<i64: 5, 0, -1, 0, 0, 1>, tiles = array<i64: 0>, state_sizes = array<i64: 0>}

// -----

// expected-error@+1 {{vertex 5 has a negative state size}}
poplar.compute_set 0 "cs" {vertices = array<i64: 5, 0, -1, 0, 0, 0>, tiles = array<i64: 0>, state_sizes = array<i64: -1>}

// -----

// expected-error@+1 {{vertex 5 has state sizes adding up to 4 bytes but 2 state bytes}}
poplar.compute_set 0 "cs" {vertices = array<i64: 5, 0, -1, 0, 0, 0>, tiles = array<i64: 0>, state = array<i8: 1, 2>, state_sizes = array<i64: 4>}

// -----

// expected-error@+1 {{a compute set without vertices has no edges, state or state_sizes}}
poplar.compute_set 0 "cs" {edges = array<i64: 0>}
