// poplar::compileGraph: import the graph, run the pass pipeline, emit the
// Executable. Pass diagnostics carry the poplar exception class as a prefix
// ("type_error: ..."); the first error becomes that typed exception.
#include "compiler/codegen/EmitExecutable.hpp"
#include "compiler/graph/GraphImpl.hpp"
#include "compiler/import/ImportGraph.hpp"
#include "compiler/passes/Passes.hpp"

#include <poplar/Engine.hpp>
#include <poplar/exceptions.hpp>

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <functional>
#include <map>

namespace tessel {

namespace {

[[noreturn]] void throwTyped(const std::string &diagnostic) {
  using Thrower = std::function<void(const std::string &)>;
#define TESSEL_THROWER(name)                                                   \
  {                                                                            \
#name, [](const std::string &m) { throw poplar::name(m); }                 \
  }
  static const std::map<std::string, Thrower> throwers = {
      TESSEL_THROWER(graph_memory_allocation_error),
      TESSEL_THROWER(invalid_tile_mapping),
      TESSEL_THROWER(type_error),
      TESSEL_THROWER(control_program_error),
      TESSEL_THROWER(index_error),
      TESSEL_THROWER(stream_connection_error),
      TESSEL_THROWER(graph_cycle_error),
      TESSEL_THROWER(graph_program_compilation_error),
      TESSEL_THROWER(tensor_creation_error),
  };
#undef TESSEL_THROWER
  auto colon = diagnostic.find(": ");
  if (colon != std::string::npos) {
    auto it = throwers.find(diagnostic.substr(0, colon));
    if (it != throwers.end())
      it->second(diagnostic.substr(colon + 2));
  }
  throw poplar::graph_program_compilation_error(diagnostic);
}

/// Options compileGraph understands; anything else is invalid_option, as in
/// Poplar.
void checkOptions(const poplar::OptionFlags &options) {
  static const char *const known[] = {"debug.instrument",
                                      "debug.retainDebugInformation",
                                      "debug.allowOutOfMemory",
                                      "debug.instrumentCompute",
                                      "debug.computeInstrumentationLevel",
                                      "debug.instrumentExternalExchange",
                                      "debug.floatPointOpException",
                                      "debug.nanOverflowMode",
                                      "debug.outputAllSymbols",
                                      "debug.runtimeVerify",
                                      "debug.trace",
                                      "autoReport.all",
                                      "autoReport.directory",
                                      "autoReport.outputGraphProfile",
                                      "autoReport.outputExecutionProfile",
                                      "autoReport.outputLoweredVars",
                                      "autoReport.outputArchive",
                                      "autoReport.outputDebugInfo",
                                      "autoReport.streamAtEachRun",
                                      "exchange.streamBufferOverlap",
                                      "exchange.multicastPolicy",
                                      "prng.seed",
                                      "prng.enableStochasticRounding",
                                      "profiler.blocks.filter",
                                      "profiler.programs.filter",
                                      "profiler.blocks.implicitFlush",
                                      "profiler.includeCycleEstimates",
                                      "target.saveArchive",
                                      "target.workerStackSizeInBytes",
                                      "opt.maxCompilationThreads",
                                      "tessel.hostThreads"};
  for (const auto &[key, value] : options) {
    bool found = false;
    for (const char *k : known)
      found |= key == k;
    if (!found)
      throw poplar::invalid_option(
          "unknown engine option '" + key +
          "'; see docs/user-guide.md for the options Tessel accepts");
  }
}

} // namespace

exe::ExecutableImage
compileToImage(const GraphStore &store,
               poplar::ArrayRef<poplar::program::Program> progs,
               const poplar::ProgressFunc &progress) {
  mlir::MLIRContext context;
  context.disableMultithreading();
  mlir::DialectRegistry registry;
  registerDialects(registry);
  context.appendDialectRegistry(registry);
  context.loadAllAvailableDialects();

  const int steps = 3;
  if (progress)
    progress(0, steps);
  mlir::OwningOpRef<mlir::ModuleOp> module = importGraph(context, store, progs);
  if (progress)
    progress(1, steps);

  std::string firstError;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &d) {
    if (d.getSeverity() == mlir::DiagnosticSeverity::Error &&
        firstError.empty())
      firstError = d.str();
    return mlir::success();
  });
  mlir::PassManager pm(&context);
  pm.enableVerifier(false);
  buildCompilePipeline(pm);
  if (mlir::failed(pm.run(*module)))
    throwTyped(firstError.empty() ? "the compiler pipeline failed"
                                  : firstError);
  if (progress)
    progress(2, steps);
  exe::ExecutableImage image = emitExecutable(*module, store.target);
  if (progress)
    progress(3, steps);
  return image;
}

} // namespace tessel

namespace poplar {

Executable compileGraph(const Graph &graph, ArrayRef<program::Program> progs,
                        const OptionFlags &opt, ProgressFunc progress,
                        const DebugContext &) {
  OptionFlags options = opt;
  readJSONFromEnv("POPLAR_ENGINE_OPTIONS", options);
  tessel::checkOptions(options);
  return tessel::ExecutableAccess::make(
      tessel::compileToImage(*graph.impl().store, progs, progress));
}

Executable compileGraph(Graph &&graph, ArrayRef<program::Program> progs,
                        const OptionFlags &opt, ProgressFunc progress,
                        const DebugContext &debugContext) {
  return compileGraph(static_cast<const Graph &>(graph), progs, opt, progress,
                      debugContext);
}

} // namespace poplar
