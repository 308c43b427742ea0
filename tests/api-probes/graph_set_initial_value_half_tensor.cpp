// API probe: graph_set_initial_value_half_tensor. Compiles against the public
// headers alone.
#include <poplar/Graph.hpp>
void probe(poplar::Graph &g, poplar::Tensor t) {
  g.setInitialValueHalf(t, std::vector<std::uint16_t>{0, 1});
}
