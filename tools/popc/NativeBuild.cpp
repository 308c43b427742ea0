// clang++ invocations, bitcode linking and instrumentation for popc.
#include "tools/popc/NativeBuild.hpp"
#include "tools/popc/PopcError.hpp"
#include "tools/popc/ReplaceAll.hpp"

#include "compiler/codelets/InstrumentCodelets.hpp"
#include "compiler/codelets/Subprocess.hpp"

#include <llvm/Bitcode/BitcodeWriter.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IRReader/IRReader.h>
#include <llvm/Linker/Linker.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/raw_ostream.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;

namespace tessel::popc {

using codelets::ProcessResult;
using codelets::runProcess;

Toolchain locateToolchain() {
  Toolchain toolchain;
  const char *clang = std::getenv("TESSEL_CLANGXX");
  toolchain.clang = clang && *clang ? clang : TESSEL_CLANGXX;
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  const fs::path installed = self.parent_path().parent_path() / "include";
  toolchain.tesselInclude =
      !error &&
              fs::exists(installed / "tessel" / "internal" / "CodeletGlue.hpp",
                         error)
          ? installed.string()
          : std::string(TESSEL_SOURCE_INCLUDE_DIR);
  return toolchain;
}

std::vector<std::string> frontendArguments(const PopcOptions &options,
                                           const Toolchain &toolchain,
                                           bool isC) {
  std::vector<std::string> args;
  if (isC)
    args.insert(args.end(), {"-x", "c", "-std=c11"});
  else
    args.insert(args.end(), {"-x", "c++", "-std=c++17", "-fno-exceptions"});
  args.push_back("-D__POPC__");
  for (const std::string &d : options.defines)
    args.push_back("-D" + d);
  for (const std::string &dir : options.includeDirs)
    args.push_back("-I" + dir);
  // A system directory: warnings the user asks for are about their code.
  args.insert(args.end(), {"-isystem", toolchain.tesselInclude});
  for (const std::string &w : options.warnings)
    args.push_back("-W" + w);
  // IPU attributes such as target("supervisor") mean nothing to the host.
  args.insert(args.end(),
              {"-Wno-unknown-attributes", "-Wno-ignored-attributes"});
  return args;
}

namespace {

/// clang names a source included with -include "./<source>" and says it was
/// included from <built-in>; the user knows it as <source>.
std::string asTheUserNamesIt(std::string output, const std::string &source) {
  replaceAll(output, "In file included from <built-in>:1:\n", "");
  if (!source.empty() && source[0] != '/')
    replaceAll(output, "./" + source + ":", source + ":");
  return output;
}

std::string optimisationFlag(const PopcOptions &options) {
  return "-O" + options.optimisation;
}

std::string commandFailure(const std::string &what,
                           const ProcessResult &result) {
  return what + ": " + result.describeFailure();
}

} // namespace

void compileToBitcode(const CompileUnit &unit, const PopcOptions &options,
                      const Toolchain &toolchain) {
  std::vector<std::string> argv{toolchain.clang};
  const std::vector<std::string> frontend =
      frontendArguments(options, toolchain, unit.isC);
  argv.insert(argv.end(), frontend.begin(), frontend.end());
  // Codelets run as host code in plain IEEE arithmetic (no contraction, and
  // _Float16 operations, as in the half vectors of poplar/VectorTypes.hpp,
  // rounded to half each time, as the IPU's are), loaded into the runtime
  // with dlopen. Stack clash protection touches every page of a large frame
  // in order, so a local array too big for the stack faults on the guard
  // page instead of landing in other memory.
  argv.insert(argv.end(),
              {optimisationFlag(options), "-ffp-contract=off",
               "-fexcess-precision=16", "-fstack-clash-protection", "-fPIC",
               "-fvisibility=hidden", "-emit-llvm", "-c", "-MD", "-MF",
               unit.dependencies, "-o", unit.bitcode});
  if (options.debugInfo)
    argv.insert(argv.end(),
                {"-g", "-fdebug-prefix-map=" + unit.scratchDir + "=popc"});
  if (unit.glue.empty()) {
    argv.push_back(unit.source);
  } else {
    argv.insert(argv.end(), {"-include", unit.source, unit.glue});
  }
  const ProcessResult result = runProcess(argv);
  std::cerr << asTheUserNamesIt(result.output, unit.source);
  if (!result.succeeded())
    throw PopcError::plain(result.started
                               ? "compiling " + unit.source + " failed"
                               : commandFailure(toolchain.clang, result));
}

namespace {

/// A source that only declares the thread_local __tessel_exec refers to its
/// initialisation function weakly, in case it has one; it has none. Hidden
/// weak references nothing in the module defines can only be null, and a
/// shared object cannot even express them, so they become null here.
void resolveHiddenWeakReferences(llvm::Module &module) {
  std::vector<llvm::GlobalValue *> unresolved;
  for (llvm::GlobalValue &value : module.global_values())
    if (value.isDeclaration() && value.hasExternalWeakLinkage() &&
        value.hasHiddenVisibility())
      unresolved.push_back(&value);
  for (llvm::GlobalValue *value : unresolved) {
    value->replaceAllUsesWith(llvm::Constant::getNullValue(value->getType()));
    value->eraseFromParent();
  }
}

std::unique_ptr<llvm::Module>
linkBitcode(const std::vector<std::string> &bitcode,
            llvm::LLVMContext &context) {
  std::unique_ptr<llvm::Module> linked;
  for (const std::string &file : bitcode) {
    llvm::SMDiagnostic problem;
    std::unique_ptr<llvm::Module> module =
        llvm::parseIRFile(file, problem, context);
    if (!module) {
      std::string text;
      llvm::raw_string_ostream stream(text);
      problem.print("popc", stream, /*ShowColors=*/false);
      throw PopcError::plain("cannot read the bitcode clang wrote: " +
                             stream.str());
    }
    if (!linked) {
      linked = std::move(module);
    } else if (llvm::Linker::linkModules(*linked, std::move(module))) {
      throw PopcError::plain("linking the codelets' bitcode failed (see the "
                             "messages above)");
    }
  }
  resolveHiddenWeakReferences(*linked);
  return linked;
}

} // namespace

void buildSharedObject(const std::vector<std::string> &bitcode,
                       const std::string &sharedObject,
                       const std::string &scratchDir,
                       const PopcOptions &options, const Toolchain &toolchain) {
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> module = linkBitcode(bitcode, context);
  llvm::Expected<codelets::InstrumentationSummary> summary =
      codelets::instrumentCodelets(
          *module, {/*reference=*/options.referenceInstrumentation});
  if (!summary)
    throw PopcError::plain("instrumenting the codelets failed: " +
                           llvm::toString(summary.takeError()));
  const std::string instrumented = scratchDir + "/codelets.bc";
  {
    std::error_code error;
    llvm::raw_fd_ostream out(instrumented, error);
    if (error)
      throw PopcError::plain("cannot write " + instrumented + ": " +
                             error.message());
    llvm::WriteBitcodeToFile(*module, out);
  }
  // The bitcode is optimised already: clang only generates code and links.
  std::vector<std::string> argv{toolchain.clang,
                                "-shared",
                                "-fPIC",
                                optimisationFlag(options),
                                "-Xclang",
                                "-disable-llvm-passes",
                                "-Wl,--no-undefined",
                                instrumented,
                                "-o",
                                sharedObject};
#if defined(__x86_64__)
  // Every instrumented function finds the thread's __tessel_exec on entry;
  // TLS descriptors make that a call returning a fixed offset where
  // __tls_get_addr was a hash lookup (9% of a 256^3 matmul's run).
  argv.push_back("-mtls-dialect=gnu2");
#endif
  if (options.debugInfo)
    argv.push_back("-g");
  const ProcessResult result = runProcess(argv);
  std::cerr << result.output;
  if (!result.succeeded())
    throw PopcError::plain(
        result.started
            ? "linking the codelet object failed (see the linker's messages "
              "above; an undefined reference is a function the codelets "
              "declare but no source defines)"
            : commandFailure(toolchain.clang, result));
}

} // namespace tessel::popc
