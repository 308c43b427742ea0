// popnn batch norm: poplin's per-channel norm steps on the activations as
// they are (statistics over the batch and the field of each channel).
#include <popnn/BatchNorm.hpp>

#include "NormCommon.hpp"

#include <popops/ElementWise.hpp>
#include <popops/Expr.hpp>
#include <popops/ScaledAdd.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;
namespace pe = popops::expr;

namespace popnn {
namespace bn {

namespace {

const char *const kPerChannel = "one element per channel, dimension 1 of the "
                                "activations";

void checkStatistics(const Tensor &acts, const Tensor &mean,
                     const Tensor &invStdDev, const std::string &name) {
  checkNormVector(mean, acts.dim(1), "the mean", kPerChannel, name);
  checkNormVector(invStdDev, acts.dim(1), "the inverse standard deviation",
                  kPerChannel, name);
}

} // namespace

Tensor createBatchNormGamma(Graph &graph, const Tensor &acts,
                            const DebugContext &debugContext) {
  checkNormActs(
      acts, "the activations",
      normOperationName(debugContext, "popnn::bn::createBatchNormGamma"));
  return poplin::createNormGamma(graph, acts, debugContext);
}

Tensor createBatchNormBeta(Graph &graph, const Tensor &acts,
                           const DebugContext &debugContext) {
  checkNormActs(
      acts, "the activations",
      normOperationName(debugContext, "popnn::bn::createBatchNormBeta"));
  return poplin::createNormBeta(graph, acts, debugContext);
}

std::pair<Tensor, Tensor>
createBatchNormParams(Graph &graph, const Tensor &acts,
                      const DebugContext &debugContext) {
  checkNormActs(
      acts, "the activations",
      normOperationName(debugContext, "popnn::bn::createBatchNormParams"));
  return poplin::createNormParams(graph, acts, debugContext);
}

std::pair<Tensor, Tensor>
batchNormStatistics(Graph &graph, const Tensor acts, float eps, Sequence &prog,
                    bool unbiasedVarEstimate, bool stableAlgo,
                    const Type &partialsType, const DebugContext &debugContext,
                    const OptionFlags &options) {
  const std::string name =
      normOperationName(debugContext, "popnn::bn::batchNormStatistics");
  checkNoNormOptions(options, name);
  checkNormActs(acts, "the activations", name);
  return poplin::normStatistics(graph, acts, eps, prog, unbiasedVarEstimate,
                                stableAlgo, partialsType, debugContext);
}

std::pair<Tensor, Tensor> distributedBatchNormStatistics(
    Graph &replicatedGraph, const Tensor acts, float eps, Sequence &prog,
    bool unbiasedVarEstimate,
    poplin::DistributedNormReduceCallback reduceCallback,
    unsigned normBatchSize, bool stableAlgo, const Type &partialsType,
    const DebugContext &debugContext, const OptionFlags &options) {
  const std::string name = normOperationName(
      debugContext, "popnn::bn::distributedBatchNormStatistics");
  checkNoNormOptions(options, name);
  checkNormActs(acts, "the activations", name);
  return poplin::distributedNormStatistics(
      replicatedGraph, acts, eps, prog, unbiasedVarEstimate,
      std::move(reduceCallback), normBatchSize, stableAlgo, partialsType,
      debugContext);
}

Tensor batchNormWhiten(Graph &graph, const Tensor &acts, const Tensor &mean,
                       const Tensor &invStdDev, Sequence &prog,
                       const DebugContext &debugContext,
                       const OptionFlags &options) {
  const std::string name =
      normOperationName(debugContext, "popnn::bn::batchNormWhiten");
  checkNoNormOptions(options, name);
  checkNormActs(acts, "the activations", name);
  checkStatistics(acts, mean, invStdDev, name);
  return poplin::normWhiten(graph, acts, mean, invStdDev, prog, debugContext);
}

std::pair<Tensor, Tensor>
batchNormalise(Graph &graph, const Tensor &acts, const Tensor &gamma,
               const Tensor &beta, const Tensor &mean, const Tensor &invStdDev,
               Sequence &prog, const DebugContext &debugContext,
               const OptionFlags &options) {
  const std::string name =
      normOperationName(debugContext, "popnn::bn::batchNormalise");
  checkNoNormOptions(options, name);
  checkNormActs(acts, "the activations", name);
  checkStatistics(acts, mean, invStdDev, name);
  checkNormVector(gamma, acts.dim(1), "gamma", kPerChannel, name);
  checkNormVector(beta, acts.dim(1), "beta", kPerChannel, name);
  const Tensor whitened =
      poplin::normWhiten(graph, acts, mean, invStdDev, prog, debugContext);
  const Tensor normalised =
      poplin::normalise(graph, whitened, gamma, beta, prog, debugContext);
  return {normalised, whitened};
}

Tensor batchNormalise(Graph &graph, const Tensor &acts,
                      const Tensor &combinedMultiplicand, const Tensor &addend,
                      Sequence &prog, const DebugContext &debugContext,
                      const OptionFlags &options) {
  const std::string name =
      normOperationName(debugContext, "popnn::bn::batchNormalise");
  checkNoNormOptions(options, name);
  checkNormActs(acts, "the activations", name);
  checkNormVector(combinedMultiplicand, acts.dim(1),
                  "the combined multiplicand", kPerChannel, name);
  checkNormVector(addend, acts.dim(1), "the addend", kPerChannel, name);
  // The affine step with the folded parameters.
  return poplin::normalise(graph, acts, combinedMultiplicand, addend, prog,
                           debugContext);
}

std::pair<Tensor, Tensor> batchNormParamGradients(
    Graph &graph, const Tensor &acts, const Tensor &gradsIn, const Tensor &mean,
    const Tensor &iStdDev, Sequence &prog, const Type &partialsType,
    const DebugContext &debugContext, const OptionFlags &options) {
  const std::string name =
      normOperationName(debugContext, "popnn::bn::batchNormParamGradients");
  checkNoNormOptions(options, name);
  checkNormActsAndGradients(acts, "the activations", gradsIn, name);
  checkStatistics(acts, mean, iStdDev, name);
  const Tensor whitened =
      poplin::normWhiten(graph, acts, mean, iStdDev, prog, debugContext);
  return poplin::normParamGradients(graph, whitened, gradsIn, prog,
                                    partialsType, debugContext);
}

std::pair<Tensor, Tensor> batchNormParamGradients(
    Graph &graph, const Tensor &actsWhitened, const Tensor &gradsIn,
    Sequence &prog, const Type &partialsType, const DebugContext &debugContext,
    const OptionFlags &options) {
  const std::string name =
      normOperationName(debugContext, "popnn::bn::batchNormParamGradients");
  checkNoNormOptions(options, name);
  checkNormActsAndGradients(actsWhitened, "the whitened activations", gradsIn,
                            name);
  return poplin::normParamGradients(graph, actsWhitened, gradsIn, prog,
                                    partialsType, debugContext);
}

namespace {

Tensor gradients(Graph &graph, const Tensor &actsWhitened,
                 const Tensor &gradsIn, const Tensor &invStdDev,
                 const Tensor &gamma, Sequence &prog, const Type &partialsType,
                 const poplin::DistributedNormReduceCallback *reduceCallback,
                 unsigned normBatchSize, const DebugContext &debugContext,
                 const std::string &name) {
  checkNormVector(invStdDev, gradsIn.dim(1), "the inverse standard deviation",
                  kPerChannel, name);
  checkNormVector(gamma, gradsIn.dim(1), "gamma", kPerChannel, name);
  const Tensor gradsWhitened =
      poplin::normGradients(graph, gradsIn, gamma, prog, debugContext);
  if (!reduceCallback)
    return poplin::normStatisticsGradients(graph, actsWhitened, gradsWhitened,
                                           invStdDev, prog, partialsType,
                                           debugContext);
  return poplin::distributedNormStatisticsGradients(
      graph, actsWhitened, gradsWhitened, invStdDev, prog, *reduceCallback,
      normBatchSize, partialsType, debugContext);
}

} // namespace

Tensor batchNormGradients(Graph &graph, const Tensor &acts,
                          const Tensor &gradsIn, const Tensor &mean,
                          const Tensor &invStdDev, const Tensor &gamma,
                          Sequence &prog, const Type &partialsType,
                          const DebugContext &debugContext,
                          const OptionFlags &options) {
  const std::string name =
      normOperationName(debugContext, "popnn::bn::batchNormGradients");
  checkNoNormOptions(options, name);
  checkNormActsAndGradients(acts, "the activations", gradsIn, name);
  checkStatistics(acts, mean, invStdDev, name);
  const Tensor whitened =
      poplin::normWhiten(graph, acts, mean, invStdDev, prog, debugContext);
  return gradients(graph, whitened, gradsIn, invStdDev, gamma, prog,
                   partialsType, nullptr, 0, debugContext, name);
}

Tensor batchNormGradients(Graph &graph, const Tensor &actsWhitened,
                          const Tensor &gradsIn, const Tensor &invStdDev,
                          const Tensor &gamma, Sequence &prog,
                          const Type &partialsType,
                          const DebugContext &debugContext,
                          const OptionFlags &options) {
  const std::string name =
      normOperationName(debugContext, "popnn::bn::batchNormGradients");
  checkNoNormOptions(options, name);
  checkNormActsAndGradients(actsWhitened, "the whitened activations", gradsIn,
                            name);
  return gradients(graph, actsWhitened, gradsIn, invStdDev, gamma, prog,
                   partialsType, nullptr, 0, debugContext, name);
}

Tensor distributedBatchNormGradients(
    Graph &replicatedGraph, const Tensor &actsWhitened, const Tensor &gradsIn,
    const Tensor &invStdDev, const Tensor &gamma, Sequence &prog,
    poplin::DistributedNormReduceCallback reduceCallback,
    unsigned normBatchSize, const Type &partialsType,
    const DebugContext &debugContext, const OptionFlags &options) {
  const std::string name = normOperationName(
      debugContext, "popnn::bn::distributedBatchNormGradients");
  checkNoNormOptions(options, name);
  checkNormActsAndGradients(actsWhitened, "the whitened activations", gradsIn,
                            name);
  return gradients(replicatedGraph, actsWhitened, gradsIn, invStdDev, gamma,
                   prog, partialsType, &reduceCallback, normBatchSize,
                   debugContext, name);
}

Tensor distributedBatchNormGradients(
    Graph &replicatedGraph, const Tensor &acts, const Tensor &gradsIn,
    const Tensor &mean, const Tensor &invStdDev, const Tensor &gamma,
    Sequence &prog, poplin::DistributedNormReduceCallback reduceCallback,
    unsigned normBatchSize, const Type &partialsType,
    const DebugContext &debugContext, const OptionFlags &options) {
  const std::string name = normOperationName(
      debugContext, "popnn::bn::distributedBatchNormGradients");
  checkNoNormOptions(options, name);
  checkNormActsAndGradients(acts, "the activations", gradsIn, name);
  checkStatistics(acts, mean, invStdDev, name);
  const Tensor whitened = poplin::normWhiten(replicatedGraph, acts, mean,
                                             invStdDev, prog, debugContext);
  return gradients(replicatedGraph, whitened, gradsIn, invStdDev, gamma, prog,
                   partialsType, &reduceCallback, normBatchSize, debugContext,
                   name);
}

void batchNormParamUpdate(Graph &graph, const Tensor &gammaDelta,
                          const Tensor &betaDelta, float scale, Tensor &gamma,
                          Tensor &beta, Sequence &prog,
                          const DebugContext &debugContext,
                          const OptionFlags &options) {
  const std::string name =
      normOperationName(debugContext, "popnn::bn::batchNormParamUpdate");
  checkNoNormOptions(options, name);
  updateNormParams(graph, gammaDelta, betaDelta, scale, gamma, beta, prog,
                   debugContext, name);
}

void batchNormParamUpdate(Graph &graph, const Tensor &gammaDelta,
                          const Tensor &betaDelta, const Tensor &scale,
                          Tensor &gamma, Tensor &beta, Sequence &prog,
                          const DebugContext &debugContext,
                          const OptionFlags &options) {
  const std::string name =
      normOperationName(debugContext, "popnn::bn::batchNormParamUpdate");
  checkNoNormOptions(options, name);
  updateNormParams(graph, gammaDelta, betaDelta, scale, gamma, beta, prog,
                   debugContext, name);
}

} // namespace bn
} // namespace popnn
