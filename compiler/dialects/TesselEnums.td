// Enumerations shared by the `poplar` and `tile` dialects. Each dialect wraps
// them in its own EnumAttr (PoplarDialect.td, TileDialect.td); the C++ enums
// are generated once from this file (DialectEnums.h.inc). Cases are spelled
// as Poplar spells them, and their numbers are the ones the executable
// format and the runtime use, so codegen converts them with a cast.
#ifndef TESSEL_DIALECT_ENUMS_TD
#define TESSEL_DIALECT_ENUMS_TD

include "mlir/IR/EnumAttr.td"

// The numbers are poplar::Type ids (the rows of compiler/core/TypeTable.cpp);
// the names are Type::toString() with '_' for ' ' (IR keywords have no
// spaces). Host-only types are included so that poplar-verify can name them
// in a type_error.
def Tessel_ElementType : I32EnumAttr<"ElementType", "poplar element type", [
    I32EnumAttrCase<"Bool", 1, "bool">,
    I32EnumAttrCase<"Char", 2, "char">,
    I32EnumAttrCase<"UnsignedChar", 3, "unsigned_char">,
    I32EnumAttrCase<"SignedChar", 4, "signed_char">,
    I32EnumAttrCase<"Short", 5, "short">,
    I32EnumAttrCase<"UnsignedShort", 6, "unsigned_short">,
    I32EnumAttrCase<"Int", 7, "int">,
    I32EnumAttrCase<"UnsignedInt", 8, "unsigned_int">,
    I32EnumAttrCase<"Long", 9, "long">,
    I32EnumAttrCase<"UnsignedLong", 10, "unsigned_long">,
    I32EnumAttrCase<"LongLong", 11, "long_long">,
    I32EnumAttrCase<"UnsignedLongLong", 12, "unsigned_long_long">,
    I32EnumAttrCase<"Quarter", 13, "quarter">,
    I32EnumAttrCase<"QuarterMetadata", 14, "quarter_metadata">,
    I32EnumAttrCase<"Half", 15, "half">,
    I32EnumAttrCase<"Float", 16, "float">,
    I32EnumAttrCase<"Double", 17, "double">]> {
  let cppNamespace = "::tessel::ir";
  let genSpecializedAttr = 0;
}

// poplar::SyncType.
def Tessel_SyncType : I32EnumAttr<"SyncType", "poplar sync type", [
    I32EnumAttrCase<"Internal", 0, "INTERNAL">,
    I32EnumAttrCase<"External", 1, "EXTERNAL">,
    I32EnumAttrCase<"Global", 2, "GLOBAL">]> {
  let cppNamespace = "::tessel::ir";
  let genSpecializedAttr = 0;
}

// The base class of a vertex type (poplar VertexBase in CodeletABI.hpp).
def Tessel_CodeletBase : I32EnumAttr<"CodeletBase", "vertex base class", [
    I32EnumAttrCase<"Vertex", 0>,
    I32EnumAttrCase<"MultiVertex", 1>,
    I32EnumAttrCase<"SupervisorVertex", 2>]> {
  let cppNamespace = "::tessel::ir";
  let genSpecializedAttr = 0;
}

// program::PrintTensorFmt::FloatFormat.
def Tessel_FloatFormat : I32EnumAttr<"FloatFormat",
                                     "PrintTensorFmt float format", [
    I32EnumAttrCase<"Auto", 0>,
    I32EnumAttrCase<"Fixed", 1>,
    I32EnumAttrCase<"Scientific", 2>,
    I32EnumAttrCase<"None", 3>]> {
  let cppNamespace = "::tessel::ir";
  let genSpecializedAttr = 0;
}

