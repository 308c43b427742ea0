// The `tile` dialect: a compiled program with every address fixed. Tensors
// are piece lists - [tile, address, numBytes] triples in row-major element
// order - and data movement is per-tile byte transfers; codegen turns it into
// an Executable one op at a time. Everything lives in one `tile.executable`,
// which carries the tile memory limits the verifiers check against.
#ifndef TESSEL_TILE_DIALECT_TD
#define TESSEL_TILE_DIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/BuiltinAttributes.td"
include "mlir/IR/CommonAttrConstraints.td"
include "TesselEnums.td"

def Tile_Dialect : Dialect {
  let name = "tile";
  let cppNamespace = "::tessel::tileir";
  let summary = "Tile programs with fixed addresses";
  let useDefaultAttributePrinterParser = 1;
}

defm Tile : Tessel_EnumAttrs<Tile_Dialect>;

def Tile_ElementTypeArrayAttr
    : TypedArrayAttrBase<Tile_ElementTypeAttr, "element types">;

class Tile_Op<string mnemonic, list<Trait> traits = []>
    : Op<Tile_Dialect, mnemonic, traits>;

def TileBody : Region<CPred<"$_self.empty() || ::llvm::hasSingleElement($_self)">,
                      "region of at most one block">;
defvar TileControlTraits = [NoTerminator];
defvar InExecutable = [HasParent<"ExecutableOp">];

//===- The container -------------------------------------------------------===//

def Tile_ExecutableOp : Tile_Op<"executable",
                                [NoTerminator, SingleBlock, IsolatedFromAbove]> {
  let summary = "A whole compiled graph for `num_tiles` tiles";
  let description = [{
    Holds the variables, memory images, streams, host handles, programs and
    functions. `bytes_per_tile` bounds every address; `tile_bytes_used[t]` is
    the memory tile `t` needs (with alignment gaps), for the memory report.
  }];
  let arguments = (ins I64Attr:$num_tiles, I64Attr:$bytes_per_tile,
                   DenseI64ArrayAttr:$tile_bytes_used);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "attr-dict-with-keyword $body";
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
}

//===- Memory and host interface ------------------------------------------===//

def Tile_VariableOp : Tile_Op<"variable", InExecutable> {
  let summary = "Where a variable's elements live, for memory reports";
  let description = [{
    `category` is "constant" or "vertex state" (absent: an ordinary
    variable); `lifetime` is the [first, last] program position during
    which the variable holds a value (absent: always live).
  }];
  let arguments = (ins StrAttr:$name, I64Attr:$element_bytes,
                   DenseI64ArrayAttr:$pieces,
                   OptionalAttr<StrAttr>:$category,
                   OptionalAttr<DenseI64ArrayAttr>:$lifetime);
  let assemblyFormat = "$name attr-dict";
  let hasVerifier = 1;
}

def Tile_MemoryInitOp : Tile_Op<"memory_init", InExecutable> {
  let summary = "Bytes written to a tile's memory before the first run";
  let arguments = (ins I64Attr:$tile, I64Attr:$address, DenseI8ArrayAttr:$bytes);
  let assemblyFormat = "$tile $address attr-dict";
  let hasVerifier = 1;
}

def Tile_StreamOp : Tile_Op<"stream", InExecutable> {
  let summary = "A host stream FIFO of `num_elements` elements per copy";
  let arguments = (ins I64Attr:$id, StrAttr:$handle, Tile_ElementTypeAttr:$element_type,
                   I64Attr:$num_elements, BoolAttr:$to_device);
  let assemblyFormat = "$id $handle attr-dict";
  let hasVerifier = 1;
}

def Tile_RemoteBufferOp : Tile_Op<"remote_buffer", InExecutable> {
  let summary = "`repeats` rows of `num_elements` elements in streaming memory";
  let arguments = (ins I64Attr:$id, StrAttr:$handle, Tile_ElementTypeAttr:$element_type,
                   I64Attr:$num_elements, I64Attr:$repeats);
  let assemblyFormat = "$id $handle attr-dict";
  let hasVerifier = 1;
}

def Tile_HostFunctionOp : Tile_Op<"host_function", InExecutable> {
  let summary = "A host function and the (type, element count) of its arguments";
  let arguments = (ins I64Attr:$id, StrAttr:$handle,
                   Tile_ElementTypeArrayAttr:$input_types,
                   DenseI64ArrayAttr:$input_sizes,
                   Tile_ElementTypeArrayAttr:$output_types,
                   DenseI64ArrayAttr:$output_sizes);
  let assemblyFormat = "$id $handle attr-dict";
  let hasVerifier = 1;
}

