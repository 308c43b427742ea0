// popnn non-linearities as fused popops maps: each element-wise step (an
// activation, a gradient) is one popops::map, so one compute set; softmax
// adds popops::reduce for the row maximum and the row sum.
#include <popnn/NonLinearity.hpp>

#include "NonLinearityVertices.hpp"

#include <popops/Cast.hpp>
#include <popops/ElementWise.hpp>
#include <popops/Expr.hpp>
#include <popops/Reduce.hpp>
#include <poputil/exceptions.hpp>

#include <cmath>

using namespace poplar;
using namespace poplar::program;
namespace pe = popops::expr;

namespace popnn {

namespace {

// The factor SOFTMAX_SCALED multiplies its results by: close to the largest
// half (65504) so half probabilities keep their precision, with room for
// the rounding of exp(log(scale)).
constexpr float kSoftmaxScaling = 62000.0f;

std::string operationName(const DebugContext &debugContext,
                          const std::string &operation) {
  const std::string path = debugContext.getPathName();
  return path.empty() ? operation : operation + " (" + path + ")";
}

bool isSoftmax(NonLinearityType type) {
  return type == NonLinearityType::SOFTMAX ||
         type == NonLinearityType::SOFTMAX_STABLE ||
         type == NonLinearityType::SOFTMAX_SCALED;
}

void checkFloatingPoint(const Tensor &t, const std::string &what,
                        const std::string &name) {
  if (t.elementType() != FLOAT && t.elementType() != HALF)
    throw poputil::poplibs_error(name + ": " + what +
                                 " must be FLOAT or HALF, "
                                 "not " +
                                 t.elementType().toString());
}

// The element-wise activation of `type` applied to _1.
pe::Any activationOf(NonLinearityType type) {
  using namespace pe;
  const double c = std::sqrt(2.0 / M_PI);
  switch (type) {
  case NonLinearityType::SIGMOID:
    return Sigmoid(_1);
  case NonLinearityType::HARD_SIGMOID:
    return Clamp(Const(0.2f) * _1 + Const(0.5f), Const(0.0f), Const(1.0f));
  case NonLinearityType::RELU:
    return Max(_1, Const(0.0f));
  case NonLinearityType::TANH:
    return Tanh(_1);
  case NonLinearityType::GELU:
    return Const(0.5f) * _1 *
           (Const(1.0f) +
            Tanh(Const(float(c)) * (_1 + Const(0.044715f) * _1 * _1 * _1)));
  case NonLinearityType::GELU_ERF:
    return GeluErf(_1);
  case NonLinearityType::SWISH:
    return _1 * Sigmoid(_1);
  default:
    break;
  }
  throw poputil::poplibs_error("popnn: " + asString(type) +
                               " is not element-wise");
}

// The input gradient of `type` from _1 (the output, or the input where the
// header says so) and _2 (the output gradient).
pe::Any gradientOf(NonLinearityType type) {
  using namespace pe;
  const float c = float(std::sqrt(2.0 / M_PI));
  const float invSqrt2Pi = float(1.0 / std::sqrt(2.0 * M_PI));
  switch (type) {
  case NonLinearityType::SIGMOID:
    return _2 * _1 * (Const(1.0f) - _1);
  case NonLinearityType::HARD_SIGMOID:
    return Select(_2 * Const(0.2f), Const(0.0f), Lt(Abs(_1), Const(2.5f)));
  case NonLinearityType::RELU:
    return Select(_2, Const(0.0f), Gt(_1, Const(0.0f)));
  case NonLinearityType::TANH:
    return _2 * (Const(1.0f) - _1 * _1);
  case NonLinearityType::GELU: {
    // d/dx of 0.5x(1 + tanh(u)), u = c(x + 0.044715x^3).
    const auto t = Tanh(Const(c) * (_1 + Const(0.044715f) * _1 * _1 * _1));
    return _2 * (Const(0.5f) * (Const(1.0f) + t) +
                 Const(0.5f) * _1 * (Const(1.0f) - t * t) * Const(c) *
                     (Const(1.0f) + Const(3.0f * 0.044715f) * _1 * _1));
  }
  case NonLinearityType::GELU_ERF:
    // Phi(x) + x phi(x).
    return _2 *
           (Const(0.5f) * (Const(1.0f) + Erf(_1 * Const(float(M_SQRT1_2)))) +
            _1 * Const(invSqrt2Pi) * Exp(Const(-0.5f) * _1 * _1));
  case NonLinearityType::SWISH:
    return _2 * Sigmoid(_1) * (Const(1.0f) + _1 * (Const(1.0f) - Sigmoid(_1)));
  default:
    break;
  }
  throw poputil::poplibs_error("popnn: " + asString(type) +
                               " is not element-wise");
}

// Softmax over the innermost dimension of `t`, written into `t` when
// `inPlace`, else into a new tensor.
Tensor softmax(Graph &graph, NonLinearityType type, const Tensor &t,
               bool inPlace, Sequence &prog, const DebugContext &dc,
               const std::string &name) {
  using namespace pe;
  if (t.rank() < 1 || t.numElements() == 0)
    throw poputil::poplibs_error(
        name +
        ": softmax needs a tensor of rank 1 or more with elements, but "
        "the shape is " +
        t.shapeToString());
  const Tensor rows =
      t.rank() == 1 ? t.expand({0}) : t.flatten(0, t.rank() - 1);
  const bool stable = type != NonLinearityType::SOFTMAX;
  const float scale =
      type == NonLinearityType::SOFTMAX_SCALED ? kSoftmaxScaling : 1.0f;

  Tensor exps;
  if (stable) {
    const Tensor max = popops::reduce(graph, rows, {1}, popops::Operation::MAX,
                                      prog, {dc, "max"})
                           .expand({1});
    // Shifting by log(scale) makes the scaled exponentials sum to `scale`
    // without a second multiply of every element.
    const Any shifted = scale == 1.0f
                            ? Any(Exp(_1 - _2))
                            : Any(Exp(_1 - _2 + Const(std::log(scale))));
    if (inPlace) {
      popops::mapInPlace(graph, shifted, {rows, max}, prog, {dc, "exp"});
      exps = rows;
    } else {
      exps = popops::map(graph, shifted, {rows, max}, prog, {dc, "exp"});
    }
  } else if (inPlace) {
    popops::mapInPlace(graph, Exp(_1), {rows}, prog, {dc, "exp"});
    exps = rows;
  } else {
    exps = popops::map(graph, Exp(_1), {rows}, prog, {dc, "exp"});
  }
  // The sum in float, so half rows of large values neither overflow nor
  // lose their small terms.
  const Tensor sum = popops::reduce(graph, exps, FLOAT, {1},
                                    popops::Operation::ADD, prog, {dc, "sum"});
  Tensor invSum =
      popops::map(graph, Const(scale) / _1, {sum}, prog, {dc, "invSum"});
  if (t.elementType() == HALF)
    invSum = popops::cast(graph, invSum, HALF, prog, {dc, "invSum"});
  popops::mapInPlace(graph, _1 * _2, {exps, invSum.expand({1})}, prog,
                     {dc, "normalise"});
  return exps.reshape(t.shape());
}

void checkKnown(NonLinearityType type, const std::string &name) {
  if (int(type) < int(NonLinearityType::SIGMOID) ||
      int(type) > int(NonLinearityType::SOFTMAX_SCALED))
    throw poputil::poplibs_error(name + ": unknown NonLinearityType value " +
                                 std::to_string(int(type)));
}

Tensor apply(Graph &graph, NonLinearityType type, const Tensor &t, bool inPlace,
             Sequence &prog, const DebugContext &debugContext,
             const std::string &name) {
  checkFloatingPoint(t, "the tensor", name);
  checkKnown(type, name);
  const DebugContext dc{debugContext, "NonLinearity"};
  if (isSoftmax(type))
    return softmax(graph, type, t, inPlace, prog, dc, name);
  if (inPlace) {
    popops::mapInPlace(graph, activationOf(type), {t}, prog, dc);
    return t;
  }
  return popops::map(graph, activationOf(type), {t}, prog, dc);
}

float scalingOf(NonLinearityType type) {
  return type == NonLinearityType::SOFTMAX_SCALED ? kSoftmaxScaling : 1.0f;
}

void checkGradientArguments(const Tensor &act, const Tensor &outGradient,
                            NonLinearityType nonLinearityType,
                            const std::string &name) {
  checkFloatingPoint(act, "the activations", name);
  if (outGradient.elementType() != act.elementType())
    throw poputil::poplibs_error(
        name + ": the output gradient has type " +
        outGradient.elementType().toString() + " but the activations have " +
        act.elementType().toString() + "; give both the same type");
  if (outGradient.shape() != act.shape())
    throw poputil::poplibs_error(
        name + ": the activations have shape " + act.shapeToString() +
        " but the output gradient has shape " + outGradient.shapeToString() +
        "; they must have the same shape");
  checkKnown(nonLinearityType, name);
}

void checkComputeSetForm(const Tensor &t, NonLinearityType type,
                         const std::string &name) {
  checkFloatingPoint(t, "the tensor", name);
  checkKnown(type, name);
  if (isSoftmax(type))
    throw poputil::poplibs_error(
        name + ": " + asString(type) +
        " needs several compute sets (a maximum, a sum, a division), so it "
        "has no ComputeSet form; use the form taking a program::Sequence");
}

} // namespace

void nonLinearityInPlace(Graph &graph, NonLinearityType nonLinearityType,
                         Tensor t, Sequence &prog,
                         const DebugContext &debugContext) {
  apply(graph, nonLinearityType, t, true, prog, debugContext,
        operationName(debugContext, "popnn::nonLinearityInPlace"));
}

void nonLinearityInPlace(Graph &graph, NonLinearityType nonLinearityType,
                         Tensor t, ComputeSet &cs,
                         const DebugContext &debugContext) {
  const std::string name =
      operationName(debugContext, "popnn::nonLinearityInPlace");
  checkComputeSetForm(t, nonLinearityType, name);
  detail::addInPlaceVertices(graph, nonLinearityType, t, cs, name);
}

void nonLinearityInPlace(Graph &graph, NonLinearityType nonLinearityType,
                         Tensor t, float &nonLinearityScaling, Sequence &prog,
                         const DebugContext &debugContext) {
  nonLinearityInPlace(graph, nonLinearityType, t, prog, debugContext);
  nonLinearityScaling = scalingOf(nonLinearityType);
}

void nonLinearityInPlace(Graph &graph, NonLinearityType nonLinearityType,
                         Tensor t, float &nonLinearityScaling, ComputeSet &cs,
                         const DebugContext &debugContext) {
  nonLinearityInPlace(graph, nonLinearityType, t, cs, debugContext);
  nonLinearityScaling = scalingOf(nonLinearityType);
}

Tensor nonLinearity(Graph &graph, NonLinearityType nonLinearityType, Tensor t,
                    Sequence &prog, const DebugContext &debugContext) {
  return apply(graph, nonLinearityType, t, false, prog, debugContext,
               operationName(debugContext, "popnn::nonLinearity"));
}

Tensor nonLinearity(Graph &graph, NonLinearityType nonLinearityType, Tensor t,
                    float &nonLinearityScaling, Sequence &prog,
                    const DebugContext &debugContext) {
  Tensor out = nonLinearity(graph, nonLinearityType, t, prog, debugContext);
  nonLinearityScaling = scalingOf(nonLinearityType);
  return out;
}

Tensor nonLinearityInputGradient(Graph &graph,
                                 NonLinearityType nonLinearityType, Tensor act,
                                 Tensor outGradient, ComputeSet &cs,
                                 const DebugContext &debugContext) {
  const std::string name =
      operationName(debugContext, "popnn::nonLinearityInputGradient");
  checkGradientArguments(act, outGradient, nonLinearityType, name);
  checkComputeSetForm(act, nonLinearityType, name);
  return detail::addGradientVertices(graph, nonLinearityType, act, outGradient,
                                     cs, {debugContext, "NonLinearityGrad"},
                                     name);
}

Tensor nonLinearityInputGradient(Graph &graph,
                                 NonLinearityType nonLinearityType, Tensor act,
                                 Tensor outGradient, Sequence &prog,
                                 const DebugContext &debugContext) {
  using namespace pe;
  const std::string name =
      operationName(debugContext, "popnn::nonLinearityInputGradient");
  checkGradientArguments(act, outGradient, nonLinearityType, name);
  const DebugContext dc{debugContext, "NonLinearityGrad"};
  if (!isSoftmax(nonLinearityType))
    return popops::map(graph, gradientOf(nonLinearityType), {act, outGradient},
                       prog, dc);
  if (act.rank() < 1 || act.numElements() == 0)
    throw poputil::poplibs_error(
        name +
        ": softmax needs a tensor of rank 1 or more with elements, but "
        "the shape is " +
        act.shapeToString());
  // dx = y * (g - sum(y * g)) over each innermost row.
  const auto rowsOf = [](const Tensor &t) {
    return t.rank() == 1 ? t.expand({0}) : t.flatten(0, t.rank() - 1);
  };
  const Tensor y = rowsOf(act), g = rowsOf(outGradient);
  const Tensor dot =
      popops::reduce(graph, popops::map(graph, _1 * _2, {y, g}, prog, dc), {1},
                     popops::Operation::ADD, prog, dc);
  return popops::map(graph, _1 * (_2 - _3), {y, g, dot.expand({1})}, prog, dc)
      .reshape(act.shape());
}

} // namespace popnn
