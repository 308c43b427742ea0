// API probe: graph_functions. Compiles against the public headers alone.
#include <poplar/Graph.hpp>
void probe(poplar::Graph &g, poplar::program::Program p) {
  poplar::Function f = g.addFunction(p);
  poplar::HostFunction h =
      g.addHostFunction("h", {{poplar::FLOAT, 4}}, {{poplar::FLOAT, 1}});
  (void)f;
  (void)h;
}
