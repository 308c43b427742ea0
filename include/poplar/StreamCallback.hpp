// Callbacks that feed or drain host streams instead of a host buffer.
#ifndef POPLAR_STREAMCALLBACK_HPP
#define POPLAR_STREAMCALLBACK_HPP

#include <cstddef>

namespace poplar {

class StreamCallbackBase {
public:
  enum class Result { Success, NotAvailable };
  virtual ~StreamCallbackBase() = default;
  /// Called once the data of the last fetch has been consumed.
  virtual void complete() {}
  /// Prefetched data must be discarded; the next call is a fetch.
  virtual void invalidatePrefetched() {}
};

class StreamCallback : public StreamCallbackBase {
public:
  /// Fill `p` ahead of time if data is available.
  virtual Result prefetch(void *p) = 0;
  /// Fill `p` now.
  virtual void fetch(void *p) = 0;
};

class LegacyStreamCallback : public StreamCallback {
public:
  Result prefetch(void *) override { return Result::NotAvailable; }
};

class ResumableStreamCallback : public StreamCallback {};

} // namespace poplar

#endif
