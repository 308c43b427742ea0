// Verifiers of the `poplar` ops: the rules every op keeps on its own, so
// that passes may rely on them - well-formed region lists, shapes that match
// the elements they describe, sorted and disjoint mappings on existing
// tiles, copies between equal element counts. Checks that need the whole
// module to name what is wrong (a region names an existing variable, types
// agree, predicates are one element, mappings are complete) belong to the
// poplar-verify pass. Errors the driver should throw as a particular poplar
// exception start with its class name, as pass errors do.
#include "compiler/dialects/Poplar/ModuleTarget.hpp"
#include "compiler/dialects/Poplar/PoplarDialect.hpp"
#include "compiler/dialects/Poplar/TypedErrors.hpp"
#include "compiler/dialects/RegionLists.hpp"

#include <poplar/exceptions.hpp>

#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/MathExtras.h"

#include <string>

using namespace mlir;
using namespace tessel;
using namespace tessel::graphir;

namespace {

/// "'name'", or "variable N" when the variable has no debug name.
std::string describeVariable(VariableOp v) {
  if (v.getName().empty())
    return "variable " + std::to_string(v.getId());
  return "'" + v.getName().str() + "'";
}

std::string formatShape(ArrayRef<int64_t> shape) {
  std::string text = "{";
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "}";
}

LogicalResult verifyRegionList(Operation *op, ArrayRef<int64_t> list,
                               const char *what) {
  if (std::optional<std::string> error = checkTriples(list, what))
    return op->emitOpError(*error);
  return success();
}

/// The number of elements of `shape`; fails for negative dimensions and
/// element counts beyond int64.
FailureOr<int64_t> elementsOf(Operation *op, ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0)
      return op->emitOpError("shape ")
             << formatShape(shape) << " has a negative dimension";
    if (llvm::MulOverflow(n, d, n))
      return op->emitOpError("shape ")
             << formatShape(shape) << " has more than 2^63 elements";
  }
  return n;
}

/// A region list that is a tensor of `shape`: as many elements as the
/// shape says.
LogicalResult verifyTensor(Operation *op, ArrayRef<int64_t> regions,
                           ArrayRef<int64_t> shape, const char *what) {
  if (failed(verifyRegionList(op, regions, what)))
    return failure();
  FailureOr<int64_t> n = elementsOf(op, shape);
  if (failed(n))
    return failure();
  if (totalSize(regions) != *n)
    return op->emitOpError(what)
           << " hold " << totalSize(regions) << " elements but the shape "
           << formatShape(shape) << " has " << *n;
  return success();
}

LogicalResult verifyNotNegative(Operation *op, int64_t value,
                                const char *what) {
  if (value < 0)
    return op->emitOpError(what) << " is " << value << "; it must be >= 0";
  return success();
}

/// Total tiles of the enclosing module's target, if it says.
std::optional<int64_t> numTilesAround(Operation *op) {
  auto module = op->getParentOfType<ModuleOp>();
  return module ? moduleNumTiles(module) : std::nullopt;
}

/// Mapping triples [begin, end, tile]: sorted, disjoint, non-empty, inside
/// the variable and on tiles of the target.
LogicalResult verifyMapping(VariableOp v, int64_t numElements) {
  const MappedIntervals mapping = v.getMappingList();
  if (!mapping.wellFormed())
    return v.emitOpError("mapping of ")
           << describeVariable(v) << " has " << mapping.raw().size()
           << " integers; it must hold " << MappedInterval::kLayout
           << " triples";
  std::optional<int64_t> numTiles = numTilesAround(v);
  int64_t previousEnd = 0;
  for (const MappedInterval m : mapping) {
    const int64_t begin = m.begin, end = m.end, tile = m.tile;
    auto interval = [&](InFlightDiagnostic diag) -> InFlightDiagnostic {
      return std::move(diag)
             << "mapping of " << describeVariable(v) << ": interval [" << begin
             << ", " << end << ") on tile " << tile;
    };
    if (begin < previousEnd)
      return interval(v.emitOpError())
             << " starts before the previous interval ends at " << previousEnd
             << "; intervals must be sorted and disjoint";
    if (end <= begin)
      return interval(v.emitOpError()) << " is empty";
    if (end > numElements)
      return interval(v.emitOpError())
             << " goes beyond the " << numElements << " elements";
    if (tile < 0)
      return interval(v.emitOpError()) << " names a negative tile";
    // Typed as the passes' error is, so the driver throws
    // invalid_tile_mapping whichever check sees it first.
    if (numTiles && tile >= *numTiles)
      return reportError(v, ir::ErrorKind::invalid_tile_mapping)
             << describeVariable(v) << " maps elements [" << begin << ", "
             << end << ") to tile " << tile << ", but the target has "
             << *numTiles << " tiles; map it to tiles 0 to " << *numTiles - 1;
    previousEnd = end;
  }
  return success();
}

