// Host streams: FIFOs between host memory and tensors, filled and drained by
// program::Copy.
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

} // namespace poplar

#endif
