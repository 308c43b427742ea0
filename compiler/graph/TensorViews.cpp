// Tensor view operations: slicing, reshaping, shuffling, broadcasting and
// concatenation. Each computes runs of its inputs' elements and gathers
// them; none copies data.
#include "compiler/core/TypeTable.hpp"
#include "compiler/graph/DescribeTensor.hpp"
#include "compiler/graph/TensorImpl.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <numeric>

using namespace poplar;
using tessel::ElementRun;
using tessel::TensorAccess;
using tessel::TensorImpl;

namespace {

std::uint64_t product(const std::vector<std::size_t> &shape, std::size_t from,
                      std::size_t to) {
  std::uint64_t n = 1;
  for (std::size_t i = from; i < to; ++i)
    n *= shape[i];
  return n;
}

std::string shapeText(const std::vector<std::size_t> &shape) {
  return tessel::describeShape(shape);
}

Tensor withShape(const TensorImpl &src, std::vector<std::size_t> shape) {
  TensorImpl impl;
  impl.type = src.type;
  impl.shape = std::move(shape);
  impl.regions = src.regions;
  impl.store = src.store;
  return TensorAccess::make(std::move(impl));
}

Tensor fromRuns(const std::vector<const TensorImpl *> &sources,
                std::vector<std::size_t> shape,
                const std::vector<ElementRun> &runs) {
  TensorImpl impl;
  impl.type = sources.front()->type;
  impl.shape = std::move(shape);
  impl.regions = tessel::gatherRuns(sources, runs);
  impl.store = sources.front()->store;
  return TensorAccess::make(std::move(impl));
}

void checkDim(const TensorImpl &t, unsigned dim, const char *op) {
  if (dim >= t.shape.size())
    throw index_error(std::string(op) + ": dimension " + std::to_string(dim) +
                      " does not exist in a tensor of shape " +
                      shapeText(t.shape) + " (rank " +
                      std::to_string(t.shape.size()) + ")");
}

/// For each index along `dim` listed in `indices` (in order), the run of the
/// inner block, for every outer index: the general gather along one
/// dimension.
Tensor gatherAlongDim(const TensorImpl &t, unsigned dim,
                      const std::vector<std::size_t> &indices) {
  const std::uint64_t outer = product(t.shape, 0, dim);
  const std::uint64_t dimSize = t.shape[dim];
  const std::uint64_t inner = product(t.shape, dim + 1, t.shape.size());
  std::vector<ElementRun> runs;
  runs.reserve(outer * indices.size());
  for (std::uint64_t o = 0; o < outer; ++o)
    for (std::size_t idx : indices) {
      std::uint64_t begin = (o * dimSize + idx) * inner;
      if (!runs.empty() && runs.back().begin + runs.back().length == begin)
        runs.back().length += inner;
      else
        runs.push_back({0, begin, inner});
    }
  std::vector<std::size_t> shape = t.shape;
  shape[dim] = indices.size();
  return fromRuns({&t}, std::move(shape), runs);
}

Tensor sliceImpl(const TensorImpl &t, std::size_t begin, std::size_t end,
                 unsigned dim) {
  checkDim(t, dim, "slice");
  if (begin > end || end > t.shape[dim])
    throw index_error("slice: [" + std::to_string(begin) + ", " +
                      std::to_string(end) + ") is out of range for dimension " +
                      std::to_string(dim) + " of size " +
                      std::to_string(t.shape[dim]) + " (tensor shape " +
                      shapeText(t.shape) + ")");
  const std::uint64_t outer = product(t.shape, 0, dim);
  const std::uint64_t dimSize = t.shape[dim];
  const std::uint64_t inner = product(t.shape, dim + 1, t.shape.size());
  std::vector<ElementRun> runs;
  const std::uint64_t length = (end - begin) * inner;
  if (length)
    for (std::uint64_t o = 0; o < outer; ++o)
      runs.push_back({0, (o * dimSize + begin) * inner, length});
  std::vector<std::size_t> shape = t.shape;
  shape[dim] = end - begin;
  return fromRuns({&t}, std::move(shape), runs);
}

Tensor indexImpl(const TensorImpl &t, std::size_t i) {
  if (t.shape.empty())
    throw index_error("operator[]: a scalar tensor (shape {}) cannot be "
                      "indexed");
  if (i >= t.shape[0])
    throw index_error("operator[]: index " + std::to_string(i) +
                      " is out of range for dimension 0 of size " +
                      std::to_string(t.shape[0]) + " (tensor shape " +
                      shapeText(t.shape) + ")");
  Tensor row = sliceImpl(t, i, i + 1, 0);
  std::vector<std::size_t> shape(t.shape.begin() + 1, t.shape.end());
  return withShape(TensorAccess::impl(row), std::move(shape));
}

/// Result dimension i is source dimension perm[i].
Tensor shuffleImpl(const TensorImpl &t, const std::vector<unsigned> &perm) {
  const std::size_t rank = t.shape.size();
  std::vector<bool> seen(rank, false);
  bool ok = perm.size() == rank;
  for (unsigned p : perm) {
    ok = ok && p < rank && !seen[p];
    if (p < rank)
      seen[p] = true;
  }
  if (!ok) {
    std::string text;
    for (unsigned p : perm)
      text += (text.empty() ? "" : ",") + std::to_string(p);
    throw tensor_creation_error(
        "dimShuffle: {" + text + "} is not a permutation of the " +
        std::to_string(rank) + " dimensions of a tensor of shape " +
        shapeText(t.shape));
  }
  std::vector<std::size_t> shape(rank);
  for (std::size_t i = 0; i < rank; ++i)
    shape[i] = t.shape[perm[i]];
  std::vector<std::uint64_t> srcStride(rank, 1);
  for (std::size_t d = rank; d-- > 1;)
    srcStride[d - 1] = srcStride[d] * t.shape[d];
  // Trailing result dimensions that are the source's trailing dimensions in
  // order stay contiguous: one run covers them.
  std::size_t keep = rank;
  while (keep > 0 && perm[keep - 1] == keep - 1)
    --keep;
  const std::uint64_t runLength = product(t.shape, keep, rank);
  const std::uint64_t total = product(shape, 0, rank);
  std::vector<ElementRun> runs;
  if (total == 0)
    return fromRuns({&t}, std::move(shape), runs);
  runs.reserve(total / runLength);
  std::vector<std::size_t> idx(keep, 0); // odometer over result dims < keep
  for (std::uint64_t done = 0; done < total; done += runLength) {
    std::uint64_t begin = 0;
    for (std::size_t i = 0; i < keep; ++i)
      begin += idx[i] * srcStride[perm[i]];
    if (!runs.empty() && runs.back().begin + runs.back().length == begin)
      runs.back().length += runLength;
    else
      runs.push_back({0, begin, runLength});
    for (std::size_t i = keep; i-- > 0;) {
      if (++idx[i] < shape[i])
        break;
      idx[i] = 0;
    }
  }
  return fromRuns({&t}, std::move(shape), runs);
}

} // namespace

