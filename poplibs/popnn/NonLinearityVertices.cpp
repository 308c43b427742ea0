// The ComputeSet forms of popnn's element-wise non-linearities: one popnn
// vertex per run of consecutive elements on each tile (each a MultiVertex
// spreading its elements over the tile's workers); elements left unmapped
// get unmapped vertices, which the compiler places with their data.
#include "NonLinearityVertices.hpp"

#include <poplar/exceptions.hpp>
#include <poputil/VertexTemplates.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <functional>
#include <optional>

using namespace poplar;

namespace poputil {
template <> struct VertexTemplateToString<popnn::NonLinearityType> {
  static std::string to_string(popnn::NonLinearityType type) {
    return "popnn::NonLinearityType::" + popnn::asString(type);
  }
};
} // namespace poputil

namespace popnn::detail {

namespace {

void requireVertex(const Graph &graph, const std::string &vertexType,
                   const std::string &name) {
  if (!graph.hasCodelet(vertexType))
    throw unknown_vertex_type(name + ": the graph has no vertex type '" +
                              vertexType +
                              "'; call popnn::addCodelets(graph) once before "
                              "using popnn");
}

// Calls `addRun(tile, interval)` for each run of `t`'s flattened elements:
// per tile, then (with no tile) the runs no tile holds.
void forEachRun(const Graph &graph, const Tensor &t,
                const std::function<void(std::optional<unsigned>,
                                         const Interval &)> &addRun) {
  bool complete = true;
  const Graph::TileToTensorMapping mapping = graph.getTileMapping(t, &complete);
  std::vector<Interval> mapped;
  for (unsigned tile = 0; tile < mapping.size(); ++tile)
    for (const Interval &run : mapping[tile]) {
      addRun(tile, run);
      mapped.push_back(run);
    }
  if (complete)
    return;
  std::sort(mapped.begin(), mapped.end());
  std::size_t next = 0;
  for (const Interval &run : mapped) {
    if (run.begin() > next)
      addRun(std::nullopt, Interval(next, run.begin()));
    next = std::max<std::size_t>(next, run.end());
  }
  if (next < t.numElements())
    addRun(std::nullopt, Interval(next, t.numElements()));
}

} // namespace

void addInPlaceVertices(Graph &graph, NonLinearityType type, const Tensor &t,
                        ComputeSet &cs, const std::string &name) {
  if (t.containsAliases())
    throw poputil::poplibs_error(
        name + ": the tensor " + t.shapeToString() +
        " has elements that alias each other (a broadcast?), so it cannot be "
        "updated in place; use popnn::nonLinearity");
  const std::string vertexType = poputil::templateVertex(
      "popnn::NonLinearityInPlace", t.elementType(), type);
  requireVertex(graph, vertexType, name);
  const Tensor flat = t.flatten();
  forEachRun(graph, flat,
             [&](std::optional<unsigned> tile, const Interval &run) {
               VertexRef v = graph.addVertex(cs, vertexType);
               graph.connect(v["data"], flat.slice(run));
               if (tile)
                 graph.setTileMapping(v, *tile);
             });
}

Tensor addGradientVertices(Graph &graph, NonLinearityType type,
                           const Tensor &act, const Tensor &outGradient,
                           ComputeSet &cs, const DebugContext &debugContext,
                           const std::string &name) {
  const std::string vertexType = poputil::templateVertex(
      "popnn::NonLinearityGrad", act.elementType(), type);
  requireVertex(graph, vertexType, name);
  // Mapped like the activations, so the gradient lives where the forward
  // pass kept its data.
  const Tensor inGradient =
      graph.clone(act.elementType(), act, {debugContext, "inGradient"});
  const Tensor flatIn = inGradient.flatten(), flatAct = act.flatten(),
               flatOut = outGradient.flatten();
  forEachRun(graph, flatIn,
             [&](std::optional<unsigned> tile, const Interval &run) {
               VertexRef v = graph.addVertex(cs, vertexType);
               graph.connect(v["act"], flatAct.slice(run));
               graph.connect(v["outGrad"], flatOut.slice(run));
               graph.connect(v["inGrad"], flatIn.slice(run));
               if (tile)
                 graph.setTileMapping(v, *tile);
             });
  return inGradient;
}

} // namespace popnn::detail
