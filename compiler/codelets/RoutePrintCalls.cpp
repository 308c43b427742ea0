// Rerouting codelet output from the process's stdout to the vertex's tile.
#include "compiler/codelets/RoutePrintCalls.hpp"

#include <llvm/IR/GlobalVariable.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/Module.h>

#include <string>
#include <vector>

using namespace llvm;

namespace tessel::codelets {

namespace {

/// A C library function that prints, and the glue function that prints the
/// same to the tile. `streamArg` is the FILE * argument, dropped from the
/// call; -1 for functions that print to stdout by definition.
struct PrintRoute {
  const char *library;
  const char *glue;
  int streamArg;
};

constexpr PrintRoute kPrintRoutes[] = {
    {"printf", "__tessel_printf", -1}, {"vprintf", "__tessel_vprintf", -1},
    {"puts", "__tessel_puts", -1},     {"putchar", "__tessel_putchar", -1},
    {"fprintf", "__tessel_printf", 0}, {"vfprintf", "__tessel_vprintf", 0},
    {"fputs", "__tessel_fputs", 1},    {"fputc", "__tessel_putchar", 1},
    {"putc", "__tessel_putchar", 1},   {"_IO_putc", "__tessel_putchar", 1},
    {"fwrite", "__tessel_fwrite", 3},
};

/// Whether `stream` is the value of the C library's `stdout`.
bool isStdout(const Value *stream) {
  const auto *load = dyn_cast<LoadInst>(stream);
  const auto *global =
      load ? dyn_cast<GlobalVariable>(load->getPointerOperand()) : nullptr;
  return global && global->getName() == "stdout";
}

Expected<Function *> glueFunction(Module &module, const PrintRoute &route) {
  Function *f = module.getFunction(route.glue);
  if (!f || f->isDeclaration())
    return createStringError(inconvertibleErrorCode(),
                             std::string("the codelet object lacks ") +
                                 route.glue +
                                 " of <tessel/internal/CodeletGlue.hpp>, "
                                 "which " +
                                 route.library + " calls go to");
  return f;
}

/// The calls of `library` in codelet functions whose stream is stdout.
std::vector<CallInst *> stdoutCalls(Function &library, unsigned streamArg,
                                    const std::set<Function *> &glue) {
  std::vector<CallInst *> calls;
  for (User *user : library.users()) {
    auto *call = dyn_cast<CallInst>(user);
    if (call && call->getCalledFunction() == &library &&
        !glue.count(call->getFunction()) && streamArg < call->arg_size() &&
        isStdout(call->getArgOperand(streamArg)))
      calls.push_back(call);
  }
  return calls;
}

} // namespace

Error routePrintCalls(Module &module, const std::set<Function *> &glue) {
  for (const PrintRoute &route : kPrintRoutes) {
    Function *library = module.getFunction(route.library);
    if (!library || !library->isDeclaration())
      continue;
    if (route.streamArg < 0) {
      bool used = llvm::any_of(library->uses(), [&](Use &use) {
        auto *inst = dyn_cast<Instruction>(use.getUser());
        return !inst || !glue.count(inst->getFunction());
      });
      if (!used)
        continue;
      Expected<Function *> target = glueFunction(module, route);
      if (!target)
        return target.takeError();
      library->replaceUsesWithIf(*target, [&](Use &use) {
        auto *inst = dyn_cast<Instruction>(use.getUser());
        return !inst || !glue.count(inst->getFunction());
      });
      continue;
    }
    std::vector<CallInst *> calls =
        stdoutCalls(*library, unsigned(route.streamArg), glue);
    if (calls.empty())
      continue;
    Expected<Function *> target = glueFunction(module, route);
    if (!target)
      return target.takeError();
    for (CallInst *call : calls) {
      std::vector<Value *> args;
      for (unsigned i = 0; i < call->arg_size(); ++i)
        if (int(i) != route.streamArg)
          args.push_back(call->getArgOperand(i));
      IRBuilder<> builder(call);
      CallInst *routed = builder.CreateCall(*target, args);
      // fwrite and fputc return values of the same meaning as the glue's;
      // a caller using another width sees it converted.
      Value *result = routed;
      if (!call->getType()->isVoidTy() && call->getType() != routed->getType())
        result = builder.CreateZExtOrTrunc(routed, call->getType());
      if (!call->getType()->isVoidTy())
        call->replaceAllUsesWith(result);
      call->eraseFromParent();
    }
  }
  return Error::success();
}

} // namespace tessel::codelets