def Tile_HostAccessOp : Tile_Op<"host_access", InExecutable> {
  let summary = "A createHostWrite / createHostRead handle and its bytes";
  let arguments = (ins StrAttr:$handle, BoolAttr:$is_write,
                   Tile_ElementTypeAttr:$element_type, DenseI64ArrayAttr:$shape,
                   DenseI64ArrayAttr:$pieces);
  let assemblyFormat = "$handle attr-dict";
  let hasVerifier = 1;
}

//===- Codelets and compute sets ------------------------------------------===//

def Tile_CodeletOp : Tile_Op<"codelet", InExecutable> {
  let summary = "A vertex type, found by name in native codelet object `object`";
  let description = [{
    Codelet `id` is `name` in the table of the graph's native codelet object
    number `object`; `base` is Vertex, MultiVertex or
    SupervisorVertex.
  }];
  let arguments = (ins I64Attr:$id, StrAttr:$name, Tile_CodeletBaseAttr:$base,
                   I64Attr:$object, BoolAttr:$returns_bool,
                   OptionalAttr<DenseI64ArrayAttr>:$field_info);
  let assemblyFormat = "$id $name attr-dict";
  let hasVerifier = 1;
}

def Tile_ComputeSetOp : Tile_Op<"compute_set", InExecutable> {
  let summary = "The vertices tile.execute runs, with their state addresses";
  let description = [{
    `vertices` holds [vertex, tile, codelet, state address, cycles]
    quintuples sorted by tile then vertex: the vertex's state words (see
    tessel/internal/CodeletABI.hpp) are at that address in the tile's memory;
    cycles is a fixed estimate, or -1 for the counted cycles.
  }];
  let arguments = (ins I64Attr:$id, StrAttr:$name,
                   DenseI64ArrayAttr:$vertices);
  let assemblyFormat = "$id $name attr-dict";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// `vertices` as records (compiler/dialects/Tile/TileRecords.hpp).
    ::tessel::ComputeSetVertices getVertexList() {
      return ::tessel::ComputeSetVertices(getVertices());
    }
  }];
}

def Tile_ProgramOp : Tile_Op<"program",
                             !listconcat(TileControlTraits, InExecutable)> {
  let summary = "Engine program number `index`";
  let arguments = (ins I64Attr:$index);
  let regions = (region TileBody:$body);
  let assemblyFormat = "$index $body attr-dict";
}

def Tile_FunctionOp : Tile_Op<"function",
                              !listconcat(TileControlTraits, InExecutable)> {
  let summary = "poplar::Function number `index`, run by tile.call";
  let arguments = (ins I64Attr:$index);
  let regions = (region TileBody:$body);
  let assemblyFormat = "$index $body attr-dict";
}

//===- Supersteps ---------------------------------------------------------===//

def Tile_ExchangeOp : Tile_Op<"exchange"> {
  let summary = "One superstep of transfers between tile memories";
  let description = [{
    `transfers` holds [srcTile, srcAddress, dstTile, dstAddress, numBytes]
    quintuples; srcTile == dstTile is an on-tile copy. With
    `sources_overlap_destinations`, every source is read before any
    destination is written.
  }];
  let arguments = (ins DenseI64ArrayAttr:$transfers, StrAttr:$name,
                   UnitAttr:$sources_overlap_destinations);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// `transfers` as records (compiler/dialects/Transfers.hpp).
    ::tessel::ByteTransfers getTransferList() {
      return ::tessel::ByteTransfers(getTransfers());
    }
  }];
}

def Tile_StreamCopyOp : Tile_Op<"stream_copy"> {
  let summary = "Moves one stream entry between the host and `pieces`";
  let arguments = (ins I64Attr:$stream, DenseI64ArrayAttr:$pieces,
                   BoolAttr:$to_device);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def Tile_RemoteBufferCopyOp : Tile_Op<"remote_buffer_copy"> {
  let summary = "Moves rows between remote buffer `buffer` and `pieces`";
  let description = [{
    `offset` holds the pieces of the unsigned int row indices (empty: row
    0); `pieces` holds one row per index.
  }];
  let arguments = (ins I64Attr:$buffer, DenseI64ArrayAttr:$pieces,
                   DenseI64ArrayAttr:$offset, BoolAttr:$to_device);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def Tile_HostCallOp : Tile_Op<"host_call"> {
  let summary = "Runs host function `function` on the argument pieces";
  let description = [{
    `pieces` holds the piece lists of the arguments one after another,
    inputs first; `piece_counts[i]` is the length of argument i's list and
    the first `num_inputs` arguments are inputs.
  }];
  let arguments = (ins I64Attr:$function, DenseI64ArrayAttr:$pieces,
                   DenseI64ArrayAttr:$piece_counts, I64Attr:$num_inputs);
  let assemblyFormat = "$function attr-dict";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The piece list of argument `i` (inputs first).
    ::llvm::ArrayRef<int64_t> getArgument(size_t i);
  }];
}

