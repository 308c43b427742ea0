// API probe: engine_compile_module. Compiles against the public headers alone.
#include <poplar/Engine.hpp>
void probe(const poplar::Graph &g, poplar::program::Program p) {
  auto m = poplar::compileModule(g, {p});
  (void)m;
}
