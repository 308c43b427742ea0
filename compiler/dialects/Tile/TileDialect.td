// The `tile` dialect: a compiled program with every address fixed. Tensors
// are piece lists - [tile, address, numBytes] triples in row-major element
// order - and data movement is per-tile transfers; codegen turns it into an
// Executable one op at a time.
#ifndef TESSEL_TILE_DIALECT_TD
#define TESSEL_TILE_DIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/BuiltinAttributes.td"
include "mlir/IR/CommonAttrConstraints.td"

def Tile_Dialect : Dialect {
  let name = "tile";
  let cppNamespace = "::tessel::tileir";
  let summary = "Tile programs with fixed addresses";
}

class Tile_Op<string mnemonic, list<Trait> traits = []>
    : Op<Tile_Dialect, mnemonic, traits>;

def TileBody : Region<CPred<"$_self.empty() || ::llvm::hasSingleElement($_self)">,
                      "region of at most one block">;
defvar TileControlTraits = [NoTerminator];

//===- Memory and host interface ------------------------------------------===//

def Tile_VariableOp : Tile_Op<"variable"> {
  let summary = "Where a variable's elements live, for memory reports";
  let arguments = (ins StrAttr:$name, I64Attr:$element_bytes,
                   DenseI64ArrayAttr:$pieces);
  let assemblyFormat = "$name attr-dict";
  let hasVerifier = 1;
}

def Tile_MemoryInitOp : Tile_Op<"memory_init"> {
  let summary = "Bytes written to a tile's memory before the first run";
  let arguments = (ins I64Attr:$tile, I64Attr:$address, DenseI8ArrayAttr:$bytes);
  let assemblyFormat = "$tile $address attr-dict";
}

def Tile_StreamOp : Tile_Op<"stream"> {
  let arguments = (ins I64Attr:$id, StrAttr:$handle, StrAttr:$element_type,
                   I64Attr:$num_elements, BoolAttr:$to_device);
  let assemblyFormat = "$id $handle attr-dict";
}

def Tile_HostAccessOp : Tile_Op<"host_access"> {
  let arguments = (ins StrAttr:$handle, BoolAttr:$is_write,
                   StrAttr:$element_type, DenseI64ArrayAttr:$shape,
                   DenseI64ArrayAttr:$pieces);
  let assemblyFormat = "$handle attr-dict";
  let hasVerifier = 1;
}

def Tile_ProgramOp : Tile_Op<"program", TileControlTraits> {
  let arguments = (ins I64Attr:$index);
  let regions = (region TileBody:$body);
  let assemblyFormat = "$index $body attr-dict";
}

def Tile_FunctionOp : Tile_Op<"function", TileControlTraits> {
  let arguments = (ins I64Attr:$index);
  let regions = (region TileBody:$body);
  let assemblyFormat = "$index $body attr-dict";
}

//===- Supersteps ---------------------------------------------------------===//

def Tile_ExchangeOp : Tile_Op<"exchange"> {
  let summary = "One superstep of transfers between tile memories";
  let description = [{
    `transfers` holds [srcTile, srcAddress, dstTile, dstAddress, numBytes]
    quintuples; srcTile == dstTile is an on-tile copy.
  }];
  let arguments = (ins DenseI64ArrayAttr:$transfers, StrAttr:$name,
                   UnitAttr:$sources_overlap_destinations);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def Tile_StreamCopyOp : Tile_Op<"stream_copy"> {
  let arguments = (ins I64Attr:$stream, DenseI64ArrayAttr:$pieces,
                   BoolAttr:$to_device);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def Tile_PrintOp : Tile_Op<"print"> {
  let arguments = (ins StrAttr:$title, DenseI64ArrayAttr:$pieces,
                   DenseI64ArrayAttr:$shape, StrAttr:$element_type,
                   I64Attr:$summarise_threshold, I64Attr:$edge_items,
                   I64Attr:$max_line_width, I64Attr:$digits,
                   I64Attr:$float_format, I64Attr:$separator,
                   I64Attr:$open_bracket, I64Attr:$close_bracket);
  let assemblyFormat = "$title attr-dict";
  let hasVerifier = 1;
}

//===- Control flow -------------------------------------------------------===//

def Tile_RepeatOp : Tile_Op<"repeat", TileControlTraits> {
  let arguments = (ins I64Attr:$count);
  let regions = (region TileBody:$body);
  let assemblyFormat = "$count $body attr-dict";
}

def Tile_LoopOp : Tile_Op<"loop", TileControlTraits> {
  let regions = (region TileBody:$body);
  let assemblyFormat = "$body attr-dict";
}

def Tile_RepeatWhileOp : Tile_Op<"repeat_while", [NoTerminator]> {
  let arguments = (ins DenseI64ArrayAttr:$predicate, StrAttr:$element_type,
                   BoolAttr:$while_true);
  let regions = (region TileBody:$cond, TileBody:$body);
  let assemblyFormat = "$cond $body attr-dict";
}

def Tile_IfOp : Tile_Op<"if", [NoTerminator]> {
  let arguments = (ins DenseI64ArrayAttr:$predicate, StrAttr:$element_type);
  let regions = (region TileBody:$then_body, TileBody:$else_body);
  let assemblyFormat = "$then_body $else_body attr-dict";
}

def Tile_SwitchOp : Tile_Op<"switch", [NoTerminator]> {
  let arguments = (ins DenseI64ArrayAttr:$control, StrAttr:$element_type,
                   DenseI32ArrayAttr:$case_values);
  let regions = (region TileBody:$default_body, VariadicRegion<TileBody>:$cases);
  let assemblyFormat = "attr-dict-with-keyword $default_body $cases";
}

def Tile_CallOp : Tile_Op<"call"> {
  let arguments = (ins I64Attr:$function);
  let assemblyFormat = "$function attr-dict";
}

def Tile_SyncOp : Tile_Op<"sync"> {
  let arguments = (ins I64Attr:$sync_type);
  let assemblyFormat = "$sync_type attr-dict";
}

def Tile_AbortOp : Tile_Op<"abort"> {
  let arguments = (ins StrAttr:$message);
  let assemblyFormat = "$message attr-dict";
}

def Tile_AbortOnConditionOp : Tile_Op<"abort_on_condition"> {
  let arguments = (ins DenseI64ArrayAttr:$predicate, StrAttr:$element_type,
                   StrAttr:$message);
  let assemblyFormat = "$message attr-dict";
}

def Tile_ErrorOp : Tile_Op<"error"> {
  let arguments = (ins StrAttr:$message, DenseI64ArrayAttr:$pieces,
                   DenseI64ArrayAttr:$shape, StrAttr:$element_type);
  let assemblyFormat = "$message attr-dict";
}

#endif