namespace poplar {

Tensor::Tensor() = default;
Tensor::Tensor(const Tensor &) = default;
Tensor::Tensor(Tensor &&) noexcept = default;
Tensor &Tensor::operator=(const Tensor &) = default;
Tensor &Tensor::operator=(Tensor &&) noexcept = default;
Tensor::~Tensor() = default;
Tensor::Tensor(std::shared_ptr<const tessel::TensorImpl> impl)
    : impl(std::move(impl)) {}

const tessel::TensorImpl &Tensor::get() const {
  if (!impl)
    throw poplar_error("the tensor is not valid (default constructed); use a "
                       "tensor made by a Graph");
  return *impl;
}

Type Tensor::elementType() const { return get().type; }

Tensor Tensor::operator[](std::size_t i) const & { return indexImpl(get(), i); }
Tensor &&Tensor::operator[](std::size_t i) && {
  *this = indexImpl(get(), i);
  return std::move(*this);
}

Tensor Tensor::slice(std::size_t begin, std::size_t end,
                     unsigned dimension) const & {
  return sliceImpl(get(), begin, end, dimension);
}
Tensor &&Tensor::slice(std::size_t begin, std::size_t end,
                       unsigned dimension) && {
  *this = sliceImpl(get(), begin, end, dimension);
  return std::move(*this);
}
Tensor Tensor::slice(const Interval &region, unsigned dimension) const & {
  return sliceImpl(get(), region.begin(), region.end(), dimension);
}
Tensor &&Tensor::slice(const Interval &region, unsigned dimension) && {
  *this = sliceImpl(get(), region.begin(), region.end(), dimension);
  return std::move(*this);
}

Tensor Tensor::slice(ArrayRef<std::size_t> begin,
                     ArrayRef<std::size_t> end) const {
  const TensorImpl &t = get();
  if (begin.size() != end.size() || begin.size() > t.shape.size())
    throw index_error("slice: begin has " + std::to_string(begin.size()) +
                      " indices and end " + std::to_string(end.size()) +
                      "; both need one per dimension of shape " +
                      shapeText(t.shape));
  Tensor result = *this;
  for (unsigned d = 0; d < begin.size(); ++d)
    result = sliceImpl(result.get(), begin[d], end[d], d);
  return result;
}

std::vector<Tensor> Tensor::slices(ArrayRef<Interval> intervals,
                                   unsigned dimension) const {
  std::vector<Tensor> result;
  result.reserve(intervals.size());
  for (const Interval &iv : intervals)
    result.push_back(sliceImpl(get(), iv.begin(), iv.end(), dimension));
  return result;
}

std::vector<Tensor>
Tensor::slices(const std::vector<std::vector<Interval>> &intervals,
               unsigned dimension) const {
  std::vector<Tensor> result;
  result.reserve(intervals.size());
  for (const auto &group : intervals)
    result.push_back(concat(slices(group, dimension), dimension));
  return result;
}

std::vector<Tensor> Tensor::slices(ArrayRef<unsigned> indices,
                                   unsigned dimension) const {
  std::vector<Tensor> result;
  result.reserve(indices.size());
  for (unsigned i : indices)
    result.push_back(sliceImpl(get(), i, i + 1, dimension));
  return result;
}

Tensor Tensor::index(ArrayRef<std::size_t> indices) const {
  Tensor result = *this;
  for (std::size_t i : indices)
    result = indexImpl(result.get(), i);
  return result;
}

Tensor Tensor::flatten() const {
  return withShape(get(), {static_cast<std::size_t>(get().numElements())});
}

Tensor Tensor::flatten(unsigned dimBegin, unsigned dimEnd) const {
  const TensorImpl &t = get();
  if (dimBegin >= dimEnd || dimEnd > t.shape.size())
    throw index_error("flatten: dimensions [" + std::to_string(dimBegin) +
                      ", " + std::to_string(dimEnd) +
                      ") are not a non-empty range of the dimensions of " +
                      shapeText(t.shape));
  std::vector<std::size_t> shape(t.shape.begin(), t.shape.begin() + dimBegin);
  shape.push_back(product(t.shape, dimBegin, dimEnd));
  shape.insert(shape.end(), t.shape.begin() + dimEnd, t.shape.end());
  return withShape(t, std::move(shape));
}

Tensor Tensor::reshape(ArrayRef<std::size_t> newShape) const {
  const TensorImpl &t = get();
  std::vector<std::size_t> shape(newShape.begin(), newShape.end());
  if (product(shape, 0, shape.size()) != t.numElements())
    throw tensor_creation_error(
        "reshape: shape " + shapeText(shape) + " does not have the " +
        std::to_string(t.numElements()) + " elements of a tensor of shape " +
        shapeText(t.shape));
  return withShape(t, std::move(shape));
}

Tensor Tensor::reshapePartial(unsigned beginIndex, unsigned endIndex,
                              ArrayRef<std::size_t> newDims) const {
  const TensorImpl &t = get();
  if (beginIndex > endIndex || endIndex > t.shape.size())
    throw index_error("reshapePartial: dimensions [" +
                      std::to_string(beginIndex) + ", " +
                      std::to_string(endIndex) + ") are out of range for " +
                      shapeText(t.shape));
  std::vector<std::size_t> dims(newDims.begin(), newDims.end());
  if (product(dims, 0, dims.size()) != product(t.shape, beginIndex, endIndex))
    throw tensor_creation_error(
        "reshapePartial: new dimensions " + shapeText(dims) +
        " do not have as many elements as dimensions [" +
        std::to_string(beginIndex) + ", " + std::to_string(endIndex) + ") of " +
        shapeText(t.shape));
  std::vector<std::size_t> shape(t.shape.begin(), t.shape.begin() + beginIndex);
  shape.insert(shape.end(), dims.begin(), dims.end());
  shape.insert(shape.end(), t.shape.begin() + endIndex, t.shape.end());
  return withShape(t, std::move(shape));
}

Tensor Tensor::dimShuffle(ArrayRef<unsigned> permutation) const {
  return shuffleImpl(get(), permutation.cloneAsVector());
}

Tensor Tensor::dimShufflePartial(ArrayRef<unsigned> source,
                                 ArrayRef<unsigned> destination) const {
  const TensorImpl &t = get();
  const unsigned rank = static_cast<unsigned>(t.shape.size());
  if (source.size() != destination.size())
    throw tensor_creation_error(
        "dimShufflePartial: " + std::to_string(source.size()) +
        " source dimensions but " + std::to_string(destination.size()) +
        " destinations");
  std::vector<int> perm(rank, -1);
  std::vector<bool> moved(rank, false);
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (source[i] >= rank || destination[i] >= rank ||
        perm[destination[i]] != -1 || moved[source[i]])
      throw tensor_creation_error(
          "dimShufflePartial: source and destination dimensions must be "
          "distinct dimensions below the rank " +
          std::to_string(rank) + " of " + shapeText(t.shape));
    perm[destination[i]] = static_cast<int>(source[i]);
    moved[source[i]] = true;
  }
  // The dimensions that do not move fill the free slots in order.
  unsigned next = 0;
  std::vector<unsigned> full(rank);
  for (unsigned i = 0; i < rank; ++i) {
    if (perm[i] >= 0) {
      full[i] = static_cast<unsigned>(perm[i]);
      continue;
    }
    while (moved[next])
      ++next;
    full[i] = next++;
  }
  return shuffleImpl(t, full);
}

