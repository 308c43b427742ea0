// API probe: graph_perf. Compiles against the public headers alone.
#include <poplar/Graph.hpp>
void probe(poplar::Graph &g, poplar::VertexRef v) {
  g.setPerfEstimate(v, 10);
  g.setPerfEstimate(v, 10, 2);
  g.setPerfEstimate(v, poplar::VertexPerfEstimate(10, 3));
  poplar::VertexPerfEstimate e = g.getPerfEstimate(v);
  (void)e;
  g.registerPerfEstimator(
      "V", poplar::PerfEstimateFunc(
               [](const poplar::VertexIntrospector &, const poplar::Target &) {
                 return poplar::VertexPerfEstimate(1);
               }));
}
