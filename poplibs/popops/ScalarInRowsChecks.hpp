// The operand checks selectScalarFromRows and updateScalarInRows share.
#ifndef TESSEL_POPLIBS_POPOPS_SCALARINROWSCHECKS_HPP
#define TESSEL_POPLIBS_POPOPS_SCALARINROWSCHECKS_HPP

#include <poplar/Tensor.hpp>
#include <poputil/exceptions.hpp>

#include <string>

namespace popops::detail {

/// params must be 2-D FLOAT or HALF, indices 1-D UNSIGNED_INT with one
/// element per row of params.
inline void checkScalarInRowsOperands(const poplar::Tensor &params,
                                      const poplar::Tensor &indices,
                                      const std::string &name) {
  if (params.rank() != 2)
    throw poputil::poplibs_error(name +
                                 ": params must have rank 2, but its "
                                 "shape is " +
                                 params.shapeToString());
  if (params.dim(1) == 0)
    throw poputil::poplibs_error(name + ": params of shape " +
                                 params.shapeToString() +
                                 " has empty rows; no index can name an "
                                 "element of them");
  if (params.elementType() != poplar::FLOAT &&
      params.elementType() != poplar::HALF)
    throw poputil::poplibs_error(name +
                                 ": params must be of type float or "
                                 "half, not " +
                                 params.elementType().toString());
  if (indices.elementType() != poplar::UNSIGNED_INT)
    throw poputil::poplibs_error(name +
                                 ": indices must be of type unsigned "
                                 "int, not " +
                                 indices.elementType().toString());
  if (indices.rank() != 1 || indices.dim(0) != params.dim(0))
    throw poputil::poplibs_error(
        name + ": indices must have shape {" + std::to_string(params.dim(0)) +
        "} (one per row of params of shape " + params.shapeToString() +
        "), not " + indices.shapeToString());
}

} // namespace popops::detail

#endif
