// The host side of each stream: what the user connected (a circular buffer,
// a fixed pointer, a function or a StreamCallback object) and where the next
// copy reads or writes in it. docs/runtime.md states the semantics.
#ifndef TESSEL_RUNTIME_ENGINE_HOSTSTREAMS_HPP
#define TESSEL_RUNTIME_ENGINE_HOSTSTREAMS_HPP

#include "compiler/codegen/ExecutableImage.hpp"

#include <poplar/StreamCallback.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace tessel {

class HostStream {
public:
  explicit HostStream(exe::StreamDesc desc) : desc(std::move(desc)) {}
  HostStream(const HostStream &) = delete;
  HostStream &operator=(const HostStream &) = delete;

  /// A circular buffer of whole elements, at least one copy long; each copy
  /// moves the next numElements elements and wraps at the end. Throws
  /// poplar::stream_connection_error naming the handle, the bytes one copy
  /// needs and the bytes given.
  void connectBuffer(void *begin, void *end);
  /// Every copy moves the same numElements elements at `p`.
  void connectPointer(void *p);
  /// Host-to-device: fn(p) fills p with one copy's bytes. Device-to-host:
  /// fn(p) receives them.
  void connectFunction(std::function<void(void *)> fn);
  /// Host-to-device streams only: data comes from prefetch() or fetch(),
  /// and complete() follows each copy.
  void connectCallback(std::unique_ptr<poplar::StreamCallback> callback);
  bool connected() const { return kind != Kind::None; }

  /// Host to device: fills `data` with one copy's bytes.
  void toDevice(std::uint8_t *data);
  /// Device to host: hands over one copy's bytes, in a scratch buffer a
  /// function callback may change.
  void fromDevice(std::uint8_t *data);
  /// A run ended: data prefetched for a copy that did not happen is
  /// dropped, and the callback is told so (invalidatePrefetched).
  void endRun();

  std::uint64_t copyBytes() const {
    return desc.numElements * desc.elementBytes;
  }
  const exe::StreamDesc &description() const { return desc; }

private:
  enum class Kind { None, Buffer, Pointer, Function, Callback };
  void disconnect();
  /// One copy's bytes from / into the circular buffer, moving on.
  void readCircular(std::uint8_t *to);
  void writeCircular(const std::uint8_t *from);
  void fetchFromCallback(std::uint8_t *data);

  exe::StreamDesc desc;
  Kind kind = Kind::None;
  std::uint8_t *buffer = nullptr;
  std::uint64_t bufferBytes = 0;
  std::uint64_t position = 0;
  std::function<void(void *)> function;
  std::unique_ptr<poplar::StreamCallback> callback;
  std::vector<std::uint8_t> prefetched;
  bool hasPrefetched = false;
};

} // namespace tessel

#endif
