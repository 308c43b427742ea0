// Op verifiers reject malformed region lists, mappings and switches.
// RUN: poplar-opt %s -split-input-file -verify-diagnostics

// expected-error@+1 {{mapping interval [2, 8) on tile 0 is out of order, empty or beyond the 4 elements}}
poplar.variable 0 "x" {element_type = "float", shape = array<i64: 4>, mapping = array<i64: 2, 8, 0>}

// -----

poplar.program 0 {
  // expected-error@+1 {{source has 2 elements but destination has 3}}
  poplar.copy {src = array<i64: 0, 0, 2>, dst = array<i64: 0, 0, 3>, element_type = "float", name = ""}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{src has 4 integers; it must hold [var, begin, end] triples}}
  poplar.copy {src = array<i64: 0, 0, 2, 1>, dst = array<i64: 0, 0, 3>, element_type = "float", name = ""}
}

// -----

poplar.program 0 {
  // expected-error@+1 {{has 2 case values but 1 case regions}}
  poplar.switch attributes {control = array<i64: 0, 0, 1>, element_type = "int", case_values = array<i32: 1, 2>} {
  } {
  }
}
