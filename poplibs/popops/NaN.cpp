// popops::hasNaN and hasNaNOrInf: per-worker flags where the tensor lives,
// then one OR of the flags.
#include <popops/NaN.hpp>

#include "AllTrueFlags.hpp"
#include "OperationPlacement.hpp"

#include <poputil/VertexTemplates.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;

namespace popops {

namespace {

Tensor findNaNOrInf(Graph &graph, const Tensor &src, bool checkInf,
                    Sequence &prog, const DebugContext &debugContext,
                    const std::string &operation, const char *label) {
  const std::string name = detail::operationName(debugContext, operation);
  const Type type = src.elementType();
  if (type != FLOAT && type != HALF)
    throw poputil::poplibs_error(
        name + ": the tensor must be of type float or half, not " +
        type.toString() + " (shape " + src.shapeToString() +
        "); integer tensors never hold a NaN");
  const std::string partial =
      poputil::templateVertex("popops::HasNaNOrInf", type, checkInf);
  return detail::summariseTensor(graph, src,
                                 {partial, "popops::AnyTrue", false}, prog,
                                 {debugContext, label}, name);
}

} // namespace

Tensor hasNaN(Graph &graph, const Tensor &src, Sequence &prog,
              const DebugContext &debugContext) {
  return findNaNOrInf(graph, src, false, prog, debugContext, "popops::hasNaN",
                      "hasNaN");
}

Tensor hasNaNOrInf(Graph &graph, const Tensor &src, Sequence &prog,
                   const DebugContext &debugContext) {
  return findNaNOrInf(graph, src, true, prog, debugContext,
                      "popops::hasNaNOrInf", "hasNaNOrInf");
}

} // namespace popops
