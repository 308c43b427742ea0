// Ops of the `poplar` dialect. Declarations carry (variables, streams, host
// handles) sit at module level; control ops sit in program and function
// bodies and nest in single-block regions without terminators.
#ifndef TESSEL_POPLAR_OPS_TD
#define TESSEL_POPLAR_OPS_TD

include "Poplar/PoplarDialect.td"
include "mlir/IR/BuiltinAttributes.td"
include "mlir/IR/CommonAttrConstraints.td"

def Body : Region<CPred<"$_self.empty() || ::llvm::hasSingleElement($_self)">,
                  "region of at most one block">;
defvar ControlTraits = [NoTerminator];

//===- Declarations -------------------------------------------------------===//

def Poplar_VariableOp : Poplar_Op<"variable"> {
  let summary = "A graph variable (or constant) and its tile mapping";
  let description = [{
    `mapping` holds [begin, end, tile] triples, sorted and disjoint; elements
    it does not cover are unmapped. After allocate-tile-memory, `allocation`
    holds [begin, end, tile, address] quadruples covering every element.
  }];
  let arguments = (ins I64Attr:$id, StrAttr:$name, StrAttr:$element_type,
                   DenseI64ArrayAttr:$shape, DenseI64ArrayAttr:$mapping,
                   UnitAttr:$constant,
                   OptionalAttr<DenseI8ArrayAttr>:$initial_bytes,
                   OptionalAttr<DenseI64ArrayAttr>:$allocation);
  let assemblyFormat = "$id $name attr-dict";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    int64_t getNumElements();
  }];
}

def Poplar_StreamOp : Poplar_Op<"stream"> {
  let summary = "A host stream FIFO";
  let arguments = (ins I64Attr:$id, StrAttr:$handle, StrAttr:$element_type,
                   I64Attr:$num_elements, BoolAttr:$to_device);
  let assemblyFormat = "$id $handle attr-dict";
}

def Poplar_HostAccessOp : Poplar_Op<"host_access"> {
  let summary = "A createHostWrite / createHostRead handle";
  let arguments = (ins StrAttr:$handle, BoolAttr:$is_write,
                   StrAttr:$element_type, DenseI64ArrayAttr:$shape,
                   DenseI64ArrayAttr:$regions);
  let assemblyFormat = "$handle attr-dict";
  let hasVerifier = 1;
}

def Poplar_ProgramOp : Poplar_Op<"program", ControlTraits> {
  let summary = "Engine program number `index`";
  let arguments = (ins I64Attr:$index);
  let regions = (region Body:$body);
  let assemblyFormat = "$index $body attr-dict";
}

def Poplar_FunctionOp : Poplar_Op<"function", ControlTraits> {
  let summary = "poplar::Function number `index`";
  let arguments = (ins I64Attr:$index);
  let regions = (region Body:$body);
  let assemblyFormat = "$index $body attr-dict";
}

//===- Data movement ------------------------------------------------------===//

