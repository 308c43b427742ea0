// Handles to things a Graph owns: compute sets, vertices, fields, functions.
#ifndef POPLAR_GRAPHELEMENTS_HPP
#define POPLAR_GRAPHELEMENTS_HPP

#include <poplar/FunctionBufferMappingType.hpp>
#include <poplar/StringRef.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <utility>

namespace tessel {
struct FunctionBufferState;
} // namespace tessel

namespace poplar {

typedef unsigned vertex_id;

class ComputeSet {
public:
  ComputeSet() = default;
  explicit ComputeSet(unsigned id) : id(id) {}
  /// Tessel: also records which graph made it, so that using it with
  /// another graph is an error rather than another compute set.
  ComputeSet(unsigned id, const void *graphStore)
      : id(id), graphStore(graphStore) {}
  unsigned getId() const { return id; }
  const void *getGraphStore() const { return graphStore; }
  bool operator==(const ComputeSet &o) const { return id == o.id; }
  bool operator!=(const ComputeSet &o) const { return id != o.id; }

private:
  unsigned id = ~0u;
  const void *graphStore = nullptr; // null: made from an id alone
};

class Graph;
class FieldRef;

class VertexRef {
public:
  VertexRef() = default;
  VertexRef(Graph *graph, vertex_id id) : graph(graph), id(id) {}
  vertex_id getId() const { return id; }
  Graph *getGraph() const { return graph; }
  FieldRef operator[](StringRef fieldName) const;
  bool operator==(const VertexRef &o) const { return id == o.id; }

private:
  Graph *graph = nullptr;
  vertex_id id = ~0u;
};

class FieldRef {
public:
  FieldRef() = default;
  FieldRef(VertexRef vertex, std::string field)
      : vertex(vertex), field(std::move(field)) {}
  FieldRef(VertexRef vertex, std::string field, std::size_t index)
      : vertex(vertex), field(std::move(field)), index(index), indexed(true) {}
  FieldRef operator[](std::size_t i) const { return {vertex, field, i}; }
  bool isIndexed() const { return indexed; }
  std::size_t getIndex() const { return index; }
  const VertexRef &getVertex() const { return vertex; }
  const std::string &getName() const { return field; }

private:
  VertexRef vertex;
  std::string field;
  std::size_t index = 0;
  bool indexed = false;
};

inline FieldRef VertexRef::operator[](StringRef fieldName) const {
  return FieldRef(*this, std::string(fieldName));
}

/// A program that can be called from several places (program::Call) but is
/// compiled once.
class Function {
public:
  Function() = default;
  explicit Function(unsigned id) : id(id) {}
  unsigned getId() const { return id; }
  bool operator==(const Function &o) const { return id == o.id; }

private:
  unsigned id = ~0u;
};

/// A function's code held outside tile memory (Graph::addFunctionBuffer);
/// program::Copy(FunctionBuffer, Function) loads it.
class FunctionBuffer {
public:
  FunctionBuffer() = default;
  explicit FunctionBuffer(unsigned id) : id(id) {}
  /// Tessel: made by addFunctionBuffer, with what the copy needs.
  FunctionBuffer(unsigned id,
                 std::shared_ptr<const tessel::FunctionBufferState> state)
      : id(id), state(std::move(state)) {}
  unsigned getId() const { return id; }
  /// Tessel internal: null unless made by Graph::addFunctionBuffer.
  const tessel::FunctionBufferState *getState() const { return state.get(); }
  bool operator==(const FunctionBuffer &o) const {
    return id == o.id && state == o.state;
  }
  bool operator!=(const FunctionBuffer &o) const { return !(*this == o); }

private:
  unsigned id = ~0u;
  std::shared_ptr<const tessel::FunctionBufferState> state;
};

/// A function run on the host by program::Call(HostFunction, inputs,
/// outputs); made by Graph::addHostFunction.
class HostFunction {
public:
  HostFunction() = default;
  explicit HostFunction(unsigned id) : id(id) {}
  /// Tessel: also records which graph made it, so that calling it in a
  /// program of another graph is an error rather than another function.
  HostFunction(unsigned id, const void *graphStore)
      : id(id), graphStore(graphStore) {}
  unsigned getId() const { return id; }
  const void *getGraphStore() const { return graphStore; }
  bool operator==(const HostFunction &o) const {
    return id == o.id && graphStore == o.graphStore;
  }
  bool operator!=(const HostFunction &o) const { return !(*this == o); }

private:
  unsigned id = ~0u;
  const void *graphStore = nullptr; // null: made from an id alone
};

} // namespace poplar

#endif
