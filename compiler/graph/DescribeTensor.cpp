// Names tensors in error messages from what the user called their variables.
#include "compiler/graph/DescribeTensor.hpp"

#include "compiler/graph/TensorImpl.hpp"

#include <algorithm>
#include <sstream>

namespace tessel {

std::string describeShape(const std::vector<std::size_t> &shape) {
  std::ostringstream os;
  os << '{';
  for (std::size_t i = 0; i < shape.size(); ++i)
    os << (i ? "," : "") << shape[i];
  os << '}';
  return os.str();
}

static std::string variableName(const GraphStore *store, VariableId var) {
  if (!store || var >= store->variables.size())
    return "<variable " + std::to_string(var) + ">";
  const std::string &name = store->variables[var].name;
  return name.empty() ? "<unnamed variable " + std::to_string(var) + ">" : name;
}

std::string describeTensor(const poplar::Tensor &t) {
  if (!t.valid())
    return "<invalid tensor>";
  const TensorImpl &impl = TensorAccess::impl(t);
  std::vector<VariableId> vars;
  for (const ElementRegion &r : impl.regions)
    if (std::find(vars.begin(), vars.end(), r.var) == vars.end())
      vars.push_back(r.var);

  std::ostringstream os;
  constexpr std::size_t maxNames = 3;
  for (std::size_t i = 0; i < vars.size() && i < maxNames; ++i)
    os << (i ? ", " : "") << '\'' << variableName(impl.store, vars[i]) << '\'';
  if (vars.size() > maxNames)
    os << " and " << vars.size() - maxNames << " more";
  if (vars.empty())
    os << "<empty tensor>";
  os << " (" << impl.type.toString() << ' ' << describeShape(impl.shape) << ')';
  return os.str();
}

} // namespace tessel