def Poplar_CopyOp : Poplar_Op<"copy"> {
  let summary = "Copy between two tensors of the same type and size";
  let arguments = (ins DenseI64ArrayAttr:$src, DenseI64ArrayAttr:$dst,
                   StrAttr:$element_type, StrAttr:$name);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def Poplar_ExchangeOp : Poplar_Op<"exchange"> {
  let summary = "A copy split into tile-to-tile transfers";
  let description = [{
    `transfers` holds [srcTile, srcVar, srcBegin, dstTile, dstVar, dstBegin,
    count] septuples in elements of `element_bytes` bytes. A transfer never
    crosses a tile boundary on either side.
  }];
  let arguments = (ins DenseI64ArrayAttr:$transfers, I64Attr:$element_bytes,
                   StrAttr:$name, UnitAttr:$sources_overlap_destinations,
                   OptionalAttr<I64Attr>:$superstep);
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def Poplar_StreamCopyOp : Poplar_Op<"stream_copy"> {
  let summary = "Copy between a host stream and a tensor";
  let arguments = (ins I64Attr:$stream, DenseI64ArrayAttr:$regions,
                   BoolAttr:$to_device);
  let assemblyFormat = "attr-dict";
}

def Poplar_WriteUndefOp : Poplar_Op<"write_undef"> {
  let summary = "Marks the tensor's contents as no longer needed";
  let arguments = (ins DenseI64ArrayAttr:$regions);
  let assemblyFormat = "attr-dict";
}

def Poplar_PrintTensorOp : Poplar_Op<"print_tensor"> {
  let summary = "Prints a tensor to the engine's print stream";
  let arguments = (ins StrAttr:$title, DenseI64ArrayAttr:$regions,
                   DenseI64ArrayAttr:$shape, StrAttr:$element_type,
                   I64Attr:$summarise_threshold, I64Attr:$edge_items,
                   I64Attr:$max_line_width, I64Attr:$digits,
                   I64Attr:$float_format, I64Attr:$separator,
                   I64Attr:$open_bracket, I64Attr:$close_bracket);
  let assemblyFormat = "$title attr-dict";
}

//===- Control flow -------------------------------------------------------===//

def Poplar_RepeatOp : Poplar_Op<"repeat", ControlTraits> {
  let arguments = (ins I64Attr:$count);
  let regions = (region Body:$body);
  let assemblyFormat = "$count $body attr-dict";
}

def Poplar_LoopOp : Poplar_Op<"loop", ControlTraits> {
  let regions = (region Body:$body);
  let assemblyFormat = "$body attr-dict";
}

def Poplar_RepeatWhileOp : Poplar_Op<"repeat_while", [NoTerminator]> {
  let summary = "Runs cond, tests the predicate, runs body while it holds";
  let arguments = (ins DenseI64ArrayAttr:$predicate, StrAttr:$element_type,
                   BoolAttr:$while_true);
  let regions = (region Body:$cond, Body:$body);
  let assemblyFormat = "$cond $body attr-dict";
}

def Poplar_IfOp : Poplar_Op<"if", [NoTerminator]> {
  let arguments = (ins DenseI64ArrayAttr:$predicate, StrAttr:$element_type);
  let regions = (region Body:$then_body, Body:$else_body);
  let assemblyFormat = "$then_body $else_body attr-dict";
}

def Poplar_SwitchOp : Poplar_Op<"switch", [NoTerminator]> {
  let arguments = (ins DenseI64ArrayAttr:$control, StrAttr:$element_type,
                   DenseI32ArrayAttr:$case_values);
  let regions = (region Body:$default_body, VariadicRegion<Body>:$cases);
  let assemblyFormat = "attr-dict-with-keyword $default_body $cases";
  let hasVerifier = 1;
}

def Poplar_CallOp : Poplar_Op<"call"> {
  let arguments = (ins I64Attr:$function);
  let assemblyFormat = "$function attr-dict";
}

def Poplar_SyncOp : Poplar_Op<"sync"> {
  let arguments = (ins I64Attr:$sync_type);
  let assemblyFormat = "$sync_type attr-dict";
}

def Poplar_AbortOp : Poplar_Op<"abort"> {
  let arguments = (ins StrAttr:$message);
  let assemblyFormat = "$message attr-dict";
}

def Poplar_AbortOnConditionOp : Poplar_Op<"abort_on_condition"> {
  let arguments = (ins DenseI64ArrayAttr:$predicate, StrAttr:$element_type,
                   StrAttr:$message);
  let assemblyFormat = "$message attr-dict";
}

def Poplar_ErrorProgramOp : Poplar_Op<"error_program"> {
  let summary = "Stops with an error showing a tensor's values";
  let arguments = (ins StrAttr:$message, DenseI64ArrayAttr:$regions,
                   DenseI64ArrayAttr:$shape, StrAttr:$element_type);
  let assemblyFormat = "$message attr-dict";
}

#endif
