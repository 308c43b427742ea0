// Host streams: FIFOs between host memory and tensors, filled and drained by
// program::Copy; and remote buffers, arrays of rows in the IPU's streaming
// memory (outside tile memory) that program::Copy reads and writes by row.
#ifndef POPLAR_DATASTREAM_HPP
#define POPLAR_DATASTREAM_HPP

#include <poplar/DataStreamType.hpp>
#include <poplar/ReplicatedStreamMode.hpp>
#include <poplar/Type.hpp>

#include <cstddef>
#include <string>

namespace poplar {

class DataStream {
public:
  DataStream() = default;
  DataStream(unsigned id, std::string handle, Type type,
             std::size_t numElements, DataStreamType kind,
             ReplicatedStreamMode mode, const void *graphStore)
      : id(id), handle_(std::move(handle)), type_(type),
        numElements_(numElements), kind(kind), mode(mode),
        graphStore(graphStore) {}

  std::string handle() const { return handle_; }
  std::size_t numElements() const { return numElements_; }
  unsigned replicationFactor() const { return 1; }
  ReplicatedStreamMode replicatedMode() const { return mode; }
  DataStreamType type() const { return kind; }
  Type elementType() const { return type_; }

  /// Index in the graph that made it (Tessel internal).
  unsigned getId() const { return id; }
  /// Identity of the graph that made it (Tessel internal).
  const void *getGraphStore() const { return graphStore; }

private:
  unsigned id = ~0u;
  std::string handle_;
  Type type_;
  std::size_t numElements_ = 0;
  DataStreamType kind = DataStreamType::HostToDeviceFIFO;
  ReplicatedStreamMode mode = ReplicatedStreamMode::REPLICATE;
  const void *graphStore = nullptr;
};

/// `getRepeats()` rows of `numElements()` elements in streaming memory, made
/// by Graph::addRemoteBuffer. program::Copy moves rows between it and
/// tensors; Engine::copyToRemoteBuffer / copyFromRemoteBuffer reach it from
/// the host.
class RemoteBuffer {
public:
  RemoteBuffer() = default;
  RemoteBuffer(unsigned id, std::string handle, Type type,
               std::size_t numElements, std::size_t repeats,
               bool rearrangeOnHost, bool optimiseMemory,
               const void *graphStore)
      : id(id), handle_(std::move(handle)), type_(type),
        numElements_(numElements), repeats(repeats),
        rearrangeOnHost(rearrangeOnHost), optimiseMemory(optimiseMemory),
        graphStore(graphStore) {}

  std::string handle() const { return handle_; }
  /// The stream that carries rows from the IPU into the buffer.
  DataStream getIpuToHostStream() const {
    return DataStream(id, handle_, type_, numElements_,
                      DataStreamType::DeviceToHostBuffer,
                      ReplicatedStreamMode::REPLICATE, nullptr);
  }
  /// The stream that carries rows from the buffer to the IPU.
  DataStream getHostToIpuStream() const {
    return DataStream(id, handle_, type_, numElements_,
                      DataStreamType::HostToDeviceBuffer,
                      ReplicatedStreamMode::REPLICATE, nullptr);
  }
  std::size_t numElements() const { return numElements_; }
  std::size_t getRepeats() const { return repeats; }
  Type elementType() const { return type_; }
  bool isRearrangeOnHost() const { return rearrangeOnHost; }
  bool isOptimisedForMemory() const { return optimiseMemory; }
  bool operator==(const RemoteBuffer &b) const {
    return id == b.id && graphStore == b.graphStore;
  }
  bool operator!=(const RemoteBuffer &b) const { return !(*this == b); }

  /// Index in the graph that made it (Tessel internal).
  unsigned getId() const { return id; }
  /// Identity of the graph that made it (Tessel internal).
  const void *getGraphStore() const { return graphStore; }

private:
  unsigned id = ~0u;
  std::string handle_;
  Type type_;
  std::size_t numElements_ = 0;
  std::size_t repeats = 0;
  bool rearrangeOnHost = false;
  bool optimiseMemory = false;
  const void *graphStore = nullptr;
};

} // namespace poplar

#endif
