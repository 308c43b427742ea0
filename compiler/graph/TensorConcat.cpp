// concat and append: one view of several tensors, possibly of different
// variables, joined along a dimension. For each index of the dimensions
// before the joined one, each input contributes one run, and runs that
// continue each other merge into one region.
#include "compiler/graph/DescribeTensor.hpp"
#include "compiler/graph/TensorImpl.hpp"
#include "compiler/graph/TensorViewSupport.hpp"

#include <poplar/exceptions.hpp>

using namespace poplar;
using tessel::ElementRun;
using tessel::TensorAccess;
using tessel::TensorImpl;

namespace {

std::string inputText(std::size_t i, const Tensor &t) {
  return "input " + std::to_string(i) + " " + tessel::describeTensor(t);
}

/// Throws unless `t` (input i) can be joined to `first` along `dim`.
void checkConcatInput(const Tensor &first, const Tensor &t, std::size_t i,
                      unsigned dim) {
  const TensorImpl &a = TensorAccess::impl(first);
  const TensorImpl &b = TensorAccess::impl(t);
  const std::string where =
      "concat along dimension " + std::to_string(dim) + ": " + inputText(i, t);
  if (b.store != a.store)
    throw tensor_creation_error(where + " belongs to another graph than " +
                                inputText(0, first) +
                                "; concatenate tensors of one graph only");
  if (b.type != a.type)
    throw tensor_creation_error(
        where + " has elements of type " + b.type.toString() + " but " +
        inputText(0, first) + " has " + a.type.toString() +
        "; cast one of them (popops::cast) before concatenating");
  bool sameShape = b.shape.size() == a.shape.size();
  for (std::size_t d = 0; sameShape && d < b.shape.size(); ++d)
    sameShape = d == dim || b.shape[d] == a.shape[d];
  if (!sameShape)
    throw tensor_creation_error(
        where + " does not match " + inputText(0, first) +
        "; every dimension except " + std::to_string(dim) + " must be equal");
}

} // namespace

namespace poplar {

Tensor concat(ArrayRef<Tensor> ts, unsigned dimension) {
  if (ts.empty())
    throw tensor_creation_error(
        "concat: no tensors given; pass at least one tensor");
  const Tensor &first = ts.front();
  if (dimension >= first.rank())
    throw index_error("concat along dimension " + std::to_string(dimension) +
                      ": " + inputText(0, first) + " has rank " +
                      std::to_string(first.rank()) +
                      "; join along a dimension below the rank (use expand "
                      "to add one)");
  std::vector<const TensorImpl *> sources;
  sources.reserve(ts.size());
  std::vector<std::size_t> shape = first.shape();
  shape[dimension] = 0;
  for (std::size_t i = 0; i < ts.size(); ++i) {
    checkConcatInput(first, ts[i], i, dimension);
    sources.push_back(&TensorAccess::impl(ts[i]));
    if (__builtin_add_overflow(shape[dimension], ts[i].dim(dimension),
                               &shape[dimension]))
      throw tensor_creation_error(
          "concat along dimension " + std::to_string(dimension) + ": " +
          inputText(i, ts[i]) +
          " makes the dimension longer than 2^64 - 1 "
          "elements; concatenate fewer or smaller tensors");
  }
  const std::uint64_t outer = tessel::shapeProduct(shape, 0, dimension);
  std::vector<ElementRun> runs;
  for (std::uint64_t o = 0; o < outer; ++o)
    for (std::size_t s = 0; s < sources.size(); ++s) {
      const TensorImpl &t = *sources[s];
      const std::uint64_t block =
          tessel::shapeProduct(t.shape, dimension, t.shape.size());
      tessel::appendRun(runs, {s, o * block, block});
    }
  return tessel::viewOfRuns(sources, std::move(shape), runs);
}

Tensor append(const Tensor &first, const Tensor &second, unsigned dimension) {
  if (dimension >= first.rank())
    throw index_error("append along dimension " + std::to_string(dimension) +
                      ": " + tessel::describeTensor(first) + " has rank " +
                      std::to_string(first.rank()) +
                      "; append along a dimension below the rank");
  if (second.rank() + 1 != first.rank())
    throw tensor_creation_error(
        "append along dimension " + std::to_string(dimension) + ": " +
        tessel::describeTensor(second) + " must have rank " +
        std::to_string(first.rank() - 1) + ", one less than " +
        tessel::describeTensor(first) + ", to become one more slice of it");
  return concat({first, second.expand({dimension})}, dimension);
}

} // namespace poplar
