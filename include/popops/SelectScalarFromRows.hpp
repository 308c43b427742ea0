// popops::selectScalarFromRows: one element from each row of a 2-D tensor,
// at a column given per row by a device tensor.
#ifndef popops_SelectScalarInRows_hpp
#define popops_SelectScalarInRows_hpp

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

namespace popops {

/// out[r] = params[r][indices[r]] for the 2-D FLOAT or HALF tensor `params`
/// and the 1-D UNSIGNED_INT tensor `indices` of params.dim(0) elements. An
/// index past the end of its row gives NaN; MASKED_LABEL_CODE
/// (popops/EncodingConstants.hpp) gives 0.
poplar::Tensor
selectScalarFromRows(poplar::Graph &graph, const poplar::Tensor &params,
                     const poplar::Tensor &indices,
                     poplar::program::Sequence &prog,
                     const poplar::DebugContext &debugContext = {});

} // namespace popops

#endif // popops_SelectScalarInRows_hpp
