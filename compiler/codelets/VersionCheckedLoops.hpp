// Part of popc's instrumentation: a loop whose accesses were range-checked
// once in its preheader gets a second copy in which the
// accesses the check covers are not checked again; the preheader runs that
// copy when its check passed and the original, which checks every access,
// when it failed. Both copies count the same cycles (the block weights are
// copied with the blocks), so counts and faults do not change.
#ifndef TESSEL_COMPILER_CODELETS_VERSIONCHECKEDLOOPS_HPP
#define TESSEL_COMPILER_CODELETS_VERSIONCHECKEDLOOPS_HPP

#include <llvm/ADT/ArrayRef.h>

namespace llvm {
class BranchInst;
class Instruction;
class Value;
} // namespace llvm

namespace tessel::codelets {

/// `preheaderBranch` is the unconditional branch of a loop's preheader
/// into its header; `passed` are i1 values computed in the
/// preheader that the loop's access checks branch on (checks run where
/// they are false). Versions the loop on the conjunction of `passed`: in
/// the copy run when all are true they are folded to true, in the original
/// to false, and the checks they skip disappear from the copy. Returns
/// false, changing nothing, if the branch does not enter a loop from its
/// preheader or the loop is too large to copy. Version inner loops first:
/// an outer loop's copy then copies both versions of each inner one.
/// With `alsoRequired` (an i1 computed before `preheaderBranch`), the
/// copy runs only when it holds too, and the copies of `falseInCopy`
/// (instructions in the loop) are false there: the header's budget check,
/// when `alsoRequired` says the loop cannot pass the budget.
bool versionCheckedLoop(llvm::BranchInst *preheaderBranch,
                        llvm::ArrayRef<llvm::Value *> passed,
                        llvm::Value *alsoRequired = nullptr,
                        llvm::ArrayRef<llvm::Instruction *> falseInCopy = {});

} // namespace tessel::codelets

#endif
