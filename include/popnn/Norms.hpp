// popnn norm helpers shared by batch, group and layer norm: floating-point
// operation counts for the forward pass, the input gradient and the
// parameter update, and the {C} gamma/beta parameters.
#ifndef popnn_Norms_hpp
#define popnn_Norms_hpp

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

#include <cstddef>
#include <cstdint>
#include <utility>

namespace popnn {

/// Flops of a norm's forward pass over `numActsElements` activations with
/// `statisticsSize` statistics: the affine step (2 per element), and with
/// `computeStats` also the sums of values and squares (2 per element), the
/// mean and variance (5 per statistic) and the whitening (2 per element).
/// Pass computeStats = false for inference with precomputed statistics.
std::uint64_t getNormFwdFlops(std::size_t statisticsSize,
                              std::size_t numActsElements,
                              bool computeStats = true);

/// Flops of the gradient with respect to the activations: 8 per element
/// (gamma, the product with the whitened activations, two reductions and
/// the combination) and 2 per statistic.
std::uint64_t getNormBwdFlops(std::size_t statisticsSize,
                              std::size_t numActsElements);

/// Flops of the parameter gradients (3 per element) and the update of
/// `paramsSize` parameters (4 each).
std::uint64_t getNormWuFlops(std::size_t paramsSize,
                             std::size_t numActsElements);

/// The {C} gamma for `acts` [N][C][..F..], of the activations' type.
poplar::Tensor createNormGamma(poplar::Graph &graph, const poplar::Tensor &acts,
                               const poplar::DebugContext &debugContext = {});

/// The {C} beta for `acts`, of the activations' type.
poplar::Tensor createNormBeta(poplar::Graph &graph, const poplar::Tensor &acts,
                              const poplar::DebugContext &debugContext = {});

/// (gamma, beta) for `acts`.
std::pair<poplar::Tensor, poplar::Tensor>
createNormParams(poplar::Graph &graph, const poplar::Tensor acts,
                 const poplar::DebugContext &debugContext = {});

} // namespace popnn

#endif // popnn_Norms_hpp
