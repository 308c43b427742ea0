// The LLVM pass popc runs over optimised codelet bitcode before making a
// shared object of it. Codelet functions count the cycles the IPU would
// spend (CodeletCostModel), stop when they exceed their cycle budget, check
// stores that may leave the vertex's writable memory and loads that may
// leave its readable memory, and call checked versions of memset, memcpy
// and their kin instead of the C library's; the glue popc
// generates (tessel::abi, __tessel_*, tessel_codelet_*) is left alone.
// See docs/codelets.md for what is checked and why.
#ifndef TESSEL_COMPILER_CODELETS_INSTRUMENTCODELETS_HPP
#define TESSEL_COMPILER_CODELETS_INSTRUMENTCODELETS_HPP

#include <llvm/Support/Error.h>

namespace llvm {
class Module;
} // namespace llvm

namespace tessel::codelets {

struct InstrumentationSummary {
  unsigned functions = 0;
  unsigned blocks = 0;
  unsigned budgetChecks = 0;
  unsigned storeChecks = 0;
  unsigned loadChecks = 0;
  /// Checks of a loop's whole access range made once before the loop, so
  /// the accesses inside skip theirs.
  unsigned hoistedChecks = 0;
  /// Loops given a copy without the accesses' checks, run when their
  /// preheader's range checks pass.
  unsigned versionedLoops = 0;
  /// Of those, loops whose copy is entered only when the loop cannot pass
  /// its cycle budget, so it checks the budget once per entry instead of at
  /// every iteration.
  unsigned budgetPerEntryLoops = 0;
  /// Codelet functions the glue calls outside compute() (constructors run
  /// while binding fields, static initialisers), copied so the glue's copy
  /// stays uninstrumented.
  unsigned glueCopies = 0;
  /// Functions whose cycle counter lives in a register between flushes to
  /// ExecState (the rest count in ExecState directly).
  unsigned registerCounters = 0;
};

struct InstrumentationOptions {
  /// Counts every block in ExecState::cycles and checks every access and
  /// loop header where it is, with none of the optimisations: the
  /// reference the optimised instrumentation must agree with exactly
  /// (popc --reference-instrumentation; tests compare the two).
  bool reference = false;
};

/// Instruments every codelet function of `module`. Fails if the module lacks
/// the glue's runtime (__tessel_exec, __tessel_store_slow,
/// __tessel_load_slow, __tessel_budget_exceeded, each slow path taking the
/// ExecState address first) or the result does not verify.
llvm::Expected<InstrumentationSummary>
instrumentCodelets(llvm::Module &module,
                   const InstrumentationOptions &options = {});

} // namespace tessel::codelets

#endif
