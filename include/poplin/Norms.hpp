// poplin normalisation building blocks: per-channel statistics (mean and
// inverse standard deviation), whitening, the affine gamma/beta step and
// their gradients, for activations shaped [N][C][..F..] (channels in
// dimension 1). popnn's batch, group and layer norms are built from these.
//
// Statistics are reduced over every dimension but 1 and have the
// activations' element type; parameter gradients have the gradients' type.
// Bad shapes or types throw poputil::poplibs_error naming the function, the
// tensor and its shape.
#ifndef poplin_Norms_hpp
#define poplin_Norms_hpp

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/OptionFlags.hpp>
#include <poplar/Program.hpp>

#include <cstdint>
#include <functional>
#include <tuple>
#include <utility>
#include <vector>

namespace poplin {

/// A {C} gamma (multiplicative) parameter for `acts` [N][C][..F..], of
/// `type`, mapped linearly over the tiles.
poplar::Tensor createNormGamma(poplar::Graph &graph, const poplar::Tensor &acts,
                               const poplar::Type &type,
                               const poplar::DebugContext &debugContext = {});

/// As above, of the activations' element type.
poplar::Tensor createNormGamma(poplar::Graph &graph, const poplar::Tensor &acts,
                               const poplar::DebugContext &debugContext = {});

/// A {C} beta (additive) parameter for `acts` [N][C][..F..], of `type`.
poplar::Tensor createNormBeta(poplar::Graph &graph, const poplar::Tensor &acts,
                              const poplar::Type &type,
                              const poplar::DebugContext &debugContext = {});

/// As above, of the activations' element type.
poplar::Tensor createNormBeta(poplar::Graph &graph, const poplar::Tensor &acts,
                              const poplar::DebugContext &debugContext = {});

/// (gamma, beta) of the activations' element type.
std::pair<poplar::Tensor, poplar::Tensor>
createNormParams(poplar::Graph &graph, const poplar::Tensor &acts,
                 const poplar::DebugContext &debugContext = {});

/// Mean and inverse standard deviation 1/sqrt(var + eps) of each channel of
/// `actsUngrouped` [N][C][..F..], each {C}. The variance is E[x²] − E[x]²,
/// or with `stableAlgo` E[(x − mean)²]; `unbiasedVarEstimate` scales it by
/// n/(n−1). Sums are kept in `partialsType` (FLOAT or HALF).
std::pair<poplar::Tensor, poplar::Tensor>
normStatistics(poplar::Graph &graph, const poplar::Tensor &actsUngrouped,
               float eps, poplar::program::Sequence &prog,
               bool unbiasedVarEstimate, bool stableAlgo = false,
               const poplar::Type &partialsType = poplar::FLOAT,
               const poplar::DebugContext &debugContext = {});

/// Reduce-adds each of `inputsToReduce` over `groupSize` replicas and
/// returns the sums in the same order.
using DistributedNormReduceCallback = std::function<std::vector<poplar::Tensor>(
    poplar::Graph &replicatedGraph,
    const std::vector<poplar::Tensor> &inputsToReduce,
    poplar::program::Sequence &prog, unsigned groupSize,
    const poplar::DebugContext &debugContext,
    const poplar::OptionFlags &options)>;

/// normStatistics over `normSize` batch elements of which each replica
/// holds acts.dim(0); `allReduceCallback` adds the per-replica sums over
/// normSize / acts.dim(0) replicas.
std::pair<poplar::Tensor, poplar::Tensor> distributedNormStatistics(
    poplar::Graph &replicatedGraph, const poplar::Tensor &actsUngrouped,
    float eps, poplar::program::Sequence &prog, bool unbiasedVarEstimate,
    DistributedNormReduceCallback allReduceCallback, unsigned normSize,
    bool stableAlgo = false, const poplar::Type &partialsType = poplar::FLOAT,
    const poplar::DebugContext &debugContext = {});

/// (acts − mean) · iStdDev per channel; mean and iStdDev are {C}.
poplar::Tensor normWhiten(poplar::Graph &graph, const poplar::Tensor &acts,
                          const poplar::Tensor &mean,
                          const poplar::Tensor &iStdDev,
                          poplar::program::Sequence &prog,
                          const poplar::DebugContext &debugContext = {});

/// actsWhitened · gamma + beta per channel; gamma and beta are {C}.
poplar::Tensor normalise(poplar::Graph &graph,
                         const poplar::Tensor &actsWhitened,
                         const poplar::Tensor &gamma,
                         const poplar::Tensor &beta,
                         poplar::program::Sequence &prog,
                         const poplar::DebugContext &debugContext = {});

/// (gammaDelta, betaDelta): per channel Σ gradsIn · actsWhitened and
/// Σ gradsIn, each {C}.
std::pair<poplar::Tensor, poplar::Tensor>
normParamGradients(poplar::Graph &graph, const poplar::Tensor &actsWhitened,
                   const poplar::Tensor &gradsIn,
                   poplar::program::Sequence &prog,
                   const poplar::Type &partialsType = poplar::FLOAT,
                   const poplar::DebugContext &debugContext = {});

/// The gradient through the affine step: gradsIn · gamma per channel.
poplar::Tensor normGradients(poplar::Graph &graph,
                             const poplar::Tensor &gradsIn,
                             const poplar::Tensor &gamma,
                             poplar::program::Sequence &prog,
                             const poplar::DebugContext &debugContext = {});

/// The gradient through whitening and the statistics, per channel:
/// invStdDev · (g − mean(g) − actsWhitened · mean(g · actsWhitened)), where
/// `gradsIn` is g, the gradient with respect to the whitened activations.
poplar::Tensor normStatisticsGradients(
    poplar::Graph &graph, const poplar::Tensor &actsWhitened,
    const poplar::Tensor &gradsIn, const poplar::Tensor &invStdDev,
    poplar::program::Sequence &prog,
    const poplar::Type &partialsType = poplar::FLOAT,
    const poplar::DebugContext &debugContext = {});

/// normStatisticsGradients with the means taken over `normSize` batch
/// elements spread over replicas; `reduceCallback` adds the per-replica sums.
poplar::Tensor distributedNormStatisticsGradients(
    poplar::Graph &replicatedGraph, const poplar::Tensor &actsWhitened,
    const poplar::Tensor &gradsIn, const poplar::Tensor &invStdDev,
    poplar::program::Sequence &prog,
    poplin::DistributedNormReduceCallback reduceCallback, unsigned normSize,
    const poplar::Type &partialsType = poplar::FLOAT,
    const poplar::DebugContext &debugContext = {});

} // namespace poplin

#endif // poplin_Norms_hpp
