// Printing and comparing tensors: getVarStr, getDebugStr, dump, dumpRegions,
// operator<<, operator== and the metadata accessors.
#include "compiler/graph/DescribeTensor.hpp"
#include "compiler/graph/TensorImpl.hpp"
#include "compiler/graph/TensorViewSupport.hpp"

#include <poplar/exceptions.hpp>

#include <iostream>
#include <sstream>

using namespace poplar;
using tessel::ElementRegion;
using tessel::TensorAccess;
using tessel::TensorImpl;

namespace {

std::string variableName(const TensorImpl &t, tessel::VariableId var) {
  if (t.store && var < t.store->variables.size() &&
      !t.store->variables[var].name.empty())
    return t.store->variables[var].name;
  return "var" + std::to_string(var);
}

/// "x[0:24) y[3:5)": each region as variable name and element range.
void writeRegions(std::ostream &os, const TensorImpl &t) {
  for (std::size_t i = 0; i < t.regions.size(); ++i) {
    const ElementRegion &r = t.regions[i];
    os << (i ? " " : "") << variableName(t, r.var) << '[' << r.begin << ':'
       << r.end << ')';
  }
}

} // namespace

namespace poplar {

std::string Tensor::getVarStr() const {
  std::ostringstream os;
  writeRegions(os, get());
  return os.str();
}

std::string Tensor::getDebugStr() const {
  get(); // an invalid tensor has no debug string
  return tessel::describeTensor(*this);
}

void Tensor::dump() const { std::cerr << *this << '\n'; }

void Tensor::dumpRegions() const {
  const TensorImpl &t = get();
  std::cerr << tessel::describeTensor(*this) << ": " << t.regions.size()
            << (t.regions.size() == 1 ? " region\n" : " regions\n");
  for (std::size_t i = 0; i < t.regions.size(); ++i) {
    const ElementRegion &r = t.regions[i];
    std::cerr << "  elements [" << t.starts[i] << ", " << t.starts[i] + r.size()
              << ") = " << variableName(t, r.var) << " (variable " << r.var
              << ") [" << r.begin << ", " << r.end << ")\n";
  }
}

Tensor Tensor::getMetadata() const {
  throw tensor_metadata_error(tessel::viewError("getMetadata", *this) +
                              ": the tensor has no metadata; check "
                              "hasMetadata() before asking for it");
}

bool operator==(const Tensor &a, const Tensor &b) {
  if (!a.valid() || !b.valid())
    return a.valid() == b.valid();
  const TensorImpl &x = TensorAccess::impl(a);
  const TensorImpl &y = TensorAccess::impl(b);
  return x.store == y.store && x.type == y.type && x.shape == y.shape &&
         x.regions == y.regions;
}

bool operator!=(const Tensor &a, const Tensor &b) { return !(a == b); }

std::ostream &operator<<(std::ostream &os, const Tensor &t) {
  if (!t.valid())
    return os << "<invalid tensor>";
  const TensorImpl &impl = TensorAccess::impl(t);
  os << impl.type.toString() << ' ' << tessel::describeShape(impl.shape) << ' ';
  if (impl.regions.empty())
    return os << "<no elements>";
  writeRegions(os, impl);
  return os;
}

} // namespace poplar
