// The matrix-product planner: how C[g] = A[g] * B[g] is cut into blocks over
// tiles, what each step of that costs on the target (by the simulator's own
// cycle model, tessel::CostModel, and the target's AMP figures), and the
// plan with the fewest estimated cycles that fits each tile's memory.
#ifndef POPLIN_MATMULPLAN_HPP
#define POPLIN_MATMULPLAN_HPP

#include <poplar/OptionFlags.hpp>
#include <poplar/Target.hpp>
#include <poplar/Type.hpp>

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace poplin {

class PlanningCache;

/// A product's sizes and types: G groups of {M, K} x {K, N}.
struct MatMulShape {
  std::size_t groups = 1, m = 0, k = 0, n = 0;
  poplar::Type inputType, outputType;
};

/// matMul's options, parsed and checked.
struct MatMulPlanOptions {
  double availableMemoryProportion = 0.6;
  poplar::Type partialsType = poplar::FLOAT;
  std::string fullyConnectedPass = "NONE";
};

/// Parses options; throws poplar::invalid_option naming a bad one.
MatMulPlanOptions parseMatMulOptions(const poplar::OptionFlags &flags);

/// The cost of one tile's block product in worker cycles: the AMP streams
/// every row of the A block through each chunk of B's weights it holds.
struct BlockCost {
  std::uint64_t workerCycles = 0;
  std::uint64_t macs = 0;
};
BlockCost estimateBlockProduct(const poplar::Target &target,
                               const poplar::Type &inputType,
                               const poplar::Type &partialsType,
                               std::size_t rows, std::size_t depth,
                               std::size_t cols);

/// Worker cycles to sum `numPartials` partial blocks of `elements` each
/// (one worker's share), 64-bit vector adds with their loads.
std::uint64_t estimatePartialSum(const poplar::Target &target,
                                 const poplar::Type &partialsType,
                                 std::size_t elements, std::size_t numPartials);

/// How a product is cut: each dimension into `split` blocks of at most
/// `block` (the last may be shorter). Tile (g, i, j, s) computes the block
/// C[g][i][j] over K block s; with kSplit > 1 a second compute set sums the
/// kSplit partial blocks, tile s of the group summing row chunk s.
struct MatMulPlan {
  std::size_t gSplit = 1, mSplit = 1, nSplit = 1, kSplit = 1;
  std::size_t gBlock = 1, mBlock = 1, nBlock = 1, kBlock = 1;
  poplar::Type partialsType = poplar::FLOAT;
  // Estimated cycles of each step, and the whole.
  std::uint64_t gatherCycles = 0, productCycles = 0, reduceExchangeCycles = 0,
                reduceCycles = 0;
  std::uint64_t totalCycles() const {
    return gatherCycles + productCycles + reduceExchangeCycles + reduceCycles;
  }
  std::uint64_t bytesPerTile = 0; // temporary bytes on the busiest tile
  bool fitsMemory = true;
  std::size_t tilesUsed() const { return gSplit * mSplit * nSplit * kSplit; }
  /// The tile computing block (g, i, j) over K block s.
  unsigned tile(std::size_t g, std::size_t i, std::size_t j,
                std::size_t s) const {
    return unsigned(((g * mSplit + i) * nSplit + j) * kSplit + s);
  }
};

/// The plan for `shape` on `target`, from `cache` when it has one.
MatMulPlan planMatMul(const poplar::Target &target, const MatMulShape &shape,
                      const MatMulPlanOptions &options, PlanningCache *cache);

/// "{a, b, c}": a shape as poplin's messages print it.
std::string shapeString(const std::vector<std::size_t> &shape);

/// The plan in words (matMulReportPlan).
void printMatMulPlan(std::ostream &out, const MatMulShape &shape,
                     const MatMulPlan &plan);

} // namespace poplin

#endif
