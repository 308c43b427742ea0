// poplar::Engine constructors that take a graph: compile it with
// poplar::compileGraph, then run the resulting Executable.
#include <poplar/Engine.hpp>

namespace poplar {

Engine::Engine(const Graph &graph, ArrayRef<program::Program> progs,
               const OptionFlags &opt, ProgressFunc progressCallBack,
               const DebugContext &debugContext)
    : Engine(compileGraph(graph, progs, opt, std::move(progressCallBack),
                          debugContext),
             opt) {}

Engine::Engine(const Graph &graph, program::Program prog,
               const OptionFlags &opt, ProgressFunc progressCallBack,
               const DebugContext &debugContext)
    : Engine(graph, ArrayRef<program::Program>(&prog, 1), opt,
             std::move(progressCallBack), debugContext) {}

Engine::Engine(Graph &&graph, ArrayRef<program::Program> progs,
               const OptionFlags &opt, ProgressFunc progressCallBack,
               const DebugContext &debugContext)
    : Engine(compileGraph(std::move(graph), progs, opt,
                          std::move(progressCallBack), debugContext),
             opt) {}

Engine::Engine(Graph &&graph, program::Program prog, const OptionFlags &opt,
               ProgressFunc progressCallBack, const DebugContext &debugContext)
    : Engine(std::move(graph), ArrayRef<program::Program>(&prog, 1), opt,
             std::move(progressCallBack), debugContext) {}

} // namespace poplar
