// How error messages name a tensor: the debug names of the variables it
// views, its element type and its shape, e.g. `'weights' (float {2,3})`.
#ifndef TESSEL_COMPILER_GRAPH_DESCRIBETENSOR_HPP
#define TESSEL_COMPILER_GRAPH_DESCRIBETENSOR_HPP

#include <poplar/Tensor.hpp>

#include <string>

namespace tessel {

/// Quoted variable names (up to three, then "and N more"), type and shape.
std::string describeTensor(const poplar::Tensor &t);

/// "{2,3}".
std::string describeShape(const std::vector<std::size_t> &shape);

} // namespace tessel

#endif
