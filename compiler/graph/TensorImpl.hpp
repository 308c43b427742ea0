// What a poplar::Tensor is inside: an element type, a shape, and the ordered
// list of variable regions that make up its elements in row-major order.
// Views never copy data; every view operation builds a new region list.
#ifndef TESSEL_COMPILER_GRAPH_TENSORIMPL_HPP
#define TESSEL_COMPILER_GRAPH_TENSORIMPL_HPP

#include "compiler/graph/GraphStore.hpp"

#include <memory>
#include <vector>

namespace tessel {

struct TensorImpl {
  poplar::Type type;
  std::vector<std::size_t> shape;
  /// Row-major element order; adjacent regions that continue each other are
  /// merged, so a whole variable is a single region.
  std::vector<ElementRegion> regions;
  /// The store the variables belong to (for names, constants and mappings).
  /// Not owning: a Tensor must not outlive its Graph.
  const GraphStore *store = nullptr;

  std::uint64_t numElements() const;
};

/// The friend through which compiler code reaches a Tensor's insides.
struct TensorAccess {
  static const TensorImpl &impl(const poplar::Tensor &t);
  static poplar::Tensor make(TensorImpl impl);
};

} // namespace tessel

#endif
