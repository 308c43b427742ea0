// A compute set's vertex table: it prints and parses back unchanged, and the
// op verifier rejects malformed lists, naming the vertex.
// RUN: poplar-opt %s -split-input-file | poplar-opt -split-input-file | FileCheck %s


// Two vertices: vertex 7 with a fixed estimate of 12 cycles and 4 state bytes
// in its second field, vertex 9 counted, with one unconnected entry.
// CHECK: poplar.compute_set 0 "cs" {edges = array<i64: 1, 1, 0, 0, 4, 0, 1, -1, 0>, state = array<i8: 1, 2, 3, 4>, state_offset = array<i64: 0, 3>, state_sizes = array<i64: 0, 4, 0, 0>, state_var = array<i64: 2, 2>, tiles = array<i64: 1, -1>, vertices = array<i64: 7, 0, 12, 0, 0, 0, 9, 0, -1, 6, 4, 2>}
poplar.compute_set 0 "cs" {vertices = array<i64: 7, 0, 12, 0, 0, 0, 9, 0, -1, 6, 4, 2>,
    tiles = array<i64: 1, -1>,
    edges = array<i64: 1, 1, 0, 0, 4, 0, 1, -1, 0>,
    state = array<i8: 1, 2, 3, 4>,
    state_sizes = array<i64: 0, 4, 0, 0>,
    state_var = array<i64: 2, 2>, state_offset = array<i64: 0, 3>}

// -----

// An empty compute set prints no lists.
// CHECK: poplar.compute_set 1 "empty"{{$}}
poplar.compute_set 1 "empty"
