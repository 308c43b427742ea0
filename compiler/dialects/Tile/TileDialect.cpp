// The `tile` dialect: registration and op verifiers (piece lists well formed
// and within the tile memory size, when the module records it).
#include "compiler/dialects/Tile/TileDialect.hpp"

#include "compiler/dialects/RegionLists.hpp"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;
using namespace tessel;
using namespace tessel::tileir;

#include "compiler/dialects/Tile/TileDialect.cpp.inc"

void TileDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "compiler/dialects/Tile/TileOps.cpp.inc"
      >();
}

/// Pieces are [tile, address, numBytes] with address + numBytes inside the
/// tile memory (`tile.bytes_per_tile` on the enclosing module, if set).
static LogicalResult verifyPieces(Operation *op, ArrayRef<int64_t> pieces) {
  if (pieces.size() % 3 != 0)
    return op->emitOpError(
        "pieces must hold [tile, address, numBytes] triples");
  int64_t limit = INT64_MAX;
  if (auto module = op->getParentOfType<ModuleOp>())
    if (auto attr = module->getAttrOfType<IntegerAttr>("tile.bytes_per_tile"))
      limit = attr.getInt();
  for (size_t i = 0; i < numTriples(pieces); ++i) {
    RegionTriple p = tripleAt(pieces, i);
    int64_t tile = p.var, address = p.begin, bytes = p.end;
    if (tile < 0 || address < 0 || bytes <= 0 || address + bytes > limit)
      return op->emitOpError("piece ")
             << i << " (tile " << tile << ", address " << address << ", "
             << bytes << " bytes) is outside the " << limit
             << "-byte tile memory";
  }
  return success();
}

LogicalResult VariableOp::verify() { return verifyPieces(*this, getPieces()); }
LogicalResult HostAccessOp::verify() {
  return verifyPieces(*this, getPieces());
}
LogicalResult StreamCopyOp::verify() {
  return verifyPieces(*this, getPieces());
}
LogicalResult PrintOp::verify() { return verifyPieces(*this, getPieces()); }

LogicalResult ExchangeOp::verify() {
  ArrayRef<int64_t> t = getTransfers();
  if (t.size() % 5 != 0)
    return emitOpError("transfers must hold [srcTile, srcAddress, dstTile, "
                       "dstAddress, numBytes] quintuples");
  std::vector<int64_t> pieces;
  for (size_t i = 0; i < t.size(); i += 5) {
    pieces.insert(pieces.end(), {t[i], t[i + 1], t[i + 4]});
    pieces.insert(pieces.end(), {t[i + 2], t[i + 3], t[i + 4]});
  }
  return verifyPieces(*this, pieces);
}

#define GET_OP_CLASSES
#include "compiler/dialects/Tile/TileOps.cpp.inc"
