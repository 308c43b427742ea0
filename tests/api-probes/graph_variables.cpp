// API probe: graph_variables. Compiles against the public headers alone.
#include <poplar/Graph.hpp>
void probe(poplar::Graph &g) {
  auto a = g.addVariable(poplar::FLOAT, {2, 3}, "a");
  auto b = g.addVariable(poplar::FLOAT, {4},
                         poplar::VariableMappingMethod::LINEAR, {"b"});
  auto md = g.addVariable(poplar::QUARTER_METADATA, {});
  auto q = g.addVariable(poplar::QUARTER, md, {4});
  auto c = g.addLinearlyMappedVariable(poplar::FLOAT, {8});
  auto d = g.addLinearlyMappedVariable(poplar::FLOAT, {8}, 2, 2, "d");
  (void)a;
  (void)b;
  (void)q;
  (void)c;
  (void)d;
}
