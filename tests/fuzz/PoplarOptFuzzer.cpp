// libFuzzer target: poplar-opt on arbitrary text. The input after its first
// byte is parsed as MLIR in the poplar and tile dialects (and verified, as
// poplar-opt does); the first byte picks what runs on it: one of the passes
// alone, or the whole compile pipeline. Parse, verifier and pass failures
// are diagnostics; a crash, an LLVM fatal error or a sanitizer report is a
// bug.
#include "compiler/passes/Passes.hpp"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace {

using PassFactory = std::unique_ptr<mlir::Pass> (*)();

constexpr PassFactory kPasses[] = {
    tessel::createVerifyPass,
    tessel::createCompleteTileMappingPass,
    tessel::createPlanVertexExchangePass,
    tessel::createLowerCopiesToExchangePass,
    tessel::createScheduleSuperstepsPass,
    tessel::createAllocateTileMemoryPass,
    tessel::createLowerToTilePass,
};
constexpr std::size_t kNumPasses = sizeof kPasses / sizeof kPasses[0];

mlir::DialectRegistry &registry() {
  static mlir::DialectRegistry *r = [] {
    auto *created = new mlir::DialectRegistry;
    tessel::registerDialects(*created);
    return created;
  }();
  return *r;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  if (size == 0)
    return -1;
  const std::size_t choice = data[0] % (kNumPasses + 1);
  // MLIR's lexer reads up to a NUL terminator, as its files have; the
  // fuzzer's buffer has none, so parse a copy that does.
  const std::string text(reinterpret_cast<const char *>(data) + 1, size - 1);
  mlir::MLIRContext context(registry(), mlir::MLIRContext::Threading::DISABLED);
  context.loadAllAvailableDialects();
  // Diagnostics are the expected outcome of most inputs; keep them quiet.
  mlir::ScopedDiagnosticHandler quiet(
      &context, [](mlir::Diagnostic &) { return mlir::success(); });
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(text, &context);
  if (!module)
    return 0;
  mlir::PassManager pm(&context);
  if (choice == kNumPasses)
    tessel::buildCompilePipeline(pm);
  else
    pm.addPass(kPasses[choice]());
  (void)pm.run(*module);
  return 0;
}
