// What popnn's batch, group and layer norms share.
#include "NormCommon.hpp"

#include <poplar/exceptions.hpp>
#include <popops/ScaledAdd.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;

namespace popnn {

std::string normOperationName(const DebugContext &debugContext,
                              const std::string &operation) {
  const std::string path = debugContext.getPathName();
  return path.empty() ? operation : operation + " (" + path + ")";
}

void checkNormActs(const Tensor &acts, const std::string &what,
                   const std::string &name) {
  if (acts.rank() < 2 || acts.numElements() == 0)
    throw poputil::poplibs_error(
        name + ": " + what +
        " must be a non-empty tensor of rank 2 or more, [N][C][..F..], "
        "but its shape is " +
        acts.shapeToString());
  if (acts.elementType() != FLOAT && acts.elementType() != HALF)
    throw poputil::poplibs_error(name + ": " + what +
                                 " must be FLOAT or HALF, not " +
                                 acts.elementType().toString());
}

void checkNormVector(const Tensor &v, std::size_t size, const std::string &what,
                     const std::string &meaning, const std::string &name) {
  if (v.rank() != 1 || v.dim(0) != size)
    throw poputil::poplibs_error(name + ": " + what + " must have shape {" +
                                 std::to_string(size) + "} (" + meaning +
                                 "), but its shape is " + v.shapeToString());
  if (v.elementType() != FLOAT && v.elementType() != HALF)
    throw poputil::poplibs_error(name + ": " + what +
                                 " must be FLOAT or HALF, not " +
                                 v.elementType().toString());
}

void checkNormSameShape(const Tensor &a, const std::string &whatA,
                        const Tensor &b, const std::string &whatB,
                        const std::string &name) {
  if (a.shape() != b.shape())
    throw poputil::poplibs_error(
        name + ": " + whatB + " has shape " + b.shapeToString() + " but " +
        whatA + " has shape " + a.shapeToString() + "; they must be the same");
}

void checkNormActsAndGradients(const Tensor &acts, const std::string &whatActs,
                               const Tensor &gradsIn, const std::string &name) {
  checkNormActs(acts, whatActs, name);
  checkNormActs(gradsIn, "the gradients", name);
  checkNormSameShape(acts, whatActs, gradsIn, "the gradients", name);
}

void checkNoNormOptions(const OptionFlags &options, const std::string &name) {
  if (options.begin() != options.end())
    throw invalid_option(name + ": unknown option '" + options.begin()->first +
                         "'; batch norm takes no options");
}

bool stridedChannelGrouping(const OptionFlags &options,
                            const std::string &name) {
  bool strided = true;
  for (const auto &[key, value] : options) {
    if (key != "groupNormStridedChannelGrouping")
      throw invalid_option(name + ": unknown option '" + key +
                           "'; the only group norm option is "
                           "groupNormStridedChannelGrouping");
    if (value != "true" && value != "false")
      throw invalid_option(name +
                           ": groupNormStridedChannelGrouping must be true "
                           "or false, not '" +
                           value + "'");
    strided = value == "true";
  }
  return strided;
}

namespace {

void checkParams(const Tensor &gammaDelta, const Tensor &betaDelta,
                 const Tensor &gamma, const Tensor &beta,
                 const std::string &name) {
  if (gamma.rank() != 1 || gamma.numElements() == 0)
    throw poputil::poplibs_error(name +
                                 ": gamma must be a non-empty vector {C}, "
                                 "but its shape is " +
                                 gamma.shapeToString());
  const std::size_t channels = gamma.dim(0);
  const std::string meaning = "the size of gamma";
  checkNormVector(gamma, channels, "gamma", meaning, name);
  checkNormVector(beta, channels, "beta", meaning, name);
  checkNormVector(gammaDelta, channels, "gammaDelta", meaning, name);
  checkNormVector(betaDelta, channels, "betaDelta", meaning, name);
}

} // namespace

void updateNormParams(Graph &graph, const Tensor &gammaDelta,
                      const Tensor &betaDelta, float scale, Tensor &gamma,
                      Tensor &beta, program::Sequence &prog,
                      const DebugContext &debugContext,
                      const std::string &name) {
  checkParams(gammaDelta, betaDelta, gamma, beta, name);
  popops::scaledAddTo(graph, gamma, gammaDelta, scale, prog,
                      {debugContext, "gammaUpdate"});
  popops::scaledAddTo(graph, beta, betaDelta, scale, prog,
                      {debugContext, "betaUpdate"});
}

void updateNormParams(Graph &graph, const Tensor &gammaDelta,
                      const Tensor &betaDelta, const Tensor &scale,
                      Tensor &gamma, Tensor &beta, program::Sequence &prog,
                      const DebugContext &debugContext,
                      const std::string &name) {
  checkParams(gammaDelta, betaDelta, gamma, beta, name);
  if (scale.numElements() != 1 ||
      (scale.elementType() != FLOAT && scale.elementType() != HALF))
    throw poputil::poplibs_error(name +
                                 ": the scale must be one FLOAT or HALF "
                                 "element, but it is " +
                                 scale.elementType().toString() + " " +
                                 scale.shapeToString());
  popops::scaledAddTo(graph, gamma, gammaDelta, scale, prog,
                      {debugContext, "gammaUpdate"});
  popops::scaledAddTo(graph, beta, betaDelta, scale, prog,
                      {debugContext, "betaUpdate"});
}

} // namespace popnn
