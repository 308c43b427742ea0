// API probe: stream_callbacks. Compiles against the public headers alone.
#include <poplar/StreamCallback.hpp>
struct L : poplar::LegacyStreamCallback {
  void fetch(void *) override {}
};
struct R : poplar::ResumableStreamCallback {
  Result prefetch(void *) override { return Result::NotAvailable; }
  void fetch(void *) override {}
};
void probe() {
  L l;
  R r;
  l.complete();
  l.invalidatePrefetched();
  (void)l.prefetch(nullptr);
  poplar::StreamCallbackBase::Result res =
      poplar::StreamCallbackBase::Result::Success;
  (void)res;
  (void)r;
}
