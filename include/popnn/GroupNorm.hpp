// popnn group normalisation of activations [N][C][..F..] (channels in
// dimension 1): the channels are split into numGroups groups and each
// (batch element, group) has its own statistics, so mean and inverse
// standard deviation are {N * numGroups}, element n * numGroups + g. gamma
// and beta stay per channel, {C}.
//
// Options (poplar::OptionFlags), as Poplar names them:
//   groupNormStridedChannelGrouping  "true" (default): group g holds the
//                     channels c with c % numGroups == g; "false": group g
//                     holds channels [g * C / numGroups, (g + 1) * C /
//                     numGroups)
// Any other option or value is poplar::invalid_option. Bad shapes or types,
// or a group count that does not divide the channels, throw
// poputil::poplibs_error naming the function, the tensor and its shape.
#ifndef popnn_GroupNorm_hpp
#define popnn_GroupNorm_hpp

#include <poplar/DebugContext.hpp>
#include <poplar/OptionFlags.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

#include <utility>

namespace popnn {
namespace gn {

/// The {C} gamma and beta parameters for `acts` (as poplin::createNormGamma,
/// createNormBeta and createNormParams).
poplar::Tensor
createGroupNormGamma(poplar::Graph &graph, const poplar::Tensor &acts,
                     const poplar::DebugContext &debugContext = {});
poplar::Tensor
createGroupNormBeta(poplar::Graph &graph, const poplar::Tensor &acts,
                    const poplar::DebugContext &debugContext = {});
std::pair<poplar::Tensor, poplar::Tensor>
createGroupNormParams(poplar::Graph &graph, const poplar::Tensor &acts,
                      const poplar::DebugContext &debugContext = {});

/// Mean and inverse standard deviation 1/sqrt(var + eps), each
/// {N * numGroups}. `stableAlgo` subtracts the mean before squaring;
/// `unbiasedVarEstimate` divides by n − 1.
std::pair<poplar::Tensor, poplar::Tensor>
groupNormStatistics(poplar::Graph &graph, const poplar::Tensor acts, float eps,
                    poplar::program::Sequence &prog, unsigned numGroups,
                    bool unbiasedVarEstimate, bool stableAlgo = false,
                    const poplar::Type &partialsType = poplar::FLOAT,
                    const poplar::DebugContext &debugContext = {},
                    const poplar::OptionFlags &options = {});

/// (acts − mean) · invStdDev per (batch element, group).
poplar::Tensor groupNormWhiten(poplar::Graph &graph, const poplar::Tensor &acts,
                               const poplar::Tensor &mean,
                               const poplar::Tensor &invStdDev,
                               poplar::program::Sequence &prog,
                               const poplar::DebugContext &debugContext = {},
                               const poplar::OptionFlags &options = {});

/// (normalised, whitened): whitened · gamma + beta per channel, and the
/// whitened activations.
std::pair<poplar::Tensor, poplar::Tensor>
groupNormalise(poplar::Graph &graph, const poplar::Tensor &acts,
               const poplar::Tensor &gamma, const poplar::Tensor &beta,
               const poplar::Tensor &mean, const poplar::Tensor &invStdDev,
               poplar::program::Sequence &prog,
               const poplar::DebugContext &debugContext = {},
               const poplar::OptionFlags &options = {});

/// (gammaDelta, betaDelta), each {C}, from the forward activations.
std::pair<poplar::Tensor, poplar::Tensor> groupNormParamGradients(
    poplar::Graph &graph, const poplar::Tensor &acts,
    const poplar::Tensor &gradsIn, const poplar::Tensor &mean,
    const poplar::Tensor &iStdDev, poplar::program::Sequence &prog,
    const poplar::Type &partialsType = poplar::FLOAT,
    const poplar::DebugContext &debugContext = {},
    const poplar::OptionFlags &options = {});

/// (gammaDelta, betaDelta) from the whitened activations.
std::pair<poplar::Tensor, poplar::Tensor> groupNormParamGradients(
    poplar::Graph &graph, const poplar::Tensor &actsWhitened,
    const poplar::Tensor &gradsIn, poplar::program::Sequence &prog,
    const poplar::Type &partialsType = poplar::FLOAT,
    const poplar::DebugContext &debugContext = {},
    const poplar::OptionFlags &options = {});

/// The gradient with respect to the layer's input, through gamma, the
/// whitening and the statistics, from the forward activations.
poplar::Tensor
groupNormGradients(poplar::Graph &graph, const poplar::Tensor &acts,
                   const poplar::Tensor &gradsIn, const poplar::Tensor &mean,
                   const poplar::Tensor &invStdDev, const poplar::Tensor &gamma,
                   poplar::program::Sequence &prog,
                   const poplar::Type &partialsType = poplar::FLOAT,
                   const poplar::DebugContext &debugContext = {},
                   const poplar::OptionFlags &options = {});

/// As above, from the whitened activations.
poplar::Tensor
groupNormGradients(poplar::Graph &graph, const poplar::Tensor &actsWhitened,
                   const poplar::Tensor &gradsIn,
                   const poplar::Tensor &invStdDev, const poplar::Tensor &gamma,
                   poplar::program::Sequence &prog,
                   const poplar::Type &partialsType = poplar::FLOAT,
                   const poplar::DebugContext &debugContext = {},
                   const poplar::OptionFlags &options = {});

/// gamma += scale · gammaDelta and beta += scale · betaDelta.
void groupNormParamUpdate(poplar::Graph &graph,
                          const poplar::Tensor &gammaDelta,
                          const poplar::Tensor &betaDelta, float scale,
                          poplar::Tensor &gamma, poplar::Tensor &beta,
                          poplar::program::Sequence &prog,
                          const poplar::DebugContext &debugContext = {},
                          const poplar::OptionFlags &options = {});

/// As above with a one-element FLOAT or HALF scale tensor.
void groupNormParamUpdate(poplar::Graph &graph,
                          const poplar::Tensor &gammaDelta,
                          const poplar::Tensor &betaDelta,
                          const poplar::Tensor &scale, poplar::Tensor &gamma,
                          poplar::Tensor &beta, poplar::program::Sequence &prog,
                          const poplar::DebugContext &debugContext = {},
                          const poplar::OptionFlags &options = {});

} // namespace gn
} // namespace popnn

#endif // popnn_GroupNorm_hpp
