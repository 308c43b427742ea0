// What every tensor view operation shares: building a view from runs of its
// inputs' elements or from a new shape over the same regions, and the checks
// and wording of the errors they throw, so every message names the
// operation, the tensor and the bad argument the same way.
#ifndef TESSEL_COMPILER_GRAPH_TENSORVIEWSUPPORT_HPP
#define TESSEL_COMPILER_GRAPH_TENSORVIEWSUPPORT_HPP

#include "compiler/graph/TensorImpl.hpp"

#include <poplar/ArrayRef.hpp>
#include <poplar/Tensor.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace tessel {

/// Product of shape[from, to); 1 for an empty range. Throws
/// poplar::tensor_creation_error with the true product if it does not fit
/// in 64 bits.
std::uint64_t shapeProduct(const std::vector<std::size_t> &shape,
                           std::size_t from, std::size_t to);

/// The exact product of shape[from, to) in decimal, however large it is
/// ("more than 10^38" past 128 bits).
std::string exactShapeProduct(const std::vector<std::size_t> &shape,
                              std::size_t from, std::size_t to);

/// Appends a run, extending the last one when it continues it in the same
/// source, so contiguous selections stay one run.
void appendRun(std::vector<ElementRun> &runs, const ElementRun &run);

/// The view of the runs of `sources` in order, with `shape` and the element
/// type and store of the first source.
poplar::Tensor viewOfRuns(const std::vector<const TensorImpl *> &sources,
                          std::vector<std::size_t> shape,
                          const std::vector<ElementRun> &runs);

/// The same elements in the same order, seen with another shape (the caller
/// has checked the element counts agree).
poplar::Tensor viewWithShape(const TensorImpl &source,
                             std::vector<std::size_t> shape);

/// "Tensor::<op> on 'x' (float {4,6})": how error messages start.
std::string viewError(const char *op, const poplar::Tensor &t);

/// "{1,2,3}" for any list of integers.
template <class T> std::string listText(poplar::ArrayRef<T> values) {
  std::string text = "{";
  for (std::size_t i = 0; i < values.size(); ++i)
    text += (i ? "," : "") + std::to_string(values[i]);
  return text + "}";
}

/// Throws poplar::index_error unless `dim` is a dimension of t.
void checkDimension(const char *op, const poplar::Tensor &t, unsigned dim);

/// Throws poplar::index_error unless begin <= end <= t.dim(dim).
void checkSliceBounds(const char *op, const poplar::Tensor &t,
                      std::size_t begin, std::size_t end, unsigned dim);

} // namespace tessel

#endif
