// Views that select indices along dimensions: operator[], every form of
// slice and slices, index, subSample, upsample, reverse and broadcast. Each
// describes, per dimension, the source index ranges it keeps; one gather
// turns that box into runs, so a contiguous result costs O(log R) whatever
// the tensor's size.
#include "compiler/graph/TensorImpl.hpp"
#include "compiler/graph/TensorViewSupport.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <cstdint>

using namespace poplar;
using tessel::ElementRun;
using tessel::TensorAccess;
using tessel::TensorImpl;

namespace {

/// `count` consecutive source indices from `begin` along one dimension.
struct IndexRange {
  std::uint64_t begin = 0;
  std::uint64_t count = 0;
};

/// The source indices kept along one dimension, in result order.
using DimSelection = std::vector<IndexRange>;

void addIndex(DimSelection &sel, std::uint64_t index) {
  if (!sel.empty() && sel.back().begin + sel.back().count == index)
    ++sel.back().count;
  else
    sel.push_back({index, 1});
}

std::uint64_t selectedCount(const DimSelection &sel) {
  std::uint64_t n = 0;
  for (const IndexRange &r : sel)
    n += r.count;
  return n;
}

/// The most pieces (runs of consecutive elements of one variable) a view
/// that repeats elements may be made of. The count is checked before the
/// view is built, so an absurd repeat fails at once with its figure instead
/// of exhausting the host's memory.
constexpr std::uint64_t kMaxRepeatPieces = std::uint64_t(1) << 26;

/// a * b, or UINT64_MAX when it does not fit.
std::uint64_t saturatingProduct(std::uint64_t a, std::uint64_t b) {
  std::uint64_t product;
  return __builtin_mul_overflow(a, b, &product) ? UINT64_MAX : product;
}

/// Throws unless a view of t repeating `copies` times each of `ranges`
/// index ranges along `dim` fits in kMaxRepeatPieces pieces: each range is
/// one piece per index of the dimensions before `dim`, and each copy at
/// least one per piece of t.
void checkRepeatPieces(const char *op, const poplar::Tensor &tensor,
                       const TensorImpl &t, unsigned dim, std::uint64_t ranges,
                       std::uint64_t copies) {
  std::uint64_t outer = 1;
  for (unsigned d = 0; d < dim; ++d)
    outer = saturatingProduct(outer, t.shape[d]);
  const std::uint64_t pieces =
      std::max(saturatingProduct(saturatingProduct(outer, ranges), copies),
               saturatingProduct(t.regions.size(), copies));
  if (pieces <= kMaxRepeatPieces)
    return;
  throw tensor_creation_error(
      tessel::viewError(op, tensor) + ": " + std::to_string(copies) +
      " copies would make a view of " +
      (pieces == UINT64_MAX ? std::string("more than 2^64 - 1")
                            : std::to_string(pieces)) +
      " pieces (runs of consecutive elements), more than the " +
      std::to_string(kMaxRepeatPieces) +
      " (2^26) a repeating view may have; repeat fewer times, or along a "
      "leading dimension, or copy the repeated data into a variable of "
      "its own");
}

/// Every index of every dimension of t.
std::vector<DimSelection> wholeTensor(const TensorImpl &t) {
  std::vector<DimSelection> sel;
  for (std::size_t d : t.shape)
    sel.push_back({{0, d}});
  return sel;
}

/// The indices of a selection one by one.
std::vector<std::uint64_t> expandSelection(const DimSelection &sel) {
  std::vector<std::uint64_t> indices;
  indices.reserve(selectedCount(sel));
  for (const IndexRange &r : sel)
    for (std::uint64_t i = 0; i < r.count; ++i)
      indices.push_back(r.begin + i);
  return indices;
}

/// The view of the elements whose index along every dimension d is in
/// sel[d]. Dimensions after the last partly-selected one (`k`) stay whole,
/// so each range along k is one run per combination of outer indices.
Tensor gatherSelection(const TensorImpl &t,
                       const std::vector<DimSelection> &sel) {
  const std::size_t rank = t.shape.size();
  std::vector<std::size_t> shape(rank);
  for (std::size_t d = 0; d < rank; ++d)
    shape[d] = selectedCount(sel[d]);
  const std::uint64_t total = tessel::shapeProduct(shape, 0, rank);
  std::size_t k = rank;
  while (k > 0 && sel[k - 1].size() == 1 && sel[k - 1][0].begin == 0 &&
         sel[k - 1][0].count == t.shape[k - 1])
    --k;
  if (k == 0) // every element, in order
    return tessel::viewWithShape(t, std::move(shape));
  if (total == 0)
    return tessel::viewOfRuns({&t}, std::move(shape), {});
  const std::size_t dim = k - 1;
  std::vector<std::uint64_t> stride(rank, 1);
  for (std::size_t d = rank - 1; d > 0; --d)
    stride[d - 1] = stride[d] * t.shape[d];
  std::vector<std::vector<std::uint64_t>> outer;
  for (std::size_t d = 0; d < dim; ++d)
    outer.push_back(expandSelection(sel[d]));

  std::vector<ElementRun> runs;
  std::vector<std::size_t> odometer(dim, 0);
  while (true) {
    std::uint64_t base = 0;
    for (std::size_t d = 0; d < dim; ++d)
      base += outer[d][odometer[d]] * stride[d];
    for (const IndexRange &r : sel[dim])
      tessel::appendRun(
          runs, {0, base + r.begin * stride[dim], r.count * stride[dim]});
    std::size_t d = dim;
    while (d > 0 && ++odometer[d - 1] == outer[d - 1].size())
      odometer[--d] = 0;
    if (d == 0)
      break;
  }
  return tessel::viewOfRuns({&t}, std::move(shape), runs);
}

Tensor sliceAlong(const Tensor &t, std::size_t begin, std::size_t end,
                  unsigned dim, const char *op) {
  tessel::checkSliceBounds(op, t, begin, end, dim);
  const TensorImpl &impl = TensorAccess::impl(t);
  std::vector<DimSelection> sel = wholeTensor(impl);
  sel[dim] = {{begin, end - begin}};
  return gatherSelection(impl, sel);
}

Tensor indexRow(const Tensor &t, std::size_t i) {
  const TensorImpl &impl = TensorAccess::impl(t);
  if (impl.shape.empty())
    throw index_error(tessel::viewError("operator[]", t) +
                      ": a scalar tensor has no dimension to index; index "
                      "only tensors of rank 1 or more");
  if (i >= impl.shape[0])
    throw index_error(tessel::viewError("operator[]", t) + ": index " +
                      std::to_string(i) +
                      " is out of range for dimension 0 of size " +
                      std::to_string(impl.shape[0]) + "; use an index below " +
                      std::to_string(impl.shape[0]));
  Tensor row = sliceAlong(t, i, i + 1, 0, "operator[]");
  const TensorImpl &rowImpl = TensorAccess::impl(row);
  std::vector<std::size_t> shape(impl.shape.begin() + 1, impl.shape.end());
  return tessel::viewWithShape(rowImpl, std::move(shape));
}

} // namespace

