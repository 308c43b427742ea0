// The `poplar` dialect: registration and the generated op classes. The op
// verifiers are in PoplarVerifiers.cpp.
#include "compiler/dialects/Poplar/PoplarDialect.hpp"

#include "compiler/dialects/RegionLists.hpp"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace tessel;
using namespace tessel::graphir;

#include "compiler/dialects/Poplar/PoplarDialect.cpp.inc"

void PoplarDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "compiler/dialects/Poplar/PoplarOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "compiler/dialects/Poplar/PoplarAttrs.cpp.inc"
      >();
}

int64_t VariableOp::getNumElements() { return shapeElements(getShape()); }

#define GET_ATTRDEF_CLASSES
#include "compiler/dialects/Poplar/PoplarAttrs.cpp.inc"

#define GET_OP_CLASSES
#include "compiler/dialects/Poplar/PoplarOps.cpp.inc"
