// The tile dialect's enum attributes accept only their cases: anything else
// is a parse error that lists the valid spellings. One file per case, run in
// name order.
// RUN: rm -rf %t && split-file %s %t
// RUN: for f in %t/*.mlir; do not poplar-opt $f -o /dev/null 2>&1; done | FileCheck %s

// The numbers of earlier versions.
// CHECK-LABEL: codelet-base.mlir:
// CHECK-SAME: error: expected valid keyword
// CHECK: error: failed to parse Tile_CodeletBaseAttr parameter 'value' which is to be a `::tessel::ir::CodeletBase`
//--- codelet-base.mlir
tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  tile.codelet 0 "C" {base = #tile.codelet_base<3>, object = 0, returns_bool = false}
}

// A poplar attribute where the tile one belongs.
// CHECK-LABEL: element-type-dialect.mlir:
// CHECK-SAME: error: custom op 'tile.stream' 'tile.stream' op attribute 'element_type' failed to satisfy constraint: poplar element type
//--- element-type-dialect.mlir
tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  tile.stream 0 "s" {element_type = #poplar.type<float>, num_elements = 1, to_device = true}
}

// CHECK-LABEL: element-type-unknown.mlir:
// CHECK-SAME: error: expected ::tessel::ir::ElementType to be one of: bool, char, {{.*}}, half, float, double
// CHECK-NEXT: #tile.type<complex>
//--- element-type-unknown.mlir
tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  tile.stream 0 "s" {element_type = #tile.type<complex>, num_elements = 1, to_device = true}
}

// Cases are spelled as Poplar spells them.
// CHECK-LABEL: float-format.mlir:
// CHECK-SAME: error: expected ::tessel::ir::FloatFormat to be one of: Auto, Fixed, Scientific, None
//--- float-format.mlir
tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  tile.program 0 {
    tile.print "x" {pieces = array<i64: 0, 0, 4>, shape = array<i64: 1>, element_type = #tile.type<float>, summarise_threshold = 1000, edge_items = 3, max_line_width = 75, digits = 8, float_format = #tile.float_format<auto>, separator = 32, open_bracket = 91, close_bracket = 93}
  }
}

// CHECK-LABEL: sync-type.mlir:
// CHECK-SAME: error: custom op 'tile.sync' expected ::tessel::ir::SyncType to be one of: INTERNAL, EXTERNAL, GLOBAL
//--- sync-type.mlir
tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64>} {
  tile.program 0 {
    tile.sync internal
  }
}
