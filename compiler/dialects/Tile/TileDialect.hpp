// The `tile` dialect's C++ declarations (generated from ODS).
#ifndef TESSEL_COMPILER_DIALECTS_TILE_TILEDIALECT_HPP
#define TESSEL_COMPILER_DIALECTS_TILE_TILEDIALECT_HPP

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"

#include "compiler/dialects/DialectEnums.hpp"
#include "compiler/dialects/Tile/TileRecords.hpp"
#include "compiler/dialects/Transfers.hpp"

#include "compiler/dialects/Tile/TileDialect.h.inc"

#define GET_ATTRDEF_CLASSES
#include "compiler/dialects/Tile/TileAttrs.h.inc"

#define GET_OP_CLASSES
#include "compiler/dialects/Tile/TileOps.h.inc"

#endif
