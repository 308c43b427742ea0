// API probe: graph_constants. Compiles against the public headers alone.
#include <poplar/Graph.hpp>
void probe(poplar::Graph &g) {
  std::vector<float> v{1, 2};
  auto a = g.addConstant<float>(poplar::FLOAT, {2}, v);
  auto b = g.addConstant(poplar::FLOAT, {2}, v.data());
  auto c = g.addConstant(poplar::INT, {3}, 7);
  auto d = g.addConstant<float>(poplar::FLOAT, {2}, {1.0f, 1.5f});
  auto e = g.addConstantHalf(poplar::HALF, {1}, std::uint16_t(0x3c00));
  auto f = g.addReplicationIndexConstant();
  (void)a;
  (void)b;
  (void)c;
  (void)d;
  (void)e;
  (void)f;
}