Tensor Tensor::dimRoll(unsigned dimIdx, unsigned newIdx) const {
  return dimShufflePartial({dimIdx}, {newIdx});
}

Tensor Tensor::transpose() const {
  const TensorImpl &t = get();
  if (t.shape.size() != 2)
    throw tensor_creation_error("transpose: the tensor has shape " +
                                shapeText(t.shape) +
                                "; transpose needs exactly 2 dimensions "
                                "(use dimShuffle for others)");
  return shuffleImpl(t, {1, 0});
}

Tensor Tensor::expand(ArrayRef<std::size_t> indices) const {
  const TensorImpl &t = get();
  std::vector<std::size_t> shape = t.shape;
  // Each index is a position in the result, applied in order.
  for (std::size_t index : indices) {
    if (index > shape.size())
      throw index_error("expand: cannot insert a dimension at " +
                        std::to_string(index) + " in shape " +
                        shapeText(shape));
    shape.insert(shape.begin() + index, 1);
  }
  return withShape(t, std::move(shape));
}

Tensor Tensor::squeeze(ArrayRef<std::size_t> indices) const {
  const TensorImpl &t = get();
  std::vector<bool> drop(t.shape.size(), false);
  for (std::size_t index : indices) {
    if (index >= t.shape.size() || t.shape[index] != 1)
      throw tensor_creation_error(
          "squeeze: dimension " + std::to_string(index) + " of shape " +
          shapeText(t.shape) + " is not a dimension of size 1");
    drop[index] = true;
  }
  std::vector<std::size_t> shape;
  for (std::size_t d = 0; d < t.shape.size(); ++d)
    if (!drop[d])
      shape.push_back(t.shape[d]);
  return withShape(t, std::move(shape));
}

