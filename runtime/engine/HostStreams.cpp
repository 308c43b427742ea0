// Host stream connections. Buffers are circular at element granularity: each
// copy moves the next numElements elements and wraps at the end.
#include "runtime/engine/HostStreams.hpp"

#include <poplar/exceptions.hpp>

#include <cstring>
#include <string>

namespace tessel {

void HostStream::connectBuffer(void *begin, void *end) {
  auto *b = static_cast<std::uint8_t *>(begin);
  auto *e = static_cast<std::uint8_t *>(end);
  const std::string what = "connectStream('" + desc.handle + "')";
  if (!b || e < b)
    throw poplar::stream_connection_error(
        what + ": [begin, end) is not a valid buffer");
  const std::uint64_t bytes = std::uint64_t(e - b);
  if (bytes % desc.elementBytes != 0)
    throw poplar::stream_connection_error(
        what + ": the buffer holds " + std::to_string(bytes) +
        " bytes, not a whole number of " + desc.typeName + " elements (" +
        std::to_string(desc.elementBytes) + " bytes each)");
  if (bytes < transferBytes())
    throw poplar::stream_connection_error(
        what + ": the buffer holds " + std::to_string(bytes) +
        " bytes but one copy moves " + std::to_string(transferBytes()) +
        " bytes (" + std::to_string(desc.numElements) + " " + desc.typeName +
        " elements); give a buffer of at least that size");
  kind = Kind::Buffer;
  buffer = b;
  bufferBytes = bytes;
  position = 0;
}

void HostStream::connectPointer(void *p) {
  if (!p)
    throw poplar::stream_connection_error("connectStream('" + desc.handle +
                                          "'): the pointer is null");
  kind = Kind::Pointer;
  buffer = static_cast<std::uint8_t *>(p);
  bufferBytes = transferBytes();
  position = 0;
}

void HostStream::connectCallback(std::function<void(void *)> fn) {
  if (!fn)
    throw poplar::stream_connection_error("connectStreamToCallback('" +
                                          desc.handle +
                                          "'): the callback is empty");
  kind = Kind::Function;
  function = std::move(fn);
}

void HostStream::connectCallback(std::unique_ptr<poplar::StreamCallback> cb) {
  if (!cb)
    throw poplar::stream_connection_error(
        "connectStreamToCallback('" + desc.handle + "'): the callback is null");
  kind = Kind::Object;
  object = std::move(cb);
}

void HostStream::fetch(std::uint8_t *data) {
  const std::uint64_t n = transferBytes();
  switch (kind) {
  case Kind::None:
    throw poplar::stream_connection_error(
        "stream '" + desc.handle +
        "' is used by the program but not connected; call "
        "Engine::connectStream or connectStreamToCallback before run");
  case Kind::Pointer:
    std::memcpy(data, buffer, n);
    return;
  case Kind::Buffer:
    for (std::uint64_t done = 0; done < n;) {
      std::uint64_t take = std::min(n - done, bufferBytes - position);
      std::memcpy(data + done, buffer + position, take);
      done += take;
      position = (position + take) % bufferBytes;
    }
    return;
  case Kind::Function:
    function(data);
    return;
  case Kind::Object:
    object->fetch(data);
    object->complete();
    return;
  }
}

void HostStream::deliver(const std::uint8_t *data) {
  const std::uint64_t n = transferBytes();
  switch (kind) {
  case Kind::None:
    throw poplar::stream_connection_error(
        "stream '" + desc.handle +
        "' is used by the program but not connected; call "
        "Engine::connectStream or connectStreamToCallback before run");
  case Kind::Pointer:
    std::memcpy(buffer, data, n);
    return;
  case Kind::Buffer:
    for (std::uint64_t done = 0; done < n;) {
      std::uint64_t take = std::min(n - done, bufferBytes - position);
      std::memcpy(buffer + position, data + done, take);
      done += take;
      position = (position + take) % bufferBytes;
    }
    return;
  case Kind::Function:
    function(const_cast<std::uint8_t *>(data));
    return;
  case Kind::Object:
    object->fetch(const_cast<std::uint8_t *>(data));
    object->complete();
    return;
  }
}

} // namespace tessel
