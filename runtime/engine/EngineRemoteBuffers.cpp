// Engine::copyToRemoteBuffer / copyFromRemoteBuffer: the host reads and
// writes rows of the simulated device's streaming memory. An unknown handle,
// a row beyond the buffer's repeats or a replica other than 0 is
// poplar::index_error; a null host pointer is poplar::tensor_io_state_error.
#include "runtime/engine/EngineImpl.hpp"

#include <poplar/exceptions.hpp>

#include <cstring>

namespace tessel {

std::uint8_t *EngineImpl::remoteBufferRow(const std::string &handle,
                                          std::uint64_t repeatIndex,
                                          unsigned replicationIndex,
                                          const std::string &caller,
                                          std::uint64_t &rowBytes) {
  requireDeployed(caller);
  const std::uint32_t buffer = remoteBuffer(handle, caller);
  const exe::RemoteBufferDesc &b = image.remoteBuffers[buffer];
  if (replicationIndex != 0)
    throw poplar::index_error(caller + ": replica " +
                              std::to_string(replicationIndex) +
                              " does not exist; the graph is not replicated, "
                              "so use replica 0");
  if (repeatIndex >= b.repeats)
    throw poplar::index_error(
        caller + ": repeat " + std::to_string(repeatIndex) +
        " is out of range; remote buffer '" + handle + "' has " +
        std::to_string(b.repeats) + " repeats (0 to " +
        std::to_string(b.repeats - 1) + ")");
  sim::RemoteMemory &remote = executor->remoteMemory();
  rowBytes = remote.rowBytes(buffer);
  return remote.row(buffer, repeatIndex, caller);
}

void EngineImpl::copyToRemoteBuffer(const void *src, const std::string &handle,
                                    std::uint64_t repeatIndex,
                                    unsigned replicationIndex) {
  const std::string caller = "Engine::copyToRemoteBuffer('" + handle + "')";
  BusyGuard hold(*this, caller);
  std::uint64_t rowBytes = 0;
  std::uint8_t *row =
      remoteBufferRow(handle, repeatIndex, replicationIndex, caller, rowBytes);
  if (!src)
    throw poplar::tensor_io_state_error(caller + ": the source is null");
  std::memcpy(row, src, rowBytes);
}

void EngineImpl::copyFromRemoteBuffer(const std::string &handle, void *dst,
                                      std::uint64_t repeatIndex,
                                      unsigned replicationIndex) {
  const std::string caller = "Engine::copyFromRemoteBuffer('" + handle + "')";
  BusyGuard hold(*this, caller);
  std::uint64_t rowBytes = 0;
  std::uint8_t *row =
      remoteBufferRow(handle, repeatIndex, replicationIndex, caller, rowBytes);
  if (!dst)
    throw poplar::tensor_io_state_error(caller + ": the destination is null");
  std::memcpy(dst, row, rowBytes);
}

} // namespace tessel
