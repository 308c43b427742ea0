// API probe: engine_host_function. Compiles against the public headers alone.
#include <poplar/Engine.hpp>
struct H : poplar::HostCallback {
  void operator()(poplar::ArrayRef<const void *>,
                  poplar::ArrayRef<void *>) override {}
};
void probe(poplar::Engine &e) {
  e.connectHostFunction("h", 0, std::make_unique<H>());
}