Tensor Tensor::broadcast(unsigned N, unsigned dim) const {
  const TensorImpl &t = get();
  checkDim(t, dim, "broadcast");
  std::vector<std::size_t> indices;
  indices.reserve(std::size_t(N) * t.shape[dim]);
  for (unsigned n = 0; n < N; ++n)
    for (std::size_t i = 0; i < t.shape[dim]; ++i)
      indices.push_back(i);
  return gatherAlongDim(t, dim, indices);
}

Tensor Tensor::subSample(unsigned stride, unsigned dimension) const {
  const TensorImpl &t = get();
  checkDim(t, dimension, "subSample");
  if (stride == 0)
    throw tensor_creation_error("subSample: the stride must be at least 1");
  std::vector<std::size_t> indices;
  for (std::size_t i = 0; i < t.shape[dimension]; i += stride)
    indices.push_back(i);
  return gatherAlongDim(t, dimension, indices);
}

Tensor Tensor::upsample(unsigned scale, unsigned dimension,
                        UpsampleMethod method) const {
  const TensorImpl &t = get();
  checkDim(t, dimension, "upsample");
  std::vector<std::size_t> indices;
  for (std::size_t i = 0; i < t.shape[dimension]; ++i)
    for (unsigned s = 0; s < scale; ++s)
      indices.push_back(i);
  return gatherAlongDim(t, dimension, indices);
}

