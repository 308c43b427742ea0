// Part of popc's instrumentation: codelet output to stdout goes to the
// running vertex's tile instead (the glue's __tessel_printf and kin, which
// hand the text to RunContext::print). See docs/codelets.md, "printf".
#ifndef TESSEL_COMPILER_CODELETS_ROUTEPRINTCALLS_HPP
#define TESSEL_COMPILER_CODELETS_ROUTEPRINTCALLS_HPP

#include <llvm/Support/Error.h>

#include <set>

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace tessel::codelets {

/// Rewrites the calls that codelet functions (not `glue`) make to printf,
/// vprintf, puts and putchar, and to fprintf, vfprintf, fputs, fputc, putc
/// and fwrite on `stdout` (which glibc's inline stdio and the optimiser
/// turn printf calls into), into calls of the glue's print functions.
/// Pointers to printf, vprintf, puts and putchar are rerouted too. Fails if
/// a call needs a glue function the module does not define.
llvm::Error routePrintCalls(llvm::Module &module,
                            const std::set<llvm::Function *> &glue);

} // namespace tessel::codelets

#endif
