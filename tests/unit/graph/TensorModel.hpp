// A host model of tensor views for the tensor tests: the (variable, element)
// each element of a view reads, and reference views computed by index
// arithmetic alone, to compare the region lists against.
#ifndef TESSEL_TESTS_UNIT_GRAPH_TENSORMODEL_HPP
#define TESSEL_TESTS_UNIT_GRAPH_TENSORMODEL_HPP

#include "compiler/graph/TensorImpl.hpp"

#include <poplar/Tensor.hpp>

#include <functional>
#include <ostream>
#include <utility>
#include <vector>

namespace tensor_model {

/// One element of a variable: (variable id, row-major element index).
using Element = std::pair<unsigned, std::size_t>;
using Index = std::vector<std::size_t>;
using Shape = std::vector<std::size_t>;

/// The elements a view reads, in row-major order, expanded from its regions.
inline std::vector<Element> elementsOf(const poplar::Tensor &t) {
  std::vector<Element> elements;
  for (const tessel::ElementRegion &r : tessel::TensorAccess::impl(t).regions)
    for (std::uint64_t e = r.begin; e < r.end; ++e)
      elements.emplace_back(r.var, e);
  return elements;
}

inline std::size_t regionCount(const poplar::Tensor &t) {
  return tessel::TensorAccess::impl(t).regions.size();
}

inline std::size_t count(const Shape &shape) {
  std::size_t n = 1;
  for (std::size_t d : shape)
    n *= d;
  return n;
}

inline std::size_t flatIndex(const Shape &shape, const Index &index) {
  std::size_t flat = 0;
  for (std::size_t d = 0; d < shape.size(); ++d)
    flat = flat * shape[d] + index[d];
  return flat;
}

inline Index unflatten(const Shape &shape, std::size_t flat) {
  Index index(shape.size());
  for (std::size_t d = shape.size(); d-- > 0;) {
    index[d] = flat % shape[d];
    flat /= shape[d];
  }
  return index;
}

/// A view as the host sees it: a shape and the element behind each index.
struct Model {
  Shape shape;
  std::vector<Element> elements;

  /// The view of tensor t.
  static Model of(const poplar::Tensor &t) {
    return {t.shape(), elementsOf(t)};
  }

  const Element &at(const Index &index) const {
    return elements[flatIndex(shape, index)];
  }

  /// The view of shape `out` whose element at index i is this view's
  /// element at sourceOf(i): every view operation is one such map.
  Model map(const Shape &out,
            const std::function<Index(const Index &)> &sourceOf) const {
    Model result{out, {}};
    for (std::size_t f = 0; f < count(out); ++f)
      result.elements.push_back(at(sourceOf(unflatten(out, f))));
    return result;
  }

  bool operator==(const Model &o) const {
    return shape == o.shape && elements == o.elements;
  }
};

inline std::ostream &operator<<(std::ostream &os, const Model &m) {
  os << "shape {";
  for (std::size_t i = 0; i < m.shape.size(); ++i)
    os << (i ? "," : "") << m.shape[i];
  os << "} elements";
  for (const Element &e : m.elements)
    os << ' ' << e.first << ':' << e.second;
  return os;
}

} // namespace tensor_model

#endif
