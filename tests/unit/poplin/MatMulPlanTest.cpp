// The matrix-product planner's estimate of each phase (gather, products,
// partials exchange, partial sums) against the cycles the simulator charges
// for it, for plans with and without a K split, grouped and not, when the
// operands were made by createMatMulInput*: the planner must cost what runs.
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

const char *const kPhases[] = {"gather", "products", "partials exchange",
                               "partial sums"};
constexpr std::size_t kNumPhases = 4;
using PhaseCycles = std::array<std::uint64_t, kNumPhases>;

/// The estimate of each phase from the printed plan's "estimated cycles:"
/// line; 0 for a phase it does not list.
PhaseCycles estimatedPhases(const std::string &plan) {
  PhaseCycles cycles{};
  const std::size_t line = plan.find("estimated cycles:");
  REQUIRE(line != std::string::npos);
  const std::string text = plan.substr(line, plan.find('\n', line) - line);
  for (std::size_t p = 0; p < kNumPhases; ++p) {
    const std::size_t at = text.find(std::string(kPhases[p]) + " ");
    if (at != std::string::npos)
      cycles[p] = std::stoull(text.substr(at + std::strlen(kPhases[p]) + 1));
  }
  return cycles;
}

/// Simulated cycles by phase from the execution profile: exchanges before
/// the first compute set are the gather, after it the partials exchange;
/// the first compute set is the products, the second the sums.
PhaseCycles simulatedPhases(const Engine &engine) {
  PhaseCycles cycles{};
  std::size_t computeSets = 0;
  const ProfileValue profile = engine.getExecutionProfile();
  for (const ProfileValue &step : profile["steps"].asVector()) {
    const std::uint64_t total = step["cycles"]["total"].asUint();
    if (step["kind"].asString() == "compute") {
      REQUIRE(computeSets < 2);
      cycles[computeSets++ == 0 ? 1 : 3] += total;
    } else {
      cycles[computeSets == 0 ? 0 : 2] += total;
    }
  }
  return cycles;
}

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
  const PhaseCycles estimated = estimatedPhases(plan.str());
  const PhaseCycles simulated = simulatedPhases(engine);
  INFO(plan.str());
  REQUIRE((estimated[3] != 0) == expectKSplit);
  std::uint64_t total = 0;
  for (std::size_t p = 0; p < kNumPhases; ++p) {
    INFO(kPhases[p] << ": simulated " << simulated[p] << ", estimated "
                    << estimated[p]);
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
