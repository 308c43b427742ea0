// Op verifiers reject malformed host functions and host calls.
// RUN: poplar-opt %s -split-input-file -verify-diagnostics

// expected-error@+1 {{needs one size per argument type}}
poplar.host_function 0 "f" {input_types = [#poplar.type<float>], input_sizes = array<i64>, output_types = [], output_sizes = array<i64>}

// -----

// expected-error@+1 {{argument sizes must be positive, not 0}}
poplar.host_function 0 "f" {input_types = [], input_sizes = array<i64>, output_types = [#poplar.type<int>], output_sizes = array<i64: 0>}

// -----

// expected-error@+2 {{expected ::tessel::ir::ElementType to be one of}}
// expected-error@+1 {{failed to parse Poplar_ElementTypeAttr parameter 'value'}}
poplar.host_function 0 "f" {input_types = [#poplar.type<quaternion>], input_sizes = array<i64: 1>, output_types = [], output_sizes = array<i64>}

// -----

// A type must be an element type attribute, not its name.
// expected-error@+1 {{'input_types' failed to satisfy constraint: element types}}
poplar.host_function 0 "f" {input_types = ["float"], input_sizes = array<i64: 1>, output_types = [], output_sizes = array<i64>}

// -----

poplar.program 0 {
  // expected-error@+1 {{the arguments' lists hold 3 integers but there are 6}}
  poplar.host_call 0 {regions = array<i64: 0, 0, 2, 0, 2, 4>, region_counts = array<i64: 3>, num_inputs = 1}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{argument 0 has a list of 2 integers; each must hold whole triples}}
  poplar.host_call 0 {regions = array<i64: 0, 0>, region_counts = array<i64: 2>, num_inputs = 1}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{num_inputs is 2 but there are 1 arguments}}
  poplar.host_call 0 {regions = array<i64: 0, 0, 2>, region_counts = array<i64: 3>, num_inputs = 2}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{function is -1; it must be >= 0}}
  poplar.host_call -1 {regions = array<i64>, region_counts = array<i64>, num_inputs = 0}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{argument regions triple 0 [0, 3, 2] is not a valid range}}
  poplar.host_call 0 {regions = array<i64: 0, 3, 2>, region_counts = array<i64: 3>, num_inputs = 0}
}