def Tile_PrintOp : Tile_Op<"print"> {
  let summary = "Prints a tensor with PrintTensorFmt settings";
  let arguments = (ins StrAttr:$title, DenseI64ArrayAttr:$pieces,
                   DenseI64ArrayAttr:$shape, Tile_ElementTypeAttr:$element_type,
                   I64Attr:$summarise_threshold, I64Attr:$edge_items,
                   I64Attr:$max_line_width, I64Attr:$digits,
                   Tile_FloatFormatAttr:$float_format, I64Attr:$separator,
                   I64Attr:$open_bracket, I64Attr:$close_bracket);
  let assemblyFormat = "$title attr-dict";
  let hasVerifier = 1;
}

//===- Control flow -------------------------------------------------------===//
// Predicates and switch controls are the pieces of one element of
// `element_type`.

def Tile_RepeatOp : Tile_Op<"repeat", TileControlTraits> {
  let arguments = (ins I64Attr:$count);
  let regions = (region TileBody:$body);
  let assemblyFormat = "$count $body attr-dict";
}

def Tile_LoopOp : Tile_Op<"loop", TileControlTraits> {
  let summary = "Runs its body forever (until an abort)";
  let regions = (region TileBody:$body);
  let assemblyFormat = "$body attr-dict";
}

def Tile_RepeatWhileOp : Tile_Op<"repeat_while", [NoTerminator]> {
  let summary = "Runs cond, tests the predicate, runs body while it holds";
  let arguments = (ins DenseI64ArrayAttr:$predicate, Tile_ElementTypeAttr:$element_type,
                   BoolAttr:$while_true);
  let regions = (region TileBody:$cond, TileBody:$body);
  let assemblyFormat = "$cond $body attr-dict";
  let hasVerifier = 1;
}

def Tile_IfOp : Tile_Op<"if", [NoTerminator]> {
  let arguments = (ins DenseI64ArrayAttr:$predicate, Tile_ElementTypeAttr:$element_type);
  let regions = (region TileBody:$then_body, TileBody:$else_body);
  let assemblyFormat = "$then_body $else_body attr-dict";
  let hasVerifier = 1;
}

def Tile_SwitchOp : Tile_Op<"switch", [NoTerminator]> {
  let summary = "Runs the case whose value equals the control, else default";
  let arguments = (ins DenseI64ArrayAttr:$control, Tile_ElementTypeAttr:$element_type,
                   DenseI32ArrayAttr:$case_values);
  let regions = (region TileBody:$default_body, VariadicRegion<TileBody>:$cases);
  let assemblyFormat = "attr-dict-with-keyword $default_body $cases";
  let hasVerifier = 1;
}

def Tile_ExecuteOp : Tile_Op<"execute"> {
  let summary = "Runs every vertex of compute set `compute_set`";
  let description = [{
    With non-empty `flag` pieces (one element of integral `flag_type`,
    absent without a flag),
    writes 1 there if every vertex returned true, else 0.
  }];
  let arguments = (ins I64Attr:$compute_set, DenseI64ArrayAttr:$flag,
                   OptionalAttr<Tile_ElementTypeAttr>:$flag_type);
  let assemblyFormat = "$compute_set attr-dict";
}

def Tile_CallOp : Tile_Op<"call"> {
  let arguments = (ins I64Attr:$function);
  let assemblyFormat = "$function attr-dict";
}

def Tile_SyncOp : Tile_Op<"sync"> {
  let arguments = (ins Tile_SyncTypeAttr:$sync_type);
  // The attribute prints its own leading space (`sync EXTERNAL`).
  let assemblyFormat = "`` $sync_type attr-dict";
}

def Tile_AbortOp : Tile_Op<"abort"> {
  let arguments = (ins StrAttr:$message);
  let assemblyFormat = "$message attr-dict";
}

def Tile_AbortOnConditionOp : Tile_Op<"abort_on_condition"> {
  let arguments = (ins DenseI64ArrayAttr:$predicate, Tile_ElementTypeAttr:$element_type,
                   StrAttr:$message);
  let assemblyFormat = "$message attr-dict";
  let hasVerifier = 1;
}

def Tile_ErrorWithTensorOp : Tile_Op<"error_with_tensor"> {
  let summary = "Stops with `message` and the tensor's values";
  let arguments = (ins StrAttr:$message, DenseI64ArrayAttr:$pieces,
                   DenseI64ArrayAttr:$shape, Tile_ElementTypeAttr:$element_type);
  let assemblyFormat = "$message attr-dict";
  let hasVerifier = 1;
}

#endif
