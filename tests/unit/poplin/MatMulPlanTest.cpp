// The matrix-product planner's estimate of each phase (gather, products,
// partials exchange, partial sums) against the cycles the simulator charges
// for it, for plans with and without a K split, grouped and not, when the
// operands were made by createMatMulInput*: the planner must cost what runs.
#include "MatMulPhases.hpp"
#include "PoplinHarness.hpp"

#include <poplar/Engine.hpp>
#include <poplin/MatMul.hpp>

#include <array>
#include <cstdlib>
#include <cstring>
#include <sstream>

using namespace poplar;
using namespace poplar::program;

namespace {

/// Runs A {groups, m, k} * B {groups, k, n} (2-D when groups is 0) on
/// `tiles` tiles and requires each phase's simulated cycles to be within
/// 1% + 8 cycles of the estimate.
void checkEstimate(unsigned tiles, std::size_t groups, std::size_t m,
                   std::size_t k, std::size_t n, bool expectKSplit) {
  poplin_test::LinGraph g(tiles);
  std::vector<std::size_t> aShape{m, k}, bShape{k, n};
  if (groups) {
    aShape.insert(aShape.begin(), groups);
    bShape.insert(bShape.begin(), groups);
  }
  Sequence prog;
  std::ostringstream plan;
  if (groups) {
    Tensor a = poplin::createMatMulGroupedInputLHS(g.graph, FLOAT, FLOAT,
                                                   aShape, bShape, "A");
    Tensor b = poplin::createMatMulGroupedInputRHS(g.graph, FLOAT, FLOAT,
                                                   aShape, bShape, "B");
    poplin::matMulGrouped(g.graph, a, b, prog, FLOAT, "C");
    poplin::matMulGroupedReportPlan(plan, g.graph, FLOAT, FLOAT, aShape,
                                    bShape);
  } else {
    Tensor a =
        poplin::createMatMulInputLHS(g.graph, FLOAT, aShape, bShape, "A");
    Tensor b =
        poplin::createMatMulInputRHS(g.graph, FLOAT, aShape, bShape, "B");
    poplin::matMul(g.graph, a, b, prog, "C");
    poplin::matMulReportPlan(plan, g.graph, FLOAT, FLOAT, aShape, bShape);
  }
  Engine engine(g.graph, prog);
  engine.load(g.device);
  engine.run(0);
  const std::optional<matmul_phases::Cycles> estimate =
      matmul_phases::estimated(plan.str());
  REQUIRE(estimate);
  const matmul_phases::Cycles estimated = *estimate;
  std::size_t computeSets = 0;
  const matmul_phases::Cycles simulated =
      matmul_phases::simulated(engine, &computeSets);
  REQUIRE(computeSets <= 2);
  INFO(plan.str());
  REQUIRE((estimated[3] != 0) == expectKSplit);
  std::uint64_t total = 0;
  for (std::size_t p = 0; p < matmul_phases::kCount; ++p) {
    INFO(matmul_phases::kNames[p] << ": simulated " << simulated[p]
                                  << ", estimated " << estimated[p]);
    const double slack = 0.01 * double(estimated[p]) + 8;
    REQUIRE(std::abs(double(simulated[p]) - double(estimated[p])) <= slack);
    total += simulated[p];
  }
  REQUIRE(total == engine.getCycleCount());
}

} // namespace

TEST_CASE("the planner estimates each phase within 1% of the simulator",
          "[poplin][matmul][planner]") {
  // Blocks of B are gathered and every tile's share is its own.
  checkEstimate(64, 0, 96, 128, 80, true);
  // A long K: split, partials exchanged and summed.
  checkEstimate(16, 0, 2, 4096, 2, true);
  // Square, uneven blocks (the last row and column blocks are shorter).
  checkEstimate(48, 0, 100, 100, 100, true);
  // A short K: no split, the products write the result.
  checkEstimate(64, 0, 96, 8, 80, false);
  // Groups split over tiles.
  checkEstimate(32, 3, 24, 40, 16, true);
}
