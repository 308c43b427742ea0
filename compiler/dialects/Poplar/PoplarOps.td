// Ops of the `poplar` dialect. Declarations (variables, streams, host
// handles, programs, functions) sit at module level; control ops sit in
// program and function bodies and nest in single-block regions without
// terminators. Tensors are region lists (see PoplarDialect.td).
#ifndef TESSEL_POPLAR_OPS_TD
#define TESSEL_POPLAR_OPS_TD

include "Poplar/PoplarDialect.td"
include "mlir/IR/BuiltinAttributes.td"
include "mlir/IR/CommonAttrConstraints.td"

def Poplar_ElementTypeArrayAttr
    : TypedArrayAttrBase<Poplar_ElementTypeAttr, "element types">;

def Body : Region<CPred<"$_self.empty() || ::llvm::hasSingleElement($_self)">,
                  "region of at most one block">;

// Declarations live directly in the module.
class Poplar_DeclOp<string mnemonic, list<Trait> traits = []>
    : Poplar_Op<mnemonic, traits # [HasParent<"::mlir::ModuleOp">]>;

// Control ops run in a program or function body, or nested in another
// control op's region.
defvar ControlParents = ParentOneOf<["ProgramOp", "FunctionOp", "RepeatOp",
    "LoopOp", "RepeatWhileOp", "IfOp", "SwitchOp"]>;
class Poplar_ControlOp<string mnemonic, list<Trait> traits = []>
    : Poplar_Op<mnemonic, traits # [ControlParents]>;

//===- Declarations -------------------------------------------------------===//

def Poplar_VariableOp : Poplar_DeclOp<"variable"> {
  let summary = "A graph variable (or constant) and its tile mapping";
  let description = [{
    Variable `id` (region lists name it by this number) with debug `name`,
    `element_type` and `shape`. `mapping` holds
    [begin, end, tile] triples of element intervals, sorted, disjoint and
    non-empty; elements it does not cover are unmapped until
    poplar-complete-tile-mapping maps them. `constant` marks graph
    constants; `initial_bytes` holds the device bytes of a constant or of
    Graph::setInitialValue (element count x type size). After
    poplar-allocate-tile-memory, `allocation` holds [begin, end, tile,
    address] quadruples covering every element. `min_align` (a power of
    two, in bytes) asks the allocator to start every piece of the variable
    at a multiple of it, beyond its type's own alignment (vertex fields
    declared with a MinAlign need it).

    ```mlir
    poplar.variable 0 "weights" {element_type = #poplar.type<float>,
        shape = array<i64: 2, 3>, mapping = array<i64: 0, 4, 0, 4, 6, 1>}
    ```
  }];
  let arguments = (ins I64Attr:$id, StrAttr:$name, Poplar_ElementTypeAttr:$element_type,
                   DenseI64ArrayAttr:$shape, DenseI64ArrayAttr:$mapping,
                   UnitAttr:$constant,
                   OptionalAttr<DenseI8ArrayAttr>:$initial_bytes,
                   OptionalAttr<DenseI64ArrayAttr>:$allocation,
                   OptionalAttr<I64Attr>:$min_align);
  let assemblyFormat = "$id $name attr-dict";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    int64_t getNumElements();
    /// `mapping` as records (compiler/dialects/Poplar/VariableLayout.hpp).
    ::tessel::MappedIntervals getMappingList() {
      return ::tessel::MappedIntervals(getMapping());
    }
    /// `allocation` as records, if the variable has one yet.
    std::optional<::tessel::AllocatedIntervals> getAllocationList() {
      if (std::optional<::llvm::ArrayRef<int64_t>> a = getAllocation())
        return ::tessel::AllocatedIntervals(*a);
      return std::nullopt;
    }
  }];
}

def Poplar_StreamOp : Poplar_DeclOp<"stream"> {
  let summary = "A host stream FIFO";
  let description = [{
    Stream `id` with `handle`; every stream copy moves `num_elements`
    elements of `element_type`, host to device when `to_device` is true.
  }];
  let arguments = (ins I64Attr:$id, StrAttr:$handle, Poplar_ElementTypeAttr:$element_type,
                   I64Attr:$num_elements, BoolAttr:$to_device);
  let assemblyFormat = "$id $handle attr-dict";
  let hasVerifier = 1;
}

