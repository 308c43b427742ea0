// popnn losses: sum-squared and cross-entropy loss with their gradients,
// classification accuracy, and arg-max/arg-min/top-k over rows.
#ifndef POPNN_LOSS_HPP
#define POPNN_LOSS_HPP

namespace popnn {

// A fixed underlying type, so that a value cast from an integer outside the
// enumerators is well defined and calcLoss can refuse it by name.
enum LossType : int { SUM_SQUARED_LOSS, CROSS_ENTROPY_LOSS };

} // namespace popnn

#ifndef __POPC__
#include <popops/EncodingConstants.hpp>

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

#include <utility>

namespace popnn {

/// Loss and gradient of `modelOutputs` ([batch][classes], FLOAT or HALF)
/// against the class indices `expected` ([batch], UNSIGNED_INT or INT).
/// Writes the loss of each row to `loss` ([batch]) and d loss / d output to
/// `deltas` ([batch][classes]), both of the outputs' type. A row labelled
/// MASKED_LABEL_CODE gets loss 0 and deltas 0.
///   SUM_SQUARED_LOSS:   deltas = y - onehot, loss = sum(deltas^2) / 2.
///   CROSS_ENTROPY_LOSS: with the outputs probabilities scaled by
///     modelOutputScaling (1 unless given; SOFTMAX_SCALED's scaling),
///     deltas = (y - onehot * scaling) * deltasScale / scaling and
///     loss = -log(y[label] / scaling). The scaling tensors are
///     single-element FLOAT or HALF tensors, only for CROSS_ENTROPY_LOSS.
poplar::program::Program
calcLoss(poplar::Graph &graph, const poplar::Tensor &modelOutputs,
         const poplar::Tensor &expected, const poplar::Tensor &loss,
         const poplar::Tensor &deltas, const poplar::Tensor &deltasScale,
         const poplar::Tensor &modelOutputScaling, LossType lossType,
         const poplar::DebugContext &debugContext = {});

poplar::program::Program
calcLoss(poplar::Graph &graph, const poplar::Tensor &modelOutputs,
         const poplar::Tensor &expected, const poplar::Tensor &loss,
         const poplar::Tensor &deltas, LossType lossType,
         const poplar::DebugContext &debugContext = {});

/// calcLoss and calcAccuracy together.
poplar::program::Program
calcLoss(poplar::Graph &graph, const poplar::Tensor &modelOutputs,
         const poplar::Tensor &expected, const poplar::Tensor &loss,
         const poplar::Tensor &deltas, const poplar::Tensor &deltasScale,
         const poplar::Tensor &modelOutputScaling,
         const poplar::Tensor &numCorrect, LossType lossType,
         const poplar::DebugContext &debugContext = {});

poplar::program::Program
calcLoss(poplar::Graph &graph, const poplar::Tensor &modelOutputs,
         const poplar::Tensor &expected, const poplar::Tensor &loss,
         const poplar::Tensor &deltas, const poplar::Tensor &numCorrect,
         LossType lossType, const poplar::DebugContext &debugContext = {});

/// Writes to `numCorrect` (one UNSIGNED_INT element) how many rows of
/// `modelOutputs` have their first largest element at the column `expected`
/// names; masked rows never count.
poplar::program::Program
calcAccuracy(poplar::Graph &graph, const poplar::Tensor &modelOutputs,
             const poplar::Tensor &expected, const poplar::Tensor &numCorrect,
             const poplar::DebugContext &debugContext = {});

/// The UNSIGNED_INT column of the first largest element of each row of the
/// 2-D `input` (FLOAT, HALF, INT or UNSIGNED_INT).
poplar::Tensor argMax(poplar::Graph &graph, const poplar::Tensor &input,
                      poplar::program::Sequence &prog,
                      const poplar::DebugContext &debugContext = {});

/// Each row's largest element (input's type) and argMax.
std::pair<poplar::Tensor, poplar::Tensor>
maxAndArgMax(poplar::Graph &graph, const poplar::Tensor &input,
             poplar::program::Sequence &prog,
             const poplar::DebugContext &debugContext = {});

/// As argMax, for the first smallest element.
poplar::Tensor argMin(poplar::Graph &graph, const poplar::Tensor &input,
                      poplar::program::Sequence &prog,
                      const poplar::DebugContext &debugContext = {});

std::pair<poplar::Tensor, poplar::Tensor>
minAndArgMin(poplar::Graph &graph, const poplar::Tensor &input,
             poplar::program::Sequence &prog,
             const poplar::DebugContext &debugContext = {});

/// The K largest elements of each row of the 2-D `input` ([batch][K]), in
/// descending order when `sort` (else in an unspecified order); `indices` is
/// set to their UNSIGNED_INT columns.
poplar::Tensor topK(poplar::Graph &graph, const poplar::Tensor &input,
                    poplar::Tensor &indices, unsigned K, bool sort,
                    poplar::program::Sequence &prog,
                    const poplar::DebugContext &debugContext = {});

} // namespace popnn

#endif // !__POPC__

#endif
