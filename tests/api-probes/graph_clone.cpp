// API probe: graph_clone. Compiles against the public headers alone.
#include <poplar/Graph.hpp>
void probe(poplar::Graph &g, poplar::Tensor t) {
  auto a = g.clone(t);
  auto b = g.clone(poplar::HALF, t, "b",
                   poplar::TensorCloneMethod::CREATE_NEW_ORDER);
  auto c = g.cloneN(t, 3);
  auto d = g.cloneN(poplar::HALF, t, 2, "d");
  (void)a;
  (void)b;
  (void)c;
  (void)d;
}
