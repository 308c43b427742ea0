// poplin::createMatMulInputLHS/RHS: operand tensors mapped so each tile holds
// whole rows (LHS) or whole rows of the transposed operand (RHS), the layout
// a row-block matrix product wants.
#include <poplin/MatMul.hpp>

#include <poplar/exceptions.hpp>

#include <algorithm>

using namespace poplar;

namespace poplin {

PlanningCache::PlanningCache() = default;
PlanningCache::~PlanningCache() = default;
std::size_t PlanningCache::size() const { return plans.size(); }

std::size_t PlanningCache::rowsPerTile(const std::vector<std::size_t> &shape,
                                       std::size_t numTiles) {
  auto key = std::make_pair(shape, numTiles);
  auto it = plans.find(key);
  if (it != plans.end())
    return it->second;
  std::size_t rows = 1;
  for (std::size_t i = 0; i + 1 < shape.size(); ++i)
    rows *= shape[i];
  std::size_t perTile =
      std::max<std::size_t>(1, (rows + numTiles - 1) / numTiles);
  plans.emplace(key, perTile);
  return perTile;
}

static void checkShapes(const std::vector<std::size_t> &a,
                        const std::vector<std::size_t> &b, const char *what) {
  bool ok = (a.size() == 2 && b.size() == 2 && a[1] == b[0]) ||
            (a.size() == 3 && b.size() == 3 && a[0] == b[0] && a[2] == b[1]);
  if (!ok)
    throw poplar_error(std::string(what) +
                       ": shapes do not form a matrix product; A must be "
                       "{m, k} (or {g, m, k}) and B {k, n} (or {g, k, n})");
}

/// Maps whole rows of `t` (all but the last dimension flattened) to tiles.
static void mapRows(Graph &graph, const Tensor &t, PlanningCache *cache) {
  PlanningCache local;
  PlanningCache &plans = cache ? *cache : local;
  const std::size_t numTiles = graph.getTarget().getNumTiles();
  std::size_t perTile = plans.rowsPerTile(t.shape(), numTiles);
  Tensor rows = t.flatten(0, t.rank() - 1);
  for (std::size_t r = 0, tile = 0; r < rows.dim(0); r += perTile, ++tile)
    graph.setTileMapping(rows.slice(r, std::min(r + perTile, rows.dim(0))),
                         unsigned(tile % numTiles));
}

Tensor createMatMulInputLHS(Graph &graph, const Type &dataType,
                            const std::vector<std::size_t> &aShape,
                            const std::vector<std::size_t> &bShape,
                            const DebugContext &debugContext,
                            const OptionFlags &, PlanningCache *cache) {
  checkShapes(aShape, bShape, "createMatMulInputLHS");
  Tensor a = graph.addVariable(dataType, aShape, debugContext);
  mapRows(graph, a, cache);
  return a;
}

Tensor createMatMulInputRHS(Graph &graph, const Type &dataType,
                            const std::vector<std::size_t> &aShape,
                            const std::vector<std::size_t> &bShape,
                            const DebugContext &debugContext,
                            const OptionFlags &, PlanningCache *cache) {
  checkShapes(aShape, bShape, "createMatMulInputRHS");
  // Lay B out as rows of B^T so each tile holds whole columns of B.
  std::vector<std::size_t> transposed = bShape;
  std::swap(transposed[transposed.size() - 1],
            transposed[transposed.size() - 2]);
  Tensor bT = graph.addVariable(dataType, transposed, debugContext);
  mapRows(graph, bT, cache);
  return bShape.size() == 2 ? bT.transpose() : bT.dimShuffle({0, 2, 1});
}

} // namespace poplin
