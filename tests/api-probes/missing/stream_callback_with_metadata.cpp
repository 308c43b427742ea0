// API probe: stream_callback_with_metadata. Compiles against the public headers
// alone.
#include <poplar/StreamCallback.hpp>
struct M : poplar::StreamCallbackWithMetadata {
  Result prefetch(void *) override { return Result::NotAvailable; }
  void fetch(void *) override {}
};
void probe() {
  M m;
  (void)m;
}