/// Allocation quadruples [begin, end, tile, address]; whether they cover
/// the variable exactly is poplar-lower-to-tile's check.
LogicalResult verifyAllocation(VariableOp v, int64_t numElements) {
  std::optional<AllocatedIntervals> allocation = v.getAllocationList();
  if (!allocation)
    return success();
  if (!allocation->wellFormed())
    return v.emitOpError("allocation of ")
           << describeVariable(v) << " must hold " << AllocatedInterval::kLayout
           << " quadruples";
  for (const AllocatedInterval a : *allocation) {
    const int64_t begin = a.begin, end = a.end, tile = a.tile,
                  address = a.address;
    if (begin < 0 || end <= begin || end > numElements || tile < 0 ||
        address < 0)
      return v.emitOpError("allocation of ")
             << describeVariable(v) << ": [" << begin << ", " << end
             << ") on tile " << tile << " at address " << address
             << " is empty, negative or beyond the " << numElements
             << " elements";
  }
  return success();
}

} // namespace

LogicalResult VariableOp::verify() {
  if (failed(verifyNotNegative(*this, getId(), "id")))
    return failure();
  FailureOr<int64_t> n = elementsOf(*this, getShape());
  if (failed(n) || failed(verifyMapping(*this, *n)))
    return failure();
  if (std::optional<ArrayRef<int8_t>> bytes = getInitialBytes())
    if (bytes->empty() && *n != 0)
      return emitOpError("initial_bytes of ")
             << describeVariable(*this) << " must not be empty when present";
  if (std::optional<uint64_t> align = getMinAlign();
      align && !llvm::isPowerOf2_64(*align))
    return emitOpError("min_align of ")
           << describeVariable(*this) << " must be a power of two, not "
           << int64_t(*align);
  return verifyAllocation(*this, *n);
}

LogicalResult StreamOp::verify() {
  if (failed(verifyNotNegative(*this, getId(), "id")))
    return failure();
  return verifyNotNegative(*this, getNumElements(), "num_elements");
}

LogicalResult HostAccessOp::verify() {
  return verifyTensor(*this, getRegions(), getShape(), "regions");
}

LogicalResult ProgramOp::verify() {
  return verifyNotNegative(*this, getIndex(), "program index");
}

LogicalResult FunctionOp::verify() {
  return verifyNotNegative(*this, getIndex(), "function index");
}

LogicalResult CopyOp::verify() {
  if (failed(verifyRegionList(*this, getSrc(), "src")) ||
      failed(verifyRegionList(*this, getDst(), "dst")))
    return failure();
  // Typed like the passes' errors: the driver throws control_program_error.
  if (totalSize(getSrc()) != totalSize(getDst()))
    return reportError(*this, ir::ErrorKind::control_program_error)
           << "Copy '" << getName() << "' has " << totalSize(getSrc())
           << " source elements but " << totalSize(getDst())
           << " destination elements; copy between tensors with the same "
              "number of elements";
  return success();
}

LogicalResult ExchangeOp::verify() {
  ElementTransfers transfers = getTransferList();
  if (!transfers.wellFormed())
    return emitOpError("transfers must hold ")
           << ElementTransfer::kLayout << " septuples; it has "
           << getTransfers().size() << " integers";
  if (getElementBytes() <= 0)
    return emitOpError("element_bytes must be positive");
  std::optional<int64_t> numTiles = numTilesAround(*this);
  for (size_t i = 0; i < transfers.size(); ++i) {
    ElementTransfer t = transfers[i];
    bool negative = t.srcTile < 0 || t.srcVar < 0 || t.srcBegin < 0 ||
                    t.dstTile < 0 || t.dstVar < 0 || t.dstBegin < 0 ||
                    t.count < 0;
    bool offTarget =
        numTiles && (t.srcTile >= *numTiles || t.dstTile >= *numTiles);
    if (negative || t.count == 0 || offTarget)
      return emitOpError("transfer ")
             << i << " [" << t.srcTile << ", " << t.srcVar << ", " << t.srcBegin
             << ", " << t.dstTile << ", " << t.dstVar << ", " << t.dstBegin
             << ", " << t.count
             << "] needs non-negative fields, a positive count and tiles "
                "below the target's "
             << (numTiles ? std::to_string(*numTiles) : "number of")
             << " tiles";
  }
  return success();
}

LogicalResult StreamCopyOp::verify() {
  if (failed(verifyNotNegative(*this, getStream(), "stream")))
    return failure();
  return verifyRegionList(*this, getRegions(), "regions");
}

LogicalResult RemoteBufferOp::verify() {
  if (getNumElementsAttr().getInt() <= 0 || getRepeatsAttr().getInt() <= 0)
    return emitOpError("num_elements and repeats must be positive");
  return verifyNotNegative(*this, getId(), "id");
}

