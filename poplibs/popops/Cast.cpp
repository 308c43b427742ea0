// popops::cast: one Cast vertex per memory-contiguous run of the
// destination on each tile, so converted elements are written where the
// destination lives (the source is staged there if it lives elsewhere).
#include <popops/Cast.hpp>

#include "CastTypes.hpp"
#include "OperationPlacement.hpp"

#include <poputil/TileMapping.hpp>
#include <poputil/VertexTemplates.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <array>

using namespace poplar;
using namespace poplar::program;

namespace popops {

namespace detail {

bool isCastable(const Type &type) {
  static const std::array<Type, 10> types = {
      FLOAT,          HALF, INT,         UNSIGNED_INT,  SHORT,
      UNSIGNED_SHORT, CHAR, SIGNED_CHAR, UNSIGNED_CHAR, BOOL};
  return std::find(types.begin(), types.end(), type) != types.end();
}

} // namespace detail

namespace {

/// A new tensor of `type` laid out like `src`, or spread linearly when src
/// cannot be copied in layout (a constant or a broadcast).
Tensor cloneFor(Graph &graph, const Type &type, const Tensor &src,
                const DebugContext &debugContext) {
  Tensor dst = graph.clone(type, src, {debugContext, "cast"});
  if (dst.isParallelWriteable())
    return dst;
  dst = graph.addVariable(type, src.shape(), {debugContext, "cast"});
  poputil::mapTensorLinearly(graph, dst);
  return dst;
}

void checkCast(const Tensor &src, const Tensor &dst, const std::string &name) {
  for (const Type &type : {src.elementType(), dst.elementType()})
    if (!detail::isCastable(type))
      throw poputil::poplibs_error(
          name + ": cannot cast from " + src.elementType().toString() + " to " +
          dst.elementType().toString() + "; " + type.toString() +
          " is not one of float, half, int, unsigned int, short, unsigned "
          "short, char, signed char, unsigned char, bool");
  if (src.shape() != dst.shape())
    throw poputil::poplibs_error(name + ": the source's shape " +
                                 src.shapeToString() +
                                 " differs from the destination's " +
                                 dst.shapeToString() + "; they must be equal");
  if (!dst.isParallelWriteable())
    throw poputil::poplibs_error(
        name + ": the destination of shape " + dst.shapeToString() +
        " has aliased or constant elements (a broadcast?) and cannot be "
        "written");
}

void addCastVertices(Graph &graph, const Tensor &src, const Tensor &dst,
                     ComputeSet cs, const std::string &name) {
  checkCast(src, dst, name);
  const std::string vertexType = poputil::templateVertex(
      "popops::Cast", src.elementType(), dst.elementType());
  detail::requireCodelet(graph, vertexType, name);
  const Tensor srcFlat = src.flatten(), dstFlat = dst.flatten();
  for (const detail::TileRegions &onTile :
       detail::regionsByTile(graph, dstFlat))
    for (const detail::Region &region : onTile.regions) {
      VertexRef v = graph.addVertex(cs, vertexType);
      graph.connect(v["in"], detail::regionOf(srcFlat, region));
      graph.connect(v["out"], detail::regionOf(dstFlat, region));
      detail::placeVertex(graph, v, onTile.tile);
    }
}

} // namespace

void cast(Graph &graph, Tensor src, Tensor dst, ComputeSet cs) {
  addCastVertices(graph, src, dst, cs, "popops::cast");
}

Tensor cast(Graph &graph, Tensor src, const Type &dstType, ComputeSet cs,
            const DebugContext &debugContext) {
  const std::string name = detail::operationName(debugContext, "popops::cast");
  checkCast(src, src, name);
  Tensor dst = cloneFor(graph, dstType, src, debugContext);
  addCastVertices(graph, src, dst, cs, name);
  return dst;
}

void cast(Graph &graph, Tensor src, Tensor dst, Sequence &prog,
          const DebugContext &debugContext) {
  const std::string name = detail::operationName(debugContext, "popops::cast");
  checkCast(src, dst, name);
  if (src.elementType() == dst.elementType()) {
    prog.add(Copy(src, dst, false, {debugContext, "cast"}));
    return;
  }
  ComputeSet cs = graph.addComputeSet({debugContext, "cast"});
  addCastVertices(graph, src, dst, cs, name);
  prog.add(Execute(cs, {debugContext, "cast"}));
}

Program cast(Graph &graph, Tensor src, Tensor dst,
             const DebugContext &debugContext) {
  Sequence prog({}, debugContext);
  cast(graph, src, dst, prog, debugContext);
  return prog;
}

Tensor cast(Graph &graph, const Tensor &src, const Type &dstType,
            Sequence &prog, const DebugContext &debugContext) {
  const std::string name = detail::operationName(debugContext, "popops::cast");
  checkCast(src, src, name);
  if (!detail::isCastable(dstType))
    throw poputil::poplibs_error(
        name + ": cannot cast from " + src.elementType().toString() + " to " +
        dstType.toString() + "; that type has no conversion");
  Tensor dst = cloneFor(graph, dstType, src, debugContext);
  cast(graph, src, dst, prog, debugContext);
  return dst;
}

Tensor checkAccuracyWhenCast(Graph &graph, const Tensor &input, Type outputType,
                             double tolerance, Sequence &prog,
                             const DebugContext &debugContext) {
  const std::string name =
      detail::operationName(debugContext, "popops::checkAccuracyWhenCast");
  if (input.elementType() != FLOAT || outputType != HALF)
    throw poputil::poplibs_error(
        name + ": only float to half is checked, not " +
        input.elementType().toString() + " to " + outputType.toString());
  if (input.numElements() != 1)
    throw poputil::poplibs_error(name +
                                 ": the input must have one element, "
                                 "but its shape is " +
                                 input.shapeToString());
  const std::string vertexType = "popops::CheckAccuracyWhenCast";
  detail::requireCodelet(graph, vertexType, name);
  Tensor isAccurate = graph.addVariable(BOOL, {}, {debugContext, "isAccurate"});
  ComputeSet cs = graph.addComputeSet({debugContext, "checkAccuracyWhenCast"});
  VertexRef v = graph.addVertex(cs, vertexType);
  graph.connect(v["in"], input.flatten()[0]);
  graph.connect(v["out"], isAccurate);
  graph.setInitialValue(v["tolerance"], float(tolerance));
  bool complete = true;
  const Graph::TileToTensorMapping mapping =
      graph.getTileMapping(input, &complete);
  unsigned tile = 0;
  for (unsigned t = 0; t < mapping.size(); ++t)
    if (!mapping[t].empty())
      tile = t;
  graph.setTileMapping(isAccurate, tile);
  graph.setTileMapping(v, tile);
  prog.add(Execute(cs, {debugContext, "checkAccuracyWhenCast"}));
  return isAccurate;
}

} // namespace popops
