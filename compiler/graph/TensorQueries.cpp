// Tensor queries: shape, aliasing, contiguous and variable regions,
// intersection and constant values. Alias and intersection checks sort
// regions, so they cost O(R log R), never O(elements).
#include "compiler/core/TypeTable.hpp"
#include "compiler/graph/DescribeTensor.hpp"
#include "compiler/graph/TensorImpl.hpp"
#include "compiler/graph/TensorViewSupport.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <cstring>

using namespace poplar;
using tessel::ElementRegion;
using tessel::TensorImpl;

namespace {

/// The regions sorted by (variable, begin).
std::vector<ElementRegion> sortedRegions(const TensorImpl &t) {
  std::vector<ElementRegion> sorted = t.regions;
  std::sort(sorted.begin(), sorted.end(),
            [](const ElementRegion &a, const ElementRegion &b) {
              return a.var != b.var ? a.var < b.var : a.begin < b.begin;
            });
  return sorted;
}

bool isConstantVariable(const TensorImpl &t, tessel::VariableId var) {
  return t.store && var < t.store->variables.size() &&
         t.store->variables[var].isConstant;
}

/// The first element's bytes if every element of t is the same constant,
/// else nullptr.
const std::uint8_t *uniformConstant(const TensorImpl &t) {
  const unsigned size = tessel::typeInfo(t.type).size;
  const std::uint8_t *first = nullptr;
  for (const ElementRegion &r : t.regions) {
    if (!isConstantVariable(t, r.var))
      return nullptr;
    const std::vector<std::uint8_t> &bytes =
        t.store->variables[r.var].initialBytes;
    if (bytes.size() < r.end * size)
      return nullptr; // a constant without its data has no known value
    for (std::uint64_t e = r.begin; e < r.end; ++e) {
      const std::uint8_t *element = &bytes[e * size];
      if (!first)
        first = element;
      else if (std::memcmp(first, element, size) != 0)
        return nullptr;
    }
  }
  return first;
}

/// Converts one device value to the caller's host type: the type table
/// converts to every device type, and LONG, UNSIGNED_LONG and DOUBLE are
/// the host-only types it does not write.
void deviceToHost(const Type &deviceType, const std::uint8_t *element,
                  const Type &hostType, void *value) {
  if (hostType == DOUBLE) {
    const double d = tessel::deviceValueAsDouble(deviceType, element, 0);
    std::memcpy(value, &d, sizeof d);
    return;
  }
  static_assert(sizeof(long) == sizeof(long long),
                "LONG converts through LONGLONG, so they must be one size");
  const Type target = hostType == LONG            ? LONGLONG
                      : hostType == UNSIGNED_LONG ? UNSIGNED_LONGLONG
                                                  : hostType;
  tessel::convertHostToDevice(deviceType, element, target, value, 1);
}

} // namespace

namespace poplar {

Type Tensor::elementType() const { return get().type; }

std::size_t Tensor::numElements() const { return get().numElements(); }

std::size_t Tensor::dim(unsigned i) const {
  const TensorImpl &t = get();
  if (i >= t.shape.size())
    throw index_error(tessel::viewError("dim", *this) + ": dimension " +
                      std::to_string(i) +
                      " does not exist; use a dimension below its rank " +
                      std::to_string(t.shape.size()));
  return t.shape[i];
}

std::vector<std::size_t> Tensor::shape() const { return get().shape; }

unsigned Tensor::rank() const {
  return static_cast<unsigned>(get().shape.size());
}

std::string Tensor::shapeToString() const {
  return tessel::describeShape(get().shape);
}

bool Tensor::isContiguous() const { return get().regions.size() <= 1; }

bool Tensor::containsAliases() const {
  std::vector<ElementRegion> sorted = sortedRegions(get());
  for (std::size_t i = 1; i < sorted.size(); ++i)
    if (sorted[i].var == sorted[i - 1].var &&
        sorted[i].begin < sorted[i - 1].end)
      return true;
  return false;
}

bool Tensor::containsConstant() const {
  const TensorImpl &t = get();
  return std::any_of(
      t.regions.begin(), t.regions.end(),
      [&](const ElementRegion &r) { return isConstantVariable(t, r.var); });
}

bool Tensor::isParallelWriteable() const {
  return !containsAliases() && !containsConstant();
}

std::vector<Interval> Tensor::getContiguousRegions() const {
  const TensorImpl &t = get();
  std::vector<Interval> result;
  result.reserve(t.regions.size());
  for (std::size_t i = 0; i < t.regions.size(); ++i)
    result.emplace_back(t.starts[i], t.starts[i] + t.regions[i].size());
  return result;
}

std::vector<VariableInterval> Tensor::getVarRegions() const {
  const TensorImpl &t = get();
  std::vector<VariableInterval> result;
  result.reserve(t.regions.size());
  for (const ElementRegion &r : t.regions)
    result.emplace_back(VariableRef(r.var, t.store.get()),
                        Interval(r.begin, r.end));
  return result;
}

bool Tensor::intersectsWith(const Tensor &other) const {
  if (get().store != other.get().store)
    return false;
  std::vector<ElementRegion> a = sortedRegions(get());
  std::vector<ElementRegion> b = sortedRegions(other.get());
  std::size_t i = 0, j = 0;
  // A region that ends first cannot meet any later region of the other
  // list, whose begins are no smaller.
  while (i < a.size() && j < b.size()) {
    if (a[i].var != b[j].var) {
      (a[i].var < b[j].var ? i : j)++;
      continue;
    }
    if (a[i].begin < b[j].end && b[j].begin < a[i].end)
      return true;
    (a[i].end < b[j].end ? i : j)++;
  }
  return false;
}

bool Tensor::getConstantValueImpl(void *value, const Type &hostType) const {
  const TensorImpl &t = get();
  const std::uint8_t *element = uniformConstant(t);
  if (!element)
    return false;
  deviceToHost(t.type, element, hostType, value);
  return true;
}

} // namespace poplar
