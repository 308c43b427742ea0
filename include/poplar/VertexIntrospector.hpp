// What a cycle estimator may learn about a vertex: its fields' sizes and
// initial values (poplar::VertexIntrospector and poplar::FieldData).
#ifndef POPLAR_VERTEXINTROSPECTOR_HPP
#define POPLAR_VERTEXINTROSPECTOR_HPP

#include <poplar/GraphElements.hpp>
#include <poplar/Target.hpp>
#include <poplar/Type.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace tessel {
class GraphStore;
}

namespace poplar {

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

} // namespace poplar

#endif
