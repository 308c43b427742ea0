// poplar::Graph: host read/write handles, host stream FIFOs and functions.
#include "compiler/core/TypeTable.hpp"
#include "compiler/graph/DescribeTensor.hpp"
#include "compiler/graph/GraphImpl.hpp"
#include "compiler/graph/TensorImpl.hpp"
#include "compiler/graph/TensorViewSupport.hpp"

#include <poplar/exceptions.hpp>

using namespace poplar;

namespace tessel {

/// The largest buffer one stream may have, as in Poplar.
constexpr std::uint64_t kMaxStreamBytes = 128ull << 20;

static void checkHandleNotEmpty(const std::string &handle,
                                const std::string &what) {
  if (handle.empty())
    throw graph_object_creation_error(what + ": the handle is empty; give "
                                             "it a name");
}

/// Streams need a handle nothing else uses.
static void checkHandleIsNew(const GraphStore &store, const std::string &handle,
                             const std::string &what) {
  checkHandleNotEmpty(handle, what);
  if (store.findHostAccess(handle) >= 0 || store.findStream(handle) >= 0 ||
      store.findRemoteBuffer(handle) >= 0)
    throw graph_object_creation_error(
        what + ": handle '" + handle +
        "' is already used by another host read, host write, stream or "
        "remote buffer; stream handles must be unique");
}

/// A host read and a host write may share a handle when they name the same
/// tensor, as in Poplar, so readTensor and writeTensor both use it; any
/// other reuse is an error.
static void checkHostAccessHandle(const GraphStore &store,
                                  const std::string &handle, const Tensor &t,
                                  bool isWrite, const std::string &what) {
  checkHandleNotEmpty(handle, what);
  if (store.findStream(handle) >= 0 || store.findRemoteBuffer(handle) >= 0)
    throw graph_object_creation_error(
        what + ": handle '" + handle +
        "' is already used by a stream; give the host access another name");
  for (const HostAccess &other : store.hostAccesses) {
    if (other.handle != handle)
      continue;
    const char *otherKind = other.isWrite ? "host write" : "host read";
    if (other.isWrite == isWrite)
      throw graph_object_creation_error(
          what + ": handle '" + handle + "' is already a " + otherKind +
          "; a handle has at most one host read and one host write");
    if (other.tensor != t)
      throw graph_object_creation_error(
          what + ": handle '" + handle + "' is already the " + otherKind +
          " of " + describeTensor(other.tensor) + ", not of " +
          describeTensor(t) +
          "; a read and a write share a handle only on the same tensor, so "
          "give this one another name");
  }
}

static void addHostAccess(GraphImpl &graph, const std::string &handle,
                          const Tensor &t, bool isWrite) {
  const std::string what =
      std::string(isWrite ? "createHostWrite" : "createHostRead");
  if (!t.valid())
    throw graph_object_creation_error(what + " '" + handle +
                                      "': the tensor is not valid");
  checkTensorOfGraph(graph, t, what + " '" + handle + "'");
  checkHostAccessHandle(*graph.store, handle, t, isWrite, what);
  if (isWrite && t.containsConstant())
    throw graph_object_creation_error(
        what + " '" + handle + "': " + describeTensor(t) +
        " views a constant, which the host cannot write");
  graph.store->hostAccesses.push_back({handle, isWrite, t});
}

static DataStream addStream(GraphImpl &graph, const std::string &handle,
                            const Type &type, std::size_t numElements,
                            DataStreamType kind, ReplicatedStreamMode mode) {
  const std::string what = kind == DataStreamType::HostToDeviceFIFO
                               ? "addHostToDeviceFIFO"
                               : "addDeviceToHostFIFO";
  checkHandleIsNew(*graph.store, handle, what);
  const TypeInfo &info = typeInfo(type);
  if (!info.deviceSupported)
    throw type_error(what + " '" + handle + "': type " + type.toString() +
                     " is not supported on the device");
  if (numElements == 0)
    throw graph_object_creation_error(what + " '" + handle +
                                      "': a stream needs at least one "
                                      "element");
  std::uint64_t bytes = 0;
  if (__builtin_mul_overflow(std::uint64_t(numElements),
                             std::uint64_t(info.size), &bytes) ||
      bytes > kMaxStreamBytes)
    throw stream_memory_allocation_error(
        "Out of memory. Single stream of length " +
        exactShapeProduct({numElements, info.size}, 0, 2) + " bytes (" +
        std::to_string(numElements) + " elements of " + type.toString() +
        ", '" + handle + "') exceeds the " + std::to_string(kMaxStreamBytes) +
        " byte limit per stream; split it into several streams");
  StreamInfo info2;
  info2.handle = handle;
  info2.type = type;
  info2.numElements = numElements;
  info2.kind = kind;
  info2.mode = mode;
  graph.store->streams.push_back(info2);
  return DataStream(static_cast<unsigned>(graph.store->streams.size() - 1),
                    handle, type, numElements, kind, mode, graph.store.get());
}

static RemoteBuffer addRemoteBuffer(GraphImpl &graph, const std::string &handle,
                                    const Type &type, std::size_t numElements,
                                    std::size_t repeats, bool rearrangeOnHost,
                                    bool optimiseMemory) {
  const std::string what = "addRemoteBuffer '" + handle + "'";
  checkHandleIsNew(*graph.store, handle, "addRemoteBuffer");
  const TypeInfo &info = typeInfo(type);
  if (!info.deviceSupported)
    throw type_error(what + ": type " + type.toString() +
                     " is not supported on the device");
  if (numElements == 0 || repeats == 0)
    throw graph_object_creation_error(
        what +
        ": a remote buffer needs at least one element and one repeat "
        "(got " +
        std::to_string(numElements) + " elements, " + std::to_string(repeats) +
        " repeats)");
  std::uint64_t rowBytes = 0, bytes = 0;
  if (__builtin_mul_overflow(std::uint64_t(numElements),
                             std::uint64_t(info.size), &rowBytes) ||
      __builtin_mul_overflow(rowBytes, std::uint64_t(repeats), &bytes) ||
      rowBytes > kMaxStreamBytes)
    throw stream_memory_allocation_error(
        what + ": a row of " + std::to_string(numElements) + " " +
        type.toString() + " elements exceeds the " +
        std::to_string(kMaxStreamBytes) +
        " byte limit per stream transfer; use shorter rows and more repeats");
  RemoteBufferInfo buffer;
  buffer.handle = handle;
  buffer.type = type;
  buffer.numElements = numElements;
  buffer.repeats = repeats;
  buffer.rearrangeOnHost = rearrangeOnHost;
  buffer.optimiseMemory = optimiseMemory;
  graph.store->remoteBuffers.push_back(buffer);
  return RemoteBuffer(
      static_cast<unsigned>(graph.store->remoteBuffers.size() - 1), handle,
      type, numElements, repeats, rearrangeOnHost, optimiseMemory,
      graph.store.get());
}

} // namespace tessel

