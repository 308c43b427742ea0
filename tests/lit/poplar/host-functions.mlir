// Host functions and their calls print and parse back unchanged.
// RUN: poplar-opt %s | poplar-opt | FileCheck %s

module attributes {poplar.target = {arch = "ipu2", target_type = "IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 4 : i64, bytes_per_tile = 1024 : i64, requires_tile_mapping = false}} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 4, 0>}
  poplar.variable 1 "n" {element_type = #poplar.type<int>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 1>}
  // CHECK: poplar.host_function 0 "reduce" {input_sizes = array<i64: 4>, input_types = [#poplar.type<float>], output_sizes = array<i64: 1>, output_types = [#poplar.type<int>]}
  poplar.host_function 0 "reduce" {input_types = [#poplar.type<float>], input_sizes = array<i64: 4>, output_types = [#poplar.type<int>], output_sizes = array<i64: 1>}
  // CHECK: poplar.host_function 1 "tick" {input_sizes = array<i64>, input_types = [], output_sizes = array<i64>, output_types = []}
  poplar.host_function 1 "tick" {input_types = [], input_sizes = array<i64>, output_types = [], output_sizes = array<i64>}
  poplar.program 0 {
    // Two arguments: x, then n; the first is an input.
    // CHECK: poplar.host_call 0 {num_inputs = 1 : i64, region_counts = array<i64: 6, 3>, regions = array<i64: 0, 0, 2, 0, 2, 4, 1, 0, 1>}
    poplar.host_call 0 {regions = array<i64: 0, 0, 2, 0, 2, 4, 1, 0, 1>, region_counts = array<i64: 6, 3>, num_inputs = 1}
    // CHECK-NEXT: poplar.host_call 1 {num_inputs = 0 : i64, region_counts = array<i64>, regions = array<i64>}
    poplar.host_call 1 {regions = array<i64>, region_counts = array<i64>, num_inputs = 0}
  }
}
