// Part of popc's instrumentation: the loads and stores (and atomics and
// memory intrinsics) of a codelet function, and which of them may leave the
// memory the vertex may always touch, so need a check.
#ifndef TESSEL_COMPILER_CODELETS_CHECKEDACCESSES_HPP
#define TESSEL_COMPILER_CODELETS_CHECKEDACCESSES_HPP

#include "compiler/codelets/InstrumentationIR.hpp"

#include <cstddef>
#include <vector>

namespace llvm {
class DataLayout;
class Instruction;
class Module;
class Value;
} // namespace llvm

namespace tessel::codelets {

/// One load or store the pass may check.
struct AccessPlan {
  llvm::Instruction *at;
  llvm::Value *address;
  llvm::Value *bytes;
  Access access;
  /// The LoopRange that covers this access, if any.
  std::size_t range = ~std::size_t(0);
};

/// Appends the accesses `inst` makes to `accesses` (a memory transfer
/// makes two: its store and its load).
void collectAccesses(llvm::Instruction &inst, const llvm::DataLayout &layout,
                     std::vector<AccessPlan> &accesses);

/// Whether an access of `bytes` at `address` may leave the memory the
/// vertex may always touch (its own stack frame and the module's globals).
bool mayEscapeFrame(llvm::Value *address, llvm::Value *bytes,
                    const llvm::Module &module, Access access);

} // namespace tessel::codelets

#endif
