// API probe: engine_run. Compiles against the public headers alone.
#include <poplar/Engine.hpp>
void probe(poplar::Engine &e, const poplar::Device &d, std::ostream &os) {
  e.load(d);
  e.run();
  e.run(0, "r");
  e.run(0, "r", poplar::RuntimeOptions(poplar::OptionFlags{}));
  e.loadAndRun(d);
  e.prepare(d);
  e.deploy();
  e.stop();
  e.setPrintStream(os);
  e.setPrintTensorStream(os);
}