namespace poplar {

Tensor Tensor::operator[](std::size_t i) const & { return indexRow(*this, i); }

Tensor &&Tensor::operator[](std::size_t i) && {
  *this = indexRow(*this, i);
  return std::move(*this);
}

Tensor Tensor::slice(std::size_t begin, std::size_t end,
                     unsigned dimension) const & {
  return sliceAlong(*this, begin, end, dimension, "slice");
}

Tensor &&Tensor::slice(std::size_t begin, std::size_t end,
                       unsigned dimension) && {
  *this = sliceAlong(*this, begin, end, dimension, "slice");
  return std::move(*this);
}

Tensor Tensor::slice(const Interval &region, unsigned dimension) const & {
  return sliceAlong(*this, region.begin(), region.end(), dimension, "slice");
}

Tensor &&Tensor::slice(const Interval &region, unsigned dimension) && {
  *this = sliceAlong(*this, region.begin(), region.end(), dimension, "slice");
  return std::move(*this);
}

Tensor Tensor::slice(ArrayRef<std::size_t> begin,
                     ArrayRef<std::size_t> end) const {
  const TensorImpl &t = get();
  if (begin.size() != t.shape.size() || end.size() != t.shape.size())
    throw index_error(tessel::viewError("slice", *this) + ": begin " +
                      tessel::listText(begin) + " and end " +
                      tessel::listText(end) +
                      " must each give one index per dimension (" +
                      std::to_string(t.shape.size()) + ")");
  std::vector<DimSelection> sel;
  for (unsigned d = 0; d < t.shape.size(); ++d) {
    tessel::checkSliceBounds("slice", *this, begin[d], end[d], d);
    sel.push_back({{begin[d], end[d] - begin[d]}});
  }
  return gatherSelection(t, sel);
}

std::vector<Tensor> Tensor::slices(ArrayRef<Interval> intervals,
                                   unsigned dimension) const {
  std::vector<Tensor> result;
  result.reserve(intervals.size());
  for (const Interval &iv : intervals)
    result.push_back(
        sliceAlong(*this, iv.begin(), iv.end(), dimension, "slices"));
  return result;
}

std::vector<Tensor>
Tensor::slices(const std::vector<std::vector<Interval>> &intervals,
               unsigned dimension) const {
  tessel::checkDimension("slices", *this, dimension);
  const TensorImpl &t = get();
  std::vector<Tensor> result;
  result.reserve(intervals.size());
  for (const std::vector<Interval> &group : intervals) {
    // One tensor per group: its intervals concatenated along `dimension`.
    std::vector<DimSelection> sel = wholeTensor(t);
    sel[dimension].clear();
    for (const Interval &iv : group) {
      tessel::checkSliceBounds("slices", *this, iv.begin(), iv.end(),
                               dimension);
      if (iv.size())
        sel[dimension].push_back({iv.begin(), iv.size()});
    }
    result.push_back(gatherSelection(t, sel));
  }
  return result;
}

std::vector<Tensor> Tensor::slices(ArrayRef<unsigned> indices,
                                   unsigned dimension) const {
  std::vector<Tensor> result;
  result.reserve(indices.size());
  for (unsigned i : indices) {
    if (dimension < rank() && i >= dim(dimension))
      throw index_error(
          tessel::viewError("slices", *this) + ": index " + std::to_string(i) +
          " is out of range for dimension " + std::to_string(dimension) +
          " of size " + std::to_string(dim(dimension)) +
          "; use indices below " + std::to_string(dim(dimension)));
    result.push_back(sliceAlong(*this, i, i + 1, dimension, "slices"));
  }
  return result;
}

Tensor Tensor::index(ArrayRef<std::size_t> indices) const {
  const TensorImpl &t = get();
  if (indices.size() > t.shape.size())
    throw index_error(tessel::viewError("index", *this) + ": " +
                      std::to_string(indices.size()) + " indices " +
                      tessel::listText(indices) + " given for " +
                      std::to_string(t.shape.size()) +
                      " dimensions; give at most one index per dimension");
  std::vector<DimSelection> sel = wholeTensor(t);
  for (std::size_t d = 0; d < indices.size(); ++d) {
    if (indices[d] >= t.shape[d])
      throw index_error(tessel::viewError("index", *this) + ": index " +
                        std::to_string(indices[d]) + " of " +
                        tessel::listText(indices) +
                        " is out of range for dimension " + std::to_string(d) +
                        " of size " + std::to_string(t.shape[d]) +
                        "; use an index below " + std::to_string(t.shape[d]));
    sel[d] = {{indices[d], 1}};
  }
  Tensor box = gatherSelection(t, sel);
  std::vector<std::size_t> shape(t.shape.begin() + indices.size(),
                                 t.shape.end());
  return tessel::viewWithShape(TensorAccess::impl(box), std::move(shape));
}

Tensor Tensor::subSample(unsigned stride, unsigned dimension) const {
  tessel::checkDimension("subSample", *this, dimension);
  if (stride == 0)
    throw tensor_creation_error(tessel::viewError("subSample", *this) +
                                ": a stride of 0 selects nothing; use a "
                                "stride of 1 or more");
  const TensorImpl &t = get();
  std::vector<DimSelection> sel = wholeTensor(t);
  sel[dimension].clear();
  for (std::uint64_t i = 0; i < t.shape[dimension]; i += stride)
    addIndex(sel[dimension], i);
  return gatherSelection(t, sel);
}

Tensor Tensor::upsample(unsigned scale, unsigned dimension,
                        UpsampleMethod method) const {
  tessel::checkDimension("upsample", *this, dimension);
  if (method != UpsampleMethod::REPEAT)
    throw tensor_creation_error(tessel::viewError("upsample", *this) +
                                ": unknown upsample method " +
                                std::to_string(static_cast<int>(method)) +
                                "; use UpsampleMethod::REPEAT");
  const TensorImpl &t = get();
  if (scale > 1 && t.numElements() != 0)
    checkRepeatPieces("upsample", *this, t, dimension, t.shape[dimension],
                      scale);
  std::vector<DimSelection> sel = wholeTensor(t);
  sel[dimension].clear();
  for (std::uint64_t i = 0; i < t.shape[dimension]; ++i)
    for (unsigned s = 0; s < scale; ++s)
      addIndex(sel[dimension], i);
  return gatherSelection(t, sel);
}

Tensor Tensor::reverse(unsigned dimension) const {
  tessel::checkDimension("reverse", *this, dimension);
  const TensorImpl &t = get();
  std::vector<DimSelection> sel = wholeTensor(t);
  sel[dimension].clear();
  for (std::uint64_t i = t.shape[dimension]; i > 0; --i)
    addIndex(sel[dimension], i - 1);
  return gatherSelection(t, sel);
}

Tensor Tensor::broadcast(unsigned N, unsigned dim) const {
  tessel::checkDimension("broadcast", *this, dim);
  const TensorImpl &t = get();
  if (t.numElements() == 0) { // nothing to repeat, however many times
    std::vector<std::size_t> shape = t.shape;
    if (__builtin_mul_overflow(shape[dim], std::size_t(N), &shape[dim]))
      tessel::shapeProduct({t.shape[dim], N}, 0, 2); // throws
    return tessel::viewWithShape(t, std::move(shape));
  }
  checkRepeatPieces("broadcast", *this, t, dim, 1, N);
  std::vector<DimSelection> sel = wholeTensor(t);
  const IndexRange whole = sel[dim].front();
  sel[dim].clear();
  for (unsigned n = 0; n < N; ++n)
    if (whole.count)
      sel[dim].push_back(whole);
  return gatherSelection(t, sel);
}

} // namespace poplar
