// What the passes share: typed error reporting (TypedErrors.hpp) and lookup
// tables over the module's variables and streams.
#ifndef TESSEL_COMPILER_PASSES_PASSSUPPORT_HPP
#define TESSEL_COMPILER_PASSES_PASSSUPPORT_HPP

#include "compiler/dialects/Poplar/PoplarDialect.hpp"
#include "compiler/dialects/Poplar/TypedErrors.hpp"
#include "compiler/dialects/RegionLists.hpp"
#include "compiler/passes/VertexEdges.hpp"

#include <poplar/Target.hpp>

#include "mlir/IR/BuiltinOps.h"

#include <algorithm>
#include <string>
#include <vector>

namespace tessel {

/// Module-level facts every pass needs, as an MLIR analysis: a pass calls
/// getAnalysis<GraphFacts>() and passes that add or remove no declarations
/// mark it preserved, so the pipeline reads the module's tables only when
/// they may have changed.
struct GraphFacts {
  /// Reads the module; reports errors for duplicate ids or a missing or
  /// unusable target and then sets `status` to failure.
  explicit GraphFacts(mlir::Operation *module);
  GraphFacts() = default;

  /// Whether the module was readable; the errors were reported when the
  /// analysis was built.
  mlir::LogicalResult status = mlir::success();
  /// The module's target (ModuleTarget.hpp); the three fields below are
  /// read from it.
  poplar::Target target;
  int64_t numTiles = 0;
  int64_t bytesPerTile = 0;
  bool requiresTileMapping = false;
  /// variables[id]; null where no variable has that id.
  std::vector<graphir::VariableOp> variables;
  std::vector<graphir::StreamOp> streams;
  std::vector<graphir::FunctionOp> functions;
  std::vector<graphir::CodeletOp> codelets;

  /// GraphFacts(module) outside a pass; failure if its status is failure.
  static mlir::FailureOr<GraphFacts> collect(mlir::ModuleOp module);

  graphir::VariableOp variable(int64_t id) const {
    return id >= 0 && size_t(id) < variables.size() ? variables[id]
                                                    : graphir::VariableOp();
  }
  graphir::CodeletOp codelet(int64_t id) const {
    return id >= 0 && size_t(id) < codelets.size() ? codelets[id]
                                                   : graphir::CodeletOp();
  }
  /// The edges of vertex `v`, field by field of its codelet; nothing if the
  /// codelet is unknown or the edges are malformed (`error` says which).
  std::optional<std::vector<FieldEdges>> vertexFields(const TableVertex &v,
                                                      std::string &error) const;
  /// "'name'" or "variable N" for messages.
  std::string variableName(int64_t id) const;
};

/// Bytes of one element of the named poplar type.
unsigned elementBytes(ir::ElementType type);

/// A variable's mapping as a vector of its intervals.
std::vector<MappedInterval> mappingOf(graphir::VariableOp var);

/// Calls fn(a, b, n) for each aligned stretch of two region lists of equal
/// total size: n > 0 elements starting at a (var, offset) and b (var,
/// offset). Empty regions are skipped.
template <class Fn>
void forEachAlignedSegment(llvm::ArrayRef<int64_t> x, llvm::ArrayRef<int64_t> y,
                           Fn fn) {
  size_t i = 0, j = 0;
  int64_t offX = 0, offY = 0;
  while (i < numTriples(x) && j < numTriples(y)) {
    RegionTriple a = tripleAt(x, i), b = tripleAt(y, j);
    int64_t n = std::min(a.end - a.begin - offX, b.end - b.begin - offY);
    if (n > 0)
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
