// Codelets and compute sets against a real codelet archive (the build's
// poplin.gp, one native object): codelets are numbered densely in id order,
// the object is copied once however many codelets use it, and each compute
// set keeps its vertex table (state addresses, fixed cycles or -1).
// RUN: poplar-translate --tile-to-executable --codelet-archive=%poplin_gp %s | poplar-translate --executable-to-text | FileCheck %s
// RUN: not poplar-translate --tile-to-executable --codelet-archive=%t.missing.gp %s 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: file_load_error: {{.*}}missing.gp

tile.executable attributes {num_tiles = 2, bytes_per_tile = 256, tile_bytes_used = array<i64: 64, 32>} {
  tile.codelet 4 "poplin::SumPartials<float,float>" {base = #tile.codelet_base<MultiVertex>, object = 0, returns_bool = false}
  tile.codelet 2 "poplin::MatMulBlock<float,float>" {base = #tile.codelet_base<MultiVertex>, object = 0, returns_bool = false, field_info = array<i64: 3, 1, 4, 1, 3, 1, 4, 1, 3, 2, 4, 1, 0, 0, 4, 0>}
  tile.compute_set 1 "mm" {vertices = array<i64: 0, 0, 2, 0, -1, 3, 0, 2, 16, 100, 1, 1, 4, 0, -1>}
  tile.compute_set 0 "idle" {vertices = array<i64>}
  tile.program 0 {
    tile.execute 1 {flag = array<i64>}
    tile.execute 0 {flag = array<i64>}
  }
}

// CHECK-LABEL: section codelets:
// CHECK-NEXT: objects 1
// CHECK-NEXT: codelet object 0: shared_object {{[0-9]+}} [7f 45 4c 46 {{.*}}] content_hash "{{[0-9a-f]+}}" source "{{.*}}MatMul.cpp"
// CHECK-NOT: codelet object 1:
// Graph ids 2 and 4 become codelets 0 and 1.
// CHECK-NEXT: codelets 2
// CHECK-NEXT: codelet 0: name "poplin::MatMulBlock<float,float>" object 0 base 1 returns_bool false has_fields true fields 4
// CHECK-NEXT: codelet field 0: kind 3 direction 1 element_bytes 4
// CHECK-NEXT: codelet field 1: kind 3 direction 1 element_bytes 4
// CHECK-NEXT: codelet field 2: kind 3 direction 2 element_bytes 4
// CHECK-NEXT: codelet field 3: kind 0 direction 0 element_bytes 4
// CHECK-NEXT: codelet 1: name "poplin::SumPartials<float,float>" object 0 base 1 returns_bool false has_fields false fields 0
// CHECK-NEXT: compute_sets 2
// CHECK-NEXT: compute set 0: name "idle" vertices 0
// CHECK-NEXT: compute set 1: name "mm" vertices 3
// CHECK-NEXT: vertex 0: id 0 tile 0 codelet 0 state_address 0 fixed_cycles -1
// CHECK-NEXT: vertex 1: id 3 tile 0 codelet 0 state_address 16 fixed_cycles 100
// CHECK-NEXT: vertex 2: id 1 tile 1 codelet 1 state_address 0 fixed_cycles -1

// CHECK-LABEL: program 0:
// CHECK-NEXT: Sequence
// CHECK-NEXT: Execute compute_set 1 "mm" vertices 3
// CHECK-NEXT: Execute compute_set 0 "idle" vertices 0