// The poplar exception class (include/poplar/exceptions.hpp) a compiler
// error is thrown as. An error diagnostic carries it as its first argument,
// a #poplar.error<...> attribute (compiler/dialects/Poplar/TypedErrors.hpp),
// so the driver reads the class from the diagnostic instead of parsing its
// text; the names are the class names.
def Tessel_ErrorKind : I32EnumAttr<"ErrorKind", "poplar exception class", [
    I32EnumAttrCase<"graph_object_creation_error", 0>,
    I32EnumAttrCase<"graph_object_load_error", 1>,
    I32EnumAttrCase<"graph_connection_error", 2>,
    I32EnumAttrCase<"graph_cycle_error", 3>,
    I32EnumAttrCase<"graph_recursion_error", 4>,
    I32EnumAttrCase<"graph_replication_error", 5>,
    I32EnumAttrCase<"graph_program_compilation_error", 6>,
    I32EnumAttrCase<"link_error", 7>,
    I32EnumAttrCase<"symbol_error", 8>,
    I32EnumAttrCase<"file_load_error", 9>,
    I32EnumAttrCase<"parse_error", 10>,
    I32EnumAttrCase<"no_environment", 11>,
    I32EnumAttrCase<"unknown_vertex_type", 12>,
    I32EnumAttrCase<"unknown_field", 13>,
    I32EnumAttrCase<"control_program_error", 14>,
    I32EnumAttrCase<"type_error", 15>,
    I32EnumAttrCase<"index_error", 16>,
    I32EnumAttrCase<"no_size_specified", 17>,
    I32EnumAttrCase<"profiling_disabled", 18>,
    I32EnumAttrCase<"missing_profile_data", 19>,
    I32EnumAttrCase<"missing_graph_profile", 20>,
    I32EnumAttrCase<"missing_perf_estimate", 21>,
    I32EnumAttrCase<"invalid_tile_mapping", 22>,
    I32EnumAttrCase<"tensor_creation_error", 23>,
    I32EnumAttrCase<"tensor_io_state_error", 24>,
    I32EnumAttrCase<"tensor_metadata_error", 25>,
    I32EnumAttrCase<"stream_connection_error", 26>,
    I32EnumAttrCase<"overflow_error", 27>,
    I32EnumAttrCase<"memory_elem_constraints_error", 28>,
    I32EnumAttrCase<"graph_memory_allocation_error", 29>,
    I32EnumAttrCase<"stream_memory_allocation_error", 30>,
    I32EnumAttrCase<"invalid_machine_model", 31>,
    I32EnumAttrCase<"invalid_option", 32>,
    I32EnumAttrCase<"runtime_error", 33>,
    I32EnumAttrCase<"application_runtime_error", 34>,
    I32EnumAttrCase<"system_runtime_error", 35>,
    I32EnumAttrCase<"recoverable_runtime_error", 36>,
    I32EnumAttrCase<"unrecoverable_runtime_error", 37>,
    I32EnumAttrCase<"unknown_runtime_error", 38>]> {
  let cppNamespace = "::tessel::ir";
  let genSpecializedAttr = 0;
}

// Wraps the enums above as attributes of `dialect`: `#dialect.type<float>`,
// `#dialect.codelet_base<Vertex>`, `#dialect.float_format<Auto>` in attribute
// dictionaries; sync types are written bare in the sync op (`sync EXTERNAL`).
multiclass Tessel_EnumAttrs<Dialect dialect> {
  def _ElementTypeAttr : EnumAttr<dialect, Tessel_ElementType, "type"> {
    let cppNamespace = dialect.cppNamespace;
    let assemblyFormat = "`<` $value `>`";
  }
  def _SyncTypeAttr : EnumAttr<dialect, Tessel_SyncType, "sync_type"> {
    let cppNamespace = dialect.cppNamespace;
  }
  def _CodeletBaseAttr : EnumAttr<dialect, Tessel_CodeletBase, "codelet_base"> {
    let cppNamespace = dialect.cppNamespace;
    let assemblyFormat = "`<` $value `>`";
  }
  def _FloatFormatAttr : EnumAttr<dialect, Tessel_FloatFormat, "float_format"> {
    let cppNamespace = dialect.cppNamespace;
    let assemblyFormat = "`<` $value `>`";
  }
}

#endif
