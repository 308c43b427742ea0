// A poplar-dialect graph through the whole pipeline and codegen, as
// compileGraph runs them: the executable keeps the module's target, the
// constant's bytes become a memory image, the two copies one exchange step
// (the copies themselves are gone), and the host read sees y's pieces.
// RUN: poplar-opt %s -poplar-compile | poplar-translate --tile-to-executable | poplar-translate --executable-to-text | FileCheck %s

module attributes {poplar.num_tiles = 2 : i64, poplar.bytes_per_tile = 1024 : i64, poplar.requires_tile_mapping = false} {
  poplar.variable 0 "x" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64: 0, 2, 0, 2, 4, 1>}
  poplar.variable 1 "y" {element_type = #poplar.type<float>, shape = array<i64: 4>, mapping = array<i64>}
  poplar.variable 2 "k" {element_type = #poplar.type<int>, shape = array<i64: 1>, mapping = array<i64: 0, 1, 1>, constant, initial_bytes = array<i8: 7, 0, 0, 0>}
  poplar.host_access "y" {is_write = false, element_type = #poplar.type<float>, shape = array<i64: 4>, regions = array<i64: 1, 0, 4>}
  poplar.program 0 {
    poplar.copy {src = array<i64: 0, 0, 2>, dst = array<i64: 1, 0, 2>, element_type = #poplar.type<float>, name = "x->y low"}
    poplar.copy {src = array<i64: 0, 2, 4>, dst = array<i64: 1, 2, 4>, element_type = #poplar.type<float>, name = "x->y high"}
  }
}

// CHECK-LABEL: section target:
// CHECK-NEXT: target_type "IPU_MODEL"
// CHECK-NEXT: arch "ipu2"
// CHECK-NEXT: num_ipus 1
// CHECK-NEXT: tiles_per_ipu 2
// CHECK-LABEL: section tables:
// CHECK-NEXT: memory_images 1
// CHECK-NEXT: memory image 0: tile 1 address {{[0-9]+}} bytes 4 [07 00 00 00]
// CHECK-NEXT: layouts 1
// CHECK-NEXT: layout 0: type "float" element_bytes 4 shape [4] pieces 2 debug_name "y"
// CHECK-NEXT: piece 0: tile 0 address 8 num_bytes 8
// CHECK-NEXT: piece 1: tile 1 address 8 num_bytes 8
// CHECK-NEXT: exchanges 1
// CHECK-NEXT: exchange 0: transfers 2 sources_overlap_destinations false debug_name "x->y low"
// CHECK-NEXT: transfer 0: src_tile 0 src_address 0 dst_tile 0 dst_address 8 num_bytes 8
// CHECK-NEXT: transfer 1: src_tile 1 src_address 0 dst_tile 1 dst_address 8 num_bytes 8
// CHECK-NOT: "x->y high"
// CHECK: host access 0: handle "y" is_write false layout 0
// CHECK-LABEL: section roots:
// CHECK: placement {{[0-9]+}}: name "k" tile 1 address {{[0-9]+}} num_bytes 4 category constant
// CHECK-LABEL: program 0:
// CHECK-NEXT: Sequence
// CHECK-NEXT: Exchange 0 "x->y low" transfers 2
// CHECK-NOT: {{.}}
