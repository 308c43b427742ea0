// The host side of each stream: what the user connected (a circular buffer,
// a fixed pointer, a callback or a StreamCallback) and where the next copy
// reads or writes in it.
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
  explicit HostStream(const exe::StreamDesc &desc) : desc(desc) {}

  void connectBuffer(void *begin, void *end);
  void connectPointer(void *p);
  void connectCallback(std::function<void(void *)> fn);
  void connectCallback(std::unique_ptr<poplar::StreamCallback> cb);
  bool connected() const { return kind != Kind::None; }

  /// Host -> device: fills `data` (one transfer) from the connection.
  void fetch(std::uint8_t *data);
  /// Device -> host: delivers one transfer to the connection.
  void deliver(const std::uint8_t *data);

  std::uint64_t transferBytes() const {
    return desc.numElements * desc.elementBytes;
  }
  const exe::StreamDesc &description() const { return desc; }

private:
  enum class Kind { None, Buffer, Pointer, Function, Object };
  const exe::StreamDesc &desc;
  Kind kind = Kind::None;
  std::uint8_t *buffer = nullptr;
  std::uint64_t bufferBytes = 0;
  std::uint64_t position = 0;
  std::function<void(void *)> function;
  std::unique_ptr<poplar::StreamCallback> object;
};

} // namespace tessel

#endif