Tensor Tensor::reverse(unsigned dimension) const {
  const TensorImpl &t = get();
  checkDim(t, dimension, "reverse");
  std::vector<std::size_t> indices(t.shape[dimension]);
  std::iota(indices.rbegin(), indices.rend(), std::size_t(0));
  return gatherAlongDim(t, dimension, indices);
}

Tensor Tensor::reinterpret(const Type &type) const {
  const TensorImpl &t = get();
  if (tessel::typeInfo(type).size != tessel::typeInfo(t.type).size)
    throw type_error("reinterpret: " + t.type.toString() + " (" +
                     std::to_string(tessel::typeInfo(t.type).size) +
                     " bytes) cannot be viewed as " + type.toString() + " (" +
                     std::to_string(tessel::typeInfo(type).size) +
                     " bytes); the element sizes must match");
  TensorImpl impl = t;
  impl.type = type;
  return TensorAccess::make(std::move(impl));
}

Tensor concat(ArrayRef<Tensor> ts, unsigned dimension) {
  if (ts.empty())
    throw tensor_creation_error("concat: no tensors given");
  std::vector<const TensorImpl *> sources;
  for (const Tensor &t : ts)
    sources.push_back(&TensorAccess::impl(t));
  const TensorImpl &first = *sources.front();
  checkDim(first, dimension, "concat");
  std::vector<std::size_t> shape = first.shape;
  shape[dimension] = 0;
  for (const TensorImpl *t : sources) {
    bool same = t->type == first.type && t->shape.size() == first.shape.size();
    for (std::size_t d = 0; same && d < t->shape.size(); ++d)
      same = d == dimension || t->shape[d] == first.shape[d];
    if (!same)
      throw tensor_creation_error(
          "concat along dimension " + std::to_string(dimension) + ": " +
          first.type.toString() + ' ' + shapeText(first.shape) + " and " +
          t->type.toString() + ' ' + shapeText(t->shape) +
          " differ in type or in a dimension other than " +
          std::to_string(dimension));
    shape[dimension] += t->shape[dimension];
  }
  const std::uint64_t outer = product(first.shape, 0, dimension);
  std::vector<ElementRun> runs;
  for (std::uint64_t o = 0; o < outer; ++o)
    for (std::size_t s = 0; s < sources.size(); ++s) {
      const TensorImpl &t = *sources[s];
      const std::uint64_t block = product(t.shape, dimension, t.shape.size());
      if (block)
        runs.push_back({s, o * block, block});
    }
  return fromRuns(sources, std::move(shape), runs);
}

Tensor append(const Tensor &first, const Tensor &second, unsigned dimension) {
  return concat({first, second.expand({dimension})}, dimension);
}

} // namespace poplar
