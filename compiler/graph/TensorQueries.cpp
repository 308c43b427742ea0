// Tensor queries: shape, aliasing, regions, constants, equality and the
// debugging dumps.
#include "compiler/core/TypeTable.hpp"
#include "compiler/graph/DescribeTensor.hpp"
#include "compiler/graph/TensorImpl.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <cstring>
#include <iostream>
#include <sstream>

using namespace poplar;
using tessel::ElementRegion;
using tessel::TensorAccess;
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

} // namespace

namespace poplar {

std::size_t Tensor::numElements() const { return get().numElements(); }

std::size_t Tensor::dim(unsigned i) const {
  const TensorImpl &t = get();
  if (i >= t.shape.size())
    throw index_error("dim: dimension " + std::to_string(i) +
                      " does not exist in shape " +
                      tessel::describeShape(t.shape));
  return t.shape[i];
}

std::vector<std::size_t> Tensor::shape() const { return get().shape; }
unsigned Tensor::rank() const { return unsigned(get().shape.size()); }
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
    result.emplace_back(VariableRef(r.var, t.store), Interval(r.begin, r.end));
  return result;
}

bool Tensor::intersectsWith(const Tensor &other) const {
  if (get().store != other.get().store)
    return false;
  std::vector<ElementRegion> a = sortedRegions(get());
  std::vector<ElementRegion> b = sortedRegions(other.get());
  std::size_t i = 0, j = 0;
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
  if (t.regions.empty())
    return false;
  const unsigned size = tessel::typeInfo(t.type).size;
  const std::uint8_t *first = nullptr;
  for (const ElementRegion &r : t.regions) {
    if (!isConstantVariable(t, r.var))
      return false;
    const auto &bytes = t.store->variables[r.var].initialBytes;
    for (std::uint64_t e = r.begin; e < r.end; ++e) {
      const std::uint8_t *element = &bytes[e * size];
      if (!first)
        first = element;
      else if (std::memcmp(first, element, size) != 0)
        return false;
    }
  }
  // The device value, converted to the caller's host type.
  double asDouble = tessel::deviceValueAsDouble(t.type, first, 0);
  tessel::convertHostToDevice(DOUBLE, &asDouble, hostType, value, 1);
  return true;
}

std::string Tensor::getVarStr() const {
  const TensorImpl &t = get();
  std::ostringstream os;
  for (std::size_t i = 0; i < t.regions.size(); ++i) {
    const ElementRegion &r = t.regions[i];
    std::string name = t.store && r.var < t.store->variables.size()
                           ? t.store->variables[r.var].name
                           : "";
    os << (i ? " " : "")
       << (name.empty() ? "var" + std::to_string(r.var) : name) << '['
       << r.begin << ':' << r.end << ')';
  }
  return os.str();
}

std::string Tensor::getDebugStr() const {
  return tessel::describeTensor(*this);
}

void Tensor::dump() const { std::cerr << *this << '\n'; }

void Tensor::dumpRegions() const {
  for (const VariableInterval &vi : getVarRegions())
    std::cerr << "var " << vi.var.getId() << ' ' << vi.interval << '\n';
}

Tensor Tensor::getMetadata() const {
  throw tensor_metadata_error("tensor " + getDebugStr() +
                              " has no metadata; only QUARTER tensors carry "
                              "metadata");
}

bool operator==(const Tensor &a, const Tensor &b) {
  if (!a.valid() || !b.valid())
    return a.valid() == b.valid();
  const TensorImpl &x = TensorAccess::impl(a), &y = TensorAccess::impl(b);
  return x.store == y.store && x.type == y.type && x.shape == y.shape &&
         x.regions == y.regions;
}

bool operator!=(const Tensor &a, const Tensor &b) { return !(a == b); }

std::ostream &operator<<(std::ostream &os, const Tensor &t) {
  if (!t.valid())
    return os << "<invalid tensor>";
  return os << t.elementType() << ' ' << t.shapeToString() << ' '
            << t.getVarStr();
}

} // namespace poplar
