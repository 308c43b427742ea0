// popops::rearrange regrouping. To move a tensor from grouping (a, ga) to
// (b, gb), it is viewed as blocks of gb x ga elements (gb consecutive
// elements along b by ga along a, whose rows of ga are each contiguous),
// copied into a variable holding each block contiguously on the tile where
// the block's first element lives, and each block transposed there, so the
// result holds gb consecutive elements along b side by side.
#include <popops/Rearrange.hpp>

#include "OperationPlacement.hpp"
#include "RearrangeTranspose.hpp"

#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;
using poputil::GroupingInfo;

namespace popops::rearrange {

namespace {

void checkGrouping(const Tensor &t, const GroupingInfo &g, const char *which,
                   const std::string &name) {
  if (g.first >= t.rank() || g.second == 0 || t.dim(g.first) % g.second != 0)
    throw poputil::poplibs_error(
        name + ": the '" + which + "' grouping {" + std::to_string(g.first) +
        ", " + std::to_string(g.second) + "} does not fit the shape " +
        t.shapeToString() +
        ": its dimension must exist and its size divide that dimension");
}

/// The blocks view of `t`: the split dimensions (a, ga) and (b, gb) moved
/// innermost as {..., gb, ga}, other dimensions in order before them.
struct BlockView {
  std::vector<std::size_t> splitShape; // t's shape with a and b split
  std::vector<unsigned> order;         // splitShape dims, as in `blocks`
  Tensor blocks;                       // {M, gb, ga}
};

BlockView blockView(const Tensor &t, const GroupingInfo &from,
                    const GroupingInfo &to) {
  BlockView view;
  unsigned innerA = 0, innerB = 0;
  for (unsigned d = 0; d < t.rank(); ++d) {
    const GroupingInfo *g = d == from.first ? &from
                            : d == to.first ? &to
                                            : nullptr;
    if (!g) {
      view.order.push_back(unsigned(view.splitShape.size()));
      view.splitShape.push_back(t.dim(d));
      continue;
    }
    view.order.push_back(unsigned(view.splitShape.size()));
    view.splitShape.push_back(t.dim(d) / g->second);
    (g == &from ? innerA : innerB) = unsigned(view.splitShape.size());
    view.splitShape.push_back(g->second);
  }
  view.order.push_back(innerB);
  view.order.push_back(innerA);
  const std::size_t block = std::size_t(from.second) * to.second;
  view.blocks = t.reshape(view.splitShape)
                    .dimShuffle(view.order)
                    .reshape({t.numElements() / block, to.second, from.second});
  return view;
}

/// The transposed blocks {M, ga, gb} viewed back in t's shape.
Tensor unblock(const Tensor &transposed, const BlockView &view,
               const std::vector<std::size_t> &shape) {
  std::vector<unsigned> order = view.order;
  std::swap(order[order.size() - 2], order[order.size() - 1]);
  std::vector<std::size_t> orderedShape;
  for (unsigned d : order)
    orderedShape.push_back(view.splitShape[d]);
  std::vector<unsigned> inverse(order.size());
  for (unsigned i = 0; i < order.size(); ++i)
    inverse[order[i]] = i;
  return transposed.reshape(orderedShape).dimShuffle(inverse).reshape(shape);
}

/// A copy of `t` whose dimension to.first is grouped by to.second, for a
/// regrouping within one dimension: no transposition needed.
Tensor regroupWithinDimension(Graph &graph, const Tensor &t,
                              std::vector<Copy> &copies, const GroupingInfo &to,
                              const DebugContext &debugContext) {
  const unsigned last = t.rank() - 1;
  const Tensor rows = t.dimRoll(to.first, last);
  const std::size_t blocks = t.numElements() / to.second;
  Tensor result = graph.addVariable(t.elementType(), {blocks, to.second},
                                    {debugContext, "regrouped"});
  graph.setTileMapping(
      result, detail::blockMapping(graph, rows, blocks, to.second, to.second));
  Tensor view = result.reshape(rows.shape()).dimRoll(last, to.first);
  copies.emplace_back(t, view, false, DebugContext(debugContext, "regroup"));
  return view;
}

} // namespace

Tensor regroupTensor(Graph &graph, const Tensor &t, std::vector<Copy> &copies,
                     const ComputeSet &transposeCS, const GroupingInfo &from,
                     const GroupingInfo &to, const DebugContext &debugContext) {
  const std::string name = popops::detail::operationName(
      debugContext, "popops::rearrange::regroupTensor");
  if (t.rank() <= 1)
    return t;
  if (!detail::isTransposable(graph, t.elementType()))
    throw poputil::poplibs_error(
        name + ": elements of type " + t.elementType().toString() +
        " cannot be regrouped; types of 2 or 4 bytes can");
  checkGrouping(t, from, "from", name);
  checkGrouping(t, to, "to", name);
  if (t.numElements() == 0)
    return t;
  if (from.first == to.first)
    return regroupWithinDimension(graph, t, copies, to, debugContext);
  const BlockView view = blockView(t, from, to);
  const std::size_t blocks = view.blocks.dim(0);
  const std::size_t block = std::size_t(from.second) * to.second;
  Tensor preRegroup =
      graph.addVariable(t.elementType(), {blocks, to.second, from.second},
                        {debugContext, "preRegroup"});
  graph.setTileMapping(preRegroup, detail::blockMapping(graph, view.blocks,
                                                        blocks, block, block));
  copies.emplace_back(view.blocks, preRegroup, false,
                      DebugContext(debugContext, "preRegroup"));
  const Tensor transposed =
      partialTranspose(graph, preRegroup, transposeCS, debugContext);
  return unblock(transposed, view, t.shape());
}

Tensor regroupTensor(Graph &graph, const Tensor &t, Sequence &copies,
                     const ComputeSet &transposeCS, const GroupingInfo &from,
                     const GroupingInfo &to, const DebugContext &debugContext) {
  std::vector<Copy> copyList;
  Tensor result =
      regroupTensor(graph, t, copyList, transposeCS, from, to, debugContext);
  for (const Copy &copy : copyList)
    copies.add(copy);
  return result;
}

Tensor regroupIfPossible(Graph &graph, const Tensor &t, Sequence &prog,
                         const GroupingInfo &to,
                         const DebugContext &debugContext) {
  if (t.rank() <= 1 || to.first >= t.rank() || to.second == 0 ||
      t.dim(to.first) % to.second != 0 ||
      !detail::isTransposable(graph, t.elementType()))
    return t;
  const std::vector<GroupingInfo> groupings =
      poputil::detectDimGroupings(graph, t);
  const unsigned grain = getMinimumRegroupGrainSize(t.elementType());
  if (groupings.empty() || groupings[0].first == to.first ||
      groupings[0].second % grain != 0)
    return t;
  std::vector<Copy> copies;
  ComputeSet cs = graph.addComputeSet({debugContext, "regroupTensor"});
  Tensor result =
      regroupTensor(graph, t, copies, cs, groupings[0], to, debugContext);
  for (const Copy &copy : copies)
    prog.add(copy);
  prog.add(Execute(cs, {debugContext, "regroupTensor"}));
  return result;
}

Tensor regroupIfBeneficial(Graph &graph, const Tensor &in, const Tensor &ref,
                           std::vector<Copy> &preTranspose,
                           ComputeSet transposeCS,
                           const DebugContext &debugContext) {
  const std::string name = popops::detail::operationName(
      debugContext, "popops::rearrange::regroupIfBeneficial");
  if (in.rank() <= 1 || ref.rank() <= 1 ||
      !detail::isTransposable(graph, in.elementType()))
    return in;
  if (in.shape() != ref.shape())
    throw poputil::poplibs_error(
        name + ": the tensor (shape " + in.shapeToString() +
        ") and the reference (shape " + ref.shapeToString() +
        ") must have the same shape");
  const std::vector<GroupingInfo> inGrouping =
      poputil::detectDimGroupings(graph, in);
  const std::vector<GroupingInfo> refGrouping =
      poputil::detectDimGroupings(graph, ref);
  const unsigned grain = getMinimumRegroupGrainSize(in.elementType());
  if (inGrouping.empty() || refGrouping.empty() ||
      inGrouping[0].first == refGrouping[0].first ||
      inGrouping[0].second % grain != 0 || refGrouping[0].second % grain != 0)
    return in;
  return regroupTensor(graph, in, preTranspose, transposeCS, inGrouping[0],
                       refGrouping[0], debugContext);
}

Tensor regroupIfBeneficial(Graph &graph, const Tensor &in, const Tensor &ref,
                           Sequence &prog, const DebugContext &debugContext) {
  std::vector<Copy> preTranspose;
  ComputeSet cs = graph.addComputeSet({debugContext, "regroupTensor"});
  Tensor result =
      regroupIfBeneficial(graph, in, ref, preTranspose, cs, debugContext);
  for (const Copy &copy : preTranspose)
    prog.add(copy);
  if (!preTranspose.empty()) // regrouped
    prog.add(Execute(cs, {debugContext, "regroupTensor"}));
  return result;
}

Tensor regroupIfBeneficial(Graph &graph, const Tensor &in,
                           std::size_t preferredGrouping, Sequence &prog,
                           const DebugContext &debugContext) {
  const std::string name = popops::detail::operationName(
      debugContext, "popops::rearrange::regroupIfBeneficial");
  if (in.rank() == 0 || preferredGrouping == 0 ||
      in.dim(in.rank() - 1) % preferredGrouping != 0)
    throw poputil::poplibs_error(
        name + ": the preferred grouping " + std::to_string(preferredGrouping) +
        " must divide the innermost dimension of the shape " +
        in.shapeToString());
  if (in.rank() <= 1 || !detail::isTransposable(graph, in.elementType()))
    return in;
  const GroupingInfo preferred{in.rank() - 1, unsigned(preferredGrouping)};
  const std::vector<GroupingInfo> inGrouping =
      poputil::detectDimGroupings(graph, in);
  const unsigned grain = getMinimumRegroupGrainSize(in.elementType());
  if (inGrouping.empty() || inGrouping[0].first == preferred.first ||
      inGrouping[0].second % grain != 0 || preferred.second % grain != 0)
    return in;
  std::vector<Copy> copies;
  ComputeSet cs = graph.addComputeSet({debugContext, "regroupTensor"});
  Tensor result = regroupTensor(graph, in, copies, cs, inGrouping[0], preferred,
                                debugContext);
  for (const Copy &copy : copies)
    prog.add(copy);
  prog.add(Execute(cs, {debugContext, "regroupTensor"}));
  return result;
}

} // namespace popops::rearrange
