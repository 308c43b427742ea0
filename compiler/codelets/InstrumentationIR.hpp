// Part of popc's instrumentation: what its parts share about the code they
// insert into codelet functions: the layout of the thread's ExecState
// (tessel/internal/CodeletABI.hpp), the kinds of access they check, and
// where new instructions go, and which calls count cycles of their own.
#ifndef TESSEL_COMPILER_CODELETS_INSTRUMENTATIONIR_HPP
#define TESSEL_COMPILER_CODELETS_INSTRUMENTATIONIR_HPP

#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/IntrinsicInst.h>

#include <cstdint>

namespace tessel::codelets {

// ExecState member offsets (tessel/internal/CodeletABI.hpp).
inline constexpr std::uint64_t kCyclesOffset = 0;
inline constexpr std::uint64_t kBudgetOffset = 8;
inline constexpr std::uint64_t kOkBeginOffset = 16;
inline constexpr std::uint64_t kOkEndOffset = 24;
inline constexpr std::uint64_t kReadBeginOffset = 32;
inline constexpr std::uint64_t kReadEndOffset = 40;

enum class Access { Load, Store };

/// Inserts before `at`, with a debug location where the function has
/// debug information (the verifier requires one on calls).
inline void positionAt(llvm::IRBuilder<> &builder, llvm::Instruction *at) {
  builder.SetInsertPoint(at);
  if (llvm::DebugLoc location = at->getDebugLoc())
    builder.SetCurrentDebugLocation(location);
  else if (llvm::DISubprogram *scope = at->getFunction()->getSubprogram())
    builder.SetCurrentDebugLocation(
        llvm::DILocation::get(at->getContext(), 0, 0, scope));
}

/// Calls through which other instrumented code may run (a codelet
/// function, a function pointer, a library function calling back): the
/// register counter is flushed before them and reloaded after.
inline bool mayCountCycles(const llvm::CallInst &call) {
  if (call.isInlineAsm() || llvm::isa<llvm::IntrinsicInst>(call))
    return false;
  return true;
}

} // namespace tessel::codelets

#endif
