// API probe: graph_vertices. Compiles against the public headers alone.
#include <poplar/Graph.hpp>
void probe(poplar::Graph &g, poplar::Tensor t) {
  poplar::ComputeSet cs = g.addComputeSet("cs");
  poplar::ComputeSet cs2 = g.addComputeSet();
  auto v = g.addVertex(cs, "V");
  auto v2 = g.addVertex(cs2, "V", {{"in", t}, {"out", t}});
  auto v3 = g.addVertex(cs, "V", 3u);
  auto v4 = g.addVertex(cs, "V", {{"in", t}}, 2u);
  g.connect(v["in"], t);
  g.connect(v["ins"], std::vector<poplar::Tensor>{t, t});
  g.connect(v["k"], 3.0f);
  g.setFieldSize(v["x"], 3);
  (void)g.getFieldSize(v["x"]);
  (void)g.getMaxFieldDim("V", "x", 0);
  (void)g.getMaxVertexFieldValue("V", "n");
  g.setInitialValue(v["n"], 3u);
  g.setInitialValue(v["vs"], poplar::ArrayRef<int>({1, 2}));
  g.setInitialValue(t, 1.0f);
  g.setInitialValueHalf(v["h"], std::uint16_t(0));
  (void)v2;
  (void)v3;
  (void)v4;
}