def Poplar_RemoteBufferOp : Poplar_DeclOp<"remote_buffer"> {
  let summary = "A remote buffer in streaming memory";
  let description = [{
    Remote buffer `id` with `handle`: `repeats` rows of `num_elements`
    elements of `element_type`, outside tile memory.
  }];
  let arguments = (ins I64Attr:$id, StrAttr:$handle, Poplar_ElementTypeAttr:$element_type,
                   I64Attr:$num_elements, I64Attr:$repeats);
  let assemblyFormat = "$id $handle attr-dict";
  let hasVerifier = 1;
}

def Poplar_HostFunctionOp : Poplar_DeclOp<"host_function"> {
  let summary = "A function the host runs (Graph::addHostFunction)";
  let description = [{
    Host function `id` with `handle`: input argument i holds
    `input_sizes[i]` elements of `input_types[i]`, output argument i
    `output_sizes[i]` elements of `output_types[i]`.
  }];
  let arguments = (ins I64Attr:$id, StrAttr:$handle,
                   Poplar_ElementTypeArrayAttr:$input_types,
                   DenseI64ArrayAttr:$input_sizes,
                   Poplar_ElementTypeArrayAttr:$output_types,
                   DenseI64ArrayAttr:$output_sizes);
  let assemblyFormat = "$id $handle attr-dict";
  let hasVerifier = 1;
}

def Poplar_HostAccessOp : Poplar_DeclOp<"host_access"> {
  let summary = "A createHostWrite / createHostRead handle";
  let description = [{
    The tensor `regions` (of `shape` and `element_type`) that the host
    writes (`is_write`) or reads with Engine::writeTensor / readTensor
    under `handle`.
  }];
  let arguments = (ins StrAttr:$handle, BoolAttr:$is_write,
                   Poplar_ElementTypeAttr:$element_type, DenseI64ArrayAttr:$shape,
                   DenseI64ArrayAttr:$regions);
  let assemblyFormat = "$handle attr-dict";
  let hasVerifier = 1;
}

def Poplar_ProgramOp : Poplar_DeclOp<"program", [NoTerminator]> {
  let summary = "Engine program number `index`";
  let description = [{
    The body runs when Engine::run(index) is called; it holds control ops.
  }];
  let arguments = (ins I64Attr:$index);
  let regions = (region Body:$body);
  let assemblyFormat = "$index $body attr-dict";
  let hasVerifier = 1;
}

def Poplar_FunctionOp : Poplar_DeclOp<"function", [NoTerminator]> {
  let summary = "poplar::Function number `index`";
  let description = [{
    A body that `poplar.call` runs; it holds control ops.
  }];
  let arguments = (ins I64Attr:$index);
  let regions = (region Body:$body);
  let assemblyFormat = "$index $body attr-dict";
  let hasVerifier = 1;
}

//===- Data movement ------------------------------------------------------===//

def Poplar_CopyOp : Poplar_ControlOp<"copy"> {
  let summary = "Copy between two tensors of the same type and size";
  let description = [{
    Element i of `src` goes to element i of `dst`; both are region lists of
    `element_type` with the same number of elements. `name` is the debug
    name of the program::Copy.
  }];
  let arguments = (ins DenseI64ArrayAttr:$src, DenseI64ArrayAttr:$dst,
                   Poplar_ElementTypeAttr:$element_type, StrAttr:$name);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def Poplar_ExchangeOp : Poplar_ControlOp<"exchange"> {
  let summary = "A copy split into tile-to-tile transfers";
  let description = [{
    `transfers` holds [srcTile, srcVar, srcBegin, dstTile, dstVar, dstBegin,
    count] septuples in elements of `element_bytes` bytes: `count` elements
    from `srcBegin` of variable `srcVar` on `srcTile` to `dstBegin` of
    `dstVar` on `dstTile`. A transfer never crosses a tile boundary on
    either side; srcTile == dstTile is an on-tile copy. All transfers of
    one op form one exchange phase; `superstep` numbers it and
    `sources_overlap_destinations` says some destination is also a source.
  }];
  let arguments = (ins DenseI64ArrayAttr:$transfers, I64Attr:$element_bytes,
                   StrAttr:$name, UnitAttr:$sources_overlap_destinations,
                   OptionalAttr<I64Attr>:$superstep);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// `transfers` as records (compiler/dialects/Transfers.hpp).
    ::tessel::ElementTransfers getTransferList() {
      return ::tessel::ElementTransfers(getTransfers());
    }
  }];
}

