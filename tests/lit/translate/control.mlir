// Codegen turns every tile control op into its control node: one program
// per case, each shown as a tree by the dump, with the table entry the node
// uses (exchange steps, streams, prints, layouts, remote copies, host calls).
// RUN: poplar-translate --tile-to-executable %s | poplar-translate --executable-to-text | FileCheck %s

tile.executable attributes {num_tiles = 2, bytes_per_tile = 64, tile_bytes_used = array<i64: 24, 8>} {
  tile.stream 0 "in" {element_type = #tile.type<float>, num_elements = 2, to_device = true}
  tile.stream 1 "out" {element_type = #tile.type<float>, num_elements = 2, to_device = false}
  tile.remote_buffer 0 "rb" {element_type = #tile.type<float>, num_elements = 2, repeats = 3}
  tile.host_function 0 "f" {input_types = [#tile.type<float>], input_sizes = array<i64: 2>, output_types = [#tile.type<int>], output_sizes = array<i64: 1>}
  tile.compute_set 0 "empty" {vertices = array<i64>}
  tile.function 0 {
    tile.sync INTERNAL
  }
  tile.program 0 {
    tile.exchange {transfers = array<i64: 0, 0, 1, 0, 8, 0, 8, 0, 16, 4>, name = "e"}
    tile.exchange {transfers = array<i64: 0, 0, 0, 4, 8>, name = "overlap", sources_overlap_destinations}
  }
  tile.program 1 {
    tile.stream_copy {stream = 0, pieces = array<i64: 0, 0, 8>, to_device = true}
    tile.stream_copy {stream = 1, pieces = array<i64: 1, 0, 8>, to_device = false}
  }
  tile.program 2 {
    tile.print "x" {pieces = array<i64: 0, 0, 8, 1, 0, 8>, shape = array<i64: 4>, element_type = #tile.type<float>, summarise_threshold = 1000, edge_items = 3, max_line_width = 75, digits = 8, float_format = #tile.float_format<Scientific>, separator = 44, open_bracket = 40, close_bracket = 41}
  }
  tile.program 3 {
    tile.repeat 3 {
      tile.call 0
    }
    tile.loop {
      tile.abort "stop"
    }
  }
  tile.program 4 {
    tile.repeat_while {
      tile.sync EXTERNAL
    } {
      tile.sync GLOBAL
    } {predicate = array<i64: 0, 20, 4>, element_type = #tile.type<int>, while_true = true}
    tile.repeat_while {
    } {
    } {predicate = array<i64: 0, 20, 4>, element_type = #tile.type<int>, while_true = false}
  }
  tile.program 5 {
    tile.if {
      tile.abort_on_condition "bad" {predicate = array<i64: 0, 16, 1>, element_type = #tile.type<bool>}
    } {
    } {predicate = array<i64: 0, 16, 1>, element_type = #tile.type<bool>}
  }
  tile.program 6 {
    tile.switch attributes {control = array<i64: 0, 20, 4>, element_type = #tile.type<int>, case_values = array<i32: 1, 5>} {
      tile.error_with_tensor "no case" {pieces = array<i64: 0, 20, 4>, shape = array<i64: 1>, element_type = #tile.type<int>}
    } {
    }, {
      tile.sync INTERNAL
    }
  }
  tile.program 7 {
    tile.execute 0 {flag = array<i64>}
    tile.execute 0 {flag = array<i64: 0, 16, 1>, flag_type = #tile.type<bool>}
  }
  tile.program 8 {
    tile.remote_buffer_copy {buffer = 0, pieces = array<i64: 0, 0, 8>, offset = array<i64>, to_device = true}
    tile.remote_buffer_copy {buffer = 0, pieces = array<i64: 0, 0, 16>, offset = array<i64: 1, 0, 8>, to_device = false}
  }
  tile.program 9 {
    tile.host_call 0 {pieces = array<i64: 0, 0, 8, 1, 0, 4>, piece_counts = array<i64: 3, 3>, num_inputs = 1}
  }
}

// The tables the programs use, in the order codegen adds them.
// CHECK-LABEL: section tables:
// CHECK: exchanges 2
// CHECK-NEXT: exchange 0: transfers 2 sources_overlap_destinations false debug_name "e"
// CHECK-NEXT: transfer 0: src_tile 0 src_address 0 dst_tile 1 dst_address 0 num_bytes 8
// CHECK-NEXT: transfer 1: src_tile 0 src_address 8 dst_tile 0 dst_address 16 num_bytes 4
// CHECK-NEXT: exchange 1: transfers 1 sources_overlap_destinations true debug_name "overlap"
// CHECK: streams 2
// CHECK-NEXT: stream 0: handle "in" type "float" element_bytes 4 num_elements 2 to_device true
// CHECK-NEXT: stream 1: handle "out" type "float" element_bytes 4 num_elements 2 to_device false
// CHECK: prints 1
// CHECK-NEXT: print 0: title "x" layout {{[0-9]+}} summarise_threshold 1000 edge_items 3 max_line_width 75 digits 8 float_format Scientific separator ',' open_bracket '(' close_bracket ')'
// CHECK: remote_buffers 1
// CHECK-NEXT: remote buffer 0: handle "rb" type "float" element_bytes 4 num_elements 2 repeats 3
// CHECK-NEXT: remote_copies 2
// CHECK-NEXT: remote buffer copy 0: buffer 0 layout {{[0-9]+}} has_offset false
// CHECK-NEXT: remote buffer copy 1: buffer 0 layout {{[0-9]+}} has_offset true
// CHECK-NEXT: host_functions 1
// CHECK-NEXT: host function 0: handle "f" inputs 1 outputs 1
// CHECK-NEXT: host function input 0: type "float" element_bytes 4 num_elements 2
// CHECK-NEXT: host function output 0: type "int" element_bytes 4 num_elements 1
// CHECK-NEXT: host_calls 1
// CHECK-NEXT: host function call 0: function 0 input_layouts [{{[0-9]+}}] output_layouts [{{[0-9]+}}]

// CHECK-LABEL: section roots:
// CHECK-NEXT: programs [{{([0-9]+, ){9}[0-9]+}}]
// CHECK-NEXT: functions [{{[0-9]+}}]
// CHECK-NEXT: tile_bytes_used [24, 8]

// CHECK-LABEL: program 0:
// CHECK-NEXT: Sequence
// CHECK-NEXT: Exchange 0 "e" transfers 2
// CHECK-NEXT: Exchange 1 "overlap" transfers 1 sources_overlap_destinations
// CHECK-LABEL: program 1:
// CHECK-NEXT: Sequence
// CHECK-NEXT: StreamToDevice stream 0 "in" layout
// CHECK-NEXT: StreamFromDevice stream 1 "out" layout
// CHECK-LABEL: program 2:
// CHECK-NEXT: Sequence
// CHECK-NEXT: Print 0 "x" layout
// CHECK-LABEL: program 3:
// CHECK-NEXT: Sequence
// CHECK-NEXT: Repeat count 3
// CHECK-NEXT: Sequence
// CHECK-NEXT: Call function 0
// CHECK-NEXT: Loop
// CHECK-NEXT: Sequence
// CHECK-NEXT: Abort "stop"
// CHECK-LABEL: program 4:
// CHECK-NEXT: Sequence
// CHECK-NEXT: RepeatWhileTrue predicate layout [[INT:[0-9]+]]
// CHECK-NEXT: cond: Sequence
// CHECK-NEXT: Sync EXTERNAL
// CHECK-NEXT: body: Sequence
// CHECK-NEXT: Sync GLOBAL
// The same type, shape and pieces are one layout.
// CHECK-NEXT: RepeatWhileFalse predicate layout [[INT]]
// CHECK-NEXT: cond: Sequence
// CHECK-NEXT: body: Sequence
// CHECK-LABEL: program 5:
// CHECK-NEXT: Sequence
// CHECK-NEXT: If predicate layout [[BOOL:[0-9]+]]
// CHECK-NEXT: then: Sequence
// CHECK-NEXT: AbortOnCondition predicate layout [[BOOL]] "bad"
// CHECK-NEXT: else: Sequence
// CHECK-LABEL: program 6:
// CHECK-NEXT: Sequence
// CHECK-NEXT: Switch control layout [[INT]]
// CHECK-NEXT: default: Sequence
// CHECK-NEXT: ErrorWithTensor layout [[INT]] "no case"
// CHECK-NEXT: case 1: Sequence
// CHECK-NEXT: case 5: Sequence
// CHECK-NEXT: Sync INTERNAL
// CHECK-LABEL: program 7:
// CHECK-NEXT: Sequence
// CHECK-NEXT: Execute compute_set 0 "empty" vertices 0{{$}}
// CHECK-NEXT: Execute compute_set 0 "empty" vertices 0 flag layout [[BOOL]]
// CHECK-LABEL: program 8:
// CHECK-NEXT: Sequence
// CHECK-NEXT: RemoteBufferToDevice copy 0 buffer 0 "rb" layout {{[0-9]+}}{{$}}
// CHECK-NEXT: RemoteBufferFromDevice copy 1 buffer 0 "rb" layout {{[0-9]+}} offset layout {{[0-9]+}}
// CHECK-LABEL: program 9:
// CHECK-NEXT: Sequence
// CHECK-NEXT: HostFunctionCall call 0 function 0 "f"
// CHECK-LABEL: function 0:
// CHECK-NEXT: Sequence
// CHECK-NEXT: Sync INTERNAL
// CHECK-NOT: {{.}}
