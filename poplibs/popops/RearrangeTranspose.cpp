// Blockwise transposition for popops::rearrange: Transpose2d vertices, each
// transposing a tile's share of the matrices on one worker.
#include <popops/Rearrange.hpp>

#include "OperationPlacement.hpp"
#include "RearrangeTranspose.hpp"

#include <poputil/VertexTemplates.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>

using namespace poplar;
using namespace poplar::program;

namespace popops::rearrange {

namespace detail {

bool isTransposable(const Graph &graph, const Type &type) {
  if (type == BOOL)
    return false;
  const unsigned size = graph.getTarget().getTypeSize(type);
  return size == 2 || size == 4;
}

Graph::TileToTensorMapping
blockMapping(const Graph &graph, const Tensor &source, std::size_t blocks,
             std::size_t sourceStride, std::size_t blockSize) {
  const Tensor flat = source.flatten();
  bool complete = true;
  const Graph::TileToTensorMapping sourceMapping =
      graph.getTileMapping(flat, &complete);
  // (first element, tile) of every interval, in element order.
  std::vector<std::pair<Interval, unsigned>> owners;
  for (unsigned tile = 0; tile < sourceMapping.size(); ++tile)
    for (const Interval &iv : sourceMapping[tile])
      owners.emplace_back(iv, tile);
  std::sort(owners.begin(), owners.end(), [](const auto &a, const auto &b) {
    return a.first.begin() < b.first.begin();
  });
  Graph::TileToTensorMapping mapping(graph.getTarget().getNumTiles());
  std::size_t next = 0;
  for (std::size_t m = 0; m < blocks; ++m) {
    const std::size_t element = m * sourceStride;
    while (next < owners.size() && owners[next].first.end() <= element)
      ++next;
    const bool mapped =
        next < owners.size() && owners[next].first.begin() <= element;
    std::vector<Interval> &onTile = mapping[mapped ? owners[next].second : 0];
    if (!onTile.empty() && onTile.back().end() == m * blockSize)
      onTile.back() = Interval(onTile.back().begin(), (m + 1) * blockSize);
    else
      onTile.emplace_back(m * blockSize, (m + 1) * blockSize);
  }
  return mapping;
}

} // namespace detail

bool canUseFastTranspose(const Target &target, const Type &type,
                         unsigned numRows, unsigned numColumns,
                         unsigned numTranspositions) {
  if (numTranspositions == 0 || type == BOOL)
    return false;
  const unsigned size = target.getTypeSize(type);
  const unsigned grain = size == 2 ? 4 : size == 4 ? 2 : 0;
  return grain != 0 && numRows % grain == 0 && numColumns % grain == 0;
}

unsigned getMinimumRegroupGrainSize(const Type &type) {
  if (type == HALF || type == SHORT || type == UNSIGNED_SHORT)
    return 4;
  if (type == FLOAT || type == INT || type == UNSIGNED_INT)
    return 2;
  return 1;
}

void addTransposeVertices(
    Graph &graph, const ComputeSet &cs, const Type &dType, unsigned rows,
    unsigned cols, const Graph::TileToTensorMapping &mapping,
    std::function<std::pair<const Tensor, const Tensor>(size_t)> getInOut,
    const DebugContext &debugContext) {
  const std::string name = popops::detail::operationName(
      debugContext, "popops::rearrange::addTransposeVertices");
  if (!detail::isTransposable(graph, dType))
    throw poputil::poplibs_error(
        name + ": elements of type " + dType.toString() +
        " cannot be transposed; types of 2 or 4 bytes can");
  const Type bits =
      graph.getTarget().getTypeSize(dType) == 2 ? UNSIGNED_SHORT : UNSIGNED_INT;
  const std::string vertexType =
      poputil::templateVertex("popops::Transpose2d", bits);
  popops::detail::requireCodelet(graph, vertexType, name);
  const std::size_t workers = graph.getTarget().getNumWorkerContexts();
  for (unsigned tile = 0; tile < mapping.size(); ++tile) {
    std::vector<std::size_t> indices;
    for (const Interval &iv : mapping[tile])
      for (std::size_t i = iv.begin(); i < iv.end(); ++i)
        indices.push_back(i);
    const std::size_t perWorker = (indices.size() + workers - 1) / workers;
    for (std::size_t first = 0; first < indices.size(); first += perWorker) {
      std::vector<Tensor> ins, outs;
      for (std::size_t i = first;
           i < std::min(indices.size(), first + perWorker); ++i) {
        const auto [in, out] = getInOut(indices[i]);
        ins.push_back(in.reinterpret(bits));
        outs.push_back(out.reinterpret(bits));
      }
      VertexRef v = graph.addVertex(cs, vertexType);
      graph.connect(v["src"], ins);
      graph.connect(v["dst"], outs);
      graph.setInitialValue(v["numSrcRows"], rows);
      graph.setInitialValue(v["numSrcColumns"], cols);
      graph.setTileMapping(v, tile);
    }
  }
}

Tensor partialTranspose(Graph &graph, const Tensor &in, const ComputeSet &cs,
                        const DebugContext &debugContext) {
  const std::string name = popops::detail::operationName(
      debugContext, "popops::rearrange::partialTranspose");
  if (in.rank() < 2)
    throw poputil::poplibs_error(
        name +
        ": the tensor needs two dimensions to transpose, but its "
        "shape is " +
        in.shapeToString());
  if (!detail::isTransposable(graph, in.elementType()))
    throw poputil::poplibs_error(
        name + ": elements of type " + in.elementType().toString() +
        " cannot be transposed; types of 2 or 4 bytes can");
  const unsigned rank = in.rank();
  const std::size_t rows = in.dim(rank - 2), cols = in.dim(rank - 1);
  std::vector<std::size_t> outShape = in.shape();
  std::swap(outShape[rank - 2], outShape[rank - 1]);
  Tensor out = graph.addVariable(in.elementType(), outShape,
                                 {debugContext, "transposed"});
  const std::size_t block = rows * cols;
  const std::size_t blocks = block == 0 ? 0 : in.numElements() / block;
  if (blocks == 0)
    return out;
  const Graph::TileToTensorMapping mapping =
      detail::blockMapping(graph, in, blocks, block, block);
  graph.setTileMapping(out, mapping);
  Graph::TileToTensorMapping transpositions(mapping.size());
  for (unsigned tile = 0; tile < mapping.size(); ++tile)
    for (const Interval &iv : mapping[tile])
      transpositions[tile].emplace_back(iv.begin() / block, iv.end() / block);
  const Tensor inBlocks = in.reshape({blocks, block});
  const Tensor outBlocks = out.reshape({blocks, block});
  addTransposeVertices(
      graph, cs, in.elementType(), unsigned(rows), unsigned(cols),
      transpositions,
      [&](std::size_t i) {
        return std::pair<const Tensor, const Tensor>(inBlocks[i], outBlocks[i]);
      },
      debugContext);
  return out;
}

} // namespace popops::rearrange
