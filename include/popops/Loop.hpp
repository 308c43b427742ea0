// popops counted loops: programs that run a body a number of times with a
// loop counter on the device, the count fixed when the graph is built
// (countedLoop) or read from a tensor at run time (countedForLoop).
#ifndef POPOPS_LOOP_HPP
#define POPOPS_LOOP_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>
#include <poputil/VertexTemplates.hpp>

#include <cstddef>
#include <functional>

namespace popops {

/// Makes a loop's body from the loop counter (an UNSIGNED_INT tensor of
/// shape {1} holding the current count).
using CountedLoopBodyType =
    std::function<poplar::program::Program(const poplar::Tensor &)>;

/// for (unsigned i = begin; i < end; i += step) body(i): the number of
/// passes is fixed now; the counter the body sees is updated on the device.
/// `step` must be positive and `begin` at most `end`.
poplar::program::Sequence
countedLoop(poplar::Graph &graph, std::size_t begin, std::size_t end,
            size_t step, const CountedLoopBodyType &body,
            const poplar::DebugContext &debugContext = {});

/// for (unsigned i = 0; i != count; ++i) body(i).
poplar::program::Sequence
countedLoop(poplar::Graph &graph, std::size_t count,
            const CountedLoopBodyType &body,
            const poplar::DebugContext &debugContext = {});

/// Adds to `prog` a vertex on `tile` that adds `countStep` to `count` and
/// returns a new BOOL tensor of shape {} that is then (count != countLimit).
/// `count` and `countLimit` are one-element INT or UNSIGNED_INT tensors.
poplar::Tensor addForLoopCounterVertex(poplar::Graph &graph,
                                       const poplar::Tensor &count,
                                       const poplar::Tensor &countLimit,
                                       int countStep, unsigned tile,
                                       poplar::program::Sequence &prog,
                                       const poplar::DebugContext &di);

/// for (count = initialCount; count != countLimit; count += countStep)
/// body: the limit is read on the device, so the number of passes can be
/// decided at run time. `count` (which the body may read) and `countLimit`
/// are one-element tensors of the same type, INT or UNSIGNED_INT. A limit
/// the count never reaches makes the loop endless.
poplar::program::Sequence
countedForLoop(poplar::Graph &graph, const poplar::Tensor &count,
               int initialCount, const poplar::Tensor &countLimit,
               int countStep, const poplar::program::Program &body,
               const poplar::DebugContext &debugContext = {});

/// As above with a loop counter of countLimit's type that the body cannot
/// see.
poplar::program::Sequence
countedForLoop(poplar::Graph &graph, int initialCount,
               const poplar::Tensor &countLimit, int countStep,
               const poplar::program::Program &body,
               const poplar::DebugContext &debugContext = {});

} // namespace popops

#endif
