// Planning the preheader range checks of a codelet function's loops: the
// sweep of each access over its loop (ScalarEvolution), grouping accesses
// at constant distances, hoisting each range's check to the outermost loop
// in which it does not change, and, for the loops that may also check
// their cycle budget once per entry, their trip counts.
#include "compiler/codelets/LoopRangePlanning.hpp"
#include "compiler/codelets/CodeletCostModel.hpp"

#include <llvm/Analysis/AssumptionCache.h>
#include <llvm/Analysis/LoopInfo.h>
#include <llvm/Analysis/ScalarEvolution.h>
#include <llvm/Analysis/ScalarEvolutionExpressions.h>
#include <llvm/Analysis/TargetLibraryInfo.h>
#include <llvm/IR/Dominators.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/Module.h>
#include <llvm/Transforms/Utils/ScalarEvolutionExpander.h>

#include <algorithm>
#include <map>
#include <optional>

using namespace llvm;

namespace tessel::codelets {

namespace {

/// An access's addresses over a loop: its recurrence's start and step, and
/// its first and last addresses as 64-bit integers.
struct Sweep {
  const SCEV *start;
  const SCEV *step;
  const SCEV *first;
  const SCEV *last;
  std::uint64_t bytes;
  /// True when an assumption the sweep relies on (an index computed in 32
  /// bits does not wrap) fails; null when none is needed.
  Value *wraps;
};

/// Accesses of one loop range with the same step whose starts differ by
/// constants: their bytes lie in [lowOffset, highOffset) from the first
/// one's addresses.
struct SweepGroup {
  Sweep sweep;
  std::int64_t lowOffset;
  std::int64_t highOffset;
  Value *wraps;
  std::size_t range;
};

class LoopRangePlanner {
public:
  explicit LoopRangePlanner(Module &module)
      : module(module), layout(module.getDataLayout()),
        int64(Type::getInt64Ty(module.getContext())) {}

  void plan(Function &f, LoopInfo &loops, DominatorTree &dominators,
            const std::set<const BasicBlock *> &cycles,
            std::vector<AccessPlan> &accesses, std::vector<LoopRange> &ranges);

private:
  bool sweepOverLoop(const AccessPlan &plan, Loop &loop,
                     ScalarEvolution &evolution, Sweep &sweep);
  void expandGroupRange(const SweepGroup &group, Instruction *at,
                        ScalarEvolution &evolution, Value *&low, Value *&high,
                        Value *&wraps);
  Instruction *outermostCheckPoint(LoopInfo &loops, ScalarEvolution &evolution,
                                   const std::vector<SweepGroup> &groups,
                                   std::size_t index, Instruction *at);
  void planBudgetPerEntry(LoopInfo &loops, ScalarEvolution &evolution,
                          const std::set<const BasicBlock *> &cycles,
                          std::vector<LoopRange> &ranges);