def Poplar_StreamCopyOp : Poplar_ControlOp<"stream_copy"> {
  let summary = "Copy between a host stream and a tensor";
  let description = [{
    Moves one entry of stream `stream` into (`to_device`) or out of the
    tensor `regions`.
  }];
  let arguments = (ins I64Attr:$stream, DenseI64ArrayAttr:$regions,
                   BoolAttr:$to_device);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def Poplar_RemoteBufferCopyOp : Poplar_ControlOp<"remote_buffer_copy"> {
  let summary = "Copy rows between a remote buffer and a tensor";
  let description = [{
    Moves rows of remote buffer `buffer` into (`to_device`) or out of the
    tensor `regions`: row offset[i] <-> the i-th num_elements-element row
    of the tensor, where `offset` is an unsigned int tensor read when the
    copy runs; with no offset (empty), row 0.
  }];
  let arguments = (ins I64Attr:$buffer, DenseI64ArrayAttr:$regions,
                   DenseI64ArrayAttr:$offset, BoolAttr:$to_device);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def Poplar_HostCallOp : Poplar_ControlOp<"host_call"> {
  let summary = "Runs host function `function` on the argument tensors";
  let description = [{
    `regions` holds the region lists of the argument tensors one after
    another, inputs first; `region_counts[i]` is the length of argument i's
    list and the first `num_inputs` arguments are inputs. The host reads the
    inputs and writes the outputs.
  }];
  let arguments = (ins I64Attr:$function, DenseI64ArrayAttr:$regions,
                   DenseI64ArrayAttr:$region_counts, I64Attr:$num_inputs);
  let assemblyFormat = "$function attr-dict";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The region list of argument `i` (inputs first).
    ::llvm::ArrayRef<int64_t> getArgument(size_t i);
  }];
}

