// poplar::Graph construction, virtual graphs, variables, constants and
// clones. Tile mapping lives in GraphMapping.cpp, host I/O in GraphHostIO.cpp.
#include "compiler/core/TargetParameters.hpp"
#include "compiler/core/TypeTable.hpp"
#include "compiler/graph/DescribeTensor.hpp"
#include "compiler/graph/GraphImpl.hpp"
#include "compiler/graph/TensorImpl.hpp"
#include "compiler/graph/TensorViewSupport.hpp"

#include <poplar/exceptions.hpp>

#include <numeric>

using namespace poplar;

namespace tessel {

/// The target a virtual graph sees: the parent's, with fewer tiles.
static Target virtualTarget(const Target &parent, unsigned numIPUs,
                            unsigned tilesPerIPU) {
  TargetParams params = targetParams(parent);
  params.numIPUs = numIPUs;
  params.tilesPerIPU = tilesPerIPU;
  return makeTarget(params);
}

static std::unique_ptr<GraphImpl> makeVirtualGraph(const GraphImpl &parent,
                                                   std::vector<unsigned> tiles,
                                                   unsigned numIPUs) {
  auto impl = std::make_unique<GraphImpl>();
  impl->store = parent.store;
  impl->replicationFactor = parent.replicationFactor;
  impl->topLevel = parent.topLevel;
  for (unsigned &tile : tiles)
    tile = parent.physicalTiles[tile];
  impl->target = virtualTarget(parent.target, numIPUs,
                               static_cast<unsigned>(tiles.size()) / numIPUs);
  impl->physicalTiles = std::move(tiles);
  return impl;
}

} // namespace tessel

namespace poplar {

Graph::Graph(std::unique_ptr<tessel::GraphImpl> impl)
    : impl_(std::move(impl)) {}

Graph::Graph(const Target &target, replication_factor r)
    : impl_(std::make_unique<tessel::GraphImpl>()) {
  if (r.value != 1)
    throw graph_replication_error(
        "Graph: replication factor " + std::to_string(r.value) +
        " is not supported yet; Tessel runs one replica. Use "
        "replication_factor(1).");
  impl_->store = std::make_shared<tessel::GraphStore>(target);
  impl_->target = target;
  impl_->physicalTiles.resize(target.getNumTiles());
  std::iota(impl_->physicalTiles.begin(), impl_->physicalTiles.end(), 0u);
  impl_->replicationFactor = r.value;
  impl_->topLevel = this;
}

Graph::Graph(const Device &device, replication_factor r)
    : Graph(device.getTarget(), r) {}

Graph::Graph(Graph &&other) noexcept : impl_(std::move(other.impl_)) {
  if (impl_ && impl_->topLevel == &other)
    impl_->topLevel = this;
}

Graph &Graph::operator=(Graph &&other) noexcept {
  impl_ = std::move(other.impl_);
  if (impl_ && impl_->topLevel == &other)
    impl_->topLevel = this;
  return *this;
}

Graph::~Graph() = default;

const Target &Graph::getTarget() const { return impl_->target; }

unsigned Graph::getReplicationFactor() const {
  return impl_->replicationFactor;
}

Graph &Graph::getTopLevelGraph() { return *impl_->topLevel; }

Graph Graph::createVirtualGraph(unsigned numTilesPerIPU) {
  const Target &target = getTarget();
  const unsigned tilesPerIPU = target.getTilesPerIPU();
  if (numTilesPerIPU == 0 || numTilesPerIPU > tilesPerIPU)
    throw graph_object_creation_error(
        "createVirtualGraph: asked for " + std::to_string(numTilesPerIPU) +
        " tiles per IPU but the graph has " + std::to_string(tilesPerIPU) +
        " tiles per IPU; ask for between 1 and " + std::to_string(tilesPerIPU));
  std::vector<unsigned> tiles;
  for (unsigned ipu = 0; ipu < target.getNumIPUs(); ++ipu)
    for (unsigned t = 0; t < numTilesPerIPU; ++t)
      tiles.push_back(ipu * tilesPerIPU + t);
  return Graph(
      tessel::makeVirtualGraph(*impl_, std::move(tiles), target.getNumIPUs()));
}

Graph Graph::createVirtualGraph(unsigned lowerTile, unsigned upperTile) {
  const Target &target = getTarget();
  const unsigned numTiles = target.getNumTiles();
  const unsigned tilesPerIPU = target.getTilesPerIPU();
  if (lowerTile >= upperTile || upperTile > numTiles)
    throw graph_object_creation_error(
        "createVirtualGraph: tile range [" + std::to_string(lowerTile) + ", " +
        std::to_string(upperTile) + ") is empty or exceeds the graph's " +
        std::to_string(numTiles) + " tiles");
  const unsigned count = upperTile - lowerTile;
  unsigned numIPUs = 1;
  if (lowerTile % tilesPerIPU == 0 && count % tilesPerIPU == 0)
    numIPUs = count / tilesPerIPU;
  else if (lowerTile / tilesPerIPU != (upperTile - 1) / tilesPerIPU)
    throw graph_object_creation_error(
        "createVirtualGraph: tile range [" + std::to_string(lowerTile) + ", " +
        std::to_string(upperTile) +
        ") spans IPUs without covering whole "
        "IPUs; keep the range within one IPU of " +
        std::to_string(tilesPerIPU) + " tiles or cover whole IPUs");
  std::vector<unsigned> tiles(count);
  std::iota(tiles.begin(), tiles.end(), lowerTile);
  return Graph(tessel::makeVirtualGraph(*impl_, std::move(tiles), numIPUs));
}

Graph Graph::createVirtualGraph(const std::vector<unsigned> &perIpuTiles) {
  const Target &target = getTarget();
  const unsigned tilesPerIPU = target.getTilesPerIPU();
  if (perIpuTiles.empty())
    throw graph_object_creation_error(
        "createVirtualGraph: the list of tiles per IPU is empty");
  std::vector<unsigned> tiles;
  for (unsigned ipu = 0; ipu < target.getNumIPUs(); ++ipu)
    for (unsigned t : perIpuTiles) {
      if (t >= tilesPerIPU)
        throw graph_object_creation_error(
            "createVirtualGraph: tile " + std::to_string(t) +
            " is not below the " + std::to_string(tilesPerIPU) +
            " tiles per IPU of the graph");
      tiles.push_back(ipu * tilesPerIPU + t);
    }
  return Graph(
      tessel::makeVirtualGraph(*impl_, std::move(tiles), target.getNumIPUs()));
}

unsigned Graph::convertVirtualTileToPhysicalTile(unsigned virtualTile) const {
  if (virtualTile >= impl_->physicalTiles.size())
    throw index_error("convertVirtualTileToPhysicalTile: tile " +
                      std::to_string(virtualTile) +
                      " is not below the graph's " +
                      std::to_string(impl_->physicalTiles.size()) + " tiles");
  return impl_->physicalTiles[virtualTile];
}

unsigned Graph::convertPhysicalTileToVirtualTile(unsigned physicalTile) const {
  const auto &tiles = impl_->physicalTiles;
  for (unsigned i = 0; i < tiles.size(); ++i)
    if (tiles[i] == physicalTile)
      return i;
  throw index_error("convertPhysicalTileToVirtualTile: physical tile " +
                    std::to_string(physicalTile) +
                    " is not part of this virtual graph");
}

std::size_t Graph::getNumVertices() const {
  return impl_->store->vertices.size();
}

std::size_t Graph::shapeElements(ArrayRef<std::size_t> shape) {
  return tessel::shapeProduct(shape.cloneAsVector(), 0, shape.size());
}

} // namespace poplar
