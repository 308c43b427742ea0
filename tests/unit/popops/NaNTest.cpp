// popops::hasNaN and hasNaNOrInf find a NaN (or an infinity) anywhere in a
// float or half tensor, and refuse other types.
#include "PopopsHarness.hpp"

#include <popops/NaN.hpp>
#include <poputil/exceptions.hpp>

#include <cmath>
#include <limits>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;

TEST_CASE("hasNaN and hasNaNOrInf find the one bad element over tiles",
          "[popops][hasNaN]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (const Type &type : {FLOAT, HALF}) {
    DYNAMIC_SECTION(type.toString()) {
      TestGraph g;
      Tensor clean = g.variable(type, {5, 77}, "clean");
      Tensor withNaN = g.variable(type, {5, 77}, "withNaN");
      Tensor withInf = g.variable(type, {5, 77}, "withInf");
      Tensor empty = g.variable(type, {0}, "empty");
      Sequence prog;
      Tensor results[] = {
          popops::hasNaN(g.graph, clean, prog),
          popops::hasNaNOrInf(g.graph, clean, prog),
          popops::hasNaN(g.graph, withNaN.slice(1, 4, 0), prog, "nan"),
          popops::hasNaNOrInf(g.graph, withNaN, prog),
          popops::hasNaN(g.graph, withInf, prog),
          popops::hasNaNOrInf(g.graph, withInf.transpose(), prog),
          popops::hasNaN(g.graph, empty, prog),
          popops::hasNaNOrInf(g.graph, empty, prog)};
      Runner r(g);
      std::vector<double> values(385);
      for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = double(i % 11) - 5.5; // finite, some large magnitudes
      values[3] = 60000;
      r.input("clean", clean, values);
      std::vector<double> nanValues = values, infValues = values;
      nanValues[200] = nan;
      infValues[384] = -inf;
      r.input("withNaN", withNaN, nanValues);
      r.input("withInf", withInf, infValues);
      for (std::size_t i = 0; i < 8; ++i) {
        CHECK(results[i].elementType() == BOOL);
        r.output("r" + std::to_string(i), results[i]);
      }
      r.run(prog);
      const double expected[] = {0, 0, 1, 1, 0, 1, 0, 0};
      for (std::size_t i = 0; i < 8; ++i)
        CHECK(r.read("r" + std::to_string(i)) ==
              std::vector<double>{expected[i]});
    }
  }
}

TEST_CASE("hasNaN names a tensor that is not floating point",
          "[popops][hasNaN][errors]") {
  TestGraph g;
  Tensor ints = g.variable(INT, {4});
  Sequence prog;
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::hasNaN(g.graph, ints, prog, "check"); }),
             Contains("popops::hasNaN (check)") && Contains("float or half") &&
                 Contains("not int"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::hasNaNOrInf(g.graph, ints, prog); }),
             Contains("popops::hasNaNOrInf") && Contains("not int"));
}
