// API probe: graph_external_exchange_vertex. Compiles against the public
// headers alone.
#include <poplar/Graph.hpp>
void probe(poplar::Graph &g, poplar::ComputeSet cs) {
  auto v = g.addExternalExchangeVertex(cs, "V", 0u, false, false);
  (void)v;
}
