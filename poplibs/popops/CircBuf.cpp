// popops::CircBuf on dynamicSlice and dynamicUpdate: the entries are rows
// of a sliceable [size, elements] tensor, the index a device variable on
// tile 0 that a one-vertex compute set advances or offsets.
#include <popops/CircBuf.hpp>
#include <popops/DynamicSlice.hpp>

#include "DynamicSliceInternal.hpp"
#include "OperationPlacement.hpp"

#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;

namespace popops {

namespace {

std::size_t elementsOf(const std::vector<std::size_t> &shape) {
  std::size_t n = 1;
  for (std::size_t d : shape)
    n *= d;
  return n;
}

} // namespace

CircBuf::CircBuf(Graph &graph, const Type &dataType, unsigned size,
                 const std::vector<std::size_t> &shape,
                 const DebugContext &debugContext)
    : graph(graph), size_(size), shape(shape) {
  if (size == 0)
    throw poputil::poplibs_error(
        detail::operationName(debugContext, "popops::CircBuf") +
        ": a circular buffer needs at least one entry");
  hist = createSliceableTensor(graph, dataType, {size, elementsOf(shape)}, {0},
                               {1}, 0, {debugContext, "CircBuf"});
  index = graph.addVariable(UNSIGNED_INT, {1}, {debugContext, "CircBufIndex"});
  graph.setTileMapping(index, 0);
  graph.setInitialValue(index, 0u);
}

Tensor CircBuf::prev(unsigned i, Sequence &seq,
                     const DebugContext &debugContext) {
  const std::string name =
      detail::operationName(debugContext, "popops::CircBuf::prev");
  if (i >= size_)
    throw poputil::poplibs_error(
        name + ": entry " + std::to_string(i) +
        " ago is not kept by a circular buffer of " + std::to_string(size_) +
        " entries; ask for fewer than " + std::to_string(size_));
  detail::requireCodelet(graph, "popops::CircOffset", name);
  Tensor position =
      graph.addVariable(UNSIGNED_INT, {1}, {debugContext, "Offset"});
  graph.setTileMapping(position, 0);
  ComputeSet cs = graph.addComputeSet({debugContext, "CircBufPrev"});
  VertexRef v =
      graph.addVertex(cs, "popops::CircOffset",
                      {{"indexIn", index[0]}, {"indexOut", position[0]}});
  graph.setInitialValue(v["hSize"], size_);
  graph.setInitialValue(v["offset"], size_ - i == size_ ? 0 : size_ - i);
  graph.setTileMapping(v, 0);
  seq.add(Execute(cs, {debugContext, "CircBufPrev"}));
  return dynamicSlice(graph, hist, position, {0}, {1}, seq,
                      {debugContext, "CircBuf"})
      .reshape(shape);
}

void CircBuf::add(Tensor t, Sequence &seq, const DebugContext &debugContext) {
  const std::string name =
      detail::operationName(debugContext, "popops::CircBuf::add");
  if (t.shape() != shape)
    throw poputil::poplibs_error(
        name + ": the tensor has shape " + t.shapeToString() +
        " but the buffer holds tensors of shape " + detail::listString(shape));
  if (t.elementType() != hist.elementType())
    throw poputil::poplibs_error(
        name + ": the tensor has type " + t.elementType().toString() +
        " but the buffer holds " + hist.elementType().toString());
  detail::requireCodelet(graph, "popops::CircBufIncrIndex", name);
  ComputeSet cs = graph.addComputeSet({debugContext, "CircBufSet"});
  VertexRef v =
      graph.addVertex(cs, "popops::CircBufIncrIndex", {{"index", index[0]}});
  graph.setInitialValue(v["hSize"], size_);
  graph.setTileMapping(v, 0);
  seq.add(Execute(cs, {debugContext, "CircBufSet"}));
  dynamicUpdate(graph, hist, t.reshape({1, hist.dim(1)}), index, {0}, {1}, seq,
                {debugContext, "CircBuf"});
}

Tensor CircBuf::getIndex() const { return index; }

unsigned CircBuf::size() const { return size_; }

Graph::TileToTensorMapping CircBuf::getTileMapping() {
  return getSliceMapping(graph, hist, {0}, {1});
}

} // namespace popops