LogicalResult RemoteBufferCopyOp::verify() {
  if (failed(verifyNotNegative(*this, getBuffer(), "buffer")) ||
      failed(verifyRegionList(*this, getRegions(), "regions")))
    return failure();
  return verifyRegionList(*this, getOffset(), "offset");
}

LogicalResult WriteUndefOp::verify() {
  return verifyRegionList(*this, getRegions(), "regions");
}

LogicalResult PrintTensorOp::verify() {
  return verifyTensor(*this, getRegions(), getShape(), "regions");
}

LogicalResult RepeatOp::verify() {
  return verifyNotNegative(*this, getCount(), "count");
}

LogicalResult RepeatWhileOp::verify() {
  return verifyRegionList(*this, getPredicate(), "predicate");
}

LogicalResult IfOp::verify() {
  return verifyRegionList(*this, getPredicate(), "predicate");
}

LogicalResult SwitchOp::verify() {
  if (failed(verifyRegionList(*this, getControl(), "control")))
    return failure();
  if (getCaseValues().size() != getCases().size())
    return emitOpError("has ") << getCaseValues().size() << " case values but "
                               << getCases().size() << " case regions";
  llvm::DenseSet<int32_t> seen;
  for (int32_t value : getCaseValues())
    if (!seen.insert(value).second)
      return emitOpError("case value ")
             << value << " appears twice; case values must be unique";
  return success();
}

LogicalResult CallOp::verify() {
  return verifyNotNegative(*this, getFunction(), "function");
}

LogicalResult AbortOnConditionOp::verify() {
  return verifyRegionList(*this, getPredicate(), "predicate");
}

LogicalResult ErrorProgramOp::verify() {
  return verifyTensor(*this, getRegions(), getShape(), "regions");
}

LogicalResult CodeletOp::verify() {
  if (failed(verifyNotNegative(*this, getId(), "id")) ||
      failed(verifyNotNegative(*this, getObject(), "object")))
    return failure();
  const size_t n = getFieldNames().size();
  if (getFieldTypes().size() != n || getFieldInfo().size() != 4 * n)
    return emitOpError("codelet '")
           << getName() << "' needs one field type and four field_info "
           << "numbers per field (" << n << " fields)";
  for (size_t i = 0; i < n; ++i) {
    if (getFieldKind(i) > 6)
      return emitOpError("field ")
             << i << " has unknown kind " << getFieldKind(i);
    if (getFieldElementBytes(i) <= 0)
      return emitOpError("field ") << i << " needs a positive element size";
  }
  if (std::optional<ArrayRef<int64_t>> align = getFieldAlign()) {
    if (align->size() != n)
      return emitOpError("codelet '")
             << getName() << "' needs one field_align per field (" << n
             << " fields)";
    for (size_t i = 0; i < n; ++i)
      if ((*align)[i] <= 0 || !llvm::isPowerOf2_64(uint64_t((*align)[i])))
        return emitOpError("field ")
               << i << " alignment must be a power of two, not " << (*align)[i];
  }
  return success();
}

LogicalResult ComputeSetOp::verify() {
  if (failed(verifyNotNegative(*this, getId(), "compute set id")))
    return failure();
  if (std::optional<std::string> error = getVertexTable().check())
    return emitOpError(*error);
  return success();
}

/// Host function argument declarations: an element type and a positive
/// element count per argument.
static LogicalResult verifyHostFunctionArgs(HostFunctionOp op) {
  if (op.getInputTypes().size() != op.getInputSizes().size() ||
      op.getOutputTypes().size() != op.getOutputSizes().size())
    return op.emitOpError("needs one size per argument type");
  for (ArrayRef<int64_t> sizes : {op.getInputSizes(), op.getOutputSizes()})
    for (int64_t n : sizes)
      if (n <= 0)
        return op.emitOpError("argument sizes must be positive, not ") << n;
  return success();
}

LogicalResult HostFunctionOp::verify() {
  if (failed(verifyNotNegative(*this, getId(), "id")))
    return failure();
  return verifyHostFunctionArgs(*this);
}

ArrayRef<int64_t> HostCallOp::getArgument(size_t i) {
  return listAt(getRegions(), getRegionCounts(), i);
}

LogicalResult HostCallOp::verify() {
  if (failed(verifyNotNegative(*this, getFunction(), "function")))
    return failure();
  if (std::optional<std::string> error =
          checkListSplit(getRegions(), getRegionCounts(), getNumInputs()))
    return emitOpError(*error);
  for (size_t i = 0; i < getRegionCounts().size(); ++i)
    if (failed(verifyRegionList(*this, getArgument(i), "argument regions")))
      return failure();
  return success();
}
