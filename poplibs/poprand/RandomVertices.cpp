// Vertices over an output tensor's tile mapping. Elements the user left
// unmapped (allowed on IPUModel and CPU targets) get unmapped vertices,
// which the compiler places with their data.
#include "RandomVertices.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <optional>

using namespace poplar;

namespace poprand::detail {

namespace {

/// The intervals of [0, numElements) that no tile's intervals cover.
std::vector<Interval> unmappedIntervals(const Graph::TileToTensorMapping &m,
                                        std::size_t numElements) {
  std::vector<Interval> mapped, unmapped;
  for (const std::vector<Interval> &intervals : m)
    mapped.insert(mapped.end(), intervals.begin(), intervals.end());
  std::sort(mapped.begin(), mapped.end());
  std::size_t next = 0;
  for (const Interval &iv : mapped) {
    if (iv.begin() > next)
      unmapped.emplace_back(next, iv.begin());
    next = std::max<std::size_t>(next, iv.end());
  }
  if (next < numElements)
    unmapped.emplace_back(next, numElements);
  return unmapped;
}

} // namespace

void requireCodelet(const Graph &graph, const std::string &vertexType,
                    const char *function) {
  if (!graph.hasCodelet(vertexType))
    throw unknown_vertex_type(std::string(function) +
                              ": the graph has no vertex type '" + vertexType +
                              "'; call poprand::addCodelets(graph) once "
                              "before using poprand");
}

void addGeneratorVertices(Graph &graph, ComputeSet cs,
                          const std::string &vertexType, const Tensor &out,
                          const Tensor *in, const CallSeed &seed,
                          const std::function<void(VertexRef)> &setParameters) {
  const Tensor flatOut = out.flatten();
  const Tensor flatIn = in ? in->flatten() : Tensor();
  auto addRun = [&](std::optional<unsigned> tile, const Interval &run) {
    for (std::size_t begin = run.begin(); begin < run.end();
         begin += kMaxElementsPerVertex) {
      const std::size_t end =
          std::min<std::size_t>(begin + kMaxElementsPerVertex, run.end());
      VertexRef v = graph.addVertex(cs, vertexType);
      graph.connect(v["seed"], seed.key);
      graph.connect(v["out"], flatOut.slice(begin, end));
      if (in)
        graph.connect(v["in"], flatIn.slice(begin, end));
      graph.setInitialValue(v["offset"],
                            static_cast<unsigned long long>(begin));
      graph.setInitialValue(v["seedModifier"], seed.modifier);
      setParameters(v);
      if (tile)
        graph.setTileMapping(v, *tile);
    }
  };
  bool complete = true;
  const Graph::TileToTensorMapping mapping =
      graph.getTileMapping(out, &complete);
  for (unsigned tile = 0; tile < mapping.size(); ++tile)
    for (const Interval &run : mapping[tile])
      addRun(tile, run);
  if (!complete)
    for (const Interval &run : unmappedIntervals(mapping, out.numElements()))
      addRun(std::nullopt, run);
}

} // namespace poprand::detail
