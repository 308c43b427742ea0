// API probe: engine_construct. Compiles against the public headers alone.
#include <poplar/Engine.hpp>
void probe(const poplar::Graph &g, poplar::Graph &&g2, poplar::Executable &&exe,
           poplar::program::Program p) {
  poplar::Engine e(g, p);
  poplar::Engine e2(g, {p, p}, {{"debug.instrument", "false"}});
  poplar::Engine e3(g, p, {}, [](int, int) {});
  poplar::Engine e4(std::move(exe));
  poplar::Engine e5(std::move(g2), p);
  poplar::ProgressFunc pf;
  poplar::Engine::ProgressFunc pf2;
  (void)pf;
  (void)pf2;
  poplar::Executable x = poplar::compileGraph(g, {p});
  (void)x;
}
