// poplin matrix multiplication: tensor creation for operands laid out for a
// matrix product. (The product itself arrives with the codelet libraries.)
#ifndef POPLIN_MATMUL_HPP
#define POPLIN_MATMUL_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/OptionFlags.hpp>

#include <cstddef>
#include <map>
#include <memory>
#include <vector>

namespace poplin {

/// Remembers the layouts chosen for matrix-product shapes so repeated
/// planning of the same shapes is free.
class PlanningCache {
public:
  PlanningCache();
  ~PlanningCache();
  std::size_t size() const;

  /// Tessel internal: the grain (rows per tile) chosen for a shape.
  std::size_t rowsPerTile(const std::vector<std::size_t> &shape,
                          std::size_t numTiles);

private:
  std::map<std::pair<std::vector<std::size_t>, std::size_t>, std::size_t> plans;
};

/// A tensor of aShape ({m, k} or {g, m, k}) for the left operand of a
/// product with bShape, rows spread evenly over the graph's tiles.
poplar::Tensor createMatMulInputLHS(poplar::Graph &graph,
                                    const poplar::Type &dataType,
                                    const std::vector<std::size_t> &aShape,
                                    const std::vector<std::size_t> &bShape,
                                    const poplar::DebugContext &debugContext,
                                    const poplar::OptionFlags &options = {},
                                    PlanningCache *cache = nullptr);

/// A tensor of bShape for the right operand, columns kept together per tile.
poplar::Tensor createMatMulInputRHS(poplar::Graph &graph,
                                    const poplar::Type &dataType,
                                    const std::vector<std::size_t> &aShape,
                                    const std::vector<std::size_t> &bShape,
                                    const poplar::DebugContext &debugContext,
                                    const poplar::OptionFlags &options = {},
                                    PlanningCache *cache = nullptr);

} // namespace poplin

#endif
