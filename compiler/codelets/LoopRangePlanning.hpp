// Part of popc's instrumentation: checking the accesses of a loop once,
// before it runs, instead of at every iteration. For each loop whose
// accesses move by fixed steps over a computable trip count, the union of
// the ranges its accesses of one kind touch (accesses at constant distances
// from each other sharing one computation), computed in the preheader of
// the outermost loop in which it does not change. See docs/codelets.md.
#ifndef TESSEL_COMPILER_CODELETS_LOOPRANGEPLANNING_HPP
#define TESSEL_COMPILER_CODELETS_LOOPRANGEPLANNING_HPP

#include "compiler/codelets/CheckedAccesses.hpp"

#include <cstdint>
#include <set>
#include <vector>

namespace llvm {
class BasicBlock;
class DominatorTree;
class Function;
class Instruction;
class LoopInfo;
class Value;
} // namespace llvm

namespace tessel::codelets {

/// A loop whose copy checks the budget once per entry must not run longer
/// than this many counted cycles unchecked, so the watchdog (which sets
/// the budget to 0) still stops it soon.
inline constexpr std::uint64_t kMaxUncheckedCycles = std::uint64_t(1) << 24;

/// The union of the ranges a loop's accesses of one kind touch, computed
/// in its preheader, and whether it passed its check there.
struct LoopRange {
  /// The loop's preheader branch.
  llvm::Instruction *at;
  /// Where the range is computed and checked: `at`, or an outer loop's
  /// preheader branch when the range does not change in that loop.
  llvm::Instruction *checkAt;
  llvm::Value *low;
  llvm::Value *high;
  Access access;
  /// True when an assumption the range relies on (an index computed in 32
  /// bits does not wrap) fails; null when none is needed.
  llvm::Value *wraps = nullptr;
  llvm::Value *passed = nullptr;
  /// For a loop whose iterations each count at most `iterationCycles`
  /// (an innermost loop without calls): its backedge-taken count as an
  /// i64 computed at `at`; null otherwise.
  llvm::Value *tripsLessOne = nullptr;
  std::uint64_t iterationCycles = 0;
};

/// Plans the ranges of `f`'s loops, before any block is split: computes
/// each range (low, high, wraps; not yet checked) at its checkAt, appends
/// it to `ranges` and points the `accesses` it covers at it. `cycles` are
/// the blocks that enter a cycle (cycleEntries).
void planLoopRangeChecks(llvm::Function &f, llvm::LoopInfo &loops,
                         llvm::DominatorTree &dominators,
                         const std::set<const llvm::BasicBlock *> &cycles,
                         std::vector<AccessPlan> &accesses,
                         std::vector<LoopRange> &ranges);

} // namespace tessel::codelets

#endif
