// The `poplar` dialect: registration and op verifiers.
#include "compiler/dialects/Poplar/PoplarDialect.hpp"

#include "compiler/dialects/RegionLists.hpp"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace tessel;
using namespace tessel::graphir;

#include "compiler/dialects/Poplar/PoplarDialect.cpp.inc"

void PoplarDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "compiler/dialects/Poplar/PoplarOps.cpp.inc"
      >();
}

int64_t VariableOp::getNumElements() { return shapeElements(getShape()); }

LogicalResult VariableOp::verify() {
  int64_t n = getNumElements();
  ArrayRef<int64_t> mapping = getMapping();
  if (mapping.size() % 3 != 0)
    return emitOpError("mapping must hold [begin, end, tile] triples");
  int64_t previousEnd = 0;
  for (size_t i = 0; i < numTriples(mapping); ++i) {
    RegionTriple t = tripleAt(mapping, i);
    // Triples here are [begin, end, tile].
    int64_t begin = t.var, end = t.begin, tile = t.end;
    if (begin < previousEnd || end <= begin || end > n || tile < 0)
      return emitOpError("mapping interval [")
             << begin << ", " << end << ") on tile " << tile
             << " is out of order, empty or beyond the " << n << " elements";
    previousEnd = end;
  }
  if (auto bytes = getInitialBytes())
    if (bytes->empty())
      return emitOpError("initial_bytes must not be empty when present");
  if (auto alloc = getAllocation()) {
    if (alloc->size() % 4 != 0)
      return emitOpError(
          "allocation must hold [begin, end, tile, address] quadruples");
  }
  return success();
}

LogicalResult HostAccessOp::verify() {
  if (auto error = checkTriples(getRegions(), "regions"))
    return emitOpError(*error);
  if (totalSize(getRegions()) != shapeElements(getShape()))
    return emitOpError("regions hold ")
           << totalSize(getRegions()) << " elements but the shape has "
           << shapeElements(getShape());
  return success();
}

LogicalResult CopyOp::verify() {
  if (auto error = checkTriples(getSrc(), "src"))
    return emitOpError(*error);
  if (auto error = checkTriples(getDst(), "dst"))
    return emitOpError(*error);
  if (totalSize(getSrc()) != totalSize(getDst()))
    return emitOpError("source has ")
           << totalSize(getSrc()) << " elements but destination has "
           << totalSize(getDst());
  return success();
}

LogicalResult ExchangeOp::verify() {
  if (getTransfers().size() % 7 != 0)
    return emitOpError("transfers must hold [srcTile, srcVar, srcBegin, "
                       "dstTile, dstVar, dstBegin, count] septuples");
  if (getElementBytes() <= 0)
    return emitOpError("element_bytes must be positive");
  return success();
}

LogicalResult SwitchOp::verify() {
  if (getCaseValues().size() != getCases().size())
    return emitOpError("has ") << getCaseValues().size() << " case values but "
                               << getCases().size() << " case regions";
  return success();
}

#define GET_OP_CLASSES
#include "compiler/dialects/Poplar/PoplarOps.cpp.inc"
