// Per-worker flags where the data lives, then one combining vertex.
#include "AllTrueFlags.hpp"

#include "OperationPlacement.hpp"

#include <optional>
#include <vector>

using namespace poplar;
using namespace poplar::program;

namespace popops::detail {

namespace {

/// One flag-vertex's regions and the tile it runs on.
struct FlagPiece {
  std::optional<unsigned> tile;
  std::vector<Tensor> regions;
};

std::vector<FlagPiece> flagPieces(const Graph &graph, const Tensor &flat) {
  const unsigned workers = graph.getTarget().getNumWorkerContexts();
  std::vector<FlagPiece> pieces;
  for (const TileRegions &onTile : regionsByTile(graph, flat))
    for (const std::vector<Region> &group :
         groupRegions(onTile.regions, workers)) {
      FlagPiece piece{onTile.tile, {}};
      for (const Region &region : group)
        piece.regions.push_back(regionOf(flat, region));
      pieces.push_back(std::move(piece));
    }
  return pieces;
}

} // namespace

Tensor summariseTensor(Graph &graph, const Tensor &t,
                       const FlagVertices &vertices, Sequence &prog,
                       const DebugContext &debugContext,
                       const std::string &operation) {
  requireCodelet(graph, vertices.partial, operation);
  requireCodelet(graph, vertices.combine, operation);
  const std::vector<FlagPiece> pieces = flagPieces(graph, t.flatten());
  Tensor result = graph.addVariable(BOOL, {}, {debugContext, "result"});
  const unsigned resultTile =
      !pieces.empty() && pieces.front().tile ? *pieces.front().tile : 0;
  graph.setTileMapping(result, resultTile);
  if (pieces.empty()) {
    Tensor value = graph.addConstant(BOOL, {}, vertices.valueWhenEmpty,
                                     {debugContext, "empty"});
    graph.setTileMapping(value, resultTile);
    prog.add(Copy(value, result, false, {debugContext, "empty"}));
    return result;
  }
  Tensor flags =
      graph.addVariable(BOOL, {pieces.size()}, {debugContext, "flags"});
  ComputeSet partialCs = graph.addComputeSet({debugContext, "tileFlags"});
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    VertexRef v = graph.addVertex(partialCs, vertices.partial);
    graph.connect(v["in"], pieces[i].regions);
    graph.connect(v["out"], flags[i]);
    placeVertex(graph, v, pieces[i].tile);
    if (pieces[i].tile)
      graph.setTileMapping(flags[i], *pieces[i].tile);
  }
  ComputeSet combineCs = graph.addComputeSet({debugContext, "combine"});
  VertexRef combine = graph.addVertex(combineCs, vertices.combine);
  graph.connect(combine["in"], std::vector<Tensor>{flags});
  graph.connect(combine["out"], result);
  graph.setTileMapping(combine, resultTile);
  prog.add(Execute(partialCs, {debugContext, "tileFlags"}));
  prog.add(Execute(combineCs, {debugContext, "combine"}));
  return result;
}

} // namespace popops::detail
