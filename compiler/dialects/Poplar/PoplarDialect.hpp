// The `poplar` dialect's C++ declarations (generated from ODS).
#ifndef TESSEL_COMPILER_DIALECTS_POPLAR_POPLARDIALECT_HPP
#define TESSEL_COMPILER_DIALECTS_POPLAR_POPLARDIALECT_HPP

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"

#include "compiler/dialects/DialectEnums.hpp"
#include "compiler/dialects/Poplar/VariableLayout.hpp"
#include "compiler/dialects/Poplar/VertexTable.hpp"
#include "compiler/dialects/Transfers.hpp"

#include "compiler/dialects/Poplar/PoplarDialect.h.inc"

#define GET_ATTRDEF_CLASSES
#include "compiler/dialects/Poplar/PoplarAttrs.h.inc"

#define GET_OP_CLASSES
#include "compiler/dialects/Poplar/PoplarOps.h.inc"

#endif