  Module &module;
  const DataLayout &layout;
  Type *int64;
};

/// For an access in a loop with a computable trip count at an address that
/// moves by a fixed step: its sweep, with first and last computable in the
/// loop's preheader; false if they cannot be computed there.
bool LoopRangePlanner::sweepOverLoop(const AccessPlan &plan, Loop &loop,
                                     ScalarEvolution &evolution, Sweep &sweep) {
  BasicBlock *preheader = loop.getLoopPreheader();
  const auto *rec = dyn_cast<SCEVAddRecExpr>(evolution.getSCEV(plan.address));
  // An address such as b + 4 * zext(k * cols) is affine only while the
  // 32-bit product does not wrap: assume it, and check the assumption in
  // the preheader with the range (PredicatedScalarEvolution).
  PredicatedScalarEvolution predicated(evolution, loop);
  if (!rec || rec->getLoop() != &loop || !rec->hasNoSelfWrap()) {
    rec = predicated.getAsAddRec(plan.address);
    if (rec && !rec->hasNoSelfWrap()) {
      predicated.setNoOverflow(plan.address, SCEVWrapPredicate::IncrementNUSW);
      rec = predicated.getAsAddRec(plan.address);
    }
  }
  if (!preheader || !rec || rec->getLoop() != &loop || !rec->isAffine() ||
      !isa<ConstantInt>(plan.bytes))
    return false;
  const SCEV *taken = evolution.getBackedgeTakenCount(&loop);
  if (isa<SCEVCouldNotCompute>(taken) ||
      !evolution.isLoopInvariant(rec->getStart(), &loop) ||
      !evolution.isLoopInvariant(rec->getStepRecurrence(evolution), &loop))
    return false;
  const SCEV *first = evolution.getPtrToIntExpr(rec->getStart(), int64);
  const SCEV *last = evolution.getPtrToIntExpr(
      rec->evaluateAtIteration(taken, evolution), int64);
  if (isa<SCEVCouldNotCompute>(first) || isa<SCEVCouldNotCompute>(last))
    return false;
  Instruction *at = preheader->getTerminator();
  SCEVExpander expander(evolution, layout, "tessel.range");
  if (!expander.isSafeToExpandAt(first, at) ||
      !expander.isSafeToExpandAt(last, at))
    return false;
  sweep = {rec->getStart(),
           rec->getStepRecurrence(evolution),
           first,
           last,
           cast<ConstantInt>(plan.bytes)->getZExtValue(),
           nullptr};
  if (!predicated.getPredicate().isAlwaysTrue())
    sweep.wraps =
        expander.expandCodeForPredicate(&predicated.getPredicate(), at);
  return true;
}

/// [low, high) covering every access of `group`, computed at `at` from its
/// first access's sweep moved by the group's offsets; `wraps` is true when
/// that move wraps around the address space (the check must then fail) or
/// an assumption a sweep relies on fails.
void LoopRangePlanner::expandGroupRange(const SweepGroup &group,
                                        Instruction *at,
                                        ScalarEvolution &evolution, Value *&low,
                                        Value *&high, Value *&wraps) {
  SCEVExpander expander(evolution, layout, "tessel.range");
  Value *firstValue = expander.expandCodeFor(group.sweep.first, int64, at);
  Value *lastValue = expander.expandCodeFor(group.sweep.last, int64, at);
  IRBuilder<> builder(module.getContext());
  positionAt(builder, at);
  Value *lowest =
      builder.CreateBinaryIntrinsic(Intrinsic::umin, firstValue, lastValue);
  Value *highest =
      builder.CreateBinaryIntrinsic(Intrinsic::umax, firstValue, lastValue);
  low = group.lowOffset
            ? builder.CreateAdd(lowest, builder.getInt64(group.lowOffset))
            : lowest;
  high = builder.CreateAdd(highest, builder.getInt64(group.highOffset));
  Value *wrapped = builder.CreateICmpULT(high, highest);
  if (group.lowOffset)
    wrapped = builder.CreateOr(wrapped, builder.CreateICmpUGT(low, lowest));
  wraps = group.wraps ? builder.CreateOr(group.wraps, wrapped) : wrapped;
}

/// The preheader branch of the outermost loop around the one `at` enters
/// in which range `index` does not change, so its check runs once there
/// rather than on every entry of the inner loop; `at` if there is none.
/// Ranges relying on a no-wrap assumption stay where it was checked.
Instruction *LoopRangePlanner::outermostCheckPoint(
    LoopInfo &loops, ScalarEvolution &evolution,
    const std::vector<SweepGroup> &groups, std::size_t index, Instruction *at) {
  Loop *loop = loops.getLoopFor(cast<BranchInst>(at)->getSuccessor(0));
  for (const SweepGroup &group : groups)
    if (group.range == index && group.wraps)
      return at;
  SCEVExpander expander(evolution, layout, "tessel.range");
  Instruction *best = at;
  for (Loop *outer = loop->getParentLoop(); outer;
       outer = outer->getParentLoop()) {
    BasicBlock *preheader = outer->getLoopPreheader();
    if (!preheader)
      break;
    Instruction *there = preheader->getTerminator();
    for (const SweepGroup &group : groups)
      if (group.range == index &&
          (!evolution.isLoopInvariant(group.sweep.first, outer) ||
           !evolution.isLoopInvariant(group.sweep.last, outer) ||
           !expander.isSafeToExpandAt(group.sweep.first, there) ||
           !expander.isSafeToExpandAt(group.sweep.last, there)))
        return best;
    best = there;
  }
  return best;
}

/// Checks of accesses in loops are made once before the loop, over the
/// whole range all of one loop's accesses of one kind can touch, when that
/// range can be computed there. The check never stops the vertex: if it
/// fails (the loop may leave early, an access may not run every iteration,
/// or the union spans memory the vertex may not touch), each access is
/// checked every time as usual, so no check is ever dropped.
void LoopRangePlanner::plan(Function &f, LoopInfo &loops,
                            DominatorTree &dominators,
                            const std::set<const BasicBlock *> &cycles,
                            std::vector<AccessPlan> &accesses,
                            std::vector<LoopRange> &ranges) {
  TargetLibraryInfoImpl libraryInfo(Triple(module.getTargetTriple()));
  TargetLibraryInfo library(libraryInfo);
  AssumptionCache assumptions(f);
  ScalarEvolution evolution(f, library, assumptions, dominators, loops);
  std::map<std::pair<Loop *, Access>, std::size_t> byLoop;
  std::vector<SweepGroup> groups;
  for (AccessPlan &plan : accesses) {
    Loop *loop = loops.getLoopFor(plan.at->getParent());
    Sweep sweep;
    if (!loop || !sweepOverLoop(plan, *loop, evolution, sweep))
      continue;
    auto [found, added] =
        byLoop.try_emplace({loop, plan.access}, ranges.size());
    if (added)
      ranges.push_back({loop->getLoopPreheader()->getTerminator(), nullptr,
                        nullptr, nullptr, plan.access});
    plan.range = found->second;
    // An access at a constant distance from one already planned, moving
    // by the same step, widens that one's range: one computation covers
    // the rows of an unrolled matrix block.
    auto joins = [&](SweepGroup &group, std::int64_t &distance) {
      if (group.range != plan.range || group.sweep.step != sweep.step)
        return false;
      std::optional<APInt> difference =
          evolution.computeConstantDifference(sweep.start, group.sweep.start);
      if (!difference || difference->getSignificantBits() > 32)
        return false;
      distance = difference->getSExtValue();
      return true;
    };
    std::int64_t distance = 0;
    auto group = std::find_if(groups.begin(), groups.end(),
                              [&](auto &g) { return joins(g, distance); });
    const auto bytes = std::int64_t(sweep.bytes);
    if (group == groups.end()) {
      groups.push_back({sweep, 0, bytes, sweep.wraps, plan.range});
      continue;
    }
    group->lowOffset = std::min(group->lowOffset, distance);
    group->highOffset = std::max(group->highOffset, distance + bytes);
    if (sweep.wraps) {
      IRBuilder<> builder(module.getContext());
      positionAt(builder, ranges[plan.range].at);
      group->wraps = group->wraps ? builder.CreateOr(group->wraps, sweep.wraps)
                                  : sweep.wraps;
    }
  }
  for (std::size_t index = 0; index < ranges.size(); ++index)
    ranges[index].checkAt =
        outermostCheckPoint(loops, evolution, groups, index, ranges[index].at);
  for (const SweepGroup &group : groups) {
    LoopRange &range = ranges[group.range];
    Value *low = nullptr, *high = nullptr, *wraps = nullptr;
    expandGroupRange(group, range.checkAt, evolution, low, high, wraps);
    IRBuilder<> builder(module.getContext());
    positionAt(builder, range.checkAt);
    if (!range.low) {
      range.low = low;
      range.high = high;
      range.wraps = wraps;
      continue;
    }
    range.low = builder.CreateBinaryIntrinsic(Intrinsic::umin, range.low, low);
    range.high =
        builder.CreateBinaryIntrinsic(Intrinsic::umax, range.high, high);
    range.wraps = builder.CreateOr(range.wraps, wraps);
  }
  planBudgetPerEntry(loops, evolution, cycles, ranges);
}

/// For the ranges of innermost loops whose iterations count a bounded
/// number of cycles (no calls, no copies of run-time length, no other
/// cycle inside): the trip count less one, expanded in the preheader, and
/// the cycles of all the loop's blocks, more than any iteration counts.
void LoopRangePlanner::planBudgetPerEntry(
    LoopInfo &loops, ScalarEvolution &evolution,
    const std::set<const BasicBlock *> &cycles,
    std::vector<LoopRange> &ranges) {
  for (LoopRange &range : ranges) {
    auto *branch = dyn_cast<BranchInst>(range.at);
    if (!branch || branch->isConditional())
      continue;
    BasicBlock *header = branch->getSuccessor(0);
    Loop *loop = loops.getLoopFor(header);
    if (!loop || loop->getHeader() != header || !loop->isInnermost())
      continue;
    std::uint64_t weight = 0;
    bool bounded = true;
    for (BasicBlock *block : loop->blocks()) {
      bounded = bounded && (block == header || !cycles.count(block));
      for (Instruction &inst : *block) {
        weight += staticInstructionCycles(inst, layout);
        if (auto *call = dyn_cast<CallInst>(&inst))
          bounded = bounded && !mayCountCycles(*call);
        if (auto *mem = dyn_cast<MemIntrinsic>(&inst))
          bounded = bounded && isa<ConstantInt>(mem->getLength());
      }
    }
    if (!bounded || weight == 0 || weight > kMaxUncheckedCycles)
      continue;
    const SCEV *taken = evolution.getBackedgeTakenCount(loop);
    if (isa<SCEVCouldNotCompute>(taken) || !taken->getType()->isIntegerTy())
      continue;
    taken = evolution.getTruncateOrZeroExtend(taken, int64);
    SCEVExpander expander(evolution, layout, "tessel.trips");
    if (!expander.isSafeToExpandAt(taken, range.at))
      continue;
    range.tripsLessOne = expander.expandCodeFor(taken, int64, range.at);
    range.iterationCycles = weight;
  }
}

} // namespace

void planLoopRangeChecks(Function &f, LoopInfo &loops,
                         DominatorTree &dominators,
                         const std::set<const BasicBlock *> &cycles,
                         std::vector<AccessPlan> &accesses,
                         std::vector<LoopRange> &ranges) {
  LoopRangePlanner(*f.getParent())
      .plan(f, loops, dominators, cycles, accesses, ranges);
}

} // namespace tessel::codelets
