// popnn losses and accuracy from popops: a one-hot encoding of the labels,
// one fused map per element-wise step, and popops::reduce over rows.
#include <popnn/Loss.hpp>

#include <popops/Cast.hpp>
#include <popops/ElementWise.hpp>
#include <popops/Encoding.hpp>
#include <popops/Expr.hpp>
#include <popops/Reduce.hpp>
#include <popops/SortOrder.hpp>
#include <popops/TopK.hpp>
#include <poputil/TileMapping.hpp>
#include <poputil/exceptions.hpp>

#include <optional>

using namespace poplar;
using namespace poplar::program;
namespace pe = popops::expr;

namespace popnn {

namespace {

std::string operationName(const DebugContext &debugContext,
                          const std::string &operation) {
  const std::string path = debugContext.getPathName();
  return path.empty() ? operation : operation + " (" + path + ")";
}

void checkOutputs(const Tensor &modelOutputs, const std::string &name) {
  if (modelOutputs.rank() != 2 || modelOutputs.numElements() == 0)
    throw poputil::poplibs_error(
        name +
        ": the model outputs must be a non-empty 2-D tensor "
        "[batch][classes], but their shape is " +
        modelOutputs.shapeToString());
  if (modelOutputs.elementType() != FLOAT && modelOutputs.elementType() != HALF)
    throw poputil::poplibs_error(name +
                                 ": the model outputs must be FLOAT or "
                                 "HALF, not " +
                                 modelOutputs.elementType().toString());
}

void checkLabels(const Tensor &modelOutputs, const Tensor &expected,
                 const std::string &name) {
  if (expected.elementType() != UNSIGNED_INT && expected.elementType() != INT)
    throw poputil::poplibs_error(
        name +
        ": the expected labels must be UNSIGNED_INT or INT class "
        "indices, not " +
        expected.elementType().toString());
  if (expected.rank() != 1 || expected.dim(0) != modelOutputs.dim(0))
    throw poputil::poplibs_error(
        name + ": the expected labels must have shape {" +
        std::to_string(modelOutputs.dim(0)) +
        "} (one per row of the model outputs " + modelOutputs.shapeToString() +
        "), but their shape is " + expected.shapeToString());
}

std::string shapeString(const std::vector<std::size_t> &shape) {
  std::string s = "{";
  for (std::size_t i = 0; i < shape.size(); ++i)
    s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "}";
}

void checkShape(const Tensor &t, const std::vector<std::size_t> &shape,
                const Type &type, const std::string &what,
                const std::string &name) {
  if (t.shape() != shape)
    throw poputil::poplibs_error(name + ": " + what + " has shape " +
                                 t.shapeToString() + " but must have shape " +
                                 shapeString(shape));
  if (t.elementType() != type)
    throw poputil::poplibs_error(name + ": " + what + " has type " +
                                 t.elementType().toString() +
                                 " but must have type " + type.toString());
}

// A single-element scaling tensor as a scalar of `type`.
Tensor scalarOf(Graph &graph, const Tensor &t, const Type &type,
                const std::string &what, Sequence &prog, const DebugContext &dc,
                const std::string &name) {
  if (t.numElements() != 1 ||
      (t.elementType() != FLOAT && t.elementType() != HALF))
    throw poputil::poplibs_error(name + ": " + what +
                                 " must be a single FLOAT or HALF element, "
                                 "but it has shape " +
                                 t.shapeToString() + " and type " +
                                 t.elementType().toString());
  const Tensor scalar = t.reshape({});
  return scalar.elementType() == type
             ? scalar
             : popops::cast(graph, scalar, type, prog, {dc, what});
}

// 1 for rows with a real label, 0 for masked ones, of the outputs' type.
Tensor rowWeights(Graph &graph, const Tensor &expected, const Type &type,
                  Sequence &prog, const DebugContext &dc) {
  using namespace pe;
  return popops::map(
      graph,
      Cast(NotEqual(Cast(_1, UNSIGNED_INT), Const(unsigned(MASKED_LABEL_CODE))),
           type),
      {expected}, prog, {dc, "mask"});
}

Program lossProgram(Graph &graph, const Tensor &modelOutputs,
                    const Tensor &expected, const Tensor &loss,
                    const Tensor &deltas, const std::optional<Tensor> &dScale,
                    const std::optional<Tensor> &outScale, LossType lossType,
                    const DebugContext &debugContext) {
  using namespace pe;
  const std::string name = operationName(debugContext, "popnn::calcLoss");
  checkOutputs(modelOutputs, name);
  checkLabels(modelOutputs, expected, name);
  const Type type = modelOutputs.elementType();
  checkShape(loss, {modelOutputs.dim(0)}, type, "the loss", name);
  checkShape(deltas, modelOutputs.shape(), type, "the deltas", name);
  if (lossType != SUM_SQUARED_LOSS && lossType != CROSS_ENTROPY_LOSS)
    throw poputil::poplibs_error(name + ": unknown LossType value " +
                                 std::to_string(int(lossType)));
  if (dScale && lossType != CROSS_ENTROPY_LOSS)
    throw poputil::poplibs_error(
        name + ": deltasScale and modelOutputScaling are only for "
               "CROSS_ENTROPY_LOSS; use the overload without them");

  Sequence prog;
  const DebugContext dc{debugContext, "Loss"};
  Tensor oneHot = graph.clone(type, modelOutputs, {dc, "oneHot"});
  popops::encodeOneHot(graph, expected, oneHot, prog, {dc, "oneHot"});
  const Tensor weight = rowWeights(graph, expected, type, prog, dc).expand({1});

  Tensor perElement;
  if (lossType == SUM_SQUARED_LOSS) {
    popops::mapWithOutput(graph, (_1 - _2) * _3, {modelOutputs, oneHot, weight},
                          deltas, prog, {dc, "deltas"});
    perElement = popops::map(graph, Const(0.5f) * _1 * _1, {deltas}, prog,
                             {dc, "squares"});
  } else {
    const Tensor one = graph.addConstant(type, {}, 1.0f, {dc, "one"});
    graph.setTileMapping(one, 0);
    const Tensor ds =
        dScale ? scalarOf(graph, *dScale, type, "deltasScale", prog, dc, name)
               : one;
    const Tensor os = outScale ? scalarOf(graph, *outScale, type,
                                          "modelOutputScaling", prog, dc, name)
                               : one;
    popops::mapWithOutput(graph, (_1 - _2 * _4) * (_5 / _4) * _3,
                          {modelOutputs, oneHot, weight, os, ds}, deltas, prog,
                          {dc, "deltas"});
    const float eps = type == HALF ? EPS_LOG_N_HALF : EPS_LOG_N_FLOAT;
    perElement =
        popops::map(graph, Neg(_2) * (Log(Max(_1, Const(eps))) - Log(_3)),
                    {modelOutputs, oneHot, os}, prog, {dc, "logs"});
  }
  popops::reduceWithOutput(graph, perElement, loss, {1}, popops::Operation::ADD,
                           prog, {dc, "sum"});
  return prog;
}

// The first column of each row of `input` where it equals the row's
// extreme (`op` MAX or MIN), with the extremes.
std::pair<Tensor, Tensor> extremeAndIndex(Graph &graph, const Tensor &input,
                                          popops::Operation op, Sequence &prog,
                                          const DebugContext &debugContext,
                                          const std::string &name) {
  using namespace pe;
  if (input.rank() != 2 || input.numElements() == 0)
    throw poputil::poplibs_error(name +
                                 ": the input must be a non-empty 2-D "
                                 "tensor [rows][columns], but its shape is " +
                                 input.shapeToString());
  const Type type = input.elementType();
  if (type != FLOAT && type != HALF && type != INT && type != UNSIGNED_INT)
    throw poputil::poplibs_error(name +
                                 ": the input must be FLOAT, HALF, INT "
                                 "or UNSIGNED_INT, not " +
                                 type.toString());
  const DebugContext dc{debugContext, "ArgExtreme"};
  const Tensor extreme = popops::reduce(graph, input, {1}, op, prog, dc);
  const std::size_t columns = input.dim(1);
  // The columns are INT, not UNSIGNED_INT, until the end: popops::map
  // cannot yet produce UNSIGNED_INT results (its generated vertex spells the
  // conversion `unsigned int(...)`, which is not C++).
  Tensor column = graph.addVariable(INT, {columns}, {dc, "columns"});
  poputil::mapTensorLinearly(graph, column);
  popops::iota(graph, column, 0, prog, {dc, "columns"});
  // Columns not at the extreme become `columns`, so the minimum is the
  // first column at the extreme.
  const Tensor candidates = popops::map(
      graph, Select(_3, Const(int(columns)), Equal(_1, _2)),
      {input, extreme.expand({1}), column.expand({0})}, prog, {dc, "select"});
  const Tensor index =
      popops::reduce(graph, candidates, {1}, popops::Operation::MIN, prog, dc);
  return {extreme, popops::cast(graph, index, UNSIGNED_INT, prog, dc)};
}

} // namespace

Program calcLoss(Graph &graph, const Tensor &modelOutputs,
                 const Tensor &expected, const Tensor &loss,
                 const Tensor &deltas, const Tensor &deltasScale,
                 const Tensor &modelOutputScaling, LossType lossType,
                 const DebugContext &debugContext) {
  return lossProgram(graph, modelOutputs, expected, loss, deltas, deltasScale,
                     modelOutputScaling, lossType, debugContext);
}

Program calcLoss(Graph &graph, const Tensor &modelOutputs,
                 const Tensor &expected, const Tensor &loss,
                 const Tensor &deltas, LossType lossType,
                 const DebugContext &debugContext) {
  return lossProgram(graph, modelOutputs, expected, loss, deltas, std::nullopt,
                     std::nullopt, lossType, debugContext);
}

Program calcLoss(Graph &graph, const Tensor &modelOutputs,
                 const Tensor &expected, const Tensor &loss,
                 const Tensor &deltas, const Tensor &deltasScale,
                 const Tensor &modelOutputScaling, const Tensor &numCorrect,
                 LossType lossType, const DebugContext &debugContext) {
  Sequence prog;
  prog.add(calcLoss(graph, modelOutputs, expected, loss, deltas, deltasScale,
                    modelOutputScaling, lossType, debugContext));
  prog.add(
      calcAccuracy(graph, modelOutputs, expected, numCorrect, debugContext));
  return prog;
}

Program calcLoss(Graph &graph, const Tensor &modelOutputs,
                 const Tensor &expected, const Tensor &loss,
                 const Tensor &deltas, const Tensor &numCorrect,
                 LossType lossType, const DebugContext &debugContext) {
  Sequence prog;
  prog.add(calcLoss(graph, modelOutputs, expected, loss, deltas, lossType,
                    debugContext));
  prog.add(
      calcAccuracy(graph, modelOutputs, expected, numCorrect, debugContext));
  return prog;
}

Program calcAccuracy(Graph &graph, const Tensor &modelOutputs,
                     const Tensor &expected, const Tensor &numCorrect,
                     const DebugContext &debugContext) {
  using namespace pe;
  const std::string name = operationName(debugContext, "popnn::calcAccuracy");
  checkOutputs(modelOutputs, name);
  checkLabels(modelOutputs, expected, name);
  if (numCorrect.numElements() != 1 || numCorrect.elementType() != UNSIGNED_INT)
    throw poputil::poplibs_error(
        name +
        ": numCorrect must be a single UNSIGNED_INT element, but it "
        "has shape " +
        numCorrect.shapeToString() + " and type " +
        numCorrect.elementType().toString());
  Sequence prog;
  const DebugContext dc{debugContext, "Accuracy"};
  const Tensor index = extremeAndIndex(graph, modelOutputs,
                                       popops::Operation::MAX, prog, dc, name)
                           .second;
  // A masked label (-1 as INT) never equals a column. INT rather than
  // UNSIGNED_INT map results, as in extremeAndIndex.
  const Tensor correct =
      popops::map(graph, Cast(Equal(Cast(_1, INT), Cast(_2, INT)), INT),
                  {index, expected}, prog, {dc, "correct"});
  const Tensor count = popops::reduce(
      graph, correct, {0}, popops::Operation::ADD, prog, {dc, "count"});
  popops::cast(graph, count, numCorrect.reshape({}), prog, {dc, "count"});
  return prog;
}

Tensor argMax(Graph &graph, const Tensor &input, Sequence &prog,
              const DebugContext &debugContext) {
  return maxAndArgMax(graph, input, prog, debugContext).second;
}

std::pair<Tensor, Tensor> maxAndArgMax(Graph &graph, const Tensor &input,
                                       Sequence &prog,
                                       const DebugContext &debugContext) {
  return extremeAndIndex(graph, input, popops::Operation::MAX, prog,
                         debugContext,
                         operationName(debugContext, "popnn::maxAndArgMax"));
}

Tensor argMin(Graph &graph, const Tensor &input, Sequence &prog,
              const DebugContext &debugContext) {
  return minAndArgMin(graph, input, prog, debugContext).second;
}

std::pair<Tensor, Tensor> minAndArgMin(Graph &graph, const Tensor &input,
                                       Sequence &prog,
                                       const DebugContext &debugContext) {
  return extremeAndIndex(graph, input, popops::Operation::MIN, prog,
                         debugContext,
                         operationName(debugContext, "popnn::minAndArgMin"));
}

Tensor topK(Graph &graph, const Tensor &input, Tensor &indices, unsigned K,
            bool sort, Sequence &prog, const DebugContext &debugContext) {
  const std::string name = operationName(debugContext, "popnn::topK");
  if (input.rank() != 2 || K == 0 || K > input.dim(1))
    throw poputil::poplibs_error(
        name +
        ": the input must be 2-D [batch][values] with K between 1 and "
        "its number of values, but its shape is " +
        input.shapeToString() + " and K is " + std::to_string(K));
  const popops::TopKParams params(
      K, true, sort ? popops::SortOrder::DESCENDING : popops::SortOrder::NONE);
  auto [values, permutation] = popops::topKWithPermutation(
      graph, prog, input, params, {debugContext, "TopK"});
  indices = permutation;
  return values;
}

} // namespace popnn
