// popnn non-linearities: element-wise activations, softmax over the
// innermost dimension, and the gradients at their inputs.
#ifndef POPNN_NONLINEARITY_HPP
#define POPNN_NONLINEARITY_HPP

#include <popnn/NonLinearityDef.hpp>

#ifndef __POPC__
#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>

namespace popnn {

/// Applies `nonLinearityType` to `t` (FLOAT or HALF) in place. The softmax
/// kinds work over the innermost dimension.
void nonLinearityInPlace(poplar::Graph &graph,
                         NonLinearityType nonLinearityType, poplar::Tensor t,
                         poplar::program::Sequence &prog,
                         const poplar::DebugContext &debugContext = {});

/// As above, with the vertices added to `cs` for the caller to execute
/// (popnn vertices; needs popnn::addCodelets). Not for the softmax kinds,
/// which need several compute sets.
void nonLinearityInPlace(poplar::Graph &graph,
                         NonLinearityType nonLinearityType, poplar::Tensor t,
                         poplar::ComputeSet &cs,
                         const poplar::DebugContext &debugContext = {});

/// As above, also setting `nonLinearityScaling` to the factor the results
/// are multiplied by (62000 for SOFTMAX_SCALED, else 1).
void nonLinearityInPlace(poplar::Graph &graph,
                         NonLinearityType nonLinearityType, poplar::Tensor t,
                         float &nonLinearityScaling,
                         poplar::program::Sequence &prog,
                         const poplar::DebugContext &debugContext = {});

void nonLinearityInPlace(poplar::Graph &graph,
                         NonLinearityType nonLinearityType, poplar::Tensor t,
                         float &nonLinearityScaling, poplar::ComputeSet &cs,
                         const poplar::DebugContext &debugContext = {});

/// A new tensor: `nonLinearityType` applied to `t`.
poplar::Tensor nonLinearity(poplar::Graph &graph,
                            NonLinearityType nonLinearityType, poplar::Tensor t,
                            poplar::program::Sequence &prog,
                            const poplar::DebugContext &debugContext = {});

poplar::Tensor nonLinearity(poplar::Graph &graph,
                            NonLinearityType nonLinearityType, poplar::Tensor t,
                            float &nonLinearityScaling,
                            poplar::program::Sequence &prog,
                            const poplar::DebugContext &debugContext = {});

#define POPNN_NONLINEARITY_SHORTCUTS(fn, type)                                 \
  inline void fn##InPlace(poplar::Graph &graph, poplar::Tensor t,              \
                          poplar::program::Sequence &prog,                     \
                          const poplar::DebugContext &debugContext = {}) {     \
    nonLinearityInPlace(graph, type, t, prog, debugContext);                   \
  }                                                                            \
  inline void fn##InPlace(poplar::Graph &graph, poplar::Tensor t,              \
                          float &nonLinearityScaling,                          \
                          poplar::program::Sequence &prog,                     \
                          const poplar::DebugContext &debugContext = {}) {     \
    nonLinearityInPlace(graph, type, t, nonLinearityScaling, prog,             \
                        debugContext);                                         \
  }                                                                            \
  inline poplar::Tensor fn(poplar::Graph &graph, poplar::Tensor t,             \
                           poplar::program::Sequence &prog,                    \
                           const poplar::DebugContext &debugContext = {}) {    \
    return nonLinearity(graph, type, t, prog, debugContext);                   \
  }                                                                            \
  inline poplar::Tensor fn(poplar::Graph &graph, poplar::Tensor t,             \
                           float &nonLinearityScaling,                         \
                           poplar::program::Sequence &prog,                    \
                           const poplar::DebugContext &debugContext = {}) {    \
    return nonLinearity(graph, type, t, nonLinearityScaling, prog,             \
                        debugContext);                                         \
  }

POPNN_NONLINEARITY_SHORTCUTS(sigmoid, NonLinearityType::SIGMOID)
POPNN_NONLINEARITY_SHORTCUTS(relu, NonLinearityType::RELU)
POPNN_NONLINEARITY_SHORTCUTS(tanh, NonLinearityType::TANH)
POPNN_NONLINEARITY_SHORTCUTS(gelu, NonLinearityType::GELU)
POPNN_NONLINEARITY_SHORTCUTS(softmax, NonLinearityType::SOFTMAX)
POPNN_NONLINEARITY_SHORTCUTS(softmaxStable, NonLinearityType::SOFTMAX_STABLE)
POPNN_NONLINEARITY_SHORTCUTS(scaledSoftmaxStable,
                             NonLinearityType::SOFTMAX_SCALED)

#undef POPNN_NONLINEARITY_SHORTCUTS

/// The gradient at the non-linearity's input, given `act` and the gradient
/// at its output. `act` is the non-linearity's output, except for GELU,
/// GELU_ERF, SWISH and HARD_SIGMOID, whose derivative needs the input: pass
/// the input there.
poplar::Tensor
nonLinearityInputGradient(poplar::Graph &graph,
                          NonLinearityType nonLinearityType, poplar::Tensor act,
                          poplar::Tensor outGradient, poplar::ComputeSet &cs,
                          const poplar::DebugContext &debugContext = {});

poplar::Tensor nonLinearityInputGradient(
    poplar::Graph &graph, NonLinearityType nonLinearityType, poplar::Tensor act,
    poplar::Tensor outGradient, poplar::program::Sequence &prog,
    const poplar::DebugContext &debugContext = {});

} // namespace popnn

#endif // !__POPC__

#endif
