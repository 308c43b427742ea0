// Part of popc's instrumentation: which functions of a codelet module are
// the glue popc generates (never instrumented), copies of the codelet
// functions the glue calls before compute() starts, and routing the
// codelets' calls of memset, memcpy and kin to the glue's checked versions.
#ifndef TESSEL_COMPILER_CODELETS_GLUEFUNCTIONS_HPP
#define TESSEL_COMPILER_CODELETS_GLUEFUNCTIONS_HPP

#include <llvm/Support/Error.h>

#include <set>

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace tessel::codelets {

/// Functions through which the glue enters instrumented code (those in
/// namespace tessel::dev).
bool isComputeEntry(const llvm::Function &f);

/// The glue popc generates, the codelet runtime, static initialisers and
/// the functions llvm.global_ctors and llvm.global_dtors name.
std::set<llvm::Function *> findGlue(llvm::Module &module);

/// Makes the glue call copies of the codelet functions it calls outside
/// compute() (constructors run while binding fields, static initialisers),
/// adding the copies to `glue`, so the originals can be instrumented and
/// the glue's copies stay uninstrumented. Returns how many were copied.
unsigned redirectGlueCalls(llvm::Module &module,
                           std::set<llvm::Function *> &glue);

/// Points the codelet functions' (not `glue`'s) uses of memset, memcpy,
/// memmove, mempcpy, bzero, strcpy and strncpy at the glue's
/// __tessel_checked_* versions. Fails if the module lacks one it needs.
llvm::Error routeLibraryCalls(llvm::Module &module,
                              const std::set<llvm::Function *> &glue);

} // namespace tessel::codelets

#endif
