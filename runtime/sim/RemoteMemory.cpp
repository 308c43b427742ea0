// Streaming memory behind remote buffers (see RemoteMemory.hpp).
#include "runtime/sim/RemoteMemory.hpp"

#include <poplar/exceptions.hpp>

namespace tessel::sim {

RemoteMemory::RemoteMemory(const exe::ExecutableImage &image)
    : image(image), bytes(image.remoteBuffers.size()) {}

std::uint64_t RemoteMemory::rowBytes(std::uint32_t buffer) const {
  const exe::RemoteBufferDesc &b = image.remoteBuffers.at(buffer);
  return b.numElements * b.elementBytes;
}

std::uint8_t *RemoteMemory::row(std::uint32_t buffer, std::uint64_t repeat,
                                const std::string &what) {
  const exe::RemoteBufferDesc &b = image.remoteBuffers.at(buffer);
  if (repeat >= b.repeats)
    throw poplar::application_runtime_error(
        what + ": row " + std::to_string(repeat) + " of remote buffer '" +
        b.handle + "' does not exist; the buffer has " +
        std::to_string(b.repeats) + " repeats (rows 0 to " +
        std::to_string(b.repeats - 1) + ")");
  std::vector<std::uint8_t> &all = bytes[buffer];
  // Allocated on first use, so a large buffer costs nothing until touched.
  if (all.empty())
    all.assign(rowBytes(buffer) * b.repeats, 0);
  return all.data() + repeat * rowBytes(buffer);
}

} // namespace tessel::sim
