// popops::encodeOneHot: one EncodeOneHot vertex per contiguous run of the
// encoding on each worker of each tile, reading the indices of the rows the
// run touches, so the encoding is written where it lives.
#include <popops/Encoding.hpp>

#include "OperationPlacement.hpp"

#include <poputil/VertexTemplates.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;

namespace popops {

namespace {

void checkOneHotArguments(const Tensor &indices, const Tensor &encoded,
                          const std::string &name) {
  const Type indexType = indices.elementType();
  const Type type = encoded.elementType();
  if (indexType != UNSIGNED_INT && indexType != INT)
    throw poputil::poplibs_error(
        name + ": indices must be of type unsigned int or int, not " +
        indexType.toString());
  if (type != FLOAT && type != HALF && type != INT && type != UNSIGNED_INT)
    throw poputil::poplibs_error(
        name +
        ": the encoding must be of type float, half, int or unsigned "
        "int, not " +
        type.toString());
  if (indices.rank() != 1 || encoded.rank() != 2 ||
      encoded.dim(0) != indices.dim(0))
    throw poputil::poplibs_error(
        name +
        ": indices of shape {N} need an encoding of shape {N, C}, but "
        "indices have shape " +
        indices.shapeToString() + " and the encoding " +
        encoded.shapeToString());
}

void checkOnOff(const Tensor &value, const char *which, const Type &type,
                const std::string &name) {
  if (value.numElements() != 1 || value.elementType() != type)
    throw poputil::poplibs_error(
        name + ": '" + which + "' must be one element of the encoding's type " +
        type.toString() + ", but it has shape " + value.shapeToString() +
        " and type " + value.elementType().toString());
}

void encode(Graph &graph, const Tensor &indices, const Tensor &encoded,
            Sequence &prog, const Tensor &on, const Tensor &off,
            const DebugContext &debugContext, const std::string &name) {
  const std::string vertexType = poputil::templateVertex(
      "popops::EncodeOneHot", indices.elementType(), encoded.elementType());
  detail::requireCodelet(graph, vertexType, name);
  const std::size_t columns = encoded.dim(1);
  const Tensor flat = encoded.flatten();
  const unsigned workers = graph.getTarget().getNumWorkerContexts();
  ComputeSet cs = graph.addComputeSet({debugContext, "encodeOneHot"});
  for (const detail::TileRegions &onTile : detail::regionsByTile(graph, flat))
    for (const detail::Region &piece :
         detail::splitRegions(onTile.regions, workers, columns))
      for (const Interval &run : piece) {
        const std::size_t firstRow = run.begin() / columns;
        const std::size_t endRow = (run.end() - 1) / columns + 1;
        VertexRef v = graph.addVertex(cs, vertexType);
        graph.connect(v["indices"], indices.slice(firstRow, endRow));
        graph.connect(v["out"], flat.slice(run));
        graph.connect(v["on"], on.reshape({}));
        graph.connect(v["off"], off.reshape({}));
        graph.setInitialValue(v["firstColumn"],
                              unsigned(run.begin() % columns));
        graph.setInitialValue(v["columns"], unsigned(columns));
        detail::placeVertex(graph, v, onTile.tile);
      }
  prog.add(Execute(cs, {debugContext, "encodeOneHot"}));
}

} // namespace

void encodeOneHot(Graph &graph, const Tensor &indices, const Tensor &encoded,
                  Sequence &prog, const Tensor &on, const Tensor &off,
                  const DebugContext &debugContext) {
  const std::string name =
      detail::operationName(debugContext, "popops::encodeOneHot");
  checkOneHotArguments(indices, encoded, name);
  checkOnOff(on, "on", encoded.elementType(), name);
  checkOnOff(off, "off", encoded.elementType(), name);
  encode(graph, indices, encoded, prog, on, off, debugContext, name);
}

void encodeOneHot(Graph &graph, const Tensor &indices, const Tensor &encoded,
                  Sequence &prog, const DebugContext &debugContext) {
  const std::string name =
      detail::operationName(debugContext, "popops::encodeOneHot");
  checkOneHotArguments(indices, encoded, name);
  const Type type = encoded.elementType();
  Tensor on = graph.addConstant(type, {}, 1, {debugContext, "on"});
  Tensor off = graph.addConstant(type, {}, 0, {debugContext, "off"});
  graph.setTileMapping(on, 0);
  graph.setTileMapping(off, 0);
  encode(graph, indices, encoded, prog, on, off, debugContext, name);
}

} // namespace popops
