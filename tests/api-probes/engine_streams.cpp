// API probe: engine_streams. Compiles against the public headers alone.
#include <poplar/Engine.hpp>
struct CB : poplar::StreamCallback {
  Result prefetch(void *) noexcept override { return Result::NotAvailable; }
  void fetch(void *) noexcept override {}
};
void probe(poplar::Engine &e) {
  float buf[4] = {};
  e.connectStream("s", buf, buf + 4);
  e.connectStream("s", buf);
  std::vector<float> v(4);
  e.connectStream<float>("s", v);
  e.connectStreamToCallback("s", [](void *) {});
  e.connectStreamToCallback("s", 0, [](void *) {});
  e.connectStreamToCallback("s", std::make_unique<CB>());
  e.connectStreamToCallback("s", 0, std::make_unique<CB>());
  std::vector<std::string> l = e.listStreams();
  (void)l;
  e.copyToRemoteBuffer(buf, "rb", 0);
  e.copyFromRemoteBuffer("rb", buf, 1, 0);
}