def Poplar_WriteUndefOp : Poplar_ControlOp<"write_undef"> {
  let summary = "Marks the tensor's contents as no longer needed";
  let arguments = (ins DenseI64ArrayAttr:$regions);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def Poplar_PrintTensorOp : Poplar_ControlOp<"print_tensor"> {
  let summary = "Prints a tensor to the engine's print stream";
  let description = [{
    Prints `regions` (of `shape` and `element_type`) under `title`, laid out
    by the program::PrintTensorFmt fields (characters as their codes).
  }];
  let arguments = (ins StrAttr:$title, DenseI64ArrayAttr:$regions,
                   DenseI64ArrayAttr:$shape, Poplar_ElementTypeAttr:$element_type,
                   I64Attr:$summarise_threshold, I64Attr:$edge_items,
                   I64Attr:$max_line_width, I64Attr:$digits,
                   Poplar_FloatFormatAttr:$float_format, I64Attr:$separator,
                   I64Attr:$open_bracket, I64Attr:$close_bracket);
  let assemblyFormat = "$title attr-dict";
  let hasVerifier = 1;
}

//===- Control flow -------------------------------------------------------===//

def Poplar_RepeatOp : Poplar_ControlOp<"repeat", [NoTerminator]> {
  let summary = "Runs the body `count` times";
  let arguments = (ins I64Attr:$count);
  let regions = (region Body:$body);
  let assemblyFormat = "$count $body attr-dict";
  let hasVerifier = 1;
}

def Poplar_LoopOp : Poplar_ControlOp<"loop", [NoTerminator]> {
  let summary = "Runs the body forever (until an abort)";
  let regions = (region Body:$body);
  let assemblyFormat = "$body attr-dict";
}

def Poplar_RepeatWhileOp : Poplar_ControlOp<"repeat_while", [NoTerminator]> {
  let summary = "Runs cond, tests the predicate, runs body while it holds";
  let description = [{
    RepeatWhileTrue (`while_true`) or RepeatWhileFalse: runs `cond`, then
    while the one-element `predicate` is non-zero (zero) runs `body` and
    `cond` again.
  }];
  let arguments = (ins DenseI64ArrayAttr:$predicate, Poplar_ElementTypeAttr:$element_type,
                   BoolAttr:$while_true);
  let regions = (region Body:$cond, Body:$body);
  let assemblyFormat = "$cond $body attr-dict";
  let hasVerifier = 1;
}

def Poplar_IfOp : Poplar_ControlOp<"if", [NoTerminator]> {
  let summary = "Runs then_body if the predicate is non-zero, else else_body";
  let arguments = (ins DenseI64ArrayAttr:$predicate, Poplar_ElementTypeAttr:$element_type);
  let regions = (region Body:$then_body, Body:$else_body);
  let assemblyFormat = "$then_body $else_body attr-dict";
  let hasVerifier = 1;
}

def Poplar_SwitchOp : Poplar_ControlOp<"switch", [NoTerminator]> {
  let summary = "Runs the case whose value equals the control";
  let description = [{
    Case region i runs when the one-element `control` equals
    `case_values[i]` (unique); otherwise `default_body` runs.
  }];
  let arguments = (ins DenseI64ArrayAttr:$control, Poplar_ElementTypeAttr:$element_type,
                   DenseI32ArrayAttr:$case_values);
  let regions = (region Body:$default_body, VariadicRegion<Body>:$cases);
  let assemblyFormat = "attr-dict-with-keyword $default_body $cases";
  let hasVerifier = 1;
}

def Poplar_CallOp : Poplar_ControlOp<"call"> {
  let summary = "Runs poplar.function number `function`";
  let arguments = (ins I64Attr:$function);
  let assemblyFormat = "$function attr-dict";
  let hasVerifier = 1;
}

def Poplar_SyncOp : Poplar_ControlOp<"sync"> {
  let summary = "A sync of poplar::SyncType `sync_type`";
  let description = [{
    `sync_type` is INTERNAL, EXTERNAL or GLOBAL: `poplar.sync EXTERNAL`.
  }];
  let arguments = (ins Poplar_SyncTypeAttr:$sync_type);
  // The attribute prints its own leading space (`sync EXTERNAL`).
  let assemblyFormat = "`` $sync_type attr-dict";
}

def Poplar_AbortOp : Poplar_ControlOp<"abort"> {
  let summary = "Stops the program with `message`";
  let arguments = (ins StrAttr:$message);
  let assemblyFormat = "$message attr-dict";
}

def Poplar_AbortOnConditionOp : Poplar_ControlOp<"abort_on_condition"> {
  let summary = "Stops with `message` if the predicate is non-zero";
  let arguments = (ins DenseI64ArrayAttr:$predicate, Poplar_ElementTypeAttr:$element_type,
                   StrAttr:$message);
  let assemblyFormat = "$message attr-dict";
  let hasVerifier = 1;
}

def Poplar_ErrorProgramOp : Poplar_ControlOp<"error_program"> {
  let summary = "Stops with an error showing a tensor's values";
  let description = [{
    program::ErrorProgram; also the default of
    Switch::switchWithBoundsChecking, where `regions` is the control.
  }];
  let arguments = (ins StrAttr:$message, DenseI64ArrayAttr:$regions,
                   DenseI64ArrayAttr:$shape, Poplar_ElementTypeAttr:$element_type);
  let assemblyFormat = "$message attr-dict";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Codelets, compute sets and vertices
//===----------------------------------------------------------------------===//

def Poplar_CodeletOp : Poplar_DeclOp<"codelet"> {
  let summary = "A vertex type: its fields, from the codelet archive";
  let description = [{
    Vertex type `id` called `name`. `base` is Vertex, MultiVertex or
    SupervisorVertex. Field i is called `field_names[i]`, holds
    elements of `field_types[i]` (the import converts the archive's type
    names, so every field has a type of the type table), and `field_info` has four numbers per
    field: kind (tessel::abi::FieldKind), direction (tessel::abi::Direction),
    element bytes and layout. `field_align` gives each field's minimum
    alignment in bytes (Vector's MinAlign; absent: the element size).
    `object` numbers the native object (in the graph's codelet archive)
    that implements it.

    ```mlir
    poplar.codelet 0 "SumVertex" {base = #poplar.codelet_base<Vertex>,
        object = 0 : i64,
        returns_bool = true,
        field_names = ["in", "out"],
        field_types = [#poplar.type<float>, #poplar.type<float>],
        field_info = array<i64: 3, 1, 4, 1, 2, 2, 4, 0>}
    ```
  }];
  let arguments = (ins I64Attr:$id, StrAttr:$name, Poplar_CodeletBaseAttr:$base,
                   I64Attr:$object, BoolAttr:$returns_bool, StrArrayAttr:$field_names,
                   Poplar_ElementTypeArrayAttr:$field_types,
                   DenseI64ArrayAttr:$field_info,
                   OptionalAttr<DenseI64ArrayAttr>:$field_align);
  let assemblyFormat = "$id $name attr-dict";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    unsigned getNumFields() { return getFieldNames().size(); }
    int64_t getFieldKind(unsigned i) { return getFieldInfo()[4 * i]; }
    int64_t getFieldDirection(unsigned i) { return getFieldInfo()[4 * i + 1]; }
    int64_t getFieldElementBytes(unsigned i) {
      return getFieldInfo()[4 * i + 2];
    }
    /// Bytes field i's data must be aligned to (at least its element size).
    int64_t getFieldMinAlign(unsigned i) {
      std::optional<::llvm::ArrayRef<int64_t>> align = getFieldAlign();
      return std::max(getFieldElementBytes(i),
                      align ? (*align)[i] : int64_t(1));
    }
  }];
}

def Poplar_ComputeSetOp : Poplar_DeclOp<"compute_set"> {
  let summary = "Compute set `id`: the vertices one Execute runs";
  let description = [{
    The compute set's vertices as one table of flat lists
    (compiler/dialects/Poplar/VertexTable.hpp; read it with
    getVertexTable()). `vertices` holds a [vertex, codelet, cycles, edges
    begin, state begin, state sizes begin] row per vertex: graph vertex
    `vertex` of codelet `codelet`, `cycles` a fixed estimate
    (setPerfEstimate or a registered estimator) or -1 for the counted
    cycles. Its part of `edges` lists, for every field in the codelet's
    order, its number of entries and then per entry the number of region
    triples followed by the triples, or -1 for an entry never connected
    (state fields have no entries). Its part of `state` holds the device
    bytes of the scalar and state-vector fields in field order, its part of
    `state_sizes` their byte counts per field (0 for edges). A vertex's part
    of each list ends where the next vertex's begins. `tiles` has one tile
    per vertex (-1 until poplar-complete-tile-mapping maps it).
    poplar-plan-vertex-exchange sets `state_var` and `state_offset`, one
    number per vertex: its state words (see VertexState.hpp) start at
    element `state_offset` of that `unsigned int` variable on its tile.

    ```mlir
    poplar.compute_set 0 "cs" {vertices = array<i64: 7, 0, -1, 0, 0, 0>,
        tiles = array<i64: 1>, edges = array<i64: 1, 1, 0, 0, 4, 1, 1, 1, 0, 1>,
        state_sizes = array<i64: 0, 0>}
    ```
  }];
  let arguments = (ins I64Attr:$id, StrAttr:$name,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$vertices,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$tiles,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$edges,
                   DefaultValuedAttr<DenseI8ArrayAttr, "{}">:$state,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$state_sizes,
                   OptionalAttr<DenseI64ArrayAttr>:$state_var,
                   OptionalAttr<DenseI64ArrayAttr>:$state_offset);
  let assemblyFormat = "$id $name attr-dict";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The vertices, read from the lists without copying.
    ::tessel::VertexTable getVertexTable() {
      return ::tessel::VertexTable(
          getVertices(), getTiles(), getEdges(), getState(), getStateSizes(),
          getStateVar().value_or(::llvm::ArrayRef<int64_t>()),
          getStateOffset().value_or(::llvm::ArrayRef<int64_t>()));
    }
  }];
}

def Poplar_ExecuteOp : Poplar_ControlOp<"execute"> {
  let summary = "Runs every vertex of compute set `compute_set`";
  let description = [{
    With a non-empty `flag` (a one-element region list of integral
    `flag_type`, absent without a flag), writes 1 there when every vertex's compute returned true,
    else 0.
  }];
  let arguments = (ins I64Attr:$compute_set, DenseI64ArrayAttr:$flag,
                   OptionalAttr<Poplar_ElementTypeAttr>:$flag_type);
  let assemblyFormat = "$compute_set attr-dict";
}

#endif
