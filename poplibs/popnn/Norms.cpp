// popnn norm helpers: flop counts and the gamma/beta parameters.
#include <popnn/Norms.hpp>

#include "NormCommon.hpp"

#include <poplin/Norms.hpp>

using namespace poplar;

namespace popnn {

std::uint64_t getNormFwdFlops(std::size_t statisticsSize,
                              std::size_t numActsElements, bool computeStats) {
  const std::uint64_t elements = numActsElements, stats = statisticsSize;
  const std::uint64_t affine = 2 * elements;
  if (!computeStats)
    return affine;
  const std::uint64_t sums = 2 * elements, meanAndVariance = 5 * stats;
  const std::uint64_t whiten = 2 * elements;
  return sums + meanAndVariance + whiten + affine;
}

std::uint64_t getNormBwdFlops(std::size_t statisticsSize,
                              std::size_t numActsElements) {
  const std::uint64_t elements = numActsElements, stats = statisticsSize;
  const std::uint64_t throughGamma = elements;
  const std::uint64_t throughStatistics = 7 * elements + 2 * stats;
  return throughGamma + throughStatistics;
}

std::uint64_t getNormWuFlops(std::size_t paramsSize,
                             std::size_t numActsElements) {
  const std::uint64_t gradients = 3 * std::uint64_t(numActsElements);
  const std::uint64_t update = 4 * std::uint64_t(paramsSize);
  return gradients + update;
}

Tensor createNormGamma(Graph &graph, const Tensor &acts,
                       const DebugContext &debugContext) {
  checkNormActs(acts, "the activations",
                normOperationName(debugContext, "popnn::createNormGamma"));
  return poplin::createNormGamma(graph, acts, debugContext);
}

Tensor createNormBeta(Graph &graph, const Tensor &acts,
                      const DebugContext &debugContext) {
  checkNormActs(acts, "the activations",
                normOperationName(debugContext, "popnn::createNormBeta"));
  return poplin::createNormBeta(graph, acts, debugContext);
}

std::pair<Tensor, Tensor> createNormParams(Graph &graph, const Tensor acts,
                                           const DebugContext &debugContext) {
  checkNormActs(acts, "the activations",
                normOperationName(debugContext, "popnn::createNormParams"));
  return poplin::createNormParams(graph, acts, debugContext);
}

} // namespace popnn
