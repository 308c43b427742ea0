// The enum attributes (element types, sync types, codelet bases, float
// formats) accept only their cases: anything else is a parse error that
// lists the valid spellings. One file per case, run in name order.
// RUN: rm -rf %t && split-file %s %t
// RUN: for f in %t/*.mlir; do not poplar-opt $f -o /dev/null 2>&1; done | FileCheck %s

// CHECK-LABEL: codelet-base.mlir:
// CHECK-SAME: error: expected ::tessel::ir::CodeletBase to be one of: Vertex, MultiVertex, SupervisorVertex
// CHECK-NEXT: #poplar.codelet_base<Supervisor>
//--- codelet-base.mlir
poplar.codelet 0 "C" {base = #poplar.codelet_base<Supervisor>, object = 0 : i64, returns_bool = false, field_names = [], field_types = [], field_info = array<i64>}

// CHECK-LABEL: element-type-misspelled.mlir:
// CHECK-SAME: error: expected ::tessel::ir::ElementType to be one of: bool, char, unsigned_char, signed_char, short, unsigned_short, int, unsigned_int, long, unsigned_long, long_long, unsigned_long_long, quarter, quarter_metadata, half, float, double
// CHECK-NEXT: #poplar.type<floot>
//--- element-type-misspelled.mlir
poplar.variable 0 "x" {element_type = #poplar.type<floot>, shape = array<i64: 4>, mapping = array<i64>}

// Poplar's name with a space: the keyword is "unsigned", which is no case.
// CHECK-LABEL: element-type-space.mlir:
// CHECK-SAME: error: expected ::tessel::ir::ElementType to be one of: bool, {{.*}}, unsigned_int, {{.*}}, double
//--- element-type-space.mlir
poplar.stream 0 "in" {element_type = #poplar.type<unsigned int>, num_elements = 4, to_device = true}

// The string form of earlier versions.
// CHECK-LABEL: element-type-string.mlir:
// CHECK-SAME: error: custom op 'poplar.variable' 'poplar.variable' op attribute 'element_type' failed to satisfy constraint: poplar element type
//--- element-type-string.mlir
poplar.variable 0 "x" {element_type = "float", shape = array<i64: 4>, mapping = array<i64>}

// Codelet field types are element types too, not the archive's type names
// (the import converts those, refusing names outside the type table).
// CHECK-LABEL: field-types-string.mlir:
// CHECK-SAME: error: custom op 'poplar.codelet' 'poplar.codelet' op attribute 'field_types' failed to satisfy constraint: element types
//--- field-types-string.mlir
poplar.codelet 0 "C" {base = #poplar.codelet_base<Vertex>, object = 0 : i64, returns_bool = true, field_names = ["in"], field_types = ["float"], field_info = array<i64: 3, 1, 4, 0>}

// CHECK-LABEL: float-format.mlir:
// CHECK-SAME: error: expected ::tessel::ir::FloatFormat to be one of: Auto, Fixed, Scientific, None
//--- float-format.mlir
poplar.program 0 {
  poplar.print_tensor "p" {regions = array<i64: 0, 0, 4>, shape = array<i64: 4>, element_type = #poplar.type<float>, summarise_threshold = 1000, edge_items = 3, max_line_width = 75, digits = 8, float_format = #poplar.float_format<Engineering>, separator = 32, open_bracket = 91, close_bracket = 93}
}

// CHECK-LABEL: sync-type-name.mlir:
// CHECK-SAME: error: custom op 'poplar.sync' expected ::tessel::ir::SyncType to be one of: INTERNAL, EXTERNAL, GLOBAL
//--- sync-type-name.mlir
poplar.program 0 {
  poplar.sync LOCAL
}

// The numbers of earlier versions.
// CHECK-LABEL: sync-type-number.mlir:
// CHECK-SAME: error: custom op 'poplar.sync' expected valid keyword
// CHECK: error: custom op 'poplar.sync' failed to parse Poplar_SyncTypeAttr parameter 'value' which is to be a `::tessel::ir::SyncType`
//--- sync-type-number.mlir
poplar.program 0 {
  poplar.sync 3
}
