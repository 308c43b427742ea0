// When each variable holds a value someone will read: the liveness analysis
// poplar-allocate-tile-memory uses to let variables share memory.
#ifndef TESSEL_COMPILER_PASSES_VARIABLELIVENESS_HPP
#define TESSEL_COMPILER_PASSES_VARIABLELIVENESS_HPP

#include "compiler/passes/PassSupport.hpp"

#include "mlir/Pass/AnalysisManager.h"

#include <cstdint>
#include <map>
#include <vector>

namespace tessel {

/// A closed range of op positions (pre-order over all programs and
/// functions) during which a variable must keep its bytes, or "always".
struct Lifetime {
  static constexpr int64_t kAlways = -1;
  int64_t start = kAlways, end = kAlways;
  bool alwaysLive() const { return start == kAlways; }
  bool overlaps(const Lifetime &o) const {
    return alwaysLive() || o.alwaysLive() || (start <= o.end && o.start <= end);
  }
};

/// Lifetimes of every variable of a module in the poplar dialect.
///
/// A variable gets a bounded lifetime when it is used in one program only,
/// has no host handle, is neither constant nor initialised, and every way of
/// reaching a read first writes all of it: its first uses are writes in one
/// block that together cover every element, and all later uses are nested
/// after them in that block. It then lives from its first write to its last
/// use; a use inside a loop that the writes are not inside keeps it live to
/// the end of that loop (the next iteration reads it again). An Execute reads
/// its vertices' Input and InOut edges and writes their Output edges.
/// Everything else is always live.
///
/// It is also an MLIR analysis: poplar-allocate-tile-memory computes it and
/// preserves it (allocations change no use), so poplar-lower-to-tile, which
/// runs next, reuses it instead of walking every transfer again.
class VariableLiveness {
public:
  VariableLiveness(mlir::ModuleOp module, const GraphFacts &facts);
  /// As an analysis of the module, over its GraphFacts analysis.
  VariableLiveness(mlir::Operation *module, mlir::AnalysisManager &am);
  Lifetime lifetimeOf(int64_t var) const { return lifetimes[var]; }

private:
  void build(mlir::ModuleOp module);
  /// A block of a program or function and the op that owns it.
  struct Scope {
    int64_t parent;      // -1 for a program or function body
    int64_t program;     // -1 inside a function
    bool loop;           // the body or condition of a repeat or loop
    int64_t first, last; // positions of the ops inside, nested ones too
    int64_t ownerEnd;    // the last position inside the owning op
  };
  struct Use {
    int64_t position, scope;
    bool isWrite;
    /// Element intervals read or written: intervals[begin, begin + count).
    size_t intervalsBegin, intervalsCount;
  };

  void visitBlock(mlir::Block &block, int64_t scope);
  void visitOp(mlir::Operation &op, int64_t scope);
  int64_t openScope(int64_t parent, int64_t program, bool loop);
  void recordReads(llvm::ArrayRef<int64_t> regions, int64_t position,
                   int64_t scope);
  void recordUses(llvm::ArrayRef<int64_t> regions, int64_t position,
                  int64_t scope, bool isWrite);
  /// Records `count` triples, tripleAt(0..count), grouping them by variable
  /// (sorting only when they are not grouped already).
  template <class TripleAt>
  void recordTriples(size_t count, TripleAt tripleAt, int64_t position,
                     int64_t scope, bool isWrite);
  /// recordUses over `count` triples already grouped by variable.
  template <class TripleAt>
  void recordGroupedUses(size_t count, TripleAt tripleAt, int64_t position,
                         int64_t scope, bool isWrite);
  void recordWrites(llvm::ArrayRef<int64_t> regions, int64_t position,
                    int64_t scope);
  void recordExchange(ElementTransfers transfers, int64_t position,
                      int64_t scope);
  /// Reads every Input and InOut edge of the compute set's vertices, then
  /// writes every Output edge.
  void recordExecute(int64_t computeSet, int64_t position, int64_t scope);
  Lifetime decide(int64_t var) const;
  /// The position up to which a use keeps a variable written in `home`
  /// alive: the end of the outermost loop between them, or the use itself.
  int64_t extent(const Use &use, int64_t home) const;

  const GraphFacts &facts;
  std::vector<Scope> scopes;
  std::vector<std::vector<Use>> uses;
  std::vector<std::pair<int64_t, int64_t>> intervals;
  std::vector<bool> hostAccessed;
  /// Per compute set: the region lists its vertices read and write.
  std::map<int64_t, std::pair<std::vector<int64_t>, std::vector<int64_t>>>
      computeSetEdges;
  std::vector<Lifetime> lifetimes;
  int64_t position = 0;
};

} // namespace tessel

#endif
