// Where popops operations put their vertices: the memory-contiguous regions
// of a tensor on each tile, cut and grouped so every tile's share of the
// work is spread over its worker contexts. Every popops operation follows
// the data it writes, so an elementwise op costs no exchange for operands
// that live where the output does.
#ifndef TESSEL_POPLIBS_POPOPS_OPERATIONPLACEMENT_HPP
#define TESSEL_POPLIBS_POPOPS_OPERATIONPLACEMENT_HPP

#include <poplar/Graph.hpp>
#include <poplar/Interval.hpp>
#include <poplar/Tensor.hpp>

#include <optional>
#include <string>
#include <vector>

namespace popops::detail {

/// Consecutive intervals of a flattened tensor whose elements are adjacent
/// in memory: one vertex field can be connected to all of it unstaged.
using Region = std::vector<poplar::Interval>;

/// A tensor's elements on one tile, as memory-contiguous regions in address
/// order. `tile` is empty for elements the user left unmapped (allowed on
/// IPUModel targets): their vertices stay unmapped and the compiler places
/// them with their data.
struct TileRegions {
  std::optional<unsigned> tile;
  std::vector<Region> regions;
};

/// The intervals of [0, numElements) that no tile's intervals in `mapping`
/// cover: the elements of a tensor the user left unmapped.
std::vector<poplar::Interval>
unmappedIntervals(const poplar::Graph::TileToTensorMapping &mapping,
                  std::size_t numElements);

/// `t`'s flattened elements by tile, tiles in increasing order, then the
/// unmapped elements (if any). Tiles with no elements are left out.
std::vector<TileRegions> regionsByTile(const poplar::Graph &graph,
                                       const poplar::Tensor &t);

/// The number of elements a region holds.
std::size_t regionSize(const Region &region);

/// Elements [begin, end) of `region`, counted from its start.
Region subRegion(const Region &region, std::size_t begin, std::size_t end);

/// `flat`'s elements in `region`, as one tensor.
poplar::Tensor regionOf(const poplar::Tensor &flat, const Region &region);

/// Cuts `regions` into at most `maxPieces` pieces (or fewer: no piece is
/// shorter than `grain` elements unless its region is), each piece part of
/// one region, with element counts as even as whole grains allow. Used to
/// give each worker of a tile a vertex of its own.
std::vector<Region> splitRegions(const std::vector<Region> &regions,
                                 unsigned maxPieces, unsigned grain = 1);

/// Groups whole regions into at most `maxGroups` groups of balanced element
/// counts, keeping address order within a group. For vertices that take a
/// list of regions, so many small regions cost few vertices.
std::vector<std::vector<Region>>
groupRegions(const std::vector<Region> &regions, unsigned maxGroups);

/// Maps `v` to `tile` when it is known.
void placeVertex(poplar::Graph &graph, poplar::VertexRef v,
                 const std::optional<unsigned> &tile);

/// Throws unknown_vertex_type when `graph` lacks `vertexType`, naming
/// `operation` and saying to call popops::addCodelets(graph).
void requireCodelet(const poplar::Graph &graph, const std::string &vertexType,
                    const std::string &operation);

/// "name" for errors: the debug context's path when it has one, else
/// `operation` (e.g. "popops::add").
std::string operationName(const poplar::DebugContext &debugContext,
                          const std::string &operation);

} // namespace popops::detail

#endif
