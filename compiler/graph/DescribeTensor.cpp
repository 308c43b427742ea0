// Names tensors in error messages from what the user called their variables.
#include "compiler/graph/DescribeTensor.hpp"

#include "compiler/graph/GraphImpl.hpp"
#include "compiler/graph/TensorImpl.hpp"

#include <poplar/exceptions.hpp>

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
    os << (i ? ", " : "") << '\'' << variableName(impl.store.get(), vars[i])
       << '\'';
  if (vars.size() > maxNames)
    os << " and " << vars.size() - maxNames << " more";
  if (vars.empty())
    os << "<empty tensor>";
  os << " (" << impl.type.toString() << ' ' << describeShape(impl.shape) << ')';
  return os.str();
}

std::string describeGraph(const GraphStore &store) {
  return "a graph of " + std::to_string(store.variables.size()) +
         (store.variables.size() == 1 ? " variable" : " variables") + ", " +
         std::to_string(store.vertices.size()) +
         (store.vertices.size() == 1 ? " vertex" : " vertices");
}

static std::string thisGraph(const GraphImpl &graph) {
  return "this graph (" + describeGraph(*graph.store) + " on " +
         std::to_string(graph.physicalTiles.size()) + " tiles)";
}

void checkTensorOfGraph(const GraphImpl &graph, const poplar::Tensor &t,
                        const std::string &what) {
  if (!t.valid())
    return; // the caller reports an invalid tensor in its own words
  const TensorImpl &impl = TensorAccess::impl(t);
  if (!impl.store || impl.store.get() == graph.store.get())
    return;
  throw poplar::graph_object_load_error(
      what + ": " + describeTensor(t) + " belongs to " +
      describeGraph(*impl.store) + ", not to " + thisGraph(graph) +
      "; use the graph that created the tensor (or one of its virtual "
      "graphs)");
}

void checkVertexOfGraph(const GraphImpl &graph, const poplar::VertexRef &v,
                        const std::string &what) {
  const poplar::Graph *owner = v.getGraph();
  if (!owner || GraphAccess::impl(*owner).store == graph.store)
    return;
  throw poplar::graph_object_load_error(
      what + ": vertex " + std::to_string(v.getId()) + " belongs to " +
      describeGraph(*GraphAccess::impl(*owner).store) + ", not to " +
      thisGraph(graph) +
      "; use the graph whose addVertex made it (or one of its virtual "
      "graphs)");
}

} // namespace tessel
