// Clones of tensors on other IPUs or graphs with the same per-tile layout,
// and the copies that move data there (poputil/TileMapping.hpp).
#include <poputil/TileMapping.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;

namespace poputil {

Tensor cloneToIpu(Graph &graph, const Tensor &t, unsigned dstIPU,
                  const DebugContext &debugContext, TensorCloneMethod method) {
  const Target &target = graph.getTarget();
  const unsigned numIPUs = target.getNumIPUs();
  if (dstIPU >= numIPUs)
    throw poplibs_error("poputil::cloneToIpu: IPU " + std::to_string(dstIPU) +
                        " does not exist; the target has " +
                        std::to_string(numIPUs) + " IPU" +
                        (numIPUs == 1 ? "" : "s"));
  auto mapping = graph.getTileMapping(t);
  Tensor clone = graph.clone(t, debugContext, method);
  const unsigned tilesPerIPU = target.getTilesPerIPU();
  Graph::TileToTensorMapping moved(mapping.size());
  for (unsigned tile = 0; tile != mapping.size(); ++tile) {
    auto &to = moved[dstIPU * tilesPerIPU + tile % tilesPerIPU];
    to.insert(to.end(), mapping[tile].begin(), mapping[tile].end());
  }
  graph.setTileMapping(clone, moved);
  return clone;
}

Tensor cloneToGraph(Graph &srcGraph, Graph &dstGraph, const Tensor &t,
                    const DebugContext &debugContext,
                    TensorCloneMethod method) {
  if (srcGraph.getReplicationFactor() != dstGraph.getReplicationFactor())
    throw poplibs_error(
        "poputil::cloneToGraph: the source graph has replication factor " +
        std::to_string(srcGraph.getReplicationFactor()) +
        " and the destination graph " +
        std::to_string(dstGraph.getReplicationFactor()) +
        "; they must be equal");
  auto mapping = srcGraph.getTileMapping(t);
  const unsigned dstTiles = dstGraph.getTarget().getNumTiles();
  for (unsigned tile = dstTiles; tile < mapping.size(); ++tile)
    if (!mapping[tile].empty())
      throw poplibs_error(
          "poputil::cloneToGraph: " + t.getDebugStr() +
          " has elements on tile " + std::to_string(tile) +
          " of the source graph, but the destination graph has only " +
          std::to_string(dstTiles) + " tiles");
  Tensor clone = srcGraph.clone(t, debugContext, method);
  mapping.resize(dstTiles);
  dstGraph.setTileMapping(clone, mapping);
  return clone;
}

Tensor createIpuCopy(Graph &graph, const Tensor &t, unsigned dstIpu,
                     Tensor &copySrc, Tensor &copyDst,
                     const DebugContext &debugContext,
                     TensorCloneMethod method) {
  Tensor clone = cloneToIpu(graph, t, dstIpu, debugContext, method);
  copySrc = t;
  copyDst = clone;
  if (clone.containsAliases()) {
    // The clone aliases where t does: each distinct element is copied once.
    const Tensor tFlat = t.flatten(), cloneFlat = clone.flatten();
    const auto regions = graph.getSortedContiguousRegions(
        tFlat, {{0, tFlat.numElements()}}, true);
    copySrc = concat(tFlat.slices(regions));
    copyDst = concat(cloneFlat.slices(regions));
  }
  return clone;
}

Tensor copyToIpu(Graph &masterGraph, const Tensor &t, program::Sequence &prog,
                 unsigned dstIPU, const DebugContext &debugContext,
                 TensorCloneMethod method) {
  Tensor source, destination;
  Tensor clone = createIpuCopy(masterGraph, t, dstIPU, source, destination,
                               debugContext, method);
  prog.add(program::Copy(source, destination, false, debugContext));
  return clone;
}

} // namespace poputil
