// The `tile` dialect: registration and op verifiers. Piece lists must be well
// formed, on existing tiles and inside the tile memory of the enclosing
// tile.executable; tensors' pieces must hold exactly their elements' bytes;
// the executable checks what spans ops (unique indices, calls and stream
// copies that match their functions and streams).
#include "compiler/dialects/Tile/TileDialect.hpp"

#include "compiler/core/TypeTable.hpp"
#include "compiler/dialects/RegionLists.hpp"

#include <poplar/exceptions.hpp>

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

#include <map>
#include <set>

using namespace mlir;
using namespace tessel;
using namespace tessel::tileir;

#include "compiler/dialects/Tile/TileDialect.cpp.inc"

void TileDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "compiler/dialects/Tile/TileOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "compiler/dialects/Tile/TileAttrs.cpp.inc"
      >();
}

#define GET_ATTRDEF_CLASSES
#include "compiler/dialects/Tile/TileAttrs.cpp.inc"

namespace {

/// Tile count and memory size from the enclosing tile.executable; unbounded
/// for an op verified on its own.
struct TileLimits {
  int64_t numTiles = INT64_MAX;
  int64_t bytesPerTile = INT64_MAX;

  explicit TileLimits(Operation *op) {
    Operation *executable = op->getParentOfType<ExecutableOp>();
    if (!executable)
      return;
    if (auto n = executable->getAttrOfType<IntegerAttr>("num_tiles"))
      numTiles = n.getInt();
    if (auto b = executable->getAttrOfType<IntegerAttr>("bytes_per_tile"))
      bytesPerTile = b.getInt();
  }
};

/// Bytes of a piece list: the sum of its numBytes fields.
int64_t pieceBytes(ArrayRef<int64_t> pieces) {
  int64_t total = 0;
  for (Piece p : Pieces(pieces))
    total += p.numBytes;
  return total;
}

/// Checks one [tile, address, numBytes] span.
LogicalResult verifySpan(Operation *op, const TileLimits &limits,
                         const char *what, size_t i, int64_t tile,
                         int64_t address, int64_t bytes) {
  if (tile < 0 || tile >= limits.numTiles)
    return op->emitOpError()
           << what << ' ' << i << " is on tile " << tile
           << ", but the executable has " << limits.numTiles << " tiles";
  if (address < 0 || bytes <= 0 || bytes > limits.bytesPerTile ||
      address > limits.bytesPerTile - bytes)
    return op->emitOpError()
           << what << ' ' << i << " (tile " << tile << ", address " << address
           << ", " << bytes << " bytes) is outside the " << limits.bytesPerTile
           << "-byte tile memory";
  return success();
}

LogicalResult verifyPieces(Operation *op, ArrayRef<int64_t> pieces) {
  if (pieces.size() % 3 != 0)
    return op->emitOpError(
        "pieces must hold [tile, address, numBytes] triples");
  TileLimits limits(op);
  Pieces list(pieces);
  for (size_t i = 0; i < list.size(); ++i) {
    Piece p = list[i];
    if (failed(
            verifySpan(op, limits, "piece", i, p.tile, p.address, p.numBytes)))
      return failure();
  }
  return success();
}

/// Bytes of one element of `type`.
int64_t elementSize(ir::ElementType type) {
  return int64_t(typeInfo(type).size);
}

/// Pieces that hold exactly the elements of `shape`.
LogicalResult verifyTensor(Operation *op, ArrayRef<int64_t> pieces,
                           ArrayRef<int64_t> shape, ir::ElementType type) {
  if (failed(verifyPieces(op, pieces)))
    return failure();
  const int64_t size = elementSize(type);
  for (int64_t d : shape)
    if (d < 0)
      return op->emitOpError("shape dimensions must not be negative");
  int64_t elements = shapeElements(shape);
  if (pieceBytes(pieces) != elements * size)
    return op->emitOpError("pieces hold ")
           << pieceBytes(pieces) << " bytes, but " << elements << " "
           << typeName(type) << " elements need " << elements * size;
  return success();
}

LogicalResult verifyScalar(Operation *op, ArrayRef<int64_t> pieces,
                           ir::ElementType type) {
  static const int64_t one[] = {1};
  return verifyTensor(op, pieces, one, type);
}

} // namespace

