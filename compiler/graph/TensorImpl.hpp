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
  /// Shared: a Tensor kept after its Graph is destroyed still names its
  /// graph, so using it elsewhere is a typed error, not a dangling read.
  std::shared_ptr<const GraphStore> store;
  /// starts[i] = tensor element index where regions[i] begins (filled by
  /// TensorAccess::make), so element lookups are a binary search.
  std::vector<std::uint64_t> starts;

  std::uint64_t numElements() const;
};

/// A run of `length` consecutive elements of source tensor `source` (an
/// index into the sources given to gatherRuns) starting at `begin`.
struct ElementRun {
  std::size_t source = 0;
  std::uint64_t begin = 0;
  std::uint64_t length = 0;
};

/// Builds the region list of the elements the runs select, in run order,
/// merging regions that continue each other. Every view operation is a list
/// of runs over its inputs.
std::vector<ElementRegion>
gatherRuns(const std::vector<const TensorImpl *> &sources,
           const std::vector<ElementRun> &runs);

/// The friend through which compiler code reaches a Tensor's insides.
struct TensorAccess {
  static const TensorImpl &impl(const poplar::Tensor &t);
  static poplar::Tensor make(TensorImpl impl);
};

} // namespace tessel

#endif
