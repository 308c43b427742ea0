// The `poplar` dialect: a Poplar graph as the user described it - variables
// with (possibly partial) tile mappings, host streams and handles, and the
// control programs that move data between them.
#ifndef TESSEL_POPLAR_DIALECT_TD
#define TESSEL_POPLAR_DIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "TesselEnums.td"

def Poplar_Dialect : Dialect {
  let name = "poplar";
  let cppNamespace = "::tessel::graphir";
  let summary = "A Poplar graph: variables, mappings, streams and programs";
  let description = [{
    Tensors appear in ops as region lists: flat [var, begin, end] triples in
    row-major element order, referring to `poplar.variable` ops by id, so a
    view costs its number of regions, never its number of elements. Element
    types are `#poplar.type<float>` attributes (one case per poplar::Type);
    sizes come from the type table. The module carries the target as the
    `poplar.target` dictionary (ModuleTarget.hpp).
  }];
  let useDefaultAttributePrinterParser = 1;
}

defm Poplar : Tessel_EnumAttrs<Poplar_Dialect>;

// The exception class of an error diagnostic (TypedErrors.hpp); the passes
// of both dialects report their errors with it.
def Poplar_ErrorKindAttr : EnumAttr<Poplar_Dialect, Tessel_ErrorKind, "error"> {
  let cppNamespace = Poplar_Dialect.cppNamespace;
  let assemblyFormat = "`<` $value `>`";
}

class Poplar_Op<string mnemonic, list<Trait> traits = []>
    : Op<Poplar_Dialect, mnemonic, traits>;

#endif
