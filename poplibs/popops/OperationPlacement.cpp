// Regions of a tensor by tile, and their division into vertices.
#include "OperationPlacement.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>

using namespace poplar;

namespace popops::detail {

std::vector<Interval> unmappedIntervals(const Graph::TileToTensorMapping &m,
                                        std::size_t numElements) {
  std::vector<Interval> mapped, unmapped;
  for (const std::vector<Interval> &intervals : m)
    mapped.insert(mapped.end(), intervals.begin(), intervals.end());
  std::sort(mapped.begin(), mapped.end());
  std::size_t next = 0;
  for (const Interval &iv : mapped) {
    if (iv.begin() > next)
      unmapped.emplace_back(next, iv.begin());
    next = std::max<std::size_t>(next, iv.end());
  }
  if (next < numElements)
    unmapped.emplace_back(next, numElements);
  return unmapped;
}

Region subRegion(const Region &region, std::size_t begin, std::size_t end) {
  Region part;
  std::size_t offset = 0;
  for (const Interval &iv : region) {
    const std::size_t lo = std::max(begin, offset);
    const std::size_t hi = std::min(end, offset + iv.size());
    if (lo < hi)
      part.emplace_back(iv.begin() + (lo - offset), iv.begin() + (hi - offset));
    offset += iv.size();
    if (offset >= end)
      break;
  }
  return part;
}

std::size_t regionSize(const Region &region) {
  std::size_t n = 0;
  for (const Interval &iv : region)
    n += iv.size();
  return n;
}

Tensor regionOf(const Tensor &flat, const Region &region) {
  if (region.size() == 1)
    return flat.slice(region.front());
  return concat(flat.slices(region));
}

std::vector<TileRegions> regionsByTile(const Graph &graph, const Tensor &t) {
  std::vector<TileRegions> result;
  if (t.numElements() == 0)
    return result;
  bool complete = true;
  const Graph::TileToTensorMapping mapping = graph.getTileMapping(t, &complete);
  for (unsigned tile = 0; tile < mapping.size(); ++tile)
    if (!mapping[tile].empty())
      result.push_back(
          {tile, graph.getSortedContiguousRegions(t, mapping[tile])});
  if (!complete) {
    const std::vector<Interval> rest =
        unmappedIntervals(mapping, t.numElements());
    if (!rest.empty())
      result.push_back(
          {std::nullopt, graph.getSortedContiguousRegions(t, rest)});
  }
  return result;
}

std::vector<Region> splitRegions(const std::vector<Region> &regions,
                                 unsigned maxPieces, unsigned grain) {
  std::size_t total = 0;
  for (const Region &r : regions)
    total += regionSize(r);
  const std::size_t g = std::max(1u, grain);
  const std::size_t pieces = std::max(1u, maxPieces);
  std::size_t perPiece = (total + pieces - 1) / pieces;
  perPiece = std::max(g, (perPiece + g - 1) / g * g);
  std::vector<Region> result;
  for (const Region &r : regions) {
    const std::size_t size = regionSize(r);
    for (std::size_t begin = 0; begin < size; begin += perPiece)
      result.push_back(subRegion(r, begin, std::min(size, begin + perPiece)));
  }
  return result;
}

std::vector<std::vector<Region>>
groupRegions(const std::vector<Region> &regions, unsigned maxGroups) {
  std::size_t total = 0;
  for (const Region &r : regions)
    total += regionSize(r);
  const std::size_t groups = std::max(1u, maxGroups);
  const std::size_t perGroup = (total + groups - 1) / groups;
  std::vector<std::vector<Region>> result;
  std::size_t inGroup = 0;
  for (const Region &r : regions) {
    if (result.empty() || (inGroup >= perGroup && result.size() < groups)) {
      result.emplace_back();
      inGroup = 0;
    }
    result.back().push_back(r);
    inGroup += regionSize(r);
  }
  return result;
}

void placeVertex(Graph &graph, VertexRef v,
                 const std::optional<unsigned> &tile) {
  if (tile)
    graph.setTileMapping(v, *tile);
}

void requireCodelet(const Graph &graph, const std::string &vertexType,
                    const std::string &operation) {
  if (!graph.hasCodelet(vertexType))
    throw unknown_vertex_type(operation + ": the graph has no vertex type '" +
                              vertexType +
                              "'; call popops::addCodelets(graph) once "
                              "before using popops");
}

std::string operationName(const DebugContext &debugContext,
                          const std::string &operation) {
  const std::string path = debugContext.getPathName();
  return path.empty() ? operation : operation + " (" + path + ")";
}

} // namespace popops::detail
