// poplin convolution: tensors laid out for a convolution, the forward pass,
// the input gradient (transposeAndFlipWeights with getGradientParams), weight
// deltas and updates, biases; operation counts and the cycles at the
// accumulating matrix product units' peak rate; and the planning cache
// convolutions and matrix products share.
//
// Layouts, as in Poplar: activations {batch, convGroups * channels, field...},
// weights {convGroups, outChansPerGroup, inChansPerGroup, kernel...}, biases
// {convGroups * outChansPerGroup}. Each convolution is computed as grouped
// matrix products of the weights with a gathered view of the input (one
// column per output position and batch element), planned by matMul's planner;
// reportPlanInfo prints that plan. Options are matMul's
// (availableMemoryProportion, partialsType, pass and the compatibility
// flags; poplin/MatMul.hpp lists them).
#ifndef POPLIN_CONVOLUTION_HPP
#define POPLIN_CONVOLUTION_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/OptionFlags.hpp>
#include <poplar/Program.hpp>
#include <poplin/ConvParams.hpp>

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <set>
#include <tuple>

namespace poplin {

class PlanningCacheImpl;

/// Remembers the plans chosen for convolution and matrix-product shapes, so
/// planning the same shape again (for another layer, or the backward pass)
/// is free. One cache may serve any number of graphs and targets.
class PlanningCache {
public:
  PlanningCache();
  ~PlanningCache();
  PlanningCache(const PlanningCache &) = delete;
  PlanningCache &operator=(const PlanningCache &) = delete;
  /// The number of plans held.
  std::size_t size() const;
  std::unique_ptr<PlanningCacheImpl> impl;
};

/// 2 × the multiply-accumulates of the forward pass that meet a real input
/// element and a real kernel element (padding and dilation zeros, and
/// outputs removed by truncation or stride, do no work). Validates `params`.
uint64_t getFwdFlops(const ConvParams &params);

/// getFwdFlops over the peak rate of all the graph's tiles: each tile's
/// conv units (getNumConvUnits for the input type with FLOAT partials) each
/// take getConvUnitInputLoadElemsPerCycle elements a cycle.
double getFwdPerfectCycleCount(const poplar::Graph &graph,
                               const ConvParams &params);

/// Input activations {batch, inputChannels, field...} for `params`, spread
/// over the tiles.
poplar::Tensor createInput(poplar::Graph &graph, const ConvParams &params,
                           const poplar::DebugContext &debugContext,
                           const poplar::OptionFlags &options = {},
                           PlanningCache *cache = nullptr);

/// Weights {convGroups, outChansPerGroup, inChansPerGroup, kernel...} laid
/// out as the convolution's matrix product reads them.
poplar::Tensor createWeights(poplar::Graph &graph, const ConvParams &params,
                             const poplar::DebugContext &debugContext,
                             const poplar::OptionFlags &options = {},
                             PlanningCache *cache = nullptr);

/// Output activations {batch, outputChannels, outputField...} laid out as
/// convolution() writes them.
poplar::Tensor createConvOutput(poplar::Graph &graph, const ConvParams &params,
                                const poplar::DebugContext &debugContext,
                                const poplar::OptionFlags &options = {},
                                PlanningCache *cache = nullptr);

/// Biases {channels} for activations `acts` {batch, channels, field...}.
poplar::Tensor createBiases(poplar::Graph &graph, const poplar::Tensor &acts,
                            const poplar::DebugContext &debugContext = {
                                "biases"});

poplar::Tensor createBiases(
    poplar::Graph &graph, const poplar::Tensor &acts, const ConvParams &params,
    const poplar::DebugContext &debugContext = {"biases"},
    const poplar::OptionFlags &options = {}, PlanningCache *cache = nullptr);

/// The convolution of `in` with `weights` as `params` describes. With
/// transposeAndFlipWeights the weights are given as the forward pass's
/// {convGroups, inChansPerGroup, outChansPerGroup, kernel...} and used with
/// the channels swapped and every kernel dimension reversed: the input
/// gradient is convolution(zDeltas, fwdWeights, getGradientParams(fwd), true).
poplar::Tensor convolution(poplar::Graph &graph, const poplar::Tensor &in,
                           const poplar::Tensor &weights,
                           const ConvParams &params,
                           bool transposeAndFlipWeights,
                           poplar::program::Sequence &prog,
                           const poplar::DebugContext &debugContext = {},
                           const poplar::OptionFlags &options = {},
                           PlanningCache *cache = nullptr);

void convolutionWithOutput(poplar::Graph &graph, const poplar::Tensor &in,
                           const poplar::Tensor &weights,
                           const poplar::Tensor &out, const ConvParams &params,
                           bool transposeAndFlipWeights,
                           poplar::program::Sequence &prog,
                           const poplar::DebugContext &debugContext = {},
                           const poplar::OptionFlags &options = {},
                           PlanningCache *cache = nullptr);

/// Copies weightsIn {G, A, B, kernel...} into weightsOut {G, B, A, kernel...}
/// with every kernel dimension reversed.
void weightsTransposeChansFlipXY(poplar::Graph &graph,
                                 const poplar::Tensor &weightsIn,
                                 const poplar::Tensor &weightsOut,
                                 poplar::program::Sequence &prog,
                                 const poplar::DebugContext &debugContext = {});

/// d loss / d weights of the forward convolution `params`, from the output
/// gradient zDeltas and the forward input activations.
poplar::Tensor
calculateWeightDeltas(poplar::Graph &graph, const poplar::Tensor &zDeltas,
                      const poplar::Tensor &activations,
                      const ConvParams &params, poplar::program::Sequence &prog,
                      const poplar::DebugContext &debugContext = {},
                      const poplar::OptionFlags &options = {},
                      PlanningCache *cache = nullptr);

/// weights += scale * calculateWeightDeltas(...).
void convolutionWeightUpdate(poplar::Graph &graph,
                             const poplar::Tensor &zDeltas,
                             const poplar::Tensor &weights,
                             const poplar::Tensor &activations,
                             ConvParams params, const poplar::Tensor &scale,
                             poplar::program::Sequence &prog,
                             const poplar::DebugContext &debugContext = {},
                             const poplar::OptionFlags &options = {},
                             PlanningCache *cache = nullptr);

void convolutionWeightUpdate(
    poplar::Graph &graph, const poplar::Tensor &zDeltas,
    const poplar::Tensor &weights, const poplar::Tensor &activations,
    ConvParams params, float scale, poplar::program::Sequence &prog,
    const poplar::DebugContext &debugContext = {},
    const poplar::OptionFlags &options = {}, PlanningCache *cache = nullptr);

/// biases += scale * (zDeltas summed over batch and field).
void convolutionBiasUpdate(poplar::Graph &graph, const poplar::Tensor &zDeltas,
                           const poplar::Tensor &biases,
                           const poplar::Tensor &scale,
                           const poplar::OptionFlags &options,
                           poplar::program::Sequence &prog,
                           const poplar::DebugContext &debugContext = {});

void convolutionBiasUpdate(poplar::Graph &graph, const poplar::Tensor &zDeltas,
                           const poplar::Tensor &biases, float scale,
                           const poplar::OptionFlags &options,
                           poplar::program::Sequence &prog,
                           const poplar::DebugContext &debugContext = {});

/// acts += biases, broadcast over batch and field.
void addBias(poplar::Graph &graph, const poplar::Tensor &acts,
             const poplar::Tensor &biases, poplar::program::Sequence &prog,
             const poplar::DebugContext &debugContext = {});

/// The plan convolution() would use, printed.
void reportPlanInfo(std::ostream &out, const poplar::Graph &graph,
                    const ConvParams &params,
                    const poplar::OptionFlags &options = {},
                    PlanningCache *cache = nullptr);

/// The parameters of the convolution that computes the input gradient of
/// `params` (with transposeAndFlipWeights), for every input, kernel and
/// output transform: its output has the forward input's shape.
ConvParams getGradientParams(const ConvParams &params);

/// A convolution to plan ahead: its target, parameters and options.
using ConvPlanParams = std::tuple<const poplar::Target *, const ConvParams,
                                  const poplar::OptionFlags *>;

/// Plans every convolution in `convs` into `cache`.
void preplanConvolutions(const std::set<ConvPlanParams> &convs,
                         PlanningCache &cache);

} // namespace poplin

#endif
