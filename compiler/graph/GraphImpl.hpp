// What a poplar::Graph is inside: a shared graph store plus the tiles this
// (possibly virtual) graph may use. Virtual graphs share their parent's store
// and translate their tile numbers to physical ones on every mapping call.
#ifndef TESSEL_COMPILER_GRAPH_GRAPHIMPL_HPP
#define TESSEL_COMPILER_GRAPH_GRAPHIMPL_HPP

#include "compiler/graph/GraphStore.hpp"

#include <poplar/Graph.hpp>

#include <memory>
#include <vector>

namespace tessel {

class GraphImpl {
public:
  std::shared_ptr<GraphStore> store;
  /// physicalTiles[virtualTile]; the identity for a top-level graph.
  std::vector<unsigned> physicalTiles;
  /// The target as this graph sees it (a virtual graph has fewer tiles).
  poplar::Target target;
  unsigned replicationFactor = 1;
  /// The top-level graph (this graph's owner when it is top-level).
  poplar::Graph *topLevel = nullptr;
};

/// How the compiler reaches the implementation behind a poplar::Graph, which
/// keeps it private so programs see only the API.
struct GraphAccess {
  static GraphImpl &impl(const poplar::Graph &graph) { return *graph.impl_; }
};

} // namespace tessel

#endif
