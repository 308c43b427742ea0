// popops::updateScalarInRows: subtract 1 from one element of each row of a
// 2-D tensor, at a column given per row by a device tensor (the gradient
// step of a sparse softmax cross-entropy).
#ifndef popops_UpdateScalarInRows_hpp
#define popops_UpdateScalarInRows_hpp

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

#include <string>

namespace popops {

/// params[r][indices[r]] -= 1 in place, for the 2-D FLOAT or HALF tensor
/// `params` and the 1-D UNSIGNED_INT tensor `indices` of params.dim(0)
/// elements. A row whose index is MASKED_LABEL_CODE is left alone; a row
/// whose index is past its end becomes all NaN.
void updateScalarInRows(poplar::Graph &graph, const poplar::Tensor &params,
                        const poplar::Tensor &indices,
                        poplar::program::Sequence &program,
                        const poplar::DebugContext &debugContext = {});

} // namespace popops

#endif // popops_UpdateScalarInRows_hpp
