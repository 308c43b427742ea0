// API probe: graph_mapping. Compiles against the public headers alone.
#include <poplar/Graph.hpp>
void probe(poplar::Graph &g, poplar::Tensor t, poplar::VertexRef v) {
  g.setTileMapping(t, 0);
  g.setTileMapping(v, 1);
  poplar::Graph::TileToTensorMapping m = g.getTileMapping(t);
  g.setTileMapping(t, m);
  bool complete;
  (void)g.getTileMapping(t, &complete);
  (void)g.getVariableTileMapping(t);
  (void)g.getSortedContiguousRegions(t, {poplar::Interval(0, 2)});
  poplar::Tensor u = t;
  g.reorderToSimplify(&t, {&u});
  (void)g.findUnbroadcastTensor(t);
  (void)g.getVariable(t.getVarRegions()[0].var);
  (void)g.isConstant(t.getVarRegions()[0].var);
}
