// API probe: graph_dumps. Compiles against the public headers alone.
#include <poplar/Graph.hpp>
void probe(poplar::Graph &g, poplar::program::Program p, std::ostream &os,
           std::istream &is, poplar::Tensor t) {
  g.outputVertexGraph(os);
  g.outputVertexGraph(os, {p});
  g.outputComputeGraph(os, {p});
  g.serializeTensors(os, {t}, poplar::SerializationFormat::JSON);
  std::vector<poplar::Tensor> ts =
      g.deserializeTensors(is, poplar::SerializationFormat::Binary);
  (void)ts;
  std::string v = poplar::versionString();
  std::string h = poplar::packageHash();
  (void)v;
  (void)h;
}
