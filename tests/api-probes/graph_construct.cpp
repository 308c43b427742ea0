// API probe: graph_construct. Compiles against the public headers alone.
#include <poplar/Graph.hpp>
void probe(const poplar::Target &t, const poplar::Device &d) {
  poplar::Graph g(t);
  poplar::Graph g2(d, poplar::replication_factor(1));
  (void)g.getTarget();
  (void)g.getReplicationFactor();
  (void)g.getTopLevelGraph();
  poplar::Graph v = g.createVirtualGraph(2);
  poplar::Graph v2 = g.createVirtualGraph(0u, 2u);
  poplar::Graph v3 = g.createVirtualGraph(std::vector<unsigned>{0, 1});
  (void)v.convertVirtualTileToPhysicalTile(0);
  (void)g.getNumVertices();
}
