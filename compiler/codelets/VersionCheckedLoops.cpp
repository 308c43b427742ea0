// Loop versioning for the instrumentation's preheader range checks (see
// VersionCheckedLoops.hpp). Without it every covered access still branches
// on the preheader's result, which splits the loop body into a block per
// access and keeps the host compiler from selecting instructions across
// them.
#include "compiler/codelets/VersionCheckedLoops.hpp"

#include <llvm/ADT/SmallPtrSet.h>
#include <llvm/Analysis/ConstantFolding.h>
#include <llvm/Analysis/LoopInfo.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/Dominators.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/ValueHandle.h>
#include <llvm/Transforms/Utils/BasicBlockUtils.h>
#include <llvm/Transforms/Utils/Cloning.h>
#include <llvm/Transforms/Utils/Local.h>
#include <llvm/Transforms/Utils/LoopUtils.h>
#include <llvm/Transforms/Utils/ValueMapper.h>

using namespace llvm;

namespace tessel::codelets {

namespace {

/// Loops larger than this keep one copy: the time saved per access does not
/// pay for doubling a large body.
constexpr std::size_t kMaxCopiedInstructions = 4000;

std::size_t instructionCount(const Loop &loop) {
  std::size_t count = 0;
  for (const BasicBlock *block : loop.blocks())
    count += block->size();
  return count;
}

/// Replaces `passed` by `value` in `blocks` and folds what that decides:
/// the i1 logic on it and the branches around the checks. Blocks no longer
/// reached are left for removeUnreachableBlocks.
void foldChecks(ArrayRef<Value *> passed, bool value,
                ArrayRef<BasicBlock *> blocks) {
  const SmallPtrSet<BasicBlock *, 32> inBlocks(blocks.begin(), blocks.end());
  Constant *constant =
      ConstantInt::getBool(blocks.front()->getContext(), value);
  for (Value *condition : passed)
    condition->replaceUsesWithIf(constant, [&](Use &use) {
      auto *user = dyn_cast<Instruction>(use.getUser());
      return user && inBlocks.contains(user->getParent());
    });
  const DataLayout &layout = blocks.front()->getModule()->getDataLayout();
  for (BasicBlock *block : blocks) {
    for (Instruction &inst : make_early_inc_range(*block))
      if (isa<BinaryOperator>(inst) && inst.getType()->isIntegerTy(1))
        if (Constant *folded = ConstantFoldInstruction(&inst, layout)) {
          inst.replaceAllUsesWith(folded);
          inst.eraseFromParent();
        }
    ConstantFoldTerminator(block, /*DeleteDeadConditions=*/true);
  }
}

/// Adds to the exit blocks' phis (all of them, in LCSSA form) the values
/// arriving from the copy's exiting blocks.
void joinExits(const Loop &loop, ArrayRef<BasicBlock *> exits,
               ValueToValueMapTy &copyOf) {
  for (BasicBlock *exit : exits)
    for (PHINode &phi : exit->phis())
      for (unsigned i = 0, n = phi.getNumIncomingValues(); i < n; ++i) {
        BasicBlock *from = phi.getIncomingBlock(i);
        if (!loop.contains(from))
          continue;
        Value *value = phi.getIncomingValue(i);
        if (Value *copied = copyOf.lookup(value))
          value = copied;
        phi.addIncoming(value, cast<BasicBlock>(copyOf.lookup(from)));
      }
}

} // namespace

bool versionCheckedLoop(BranchInst *preheaderBranch, ArrayRef<Value *> passed,
                        Value *alsoRequired,
                        ArrayRef<Instruction *> falseInCopy) {
  if (!preheaderBranch || preheaderBranch->isConditional() || passed.empty())
    return false;
  BasicBlock *preheader = preheaderBranch->getParent();
  BasicBlock *header = preheaderBranch->getSuccessor(0);
  Function &f = *preheader->getParent();
  DominatorTree dominators(f);
  LoopInfo loops(dominators);
  Loop *loop = loops.getLoopFor(header);
  if (!loop || loop->getHeader() != header ||
      loop->getLoopPreheader() != preheader ||
      instructionCount(*loop) > kMaxCopiedInstructions)
    return false;
  // Every value the loop defines and uses outside then passes through a
  // phi in an exit block, which the copy's exits join.
  formDedicatedExitBlocks(loop, &dominators, &loops, nullptr,
                          /*PreserveLCSSA=*/false);
  formLCSSA(*loop, dominators, &loops, nullptr);
  SmallVector<BasicBlock *, 8> exits;
  loop->getUniqueExitBlocks(exits);
  const SmallVector<BasicBlock *, 32> originals(loop->blocks());
  ValueToValueMapTy copyOf;
  SmallVector<BasicBlock *, 32> copies;
  for (BasicBlock *block : originals) {
    BasicBlock *copy = CloneBasicBlock(block, copyOf, ".unchecked", &f);
    copyOf[block] = copy;
    copies.push_back(copy);
  }
  remapInstructionsInBlocks(copies, copyOf);
  joinExits(*loop, exits, copyOf);

  IRBuilder<> builder(preheaderBranch);
  Value *allPassed = passed.front();
  for (Value *condition : passed.drop_front())
    allPassed = builder.CreateAnd(allPassed, condition);
  if (alsoRequired)
    allPassed = builder.CreateAnd(allPassed, alsoRequired);
  for (Instruction *inst : falseInCopy)
    if (auto *copy = dyn_cast_or_null<Instruction>(copyOf.lookup(inst))) {
      copy->replaceAllUsesWith(ConstantInt::getFalse(f.getContext()));
      copy->eraseFromParent();
    }
  BranchInst *choose = builder.CreateCondBr(
      allPassed, cast<BasicBlock>(copyOf.lookup(header)), header);
  choose->setDebugLoc(preheaderBranch->getDebugLoc());
  preheaderBranch->eraseFromParent();

  SmallVector<WeakVH, 32> live(copies.begin(), copies.end());
  foldChecks(passed, true, copies);
  foldChecks(passed, false, originals);
  removeUnreachableBlocks(f);
  // The copy's blocks were split at every check; what is left of them are
  // chains of blocks, one selection unit each for the host compiler.
  for (WeakVH &block : live)
    if (block)
      MergeBlockIntoPredecessor(cast<BasicBlock>(block));
  return true;
}

} // namespace tessel::codelets
