// Views that keep the element order and change only the shape or the element
// type: flatten, reshape, reshapePartial, expand, squeeze and reinterpret.
// They share their source's regions, so they cost O(R) at most.
#include "compiler/core/TypeTable.hpp"
#include "compiler/graph/TensorImpl.hpp"
#include "compiler/graph/TensorViewSupport.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>

using namespace poplar;
using tessel::TensorAccess;
using tessel::TensorImpl;

namespace poplar {

Tensor Tensor::flatten() const {
  const TensorImpl &t = get();
  return tessel::viewWithShape(t, {std::size_t(t.numElements())});
}

Tensor Tensor::flatten(unsigned dimBegin, unsigned dimEnd) const {
  const TensorImpl &t = get();
  if (dimBegin > dimEnd || dimEnd > t.shape.size())
    throw index_error(tessel::viewError("flatten", *this) + ": [" +
                      std::to_string(dimBegin) + ", " + std::to_string(dimEnd) +
                      ") is not a range of its dimensions; use dimBegin <= "
                      "dimEnd <= " +
                      std::to_string(t.shape.size()));
  std::vector<std::size_t> shape(t.shape.begin(), t.shape.begin() + dimBegin);
  shape.push_back(tessel::shapeProduct(t.shape, dimBegin, dimEnd));
  shape.insert(shape.end(), t.shape.begin() + dimEnd, t.shape.end());
  return tessel::viewWithShape(t, std::move(shape));
}

Tensor Tensor::reshape(ArrayRef<std::size_t> newShape) const {
  const TensorImpl &t = get();
  std::vector<std::size_t> shape = newShape.cloneAsVector();
  const std::uint64_t count = tessel::shapeProduct(shape, 0, shape.size());
  if (count != t.numElements())
    throw tensor_creation_error(
        tessel::viewError("reshape", *this) + ": the new shape " +
        tessel::listText(newShape) + " has " + std::to_string(count) +
        " elements but the tensor has " + std::to_string(t.numElements()) +
        "; give a shape with the same number of elements");
  return tessel::viewWithShape(t, std::move(shape));
}

Tensor Tensor::reshapePartial(unsigned beginIndex, unsigned endIndex,
                              ArrayRef<std::size_t> newDims) const {
  const TensorImpl &t = get();
  if (beginIndex > endIndex || endIndex > t.shape.size())
    throw index_error(tessel::viewError("reshapePartial", *this) + ": [" +
                      std::to_string(beginIndex) + ", " +
                      std::to_string(endIndex) +
                      ") is not a range of its dimensions; use beginIndex <= "
                      "endIndex <= " +
                      std::to_string(t.shape.size()));
  const std::uint64_t have =
      tessel::shapeProduct(t.shape, beginIndex, endIndex);
  std::vector<std::size_t> dims = newDims.cloneAsVector();
  const std::uint64_t want = tessel::shapeProduct(dims, 0, dims.size());
  if (have != want)
    throw tensor_creation_error(
        tessel::viewError("reshapePartial", *this) + ": the new dimensions " +
        tessel::listText(newDims) + " have " + std::to_string(want) +
        " elements but dimensions [" + std::to_string(beginIndex) + ", " +
        std::to_string(endIndex) + ") have " + std::to_string(have) +
        "; give dimensions whose product is " + std::to_string(have));
  std::vector<std::size_t> shape(t.shape.begin(), t.shape.begin() + beginIndex);
  shape.insert(shape.end(), dims.begin(), dims.end());
  shape.insert(shape.end(), t.shape.begin() + endIndex, t.shape.end());
  return tessel::viewWithShape(t, std::move(shape));
}

Tensor Tensor::expand(ArrayRef<std::size_t> indices) const {
  const TensorImpl &t = get();
  const std::size_t rank = t.shape.size();
  // A singleton goes before each listed dimension of this tensor (index
  // `rank` means after the last one), as in Poplar: {N}.expand({0, 1}) is
  // {1, N, 1}.
  std::vector<std::size_t> before(rank + 1, 0);
  for (std::size_t index : indices) {
    if (index > rank)
      throw index_error(tessel::viewError("expand", *this) +
                        ": cannot insert a dimension before dimension " +
                        std::to_string(index) +
                        "; use indices up to its rank " + std::to_string(rank));
    ++before[index];
  }
  std::vector<std::size_t> shape;
  shape.reserve(rank + indices.size());
  for (std::size_t d = 0; d <= rank; ++d) {
    shape.insert(shape.end(), before[d], 1);
    if (d < rank)
      shape.push_back(t.shape[d]);
  }
  return tessel::viewWithShape(t, std::move(shape));
}

Tensor Tensor::squeeze(ArrayRef<std::size_t> indices) const {
  const TensorImpl &t = get();
  std::vector<bool> drop(t.shape.size(), false);
  for (std::size_t index : indices) {
    if (index >= t.shape.size())
      throw index_error(tessel::viewError("squeeze", *this) + ": dimension " +
                        std::to_string(index) +
                        " does not exist; use dimensions below its rank " +
                        std::to_string(t.shape.size()));
    if (t.shape[index] != 1)
      throw tensor_creation_error(
          tessel::viewError("squeeze", *this) + ": dimension " +
          std::to_string(index) + " has size " +
          std::to_string(t.shape[index]) +
          ", not 1; only singleton dimensions can be squeezed (use reshape "
          "to merge others)");
    if (drop[index])
      throw tensor_creation_error(
          tessel::viewError("squeeze", *this) + ": dimension " +
          std::to_string(index) + " is listed twice in " +
          tessel::listText(indices) + "; list each dimension once");
    drop[index] = true;
  }
  std::vector<std::size_t> shape;
  for (std::size_t d = 0; d < t.shape.size(); ++d)
    if (!drop[d])
      shape.push_back(t.shape[d]);
  return tessel::viewWithShape(t, std::move(shape));
}

Tensor Tensor::reinterpret(const Type &type) const {
  const TensorImpl &t = get();
  const unsigned have = tessel::typeInfo(t.type).size;
  const unsigned want = tessel::typeInfo(type).size;
  // Regions count elements of the viewed variables; with equal sizes an
  // element offset is the same byte offset under either type.
  if (want != have)
    throw type_error(
        tessel::viewError("reinterpret", *this) + ": its " + t.type.toString() +
        " elements have " + std::to_string(have) + " bytes but " +
        type.toString() + " elements have " + std::to_string(want) +
        "; reinterpret only to a type of " + std::to_string(have) + " bytes");
  tessel::checkDeviceType(type, tessel::viewError("reinterpret", *this));
  TensorImpl impl = t;
  impl.type = type;
  return TensorAccess::make(std::move(impl));
}

} // namespace poplar
