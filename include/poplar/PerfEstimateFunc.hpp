// Cycle estimates for vertices: setPerfEstimate values and the estimator
// functions registered per vertex type, which see the vertex's fields
// through a VertexIntrospector.
#ifndef POPLAR_PERFESTIMATEFUNC_HPP
#define POPLAR_PERFESTIMATEFUNC_HPP

#include <poplar/GraphElements.hpp>
#include <poplar/Target.hpp>
#include <poplar/Type.hpp>

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace tessel {
class GraphStore;
}

namespace poplar {

class Graph;

struct VertexPerfEstimate {
  VertexPerfEstimate() = default;
  VertexPerfEstimate(std::uint64_t cycles, std::uint64_t flops = 0)
      : cycles(cycles), flops(flops) {}
  std::uint64_t cycles = 0;
  std::uint64_t flops = 0;
};

/// What an estimator may learn about one field of a vertex.
class FieldData {
public:
  FieldData(const tessel::GraphStore *store, unsigned vertex, unsigned field)
      : store(store), vertex(vertex), field(field) {}
  /// Elements of an edge or state vector; entries of a vector of edges or a
  /// vector list.
  std::size_t size() const;
  /// Elements of entry i of a vector of edges or a vector list.
  std::size_t getSizeAtIndex(std::size_t i) const;
  /// Same as size(), for a vector list.
  std::size_t getNumVectors() const { return size(); }

  template <class T> T getInitialValue(const Target &) const {
    T value{};
    readInitialValues(&value, 1, sizeof(T), equivalent_device_type<T>().value);
    return value;
  }
  template <class T> std::vector<T> getInitialValues(const Target &) const {
    std::vector<T> values(initialValueCount());
    readInitialValues(values.data(), values.size(), sizeof(T),
                      equivalent_device_type<T>().value);
    return values;
  }

private:
  std::size_t initialValueCount() const;
  void readInitialValues(void *out, std::size_t count, std::size_t bytes,
                         const Type &hostType) const;
  const tessel::GraphStore *store;
  unsigned vertex;
  unsigned field;
};

class VertexIntrospector {
public:
  VertexIntrospector(const tessel::GraphStore *store, unsigned vertex)
      : store(store), vertex(vertex) {}
  /// Throws poplar::unknown_field naming the vertex type and its fields.
  FieldData getFieldInfo(const std::string &name) const;
  ComputeSet getComputeSet() const;
  unsigned getVertexId() const { return vertex; }

private:
  const tessel::GraphStore *store;
  unsigned vertex;
};

using PerfEstimateFunc = std::function<VertexPerfEstimate(
    const VertexIntrospector &vertex, const Target &target)>;

} // namespace poplar

#endif
