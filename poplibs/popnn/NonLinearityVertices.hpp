// The ComputeSet forms of popnn's element-wise non-linearities: popnn
// vertices placed where each tile's elements live (internal).
#ifndef POPNN_NONLINEARITYVERTICES_HPP
#define POPNN_NONLINEARITYVERTICES_HPP

#include <popnn/NonLinearityDef.hpp>

#include <poplar/Graph.hpp>

#include <string>

namespace popnn::detail {

/// Adds to `cs` vertices applying `type` (element-wise) to `t` in place.
void addInPlaceVertices(poplar::Graph &graph, NonLinearityType type,
                        const poplar::Tensor &t, poplar::ComputeSet &cs,
                        const std::string &name);

/// Adds to `cs` vertices writing the input gradient into a new tensor
/// mapped like `act`, which it returns.
poplar::Tensor addGradientVertices(poplar::Graph &graph, NonLinearityType type,
                                   const poplar::Tensor &act,
                                   const poplar::Tensor &outGradient,
                                   poplar::ComputeSet &cs,
                                   const poplar::DebugContext &debugContext,
                                   const std::string &name);

} // namespace popnn::detail

#endif
