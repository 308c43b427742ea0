// API probe: graph_external_variable. Compiles against the public headers
// alone.
#include <poplar/Graph.hpp>
void probe(poplar::Graph &g) {
  poplar::Tensor t = g.addExternalVariable(poplar::FLOAT, {4}, "ext");
  (void)t;
}
