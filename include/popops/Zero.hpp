// popops::zero: set every element of a tensor to zero.
#ifndef POPOPS_ZERO_HPP
#define POPOPS_ZERO_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>

namespace popops {

/// Appends to `prog` the programs that write zero to every element of `t`.
void zero(poplar::Graph &graph, poplar::Tensor t,
          poplar::program::Sequence &prog,
          const poplar::DebugContext &debugContext = {});

} // namespace popops

#endif
