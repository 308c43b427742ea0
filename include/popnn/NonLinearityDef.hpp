// popnn's non-linearity kinds, shared by host code and codelets.
#ifndef POPNN_NONLINEARITYDEF_HPP
#define POPNN_NONLINEARITYDEF_HPP

#ifndef __POPC__
#include <ostream>
#include <string>
#endif

namespace popnn {

enum class NonLinearityType {
  SIGMOID,
  HARD_SIGMOID,
  RELU,
  TANH,
  GELU,
  GELU_ERF,
  SWISH,
  SOFTMAX,
  SOFTMAX_STABLE,
  SOFTMAX_SCALED
};

#ifndef __POPC__
/// "SIGMOID", "RELU", ...; throws poplar::poplar_error for other values.
std::string asString(const NonLinearityType &type);
std::ostream &operator<<(std::ostream &os, const NonLinearityType &type);
/// Parses the names asString gives; throws poplar::parse_error otherwise.
NonLinearityType nonLinearityTypeFromString(const std::string &name);
#endif

} // namespace popnn

#endif
