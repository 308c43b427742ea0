// What the passes share: typed error reporting and lookup tables over the
// module's variables and streams.
#ifndef TESSEL_COMPILER_PASSES_PASSSUPPORT_HPP
#define TESSEL_COMPILER_PASSES_PASSSUPPORT_HPP

#include "compiler/dialects/Poplar/PoplarDialect.hpp"
#include "compiler/dialects/RegionLists.hpp"

#include "mlir/IR/BuiltinOps.h"

#include <string>
#include <vector>

namespace tessel {

/// Emits an error whose message starts with the poplar exception class the
/// driver must throw, e.g. reportError(op, "type_error", "...").
mlir::InFlightDiagnostic reportError(mlir::Operation *op, const char *kind);

/// Module-level facts every pass needs.
struct GraphFacts {
  int64_t numTiles = 0;
  int64_t bytesPerTile = 0;
  bool requiresTileMapping = false;
  /// variables[id]; null where no variable has that id.
  std::vector<graphir::VariableOp> variables;
  std::vector<graphir::StreamOp> streams;
  std::vector<graphir::FunctionOp> functions;

  /// Reads the module; reports (and returns failure for) duplicate ids or
  /// missing target attributes.
  static mlir::FailureOr<GraphFacts> collect(mlir::ModuleOp module);

  graphir::VariableOp variable(int64_t id) const {
    return id >= 0 && size_t(id) < variables.size() ? variables[id]
                                                    : graphir::VariableOp();
  }
  /// "'name'" or "variable N" for messages.
  std::string variableName(int64_t id) const;
};

/// Bytes of one element of the named poplar type.
unsigned elementBytes(llvm::StringRef typeName);

/// [begin, end, tile] triples of a variable's mapping.
struct MappedInterval {
  int64_t begin, end, tile;
};
std::vector<MappedInterval> mappingOf(graphir::VariableOp var);

/// A variable's mapping as a sorted, disjoint interval list with range
/// queries.
class TileIntervals {
public:
  TileIntervals() = default;
  explicit TileIntervals(std::vector<MappedInterval> intervals)
      : intervals(std::move(intervals)) {}

  /// The mapped parts of [begin, end), clipped, in order.
  std::vector<MappedInterval> piecesIn(int64_t begin, int64_t end) const;
  /// The unmapped parts of [begin, end), in order (tile is -1).
  std::vector<MappedInterval> gapsIn(int64_t begin, int64_t end) const;
  /// Maps [begin, end), which must be unmapped, to `tile`.
  void assign(int64_t begin, int64_t end, int64_t tile);
  const std::vector<MappedInterval> &all() const { return intervals; }
  /// Flat [begin, end, tile] list for the mapping attribute.
  std::vector<int64_t> flatten() const;

private:
  std::vector<MappedInterval> intervals;
};

/// Calls fn(a, b, n) for each aligned stretch of two region lists of equal
/// total size: n elements starting at a (var, offset) and b (var, offset).
template <class Fn>
void forEachAlignedSegment(llvm::ArrayRef<int64_t> x, llvm::ArrayRef<int64_t> y,
                           Fn fn) {
  size_t i = 0, j = 0;
  int64_t offX = 0, offY = 0;
  while (i < numTriples(x) && j < numTriples(y)) {
    RegionTriple a = tripleAt(x, i), b = tripleAt(y, j);
    int64_t n = std::min(a.end - a.begin - offX, b.end - b.begin - offY);
    fn(a.var, a.begin + offX, b.var, b.begin + offY, n);
    offX += n;
    offY += n;
    if (offX == a.end - a.begin) {
      ++i;
      offX = 0;
    }
    if (offY == b.end - b.begin) {
      ++j;
      offY = 0;
    }
  }
}

} // namespace tessel

#endif
