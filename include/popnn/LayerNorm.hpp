// popnn layer normalisation of activations [N][C][..F..]: statistics per
// batch element over all its channels and field, so mean and inverse
// standard deviation are {N}; gamma and beta stay per channel, {C}. It is
// group norm with one group (popnn/GroupNorm.hpp), and takes the same
// options (groupNormStridedChannelGrouping, which has no effect here).
#ifndef popnn_LayerNorm_hpp
#define popnn_LayerNorm_hpp

#include <popnn/GroupNorm.hpp>

#include <poplar/DebugContext.hpp>
#include <poplar/OptionFlags.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

#include <utility>

namespace popnn {
namespace ln {

/// The {C} gamma and beta parameters for `acts`.
poplar::Tensor
createLayerNormGamma(poplar::Graph &graph, const poplar::Tensor &acts,
                     const poplar::DebugContext &debugContext = {});
poplar::Tensor
createLayerNormBeta(poplar::Graph &graph, const poplar::Tensor &acts,
                    const poplar::DebugContext &debugContext = {});
std::pair<poplar::Tensor, poplar::Tensor>
createLayerNormParams(poplar::Graph &graph, const poplar::Tensor &acts,
                      const poplar::DebugContext &debugContext = {});

/// Mean and inverse standard deviation 1/sqrt(var + eps) per batch element,
/// each {N}.
std::pair<poplar::Tensor, poplar::Tensor>
layerNormStatistics(poplar::Graph &graph, const poplar::Tensor acts, float eps,
                    poplar::program::Sequence &prog, bool unbiasedVarEstimate,
                    bool stableAlgo = false,
                    const poplar::Type &partialsType = poplar::FLOAT,
                    const poplar::DebugContext &debugContext = {},
                    const poplar::OptionFlags &options = {});

/// (acts − mean) · invStdDev per batch element.
poplar::Tensor layerNormWhiten(poplar::Graph &graph, const poplar::Tensor &acts,
                               const poplar::Tensor &mean,
                               const poplar::Tensor &invStdDev,
                               poplar::program::Sequence &prog,
                               const poplar::DebugContext &debugContext = {},
                               const poplar::OptionFlags &options = {});

/// (normalised, whitened): whitened · gamma + beta per channel, and the
/// whitened activations.
std::pair<poplar::Tensor, poplar::Tensor>
layerNormalise(poplar::Graph &graph, const poplar::Tensor &acts,
               const poplar::Tensor &gamma, const poplar::Tensor &beta,
               const poplar::Tensor &mean, const poplar::Tensor &invStdDev,
               poplar::program::Sequence &prog,
               const poplar::DebugContext &debugContext = {},
               const poplar::OptionFlags &options = {});

/// (gammaDelta, betaDelta), each {C}, from the forward activations.
std::pair<poplar::Tensor, poplar::Tensor> layerNormParamGradients(
    poplar::Graph &graph, const poplar::Tensor &acts,
    const poplar::Tensor &gradsIn, const poplar::Tensor &mean,
    const poplar::Tensor &iStdDev, poplar::program::Sequence &prog,
    const poplar::Type &partialsType = poplar::FLOAT,
    const poplar::DebugContext &debugContext = {},
    const poplar::OptionFlags &options = {});

/// (gammaDelta, betaDelta) from the whitened activations.
std::pair<poplar::Tensor, poplar::Tensor> layerNormParamGradients(
    poplar::Graph &graph, const poplar::Tensor &actsWhitened,
    const poplar::Tensor &gradsIn, poplar::program::Sequence &prog,
    const poplar::Type &partialsType = poplar::FLOAT,
    const poplar::DebugContext &debugContext = {},
    const poplar::OptionFlags &options = {});

/// The gradient with respect to the layer's input, from the forward
/// activations.
poplar::Tensor
layerNormGradients(poplar::Graph &graph, const poplar::Tensor &acts,
                   const poplar::Tensor &gradsIn, const poplar::Tensor &mean,
                   const poplar::Tensor &invStdDev, const poplar::Tensor &gamma,
                   poplar::program::Sequence &prog,
                   const poplar::Type &partialsType = poplar::FLOAT,
                   const poplar::DebugContext &debugContext = {},
                   const poplar::OptionFlags &options = {});

/// As above, from the whitened activations.
poplar::Tensor
layerNormGradients(poplar::Graph &graph, const poplar::Tensor &actsWhitened,
                   const poplar::Tensor &gradsIn,
                   const poplar::Tensor &invStdDev, const poplar::Tensor &gamma,
                   poplar::program::Sequence &prog,
                   const poplar::Type &partialsType = poplar::FLOAT,
                   const poplar::DebugContext &debugContext = {},
                   const poplar::OptionFlags &options = {});

/// gamma += scale · gammaDelta and beta += scale · betaDelta.
void layerNormParamUpdate(poplar::Graph &graph,
                          const poplar::Tensor &gammaDelta,
                          const poplar::Tensor &betaDelta, float scale,
                          poplar::Tensor &gamma, poplar::Tensor &beta,
                          poplar::program::Sequence &prog,
                          const poplar::DebugContext &debugContext = {},
                          const poplar::OptionFlags &options = {});

/// As above with a one-element FLOAT or HALF scale tensor.
void layerNormParamUpdate(poplar::Graph &graph,
                          const poplar::Tensor &gammaDelta,
                          const poplar::Tensor &betaDelta,
                          const poplar::Tensor &scale, poplar::Tensor &gamma,
                          poplar::Tensor &beta, poplar::program::Sequence &prog,
                          const poplar::DebugContext &debugContext = {},
                          const poplar::OptionFlags &options = {});

} // namespace ln
} // namespace popnn

#endif // popnn_LayerNorm_hpp
