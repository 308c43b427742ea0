// Codegen's declarations: the target, memory images, tensor layouts (one
// per distinct type, shape and pieces), host handles, variable placements
// and the bytes used per tile; every section of the file is listed.
// RUN: poplar-translate --tile-to-executable %s | poplar-translate --executable-to-text | FileCheck %s
// The same module always gives the same bytes.
// RUN: poplar-translate --tile-to-executable %s -o %t.1
// RUN: poplar-translate --tile-to-executable %s -o %t.2
// RUN: cmp %t.1 %t.2

module attributes {poplar.target = {arch = "ipu21", target_type = "IPU_MODEL", num_ipus = 2 : i64, tiles_per_ipu = 2 : i64, bytes_per_tile = 128 : i64}} {
  tile.executable attributes {num_tiles = 4, bytes_per_tile = 128, tile_bytes_used = array<i64: 24, 8, 0, 4>} {
    tile.variable "x" {element_bytes = 4, pieces = array<i64: 0, 0, 8, 1, 0, 8>}
    tile.variable "c" {element_bytes = 2, pieces = array<i64: 0, 8, 4>, category = "constant"}
    tile.variable "state" {element_bytes = 4, pieces = array<i64: 3, 0, 4>, category = "vertex state"}
    tile.variable "tmp" {element_bytes = 4, pieces = array<i64: 0, 12, 12>, lifetime = array<i64: 2, 5>}
    tile.memory_init 0 8 {bytes = array<i8: 1, 2, -1, 127>}
    tile.host_access "x" {is_write = true, element_type = #tile.type<float>, shape = array<i64: 2, 2>, pieces = array<i64: 0, 0, 8, 1, 0, 8>}
    tile.host_access "x" {is_write = false, element_type = #tile.type<float>, shape = array<i64: 2, 2>, pieces = array<i64: 0, 0, 8, 1, 0, 8>}
    tile.host_access "x as int" {is_write = false, element_type = #tile.type<int>, shape = array<i64: 4>, pieces = array<i64: 0, 0, 8, 1, 0, 8>}
    tile.program 0 {
    }
  }
}

// CHECK-LABEL: executable format 7: {{[0-9]+}} bytes, 5 sections
// CHECK-NEXT: section writer: offset 172 size {{[0-9]+}} checksum 0x{{[0-9a-f]+}}
// CHECK-NEXT: package "{{.+}}"
// CHECK-NEXT: section target: offset {{[0-9]+}} size {{[0-9]+}} checksum
// CHECK-NEXT: target_type "IPU_MODEL"
// CHECK-NEXT: arch "ipu21"
// CHECK-NEXT: num_ipus 2
// CHECK-NEXT: tiles_per_ipu 2
// CHECK-NEXT: num_tiles 4
// CHECK-NEXT: bytes_per_tile 128

// CHECK-LABEL: section tables:
// CHECK-NEXT: memory_images 1
// CHECK-NEXT: memory image 0: tile 0 address 8 bytes 4 [01 02 ff 7f]
// The read and the write handle of "x" share one layout; "x as int" has
// the same pieces but another type and shape.
// CHECK-NEXT: layouts 2
// CHECK-NEXT: layout 0: type "float" element_bytes 4 shape [2, 2] pieces 2 debug_name "x"
// CHECK-NEXT: piece 0: tile 0 address 0 num_bytes 8
// CHECK-NEXT: piece 1: tile 1 address 0 num_bytes 8
// CHECK-NEXT: layout 1: type "int" element_bytes 4 shape [4] pieces 2 debug_name "x as int"
// CHECK-NOT: layout 2:
// CHECK: exchanges 0
// CHECK-NEXT: streams 0
// CHECK-NEXT: host_accesses 3
// CHECK-NEXT: host access 0: handle "x" is_write true layout 0
// CHECK-NEXT: host access 1: handle "x" is_write false layout 0
// CHECK-NEXT: host access 2: handle "x as int" is_write false layout 1
// CHECK-NEXT: prints 0
// CHECK-NEXT: control_nodes 1
// CHECK-NEXT: control node 0: kind Sequence children [] case_values [] count 0 index 0 layout 0 text ""
// CHECK-NEXT: remote_buffers 0
// CHECK-NEXT: remote_copies 0
// CHECK-NEXT: host_functions 0
// CHECK-NEXT: host_calls 0

// CHECK-LABEL: section codelets:
// CHECK-NEXT: objects 0
// CHECK-NEXT: codelets 0
// CHECK-NEXT: compute_sets 0

// One placement per piece, with its category and lifetime (-1: always).
// CHECK-LABEL: section roots:
// CHECK-NEXT: programs [0]
// CHECK-NEXT: functions []
// CHECK-NEXT: tile_bytes_used [24, 8, 0, 4]
// CHECK-NEXT: placements 5
// CHECK-NEXT: placement 0: name "x" tile 0 address 0 num_bytes 8 category variable live_from -1 live_to -1
// CHECK-NEXT: placement 1: name "x" tile 1 address 0 num_bytes 8 category variable live_from -1 live_to -1
// CHECK-NEXT: placement 2: name "c" tile 0 address 8 num_bytes 4 category constant live_from -1 live_to -1
// CHECK-NEXT: placement 3: name "state" tile 3 address 0 num_bytes 4 category vertex_state live_from -1 live_to -1
// CHECK-NEXT: placement 4: name "tmp" tile 0 address 12 num_bytes 12 category variable live_from 2 live_to 5

// CHECK-LABEL: program 0:
// CHECK-NEXT: Sequence
// CHECK-NOT: {{.}}
