// popops::iota: one Iota vertex per contiguous run of the tensor on each
// tile, so the integers are written where the tensor lives.
#include <popops/Encoding.hpp>

#include "OperationPlacement.hpp"

#include <poplar/exceptions.hpp>
#include <poputil/VertexTemplates.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;

namespace popops {

namespace {

template <typename T>
void iotaOf(Graph &graph, const Tensor &t, T start, Sequence &prog,
            const DebugContext &debugContext, const Type &type) {
  const std::string name = detail::operationName(debugContext, "popops::iota");
  if (t.rank() != 1)
    throw poputil::poplibs_error(
        name + ": the tensor must have rank 1, but its shape is " +
        t.shapeToString() + "; flatten it first");
  if (t.elementType() != type)
    throw poputil::poplibs_error(name + ": a start of type " + type.toString() +
                                 " needs a tensor of type " + type.toString() +
                                 ", not " + t.elementType().toString());
  const std::string vertexType = poputil::templateVertex("popops::Iota", type);
  detail::requireCodelet(graph, vertexType, name);
  ComputeSet cs = graph.addComputeSet({debugContext, "iota"});
  for (const detail::TileRegions &onTile : detail::regionsByTile(graph, t))
    for (const detail::Region &region : onTile.regions)
      for (const Interval &run : region) {
        VertexRef v = graph.addVertex(cs, vertexType);
        graph.connect(v["out"], t.slice(run));
        graph.setInitialValue(v["start"], T(start + T(run.begin())));
        detail::placeVertex(graph, v, onTile.tile);
      }
  prog.add(Execute(cs, {debugContext, "iota"}));
}

} // namespace

void iota(Graph &graph, const Tensor &t, unsigned startInteger, Sequence &prog,
          const DebugContext &debugContext) {
  iotaOf(graph, t, startInteger, prog, debugContext, UNSIGNED_INT);
}

void iota(Graph &graph, const Tensor &t, int startInteger, Sequence &prog,
          const DebugContext &debugContext) {
  iotaOf(graph, t, startInteger, prog, debugContext, INT);
}

} // namespace popops
