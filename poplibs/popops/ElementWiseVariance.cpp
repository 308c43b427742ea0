// Conversions between variance and inverse standard deviation that change
// the element type on the way (normalisation layers keep variance in float
// and its inverse square root in half): one fused map with a cast.
#include <popops/ElementWise.hpp>

#include "OperationPlacement.hpp"

#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;

namespace popops {

namespace {

Tensor convert(Graph &graph, expr::BinaryOpType op, const Tensor &src,
               const Tensor &epsilon, Sequence &prog, const Type &dstType,
               const Type &allowedType, const DebugContext &debugContext,
               const std::string &operation) {
  const std::string name = detail::operationName(debugContext, operation);
  if (dstType != src.elementType() && dstType != allowedType)
    throw poputil::poplibs_error(
        name + ": the result type must be " + allowedType.toString() +
        " or the source's type " + src.elementType().toString() + ", not " +
        dstType.toString());
  if (epsilon.numElements() != 1)
    throw poputil::poplibs_error(name +
                                 ": epsilon must be a single element, "
                                 "but its shape is " +
                                 epsilon.shapeToString());
  const expr::BinaryOp converted(op, expr::_1, expr::_2);
  if (dstType == src.elementType())
    return map(graph, converted, {src, epsilon.flatten()[0]}, prog,
               debugContext);
  return map(graph, expr::Cast(converted, dstType), {src, epsilon.flatten()[0]},
             prog, debugContext);
}

Tensor epsilonTensor(Graph &graph, const Tensor &src, float epsilon,
                     const DebugContext &debugContext) {
  Tensor t = graph.addConstant(src.elementType(), {}, epsilon,
                               {debugContext, "epsilon"});
  graph.setTileMapping(t, 0);
  return t;
}

} // namespace

Tensor varianceToInvStdDev(Graph &graph, const Tensor &src,
                           const Tensor &epsilon, Sequence &prog,
                           const Type dstType,
                           const DebugContext &debugContext) {
  return convert(graph, expr::BinaryOpType::VARIANCE_TO_INV_STD_DEV, src,
                 epsilon, prog, dstType, HALF, debugContext,
                 "popops::varianceToInvStdDev");
}

Tensor varianceToInvStdDev(Graph &graph, const Tensor &src, const float epsilon,
                           Sequence &prog, const Type dstType,
                           const DebugContext &debugContext) {
  return varianceToInvStdDev(graph, src,
                             epsilonTensor(graph, src, epsilon, debugContext),
                             prog, dstType, debugContext);
}

Tensor invStdDevToVariance(Graph &graph, const Tensor &src,
                           const Tensor &epsilon, Sequence &prog,
                           const Type dstType,
                           const DebugContext &debugContext) {
  return convert(graph, expr::BinaryOpType::INV_STD_DEV_TO_VARIANCE, src,
                 epsilon, prog, dstType, FLOAT, debugContext,
                 "popops::invStdDevToVariance");
}

Tensor invStdDevToVariance(Graph &graph, const Tensor &src, const float epsilon,
                           Sequence &prog, const Type dstType,
                           const DebugContext &debugContext) {
  return invStdDevToVariance(graph, src,
                             epsilonTensor(graph, src, epsilon, debugContext),
                             prog, dstType, debugContext);
}

} // namespace popops
