// Host stream connections. Buffers are circular at element granularity;
// StreamCallback objects are asked to prefetch the next copy's data as soon
// as a copy completes, as the Poplar runtime does when it has time.
#include "runtime/engine/HostStreams.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <cstring>
#include <string>

namespace tessel {

namespace {

[[noreturn]] void refuse(const std::string &what, const std::string &why) {
  throw poplar::stream_connection_error(what + ": " + why);
}

} // namespace

void HostStream::disconnect() {
  if (callback && hasPrefetched)
    callback->invalidatePrefetched();
  kind = Kind::None;
  buffer = nullptr;
  bufferBytes = position = 0;
  function = nullptr;
  callback.reset();
  hasPrefetched = false;
}

void HostStream::connectBuffer(void *begin, void *end) {
  const std::string what = "connectStream('" + desc.handle + "')";
  auto *b = static_cast<std::uint8_t *>(begin);
  auto *e = static_cast<std::uint8_t *>(end);
  if (!b || !e || e < b)
    refuse(what, "[begin, end) is not a buffer (a pointer is null or end "
                 "comes before begin)");
  const auto bytes = std::uint64_t(e - b);
  const std::string needs = std::to_string(copyBytes()) + " bytes (" +
                            std::to_string(desc.numElements) + " " +
                            desc.typeName + " elements)";
  if (bytes < copyBytes())
    refuse(what, "one copy needs " + needs + " but the buffer has " +
                     std::to_string(bytes) +
                     " bytes; give a buffer of at least one copy");
  if (bytes % desc.elementBytes != 0)
    refuse(what, "the buffer has " + std::to_string(bytes) +
                     " bytes, not a whole number of " + desc.typeName +
                     " elements of " + std::to_string(desc.elementBytes) +
                     " bytes");
  disconnect();
  kind = Kind::Buffer;
  buffer = b;
  bufferBytes = bytes;
}

void HostStream::connectPointer(void *p) {
  if (!p)
    refuse("connectStream('" + desc.handle + "')", "the pointer is null");
  disconnect();
  kind = Kind::Pointer;
  buffer = static_cast<std::uint8_t *>(p);
  bufferBytes = copyBytes();
}

void HostStream::connectFunction(std::function<void(void *)> fn) {
  if (!fn)
    refuse("connectStreamToCallback('" + desc.handle + "')",
           "the callback function is empty");
  disconnect();
  kind = Kind::Function;
  function = std::move(fn);
}

void HostStream::connectCallback(
    std::unique_ptr<poplar::StreamCallback> object) {
  const std::string what = "connectStreamToCallback('" + desc.handle + "')";
  if (!object)
    refuse(what, "the StreamCallback is null");
  if (!desc.toDevice)
    refuse(what, "StreamCallback objects feed host-to-device streams, and '" +
                     desc.handle +
                     "' goes from the device to the host; connect a "
                     "std::function<void(void *)> that receives the data");
  disconnect();
  kind = Kind::Callback;
  callback = std::move(object);
  prefetched.resize(copyBytes());
}

void HostStream::readCircular(std::uint8_t *to) {
  for (std::uint64_t done = 0, n = copyBytes(); done < n;) {
    std::uint64_t take = std::min(n - done, bufferBytes - position);
    std::memcpy(to + done, buffer + position, take);
    done += take;
    position = (position + take) % bufferBytes;
  }
}

void HostStream::writeCircular(const std::uint8_t *from) {
  for (std::uint64_t done = 0, n = copyBytes(); done < n;) {
    std::uint64_t take = std::min(n - done, bufferBytes - position);
    std::memcpy(buffer + position, from + done, take);
    done += take;
    position = (position + take) % bufferBytes;
  }
}

void HostStream::fetchFromCallback(std::uint8_t *data) {
  if (hasPrefetched) {
    std::memcpy(data, prefetched.data(), prefetched.size());
    hasPrefetched = false;
  } else {
    callback->fetch(data);
  }
  callback->complete();
  hasPrefetched = callback->prefetch(prefetched.data()) ==
                  poplar::StreamCallbackBase::Result::Success;
}

void HostStream::toDevice(std::uint8_t *data) {
  switch (kind) {
  case Kind::None:
    break;
  case Kind::Buffer:
    readCircular(data);
    return;
  case Kind::Pointer:
    std::memcpy(data, buffer, copyBytes());
    return;
  case Kind::Function:
    function(data);
    return;
  case Kind::Callback:
    fetchFromCallback(data);
    return;
  }
  throw poplar::stream_connection_error(
      "stream '" + desc.handle +
      "' is not connected; call Engine::connectStream or "
      "Engine::connectStreamToCallback before running a program that "
      "copies from it");
}

void HostStream::fromDevice(std::uint8_t *data) {
  switch (kind) {
  case Kind::None:
  case Kind::Callback:
    break;
  case Kind::Buffer:
    writeCircular(data);
    return;
  case Kind::Pointer:
    std::memcpy(buffer, data, copyBytes());
    return;
  case Kind::Function:
    function(data);
    return;
  }
  throw poplar::stream_connection_error(
      "stream '" + desc.handle +
      "' is not connected; call Engine::connectStream or "
      "Engine::connectStreamToCallback before running a program that "
      "copies to it");
}

void HostStream::endRun() {
  if (kind == Kind::Callback && hasPrefetched) {
    hasPrefetched = false;
    callback->invalidatePrefetched();
  }
}

} // namespace tessel
