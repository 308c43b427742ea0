// poplar-opt --help lists every pass option with its default.
// RUN: poplar-opt --help | FileCheck %s

// CHECK-LABEL: --poplar-allocate-tile-memory
// CHECK: --share-memory
// CHECK-LABEL: --poplar-complete-tile-mapping
// CHECK-DAG: --balance
// CHECK-DAG: --follow-copies
// CHECK-DAG: --min-chunk-bytes=<long>
// CHECK-LABEL: --poplar-schedule-supersteps
// CHECK: --merge
