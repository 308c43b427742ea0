// Building views from runs or new shapes, and the shared checks and error
// wording of the tensor view operations.
#include "compiler/graph/TensorViewSupport.hpp"

#include "compiler/graph/DescribeTensor.hpp"

#include <poplar/exceptions.hpp>

namespace tessel {

std::uint64_t shapeProduct(const std::vector<std::size_t> &shape,
                           std::size_t from, std::size_t to) {
  std::uint64_t n = 1;
  for (std::size_t i = from; i < to; ++i)
    n *= shape[i];
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
