// popops::allTrue: per-worker AND flags where the tensor lives, then one
// AND of the flags.
#include <popops/AllTrue.hpp>

#include "AllTrueFlags.hpp"
#include "OperationPlacement.hpp"

#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;

namespace popops {

Tensor allTrue(Graph &graph, Tensor A, Sequence &prog,
               const DebugContext &debugContext) {
  const std::string name =
      detail::operationName(debugContext, "popops::allTrue");
  if (A.elementType() != BOOL)
    throw poputil::poplibs_error(
        name + ": the tensor must be of type bool, not " +
        A.elementType().toString() + " (shape " + A.shapeToString() +
        "); compare it with a value first to get a bool tensor");
  return detail::summariseTensor(graph, A,
                                 {"popops::AllTrue", "popops::AllTrue", true},
                                 prog, {debugContext, "allTrue"}, name);
}

} // namespace popops
