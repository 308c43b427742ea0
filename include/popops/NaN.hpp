// popops::hasNaN and hasNaNOrInf: whether a floating-point tensor holds a NaN
// (or an infinity) anywhere.
#ifndef POPOPS_NAN_HPP
#define POPOPS_NAN_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

namespace popops {

/// A new BOOL tensor of shape {} that is true when some element of the FLOAT
/// or HALF tensor `src` is a NaN.
poplar::Tensor hasNaN(poplar::Graph &graph, const poplar::Tensor &src,
                      poplar::program::Sequence &prog,
                      const poplar::DebugContext &debugContext = {});

/// A new BOOL tensor of shape {} that is true when some element of the FLOAT
/// or HALF tensor `src` is a NaN or an infinity.
poplar::Tensor hasNaNOrInf(poplar::Graph &graph, const poplar::Tensor &src,
                           poplar::program::Sequence &prog,
                           const poplar::DebugContext &debugContext = {});

} // namespace popops

#endif