LogicalResult ExecutableOp::verify() {
  int64_t numTiles = getNumTilesAttr().getInt();
  int64_t bytesPerTile = getBytesPerTileAttr().getInt();
  if (numTiles <= 0 || bytesPerTile <= 0)
    return emitOpError("needs a positive num_tiles and bytes_per_tile");
  ArrayRef<int64_t> used = getTileBytesUsed();
  if (!used.empty() && int64_t(used.size()) != numTiles)
    return emitOpError("tile_bytes_used has ")
           << used.size() << " entries for " << numTiles << " tiles";
  for (size_t t = 0; t < used.size(); ++t)
    if (used[t] < 0 || used[t] > bytesPerTile)
      return emitOpError("tile ")
             << t << " uses " << used[t] << " bytes of its " << bytesPerTile;
  return success();
}

LogicalResult ExecutableOp::verifyRegions() {
  std::set<int64_t> programs, functions, codelets, computeSets;
  std::map<int64_t, StreamOp> streams;
  for (Operation &op : getBody().front()) {
    if (auto c = dyn_cast<CodeletOp>(op)) {
      if (!codelets.insert(c.getIdAttr().getInt()).second)
        return c.emitOpError("codelet ")
               << c.getIdAttr().getInt() << " is defined twice";
    } else if (auto cs = dyn_cast<ComputeSetOp>(op)) {
      if (!computeSets.insert(cs.getIdAttr().getInt()).second)
        return cs.emitOpError("compute set ")
               << cs.getIdAttr().getInt() << " is defined twice";
    }
    if (auto p = dyn_cast<ProgramOp>(op)) {
      if (!programs.insert(p.getIndex()).second)
        return p.emitOpError("program ") << p.getIndex() << " is defined twice";
    } else if (auto f = dyn_cast<FunctionOp>(op)) {
      if (!functions.insert(f.getIndex()).second)
        return f.emitOpError("function ")
               << f.getIndex() << " is defined twice";
    } else if (auto s = dyn_cast<StreamOp>(op)) {
      if (!streams.emplace(s.getId(), s).second)
        return s.emitOpError("stream ") << s.getId() << " is defined twice";
    }
  }
  for (ComputeSetOp cs : getBody().front().getOps<ComputeSetOp>())
    for (ComputeSetVertex v : cs.getVertexList())
      if (!codelets.count(v.codelet))
        return cs.emitOpError("vertex ")
               << v.vertex << " uses codelet " << v.codelet
               << ", which the executable does not define";
  WalkResult result = getOperation()->walk([&](Operation *op) {
    if (auto e = dyn_cast<ExecuteOp>(op))
      if (!computeSets.count(e.getComputeSetAttr().getInt())) {
        e.emitOpError("runs compute set ")
            << e.getComputeSetAttr().getInt()
            << ", which the executable does not define";
        return WalkResult::interrupt();
      }
    if (auto c = dyn_cast<CallOp>(op))
      if (!functions.count(c.getFunction())) {
        c.emitOpError("calls function ")
            << c.getFunction() << ", which the executable does not define";
        return WalkResult::interrupt();
      }
    if (auto s = dyn_cast<StreamCopyOp>(op)) {
      auto it = streams.find(s.getStream());
      if (it == streams.end()) {
        s.emitOpError("uses stream ")
            << s.getStream() << ", which the executable does not define";
        return WalkResult::interrupt();
      }
      StreamOp stream = it->second;
      int64_t need = stream.getNumElementsAttr().getInt() *
                     elementSize(stream.getElementType());
      if (stream.getToDevice() != s.getToDevice() ||
          pieceBytes(s.getPieces()) != need) {
        s.emitOpError("does not match stream '")
            << stream.getHandle() << "': it moves " << pieceBytes(s.getPieces())
            << " bytes " << (s.getToDevice() ? "to" : "from")
            << " the device; the stream "
            << (stream.getToDevice() ? "feeds" : "drains") << " " << need
            << " bytes per copy";
        return WalkResult::interrupt();
      }
    }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

LogicalResult CodeletOp::verify() {
  if (getIdAttr().getInt() < 0 || getObjectAttr().getInt() < 0)
    return emitOpError("id and object must not be negative");
  return success();
}

LogicalResult ComputeSetOp::verify() {
  ComputeSetVertices vertices = getVertexList();
  if (!vertices.wellFormed())
    return emitOpError("vertices holds ")
           << getVertices().size() << " numbers, not "
           << ComputeSetVertex::kLayout << " quintuples";
  TileLimits limits(*this);
  for (size_t i = 0; i < vertices.size(); ++i) {
    ComputeSetVertex v = vertices[i];
    if (failed(verifySpan(*this, limits, "vertex state", i, v.tile,
                          v.stateAddress, 4)))
      return failure();
    if (v.stateAddress % 4 != 0)
      return emitOpError("the state of vertex ")
             << v.vertex << " is at the unaligned address " << v.stateAddress;
    if (i && std::make_pair(vertices[i - 1].tile, vertices[i - 1].vertex) >=
                 std::make_pair(v.tile, v.vertex))
      return emitOpError("vertices must be sorted by tile, then vertex");
  }
  return success();
}

LogicalResult VariableOp::verify() {
  int64_t elementBytes = getElementBytesAttr().getInt();
  if (elementBytes <= 0)
    return emitOpError("element_bytes must be positive");
  if (failed(verifyPieces(*this, getPieces())))
    return failure();
  if (pieceBytes(getPieces()) % elementBytes != 0)
    return emitOpError("pieces hold ")
           << pieceBytes(getPieces()) << " bytes, not a whole number of "
           << elementBytes << "-byte elements";
  return success();
}

LogicalResult MemoryInitOp::verify() {
  if (getBytes().empty())
    return emitOpError("bytes must not be empty");
  return verifySpan(*this, TileLimits(*this), "memory image", 0,
                    getTileAttr().getInt(), getAddressAttr().getInt(),
                    int64_t(getBytes().size()));
}

LogicalResult StreamOp::verify() {
  if (getNumElementsAttr().getInt() < 0)
    return emitOpError("num_elements must not be negative");
  return success();
}

LogicalResult RemoteBufferOp::verify() {
  if (getNumElementsAttr().getInt() <= 0 || getRepeatsAttr().getInt() <= 0)
    return emitOpError("num_elements and repeats must be positive");
  return success();
}

LogicalResult RemoteBufferCopyOp::verify() {
  if (failed(verifyPieces(*this, getPieces())))
    return failure();
  return verifyPieces(*this, getOffset());
}

LogicalResult HostAccessOp::verify() {
  return verifyTensor(*this, getPieces(), getShape(), getElementType());
}

LogicalResult StreamCopyOp::verify() {
  return verifyPieces(*this, getPieces());
}

LogicalResult PrintOp::verify() {
  return verifyTensor(*this, getPieces(), getShape(), getElementType());
}

LogicalResult ErrorWithTensorOp::verify() {
  return verifyTensor(*this, getPieces(), getShape(), getElementType());
}

LogicalResult IfOp::verify() {
  return verifyScalar(*this, getPredicate(), getElementType());
}

LogicalResult RepeatWhileOp::verify() {
  return verifyScalar(*this, getPredicate(), getElementType());
}

LogicalResult AbortOnConditionOp::verify() {
  return verifyScalar(*this, getPredicate(), getElementType());
}

LogicalResult SwitchOp::verify() {
  if (getCaseValues().size() != getCases().size())
    return emitOpError("has ") << getCaseValues().size() << " case values but "
                               << getCases().size() << " case regions";
  return verifyScalar(*this, getControl(), getElementType());
}

LogicalResult ExchangeOp::verify() {
  ByteTransfers transfers = getTransferList();
  if (!transfers.wellFormed())
    return emitOpError("transfers must hold ")
           << ByteTransfer::kLayout << " quintuples";
  TileLimits limits(*this);
  for (size_t i = 0; i < transfers.size(); ++i) {
    ByteTransfer t = transfers[i];
    if (failed(verifySpan(*this, limits, "transfer source", i, t.srcTile,
                          t.srcAddress, t.numBytes)) ||
        failed(verifySpan(*this, limits, "transfer destination", i, t.dstTile,
                          t.dstAddress, t.numBytes)))
      return failure();
  }
  return success();
}

LogicalResult HostFunctionOp::verify() {
  if (getInputTypes().size() != getInputSizes().size() ||
      getOutputTypes().size() != getOutputSizes().size())
    return emitOpError("needs one size per argument type");
  for (ArrayRef<int64_t> sizes : {getInputSizes(), getOutputSizes()})
    for (int64_t n : sizes)
      if (n <= 0)
        return emitOpError("argument sizes must be positive, not ") << n;
  return success();
}

ArrayRef<int64_t> HostCallOp::getArgument(size_t i) {
  return listAt(getPieces(), getPieceCounts(), i);
}

LogicalResult HostCallOp::verify() {
  if (std::optional<std::string> error =
          checkListSplit(getPieces(), getPieceCounts(), getNumInputs()))
    return emitOpError(*error);
  for (size_t i = 0; i < getPieceCounts().size(); ++i)
    if (failed(verifyPieces(*this, getArgument(i))))
      return failure();
  return success();
}

#define GET_OP_CLASSES
#include "compiler/dialects/Tile/TileOps.cpp.inc"
