// popnn layer norm: group norm with one group, after checks that name the
// layer norm function and the {N} statistics it expects.
#include <popnn/LayerNorm.hpp>

#include "NormCommon.hpp"

#include <poplin/Norms.hpp>

using namespace poplar;
using namespace poplar::program;

namespace popnn {
namespace ln {

namespace {

const char *const kPerBatchElement = "one element per batch element, "
                                     "dimension 0 of the activations";

std::string begin(const DebugContext &debugContext,
                  const std::string &operation, const OptionFlags &options) {
  const std::string name = normOperationName(debugContext, operation);
  stridedChannelGrouping(options, name);
  return name;
}

void checkStatistic(const Tensor &acts, const Tensor &statistic,
                    const std::string &what, const std::string &name) {
  checkNormVector(statistic, acts.dim(0), what, kPerBatchElement, name);
}

} // namespace

Tensor createLayerNormGamma(Graph &graph, const Tensor &acts,
                            const DebugContext &debugContext) {
  checkNormActs(
      acts, "the activations",
      normOperationName(debugContext, "popnn::ln::createLayerNormGamma"));
  return poplin::createNormGamma(graph, acts, debugContext);
}

Tensor createLayerNormBeta(Graph &graph, const Tensor &acts,
                           const DebugContext &debugContext) {
  checkNormActs(
      acts, "the activations",
      normOperationName(debugContext, "popnn::ln::createLayerNormBeta"));
  return poplin::createNormBeta(graph, acts, debugContext);
}

std::pair<Tensor, Tensor>
createLayerNormParams(Graph &graph, const Tensor &acts,
                      const DebugContext &debugContext) {
  checkNormActs(
      acts, "the activations",
      normOperationName(debugContext, "popnn::ln::createLayerNormParams"));
  return poplin::createNormParams(graph, acts, debugContext);
}

std::pair<Tensor, Tensor>
layerNormStatistics(Graph &graph, const Tensor acts, float eps, Sequence &prog,
                    bool unbiasedVarEstimate, bool stableAlgo,
                    const Type &partialsType, const DebugContext &debugContext,
                    const OptionFlags &options) {
  const std::string name =
      begin(debugContext, "popnn::ln::layerNormStatistics", options);
  checkNormActs(acts, "the activations", name);
  return gn::groupNormStatistics(graph, acts, eps, prog, 1, unbiasedVarEstimate,
                                 stableAlgo, partialsType, debugContext,
                                 options);
}

Tensor layerNormWhiten(Graph &graph, const Tensor &acts, const Tensor &mean,
                       const Tensor &invStdDev, Sequence &prog,
                       const DebugContext &debugContext,
                       const OptionFlags &options) {
  const std::string name =
      begin(debugContext, "popnn::ln::layerNormWhiten", options);
  checkNormActs(acts, "the activations", name);
  checkStatistic(acts, mean, "the mean", name);
  checkStatistic(acts, invStdDev, "the inverse standard deviation", name);
  return gn::groupNormWhiten(graph, acts, mean, invStdDev, prog, debugContext,
                             options);
}

std::pair<Tensor, Tensor>
layerNormalise(Graph &graph, const Tensor &acts, const Tensor &gamma,
               const Tensor &beta, const Tensor &mean, const Tensor &invStdDev,
               Sequence &prog, const DebugContext &debugContext,
               const OptionFlags &options) {
  const std::string name =
      begin(debugContext, "popnn::ln::layerNormalise", options);
  checkNormActs(acts, "the activations", name);
  checkStatistic(acts, mean, "the mean", name);
  checkStatistic(acts, invStdDev, "the inverse standard deviation", name);
  const char *perChannel = "one element per channel, dimension 1 of the "
                           "activations";
  checkNormVector(gamma, acts.dim(1), "gamma", perChannel, name);
  checkNormVector(beta, acts.dim(1), "beta", perChannel, name);
  return gn::groupNormalise(graph, acts, gamma, beta, mean, invStdDev, prog,
                            debugContext, options);
}

std::pair<Tensor, Tensor> layerNormParamGradients(
    Graph &graph, const Tensor &acts, const Tensor &gradsIn, const Tensor &mean,
    const Tensor &iStdDev, Sequence &prog, const Type &partialsType,
    const DebugContext &debugContext, const OptionFlags &options) {
  const std::string name =
      begin(debugContext, "popnn::ln::layerNormParamGradients", options);
  checkNormActsAndGradients(acts, "the activations", gradsIn, name);
  checkStatistic(acts, mean, "the mean", name);
  checkStatistic(acts, iStdDev, "the inverse standard deviation", name);
  return gn::groupNormParamGradients(graph, acts, gradsIn, mean, iStdDev, prog,
                                     partialsType, debugContext, options);
}

std::pair<Tensor, Tensor> layerNormParamGradients(
    Graph &graph, const Tensor &actsWhitened, const Tensor &gradsIn,
    Sequence &prog, const Type &partialsType, const DebugContext &debugContext,
    const OptionFlags &options) {
  const std::string name =
      begin(debugContext, "popnn::ln::layerNormParamGradients", options);
  checkNormActsAndGradients(actsWhitened, "the whitened activations", gradsIn,
                            name);
  return gn::groupNormParamGradients(graph, actsWhitened, gradsIn, prog,
                                     partialsType, debugContext, options);
}

Tensor layerNormGradients(Graph &graph, const Tensor &acts,
                          const Tensor &gradsIn, const Tensor &mean,
                          const Tensor &invStdDev, const Tensor &gamma,
                          Sequence &prog, const Type &partialsType,
                          const DebugContext &debugContext,
                          const OptionFlags &options) {
  const std::string name =
      begin(debugContext, "popnn::ln::layerNormGradients", options);
  checkNormActsAndGradients(acts, "the activations", gradsIn, name);
  checkStatistic(acts, mean, "the mean", name);
  checkStatistic(acts, invStdDev, "the inverse standard deviation", name);
  return gn::groupNormGradients(graph, acts, gradsIn, mean, invStdDev, gamma,
                                prog, partialsType, debugContext, options);
}

Tensor layerNormGradients(Graph &graph, const Tensor &actsWhitened,
                          const Tensor &gradsIn, const Tensor &invStdDev,
                          const Tensor &gamma, Sequence &prog,
                          const Type &partialsType,
                          const DebugContext &debugContext,
                          const OptionFlags &options) {
  const std::string name =
      begin(debugContext, "popnn::ln::layerNormGradients", options);
  checkNormActsAndGradients(actsWhitened, "the whitened activations", gradsIn,
                            name);
  checkStatistic(actsWhitened, invStdDev, "the inverse standard deviation",
                 name);
  return gn::groupNormGradients(graph, actsWhitened, gradsIn, invStdDev, gamma,
                                prog, partialsType, debugContext, options);
}

void layerNormParamUpdate(Graph &graph, const Tensor &gammaDelta,
                          const Tensor &betaDelta, float scale, Tensor &gamma,
                          Tensor &beta, Sequence &prog,
                          const DebugContext &debugContext,
                          const OptionFlags &options) {
  const std::string name =
      begin(debugContext, "popnn::ln::layerNormParamUpdate", options);
  updateNormParams(graph, gammaDelta, betaDelta, scale, gamma, beta, prog,
                   debugContext, name);
}

void layerNormParamUpdate(Graph &graph, const Tensor &gammaDelta,
                          const Tensor &betaDelta, const Tensor &scale,
                          Tensor &gamma, Tensor &beta, Sequence &prog,
                          const DebugContext &debugContext,
                          const OptionFlags &options) {
  const std::string name =
      begin(debugContext, "popnn::ln::layerNormParamUpdate", options);
  updateNormParams(graph, gammaDelta, betaDelta, scale, gamma, beta, prog,
                   debugContext, name);
}

} // namespace ln
} // namespace popnn
