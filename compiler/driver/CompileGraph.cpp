// poplar::compileGraph: check the options, import the graph, run the pass
// pipeline, emit the Executable. Pass diagnostics carry the poplar exception
// class as their first argument (TypedErrors.hpp); the first error becomes
// that typed exception. Each stage (the import, every pass,
// codegen) is timed, logged and reported to the progress callback.
#include "compiler/codegen/EmitExecutable.hpp"
#include "compiler/core/EngineOptions.hpp"
#include "compiler/dialects/Poplar/TypedErrors.hpp"
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
#include <optional>

namespace tessel {

namespace {

/// Throws the poplar exception of class `kind`.
[[noreturn]] void throwTyped(ir::ErrorKind kind, const std::string &message) {
  switch (kind) {
  case ir::ErrorKind::graph_object_creation_error:
    throw poplar::graph_object_creation_error(message);
  case ir::ErrorKind::graph_object_load_error:
    throw poplar::graph_object_load_error(message);
  case ir::ErrorKind::graph_connection_error:
    throw poplar::graph_connection_error(message);
  case ir::ErrorKind::graph_cycle_error:
    throw poplar::graph_cycle_error(message);
  case ir::ErrorKind::graph_recursion_error:
    throw poplar::graph_recursion_error(message);
  case ir::ErrorKind::graph_replication_error:
    throw poplar::graph_replication_error(message);
  case ir::ErrorKind::graph_program_compilation_error:
    throw poplar::graph_program_compilation_error(message);
  case ir::ErrorKind::link_error:
    throw poplar::link_error(message);
  case ir::ErrorKind::symbol_error:
    throw poplar::symbol_error(message);
  case ir::ErrorKind::file_load_error:
    throw poplar::file_load_error(message);
  case ir::ErrorKind::parse_error:
    throw poplar::parse_error(message);
  case ir::ErrorKind::no_environment:
    throw poplar::no_environment(message);
  case ir::ErrorKind::unknown_vertex_type:
    throw poplar::unknown_vertex_type(message);
  case ir::ErrorKind::unknown_field:
    throw poplar::unknown_field(message);
  case ir::ErrorKind::control_program_error:
    throw poplar::control_program_error(message);
  case ir::ErrorKind::type_error:
    throw poplar::type_error(message);
  case ir::ErrorKind::index_error:
    throw poplar::index_error(message);
  case ir::ErrorKind::no_size_specified:
    throw poplar::no_size_specified(message);
  case ir::ErrorKind::profiling_disabled:
    throw poplar::profiling_disabled(message);
  case ir::ErrorKind::missing_profile_data:
    throw poplar::missing_profile_data(message);
  case ir::ErrorKind::missing_graph_profile:
    throw poplar::missing_graph_profile(message);
  case ir::ErrorKind::missing_perf_estimate:
    throw poplar::missing_perf_estimate(message);
  case ir::ErrorKind::invalid_tile_mapping:
    throw poplar::invalid_tile_mapping(message);
  case ir::ErrorKind::tensor_creation_error:
    throw poplar::tensor_creation_error(message);
  case ir::ErrorKind::tensor_io_state_error:
    throw poplar::tensor_io_state_error(message);
  case ir::ErrorKind::tensor_metadata_error:
    throw poplar::tensor_metadata_error(message);
  case ir::ErrorKind::stream_connection_error:
    throw poplar::stream_connection_error(message);
  case ir::ErrorKind::overflow_error:
    throw poplar::overflow_error(message);
  case ir::ErrorKind::memory_elem_constraints_error:
    throw poplar::memory_elem_constraints_error(message);
  case ir::ErrorKind::graph_memory_allocation_error:
    throw poplar::graph_memory_allocation_error(message);
  case ir::ErrorKind::stream_memory_allocation_error:
    throw poplar::stream_memory_allocation_error(message);
  case ir::ErrorKind::invalid_machine_model:
    throw poplar::invalid_machine_model(message);
  case ir::ErrorKind::invalid_option:
    throw poplar::invalid_option(message);
  case ir::ErrorKind::runtime_error:
    throw poplar::runtime_error(message);
  case ir::ErrorKind::application_runtime_error:
    throw poplar::application_runtime_error(message);
  case ir::ErrorKind::system_runtime_error:
    throw poplar::system_runtime_error(message);
  case ir::ErrorKind::recoverable_runtime_error:
    throw poplar::recoverable_runtime_error(message);
  case ir::ErrorKind::unrecoverable_runtime_error:
    throw poplar::unrecoverable_runtime_error(message);
  case ir::ErrorKind::unknown_runtime_error:
    throw poplar::unknown_runtime_error(message);
  }
  throw poplar::graph_program_compilation_error(message);
}

/// Keeps the first error the passes report.
class FirstError {
public:
  explicit FirstError(mlir::MLIRContext &context)
      : handler(&context, [this](mlir::Diagnostic &d) {
          if (d.getSeverity() == mlir::DiagnosticSeverity::Error && !error)
            error = readTypedError(d);
          return mlir::success();
        }) {}
  /// Whether the first error is of poplar exception class `kind`.
  bool is(ir::ErrorKind kind) const { return error && error->kind == kind; }
  /// The first error's message.
  const std::string &text() const { return error->message; }
  [[noreturn]] void raise() const {
    if (!error)
      throw poplar::graph_program_compilation_error(
          "the compiler pipeline failed without a message");
    throwTyped(error->kind, error->message);
  }

private:
  std::optional<TypedError> error;
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
  // An error's notes become part of the exception's message; a dump of the
  // op (MLIR's default note) would bury the facts under IR.
  context.printOpOnDiagnostic(false);
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
        firstError.is(ir::ErrorKind::graph_memory_allocation_error))
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
