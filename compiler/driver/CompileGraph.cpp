// poplar::compileGraph: check the options, import the graph, run the pass
// pipeline, emit the Executable. Pass diagnostics carry the poplar exception
// class as a prefix ("type_error: ..."); the first error becomes that typed
// exception with the prefix removed. Each stage (the import, every pass,
// codegen) is timed, logged and reported to the progress callback.
#include "compiler/codegen/EmitExecutable.hpp"
#include "compiler/core/EngineOptions.hpp"
#include "compiler/driver/CompileStages.hpp"
#include "compiler/driver/OutOfMemoryReport.hpp"
#include "compiler/graph/GraphImpl.hpp"
#include "compiler/import/ImportGraph.hpp"
#include "compiler/passes/Passes.hpp"
#include "runtime/engine/Profile.hpp"

#include <poplar/Engine.hpp>
#include <poplar/exceptions.hpp>

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

#include <functional>
#include <map>

namespace tessel {

namespace {

/// Throws the poplar exception whose class name prefixes `diagnostic`
/// ("class_name: message"), or graph_program_compilation_error.
[[noreturn]] void throwTyped(const std::string &diagnostic) {
  using Thrower = void (*)(const std::string &);
#define TESSEL_THROWER(name)                                                   \
  {                                                                            \
#name, [](const std::string &m) { throw poplar::name(m); }                 \
  }
  static const std::map<std::string, Thrower> throwers = {
      TESSEL_THROWER(graph_object_creation_error),
      TESSEL_THROWER(graph_object_load_error),
      TESSEL_THROWER(graph_connection_error),
      TESSEL_THROWER(graph_cycle_error),
      TESSEL_THROWER(graph_recursion_error),
      TESSEL_THROWER(graph_replication_error),
      TESSEL_THROWER(graph_program_compilation_error),
      TESSEL_THROWER(link_error),
      TESSEL_THROWER(symbol_error),
      TESSEL_THROWER(file_load_error),
      TESSEL_THROWER(parse_error),
      TESSEL_THROWER(no_environment),
      TESSEL_THROWER(unknown_vertex_type),
      TESSEL_THROWER(unknown_field),
      TESSEL_THROWER(control_program_error),
      TESSEL_THROWER(type_error),
      TESSEL_THROWER(index_error),
      TESSEL_THROWER(no_size_specified),
      TESSEL_THROWER(profiling_disabled),
      TESSEL_THROWER(missing_profile_data),
      TESSEL_THROWER(missing_graph_profile),
      TESSEL_THROWER(missing_perf_estimate),
      TESSEL_THROWER(invalid_tile_mapping),
      TESSEL_THROWER(tensor_creation_error),
      TESSEL_THROWER(tensor_io_state_error),
      TESSEL_THROWER(tensor_metadata_error),
      TESSEL_THROWER(stream_connection_error),
      TESSEL_THROWER(overflow_error),
      TESSEL_THROWER(memory_elem_constraints_error),
      TESSEL_THROWER(graph_memory_allocation_error),
      TESSEL_THROWER(stream_memory_allocation_error),
      TESSEL_THROWER(invalid_machine_model),
      TESSEL_THROWER(invalid_option),
      TESSEL_THROWER(runtime_error),
      TESSEL_THROWER(application_runtime_error),
      TESSEL_THROWER(system_runtime_error),
      TESSEL_THROWER(recoverable_runtime_error),
      TESSEL_THROWER(unrecoverable_runtime_error),
      TESSEL_THROWER(unknown_runtime_error),
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

/// Keeps the first error the passes report.
class FirstError {
public:
  explicit FirstError(mlir::MLIRContext &context)
      : handler(&context, [this](mlir::Diagnostic &d) {
          if (d.getSeverity() == mlir::DiagnosticSeverity::Error &&
              message.empty())
            message = d.str();
          return mlir::success();
        }) {}
  /// Whether the first error is of poplar exception class `name`.
  bool is(const std::string &name) const {
    return message.rfind(name + ": ", 0) == 0;
  }
  /// The first error without its class prefix.
  std::string text() const {
    auto colon = message.find(": ");
    return colon == std::string::npos ? message : message.substr(colon + 2);
  }
  [[noreturn]] void raise() const {
    throwTyped(message.empty() ? "graph_program_compilation_error: the "
                                 "compiler pipeline failed without a message"
                               : message);
  }

private:
  std::string message;
  mlir::ScopedDiagnosticHandler handler;
};

/// debug.allowOutOfMemory: writes the profile of the memory the allocator
/// planned, then throws the out-of-memory error naming the profile.
[[noreturn]] void reportOutOfMemory(mlir::ModuleOp module,
                                    const poplar::Target &target,
                                    const EngineOptions &settings,
                                    const std::string &error) {
  std::optional<exe::ExecutableImage> image = allocationImage(module, target);
  if (!image)
    throw poplar::graph_memory_allocation_error(error);
  ProfileContents contents;
  contents.loweredVariables = settings.outputLoweredVars;
  contents.debugNames = settings.retainDebugInformation;
  contents.outOfMemory = error;
  std::string path =
      writeProfile(buildProfile(*image, contents), settings.reportDirectory);
  throw poplar::graph_memory_allocation_error(
      error + " The profile of every tile's memory was written to '" + path +
      "' (debug.allowOutOfMemory).");
}

exe::ExecutableImage compileToImage(
    const GraphStore &store, poplar::ArrayRef<poplar::program::Program> progs,
    const poplar::ProgressFunc &progress, const EngineOptions &settings) {
  // One thread: the passes' results (and their order of diagnostics) must
  // not depend on the host.
  mlir::MLIRContext context(mlir::MLIRContext::Threading::DISABLED);
  mlir::DialectRegistry registry;
  registerDialects(registry);
  context.appendDialectRegistry(registry);
  context.loadAllAvailableDialects();
  FirstError firstError(context);

  mlir::PassManager pm(&context);
#ifdef NDEBUG
  pm.enableVerifier(false);
#else
  pm.enableVerifier(true);
#endif
  buildCompilePipeline(pm);
  // Stages: import, each pass, codegen.
  CompileStages stages(progress, int(pm.size()) + 2);
  pm.addInstrumentation(std::make_unique<StageInstrumentation>(stages));
  stages.begin("import");
  mlir::OwningOpRef<mlir::ModuleOp> module = importGraph(context, store, progs);
  stages.end();
  if (mlir::failed(pm.run(*module))) {
    stages.finish(false);
    if (settings.allowOutOfMemory &&
        firstError.is("graph_memory_allocation_error"))
      reportOutOfMemory(*module, store.target, settings, firstError.text());
    firstError.raise();
  }
  stages.begin("codegen");
  exe::ExecutableImage image =
      emitExecutable(*module, store.target, store.codelets.objects);
  stages.end();
  stages.finish(true);
  return image;
}

} // namespace

} // namespace tessel

namespace poplar {

Executable compileGraph(const Graph &graph, ArrayRef<program::Program> progs,
                        const OptionFlags &opt, ProgressFunc progress,
                        const DebugContext &) {
  OptionFlags options = tessel::withEnvironmentOptions(opt);
  tessel::checkEngineOptions(options);
  return tessel::ExecutableAccess::make(
      tessel::compileToImage(*tessel::GraphAccess::impl(graph).store, progs,
                             progress, tessel::readEngineOptions(options)));
}

Executable compileGraph(Graph &&graph, ArrayRef<program::Program> progs,
                        const OptionFlags &opt, ProgressFunc progress,
                        const DebugContext &debugContext) {
  return compileGraph(static_cast<const Graph &>(graph), progs, opt, progress,
                      debugContext);
}

} // namespace poplar
