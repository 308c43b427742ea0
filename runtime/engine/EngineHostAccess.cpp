// Host access by name: createHostWrite / createHostRead handles and stream
// handles. Unknown handles are poplar::index_error (a lookup that found no
// entry) listing the handles there are; using a handle the wrong way or with
// a buffer of the wrong size is poplar::tensor_io_state_error.
#include "runtime/engine/EngineImpl.hpp"

#include "runtime/sim/TensorAccess.hpp"

#include <poplar/exceptions.hpp>

#include <cstring>

namespace tessel {

const exe::TensorLayout &
EngineImpl::hostTensor(const std::string &handle, bool forWrite,
                       const std::string &caller) const {
  auto found = hostHandles.find(handle);
  if (found == hostHandles.end())
    throw poplar::index_error(
        caller + ": there is no host " + (forWrite ? "write" : "read") +
        " handle '" + handle + "'; the graph's handles are " +
        knownHandles(hostHandles) + " (made by Graph::createHostWrite and " +
        "Graph::createHostRead)");
  const exe::TensorLayout *layout =
      forWrite ? found->second.write : found->second.read;
  if (!layout)
    throw poplar::tensor_io_state_error(
        caller + ": handle '" + handle + "' was made by " +
        (forWrite ? "Graph::createHostRead, so it can only be read"
                  : "Graph::createHostWrite, so it can only be written") +
        "; make a handle with " +
        (forWrite ? "Graph::createHostWrite" : "Graph::createHostRead") +
        " to " + (forWrite ? "write" : "read") + " the tensor");
  return *layout;
}

/// Throws unless the host buffer [buf, bufEnd) holds exactly the tensor;
/// bufEnd null means a legacy pointer-only call.
static void checkHostBuffer(const std::string &caller,
                            const exe::TensorLayout &layout, const void *buf,
                            const void *bufEnd) {
  std::uint64_t expected = sim::layoutBytes(layout);
  if (!buf)
    throw poplar::tensor_io_state_error(caller + ": the buffer is null");
  if (!bufEnd)
    return;
  auto *b = static_cast<const char *>(buf);
  auto *e = static_cast<const char *>(bufEnd);
  if (e >= b && std::uint64_t(e - b) == expected)
    return;
  std::string given = e < b ? "a negative number of" : std::to_string(e - b);
  throw poplar::tensor_io_state_error(
      caller + ": the buffer holds " + given + " bytes but the tensor has " +
      std::to_string(expected / layout.elementBytes) + " " + layout.typeName +
      " elements, " + std::to_string(expected) +
      " bytes; pass a buffer of exactly that size");
}

void EngineImpl::writeTensor(const std::string &handle, const void *buf,
                             const void *bufEnd) {
  std::string caller = "Engine::writeTensor('" + handle + "')";
  BusyGuard hold(*this, caller);
  const exe::TensorLayout &layout = hostTensor(handle, true, caller);
  requireDeployed(caller);
  checkHostBuffer(caller, layout, buf, bufEnd);
  sim::scatter(*memory, layout, static_cast<const std::uint8_t *>(buf));
}

void EngineImpl::readTensor(const std::string &handle, void *buf,
                            void *bufEnd) {
  std::string caller = "Engine::readTensor('" + handle + "')";
  BusyGuard hold(*this, caller);
  const exe::TensorLayout &layout = hostTensor(handle, false, caller);
  requireDeployed(caller);
  checkHostBuffer(caller, layout, buf, bufEnd);
  sim::gather(*memory, layout, static_cast<std::uint8_t *>(buf));
}

HostStream &EngineImpl::stream(const std::string &handle,
                               const std::string &caller) {
  // A connection made while a run is under way would race with its
  // transfers.
  requireIdle(caller);
  auto found = streamIndex.find(handle);
  if (found == streamIndex.end())
    throw poplar::stream_connection_error(
        caller + ": there is no stream '" + handle +
        "'; the graph's streams are " + knownHandles(streamIndex));
  return *streams[found->second];
}

std::uint32_t EngineImpl::remoteBuffer(const std::string &handle,
                                       const std::string &caller) const {
  auto found = remoteBufferIndex.find(handle);
  if (found == remoteBufferIndex.end())
    throw poplar::index_error(caller + ": there is no remote buffer '" +
                              handle + "'; the graph's remote buffers are " +
                              knownHandles(remoteBufferIndex) +
                              " (made by Graph::addRemoteBuffer)");
  return found->second;
}

std::vector<std::string> EngineImpl::streamHandles() const {
  std::vector<std::string> handles;
  for (const exe::StreamDesc &s : image.streams)
    handles.push_back(s.handle);
  return handles;
}

} // namespace tessel
