// Stages 2 and 3 of a reduction: the partials of each output are combined
// in groups, a tree across tiles, until one group per output is left; that
// group is reduced where the output element lives.
//
// Group size: a combining stage costs a sync and an exchange, so groups are
// large enough that the stage count stays small: at least numWorkers x
// vector width partials (below that a group costs about what an extra
// stage's sync does), and at least sqrt(k) for k partials, so no reduction
// needs more than one combining stage before the final one.
#include "ReduceStages.hpp"

#include "OperationPlacement.hpp"

#include <poplar/Tensor.hpp>
#include <poputil/VertexTemplates.hpp>

#include <algorithm>
#include <cmath>
#include <map>

using namespace poplar;

namespace popops::detail {

namespace {

using Ref = Partials::Ref;

/// The partials `refs` as one tensor, runs of one variable sliced whole.
Tensor gather(const Partials &partials, const std::vector<Ref> &refs) {
  std::vector<Tensor> pieces;
  for (std::size_t i = 0; i < refs.size();) {
    std::size_t j = i + 1;
    while (j < refs.size() && refs[j].variable == refs[i].variable &&
           refs[j].offset == refs[j - 1].offset + 1)
      ++j;
    pieces.push_back(partials.variables[refs[i].variable].t.slice(
        refs[i].offset, refs[j - 1].offset + 1));
    i = j;
  }
  return pieces.size() == 1 ? pieces.front() : concat(pieces);
}

std::size_t groupSize(const Graph &graph, const Type &accType,
                      std::size_t maxPartials) {
  const Target &target = graph.getTarget();
  const std::size_t minimum = std::size_t(target.getNumWorkerContexts()) *
                              target.getVectorWidth(accType);
  const auto root =
      std::size_t(std::ceil(std::sqrt(double(maxPartials)) - 1e-9));
  return std::max<std::size_t>({2, minimum, root});
}

/// One new partial of output `output`: the combination of `refs`.
struct Job {
  std::size_t output;
  std::vector<Ref> refs;
};

std::string combineVertex(const Reduction &r, const Type &outType,
                          bool update) {
  const Operation op = r.op == Operation::SQUARE_ADD ? Operation::ADD : r.op;
  return poputil::templateVertex("popops::ReduceCombine", r.accType, outType,
                                 op, update);
}

/// Adds a ReduceCombine writing out[i] from the partials groups[i].
void addCombineVertex(Graph &graph, ComputeSet cs, const std::string &type,
                      const Partials &partials,
                      const std::vector<const std::vector<Ref> *> &groups,
                      const Tensor &out, const Tensor &scale, bool useScale,
                      const std::optional<unsigned> &tile) {
  std::vector<Tensor> lists;
  lists.reserve(groups.size());
  for (const std::vector<Ref> *refs : groups)
    lists.push_back(gather(partials, *refs));
  VertexRef v = graph.addVertex(cs, type);
  graph.connect(v["partials"], lists);
  graph.connect(v["out"], out);
  graph.connect(v["scale"], scale);
  graph.setInitialValue(v["useScale"], useScale);
  placeVertex(graph, v, tile);
}

Tensor unitScale(Graph &graph, const DebugContext &debugContext) {
  Tensor one = graph.addConstant(FLOAT, {}, 1.0f, {debugContext, "noScale"});
  graph.setTileMapping(one, 0);
  return one;
}

/// One combining stage: every output with more than `group` partials gets
/// its partials cut into groups, each reduced on one member's tile.
void addCombineStage(Graph &graph, const Reduction &r, Partials &partials,
                     std::size_t group, ComputeSet cs, const Tensor &one,
                     const DebugContext &debugContext) {
  std::map<std::optional<unsigned>, std::vector<Job>> jobsByTile;
  for (std::size_t o = 0; o < r.numOutputs; ++o) {
    std::vector<Ref> &refs = partials.ofOutput[o];
    if (refs.size() <= group)
      continue;
    const std::size_t numGroups = (refs.size() + group - 1) / group;
    for (std::size_t g = 0; g < numGroups; ++g) {
      const std::size_t begin = refs.size() * g / numGroups;
      const std::size_t end = refs.size() * (g + 1) / numGroups;
      std::vector<Ref> members(refs.begin() + begin, refs.begin() + end);
      const Ref &host = members[(o + g) % members.size()];
      jobsByTile[partials.variables[host.variable].tile].push_back(
          {o, std::move(members)});
    }
    refs.clear();
  }
  const std::string type = combineVertex(r, r.accType, false);
  requireCodelet(graph, type, r.name);
  const unsigned numWorkers = graph.getTarget().getNumWorkerContexts();
  for (const auto &[tile, jobs] : jobsByTile) {
    Tensor var =
        graph.addVariable(r.accType, {jobs.size()}, {debugContext, "partials"});
    if (tile)
      graph.setTileMapping(var, *tile);
    const auto varIndex = std::uint32_t(partials.variables.size());
    partials.variables.push_back({var, tile});
    for (unsigned w = 0; w < numWorkers; ++w) {
      const std::size_t begin = jobs.size() * w / numWorkers;
      const std::size_t end = jobs.size() * (w + 1) / numWorkers;
      if (begin == end)
        continue;
      std::vector<const std::vector<Ref> *> groups;
      for (std::size_t j = begin; j < end; ++j)
        groups.push_back(&jobs[j].refs);
      addCombineVertex(graph, cs, type, partials, groups, var.slice(begin, end),
                       one, false, tile);
    }
    for (std::size_t j = 0; j < jobs.size(); ++j)
      partials.ofOutput[jobs[j].output].push_back({varIndex, std::uint32_t(j)});
  }
}

/// The output element indices of `region`, in order.
std::vector<std::size_t> indicesOf(const Region &region) {
  std::vector<std::size_t> indices;
  for (const Interval &iv : region)
    for (std::size_t i = iv.begin(); i < iv.end(); ++i)
      indices.push_back(i);
  return indices;
}

void addFinalStage(Graph &graph, const Reduction &r, const Partials &partials,
                   ComputeSet cs, const Tensor &one) {
  const std::string type = combineVertex(r, r.out.elementType(), r.update);
  requireCodelet(graph, type, r.name);
  const Tensor scale = r.scale ? *r.scale : one;
  const unsigned numWorkers = graph.getTarget().getNumWorkerContexts();
  for (const TileRegions &onTile : regionsByTile(graph, r.out))
    for (const Region &piece : splitRegions(onTile.regions, numWorkers)) {
      std::vector<const std::vector<Ref> *> groups;
      for (std::size_t o : indicesOf(piece))
        groups.push_back(&partials.ofOutput[o]);
      addCombineVertex(graph, cs, type, partials, groups,
                       regionOf(r.out, piece), scale, bool(r.scale),
                       onTile.tile);
    }
}

} // namespace

Graph::TileToTensorMapping outputMapping(const Graph &graph,
                                         const Partials &partials) {
  const std::size_t numTiles = graph.getTarget().getNumTiles();
  const std::size_t n = partials.ofOutput.size();
  Graph::TileToTensorMapping mapping(numTiles);
  for (std::size_t o = 0; o < n; ++o) {
    const std::vector<Ref> &refs = partials.ofOutput[o];
    std::optional<unsigned> tile;
    if (!refs.empty())
      tile = partials.variables[refs[o % refs.size()].variable].tile;
    const auto t = tile ? *tile : unsigned(o * numTiles / n);
    std::vector<Interval> &onTile = mapping[t];
    if (!onTile.empty() && onTile.back().end() == o)
      onTile.back() = Interval(onTile.back().begin(), o + 1);
    else
      onTile.emplace_back(o, o + 1);
  }
  return mapping;
}

std::size_t addCombineAndFinalStages(Graph &graph, const Reduction &r,
                                     Partials partials,
                                     std::vector<ComputeSet> &css,
                                     const DebugContext &debugContext) {
  std::size_t maxPartials = 0;
  for (const std::vector<Ref> &refs : partials.ofOutput)
    maxPartials = std::max(maxPartials, refs.size());
  const std::size_t group = groupSize(graph, r.accType, maxPartials);
  const Tensor one = unitScale(graph, debugContext);
  std::size_t stage = 1;
  for (; maxPartials > group; ++stage) {
    addCombineStage(graph, r, partials, group,
                    stageComputeSet(graph, css, stage, debugContext), one,
                    debugContext);
    maxPartials = (maxPartials + group - 1) / group;
  }
  addFinalStage(graph, r, partials,
                stageComputeSet(graph, css, stage, debugContext), one);
  return stage + 1;
}

} // namespace popops::detail
