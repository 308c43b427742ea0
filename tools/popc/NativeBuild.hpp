// Turning codelet sources into one instrumented shared object: clang++ (a
// subprocess) compiles each source with its glue to optimised bitcode; popc
// links the bitcode, instruments it (InstrumentCodelets) and has clang++
// link the shared object the runtime dlopens.
#ifndef TESSEL_TOOLS_POPC_NATIVEBUILD_HPP
#define TESSEL_TOOLS_POPC_NATIVEBUILD_HPP

#include "tools/popc/PopcOptions.hpp"

#include <string>
#include <vector>

namespace tessel::popc {

struct Toolchain {
  std::string clang;         // clang++ 19, whose bitcode popc's LLVM reads
  std::string tesselInclude; // holds poplar/Vertex.hpp
};

/// clang++ from $TESSEL_CLANGXX or the LLVM popc was built with; the
/// headers from <popc>/../include when installed, else the source tree.
Toolchain locateToolchain();

/// Language, macro, include and warning arguments: the same for libclang's
/// parse and clang++'s compile, so both see the same program.
std::vector<std::string> frontendArguments(const PopcOptions &options,
                                           const Toolchain &toolchain,
                                           bool isC);

struct CompileUnit {
  std::string source; // as the user named it
  bool isC = false;
  std::string glue;         // generated glue; empty for a source alone
  std::string bitcode;      // written
  std::string dependencies; // written: clang's -MD file
  /// Where glue and outputs are; debug information calls it "popc", so
  /// that objects do not depend on it.
  std::string scratchDir;
};

/// Compiles one unit to optimised bitcode. The compiler's diagnostics go to
/// standard error, naming the user's files; throws PopcError if it fails.
void compileToBitcode(const CompileUnit &unit, const PopcOptions &options,
                      const Toolchain &toolchain);

/// Links `bitcode`, instruments it and links `sharedObject`, using
/// `scratchDir` for intermediate files. Throws PopcError.
void buildSharedObject(const std::vector<std::string> &bitcode,
                       const std::string &sharedObject,
                       const std::string &scratchDir,
                       const PopcOptions &options, const Toolchain &toolchain);

} // namespace tessel::popc

#endif
