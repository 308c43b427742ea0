// Names of popnn's non-linearity and pooling kinds.
#include <popnn/NonLinearityDef.hpp>
#include <popnn/PoolingDef.hpp>

#include <poplar/exceptions.hpp>

#include <utility>

namespace popnn {

namespace {
const std::pair<NonLinearityType, const char *> kNonLinearityNames[] = {
    {NonLinearityType::SIGMOID, "SIGMOID"},
    {NonLinearityType::HARD_SIGMOID, "HARD_SIGMOID"},
    {NonLinearityType::RELU, "RELU"},
    {NonLinearityType::TANH, "TANH"},
    {NonLinearityType::GELU, "GELU"},
    {NonLinearityType::GELU_ERF, "GELU_ERF"},
    {NonLinearityType::SWISH, "SWISH"},
    {NonLinearityType::SOFTMAX, "SOFTMAX"},
    {NonLinearityType::SOFTMAX_STABLE, "SOFTMAX_STABLE"},
    {NonLinearityType::SOFTMAX_SCALED, "SOFTMAX_SCALED"},
};
} // namespace

std::string asString(const NonLinearityType &type) {
  for (const auto &[t, name] : kNonLinearityNames)
    if (t == type)
      return name;
  throw poplar::poplar_error("popnn: unknown NonLinearityType value " +
                             std::to_string(int(type)));
}

std::ostream &operator<<(std::ostream &os, const NonLinearityType &type) {
  return os << asString(type);
}

NonLinearityType nonLinearityTypeFromString(const std::string &name) {
  for (const auto &[t, n] : kNonLinearityNames)
    if (name == n)
      return t;
  throw poplar::parse_error("popnn: '" + name +
                            "' is not a non-linearity; use one of SIGMOID, "
                            "HARD_SIGMOID, RELU, TANH, GELU, GELU_ERF, SWISH, "
                            "SOFTMAX, SOFTMAX_STABLE, SOFTMAX_SCALED");
}

const char *asString(const PoolingType &type) {
  switch (type) {
  case PoolingType::MAX:
    return "MAX";
  case PoolingType::AVG:
    return "AVG";
  case PoolingType::SUM:
    return "SUM";
  }
  throw poplar::poplar_error("popnn: unknown PoolingType value " +
                             std::to_string(int(type)));
}

std::ostream &operator<<(std::ostream &os, const PoolingType &type) {
  return os << asString(type);
}

} // namespace popnn
