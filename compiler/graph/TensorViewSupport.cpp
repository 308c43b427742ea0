// Building views from runs or new shapes, and the shared checks and error
// wording of the tensor view operations.
#include "compiler/graph/TensorViewSupport.hpp"

#include "compiler/graph/DescribeTensor.hpp"

#include <poplar/exceptions.hpp>

namespace tessel {

std::string exactShapeProduct(const std::vector<std::size_t> &shape,
                              std::size_t from, std::size_t to) {
  unsigned __int128 n = 1;
  for (std::size_t i = from; i < to; ++i) {
    if (shape[i] == 0)
      return "0";
    if (__builtin_mul_overflow(n, (unsigned __int128)shape[i], &n)) {
      for (std::size_t j = i + 1; j < to; ++j)
        if (shape[j] == 0)
          return "0";
      return "more than 10^38";
    }
  }
  std::string digits;
  do {
    digits.insert(digits.begin(), char('0' + int(n % 10)));
    n /= 10;
  } while (n);
  return digits;
}

std::uint64_t shapeProduct(const std::vector<std::size_t> &shape,
                           std::size_t from, std::size_t to) {
  std::uint64_t n = 1;
  bool overflow = false;
  for (std::size_t i = from; i < to; ++i) {
    if (shape[i] == 0)
      return 0; // no elements, however large the other dimensions
    overflow =
        __builtin_mul_overflow(n, std::uint64_t(shape[i]), &n) || overflow;
  }
  if (overflow)
    throw poplar::tensor_creation_error(
        "the dimensions " +
        listText(
            poplar::ArrayRef<std::size_t>(shape.data() + from, to - from)) +
        " have " + exactShapeProduct(shape, from, to) +
        " elements, more than a tensor can have (2^64 - 1)");
  return n;
}

void appendRun(std::vector<ElementRun> &runs, const ElementRun &run) {
  if (run.length == 0)
    return;
  if (!runs.empty() && runs.back().source == run.source &&
      runs.back().begin + runs.back().length == run.begin)
    runs.back().length += run.length;
  else
    runs.push_back(run);
}

poplar::Tensor viewOfRuns(const std::vector<const TensorImpl *> &sources,
                          std::vector<std::size_t> shape,
                          const std::vector<ElementRun> &runs) {
  TensorImpl impl;
  impl.type = sources.front()->type;
  impl.shape = std::move(shape);
  impl.regions = gatherRuns(sources, runs);
  impl.store = sources.front()->store;
  return TensorAccess::make(std::move(impl));
}

poplar::Tensor viewWithShape(const TensorImpl &source,
                             std::vector<std::size_t> shape) {
  TensorImpl impl;
  impl.type = source.type;
  impl.shape = std::move(shape);
  impl.regions = source.regions;
  impl.store = source.store;
  return TensorAccess::make(std::move(impl));
}

std::string viewError(const char *op, const poplar::Tensor &t) {
  return std::string("Tensor::") + op + " on " + describeTensor(t);
}

void checkDimension(const char *op, const poplar::Tensor &t, unsigned dim) {
  const unsigned rank = t.rank();
  if (dim >= rank)
    throw poplar::index_error(
        viewError(op, t) + ": dimension " + std::to_string(dim) +
        " does not exist; the tensor has rank " + std::to_string(rank) +
        (rank ? ", so use a dimension below " + std::to_string(rank)
              : ", so add a dimension first with expand({0})"));
}

void checkSliceBounds(const char *op, const poplar::Tensor &t,
                      std::size_t begin, std::size_t end, unsigned dim) {
  checkDimension(op, t, dim);
  const std::size_t size = t.dim(dim);
  if (begin > end || end > size)
    throw poplar::index_error(
        viewError(op, t) + ": the range [" + std::to_string(begin) + ", " +
        std::to_string(end) + ") is out of range for dimension " +
        std::to_string(dim) + " of size " + std::to_string(size) +
        "; a slice needs begin <= end <= " + std::to_string(size));
}

} // namespace tessel