namespace poplar {

RemoteBuffer Graph::addRemoteBuffer(StringRef handle, const Type &elementType,
                                    std::size_t numElements,
                                    std::size_t repeats, bool rearrangeOnHost,
                                    bool optimiseMemory) {
  return tessel::addRemoteBuffer(*impl_, std::string(handle), elementType,
                                 numElements, repeats, rearrangeOnHost,
                                 optimiseMemory);
}

void Graph::createHostWrite(StringRef handle, const Tensor &t,
                            bool rearrangeOnHost) {
  tessel::addHostAccess(*impl_, std::string(handle), t, true);
}

void Graph::createHostRead(StringRef handle, const Tensor &t,
                           bool rearrangeOnHost) {
  tessel::addHostAccess(*impl_, std::string(handle), t, false);
}

DataStream Graph::addHostToDeviceFIFO(StringRef handle, const Type &elementType,
                                      std::size_t numElements,
                                      ReplicatedStreamMode replicatedMode,
                                      const OptionFlags &options) {
  return tessel::addStream(*impl_, std::string(handle), elementType,
                           numElements, DataStreamType::HostToDeviceFIFO,
                           replicatedMode);
}

DataStream Graph::addDeviceToHostFIFO(StringRef handle, const Type &elementType,
                                      std::size_t numElements,
                                      const OptionFlags &options) {
  return tessel::addStream(*impl_, std::string(handle), elementType,
                           numElements, DataStreamType::DeviceToHostFIFO,
                           ReplicatedStreamMode::REPLICATE);
}

Function Graph::addFunction(const program::Program &program) {
  impl_->store->functions.push_back(program);
  return Function(static_cast<unsigned>(impl_->store->functions.size() - 1));
}

} // namespace poplar
