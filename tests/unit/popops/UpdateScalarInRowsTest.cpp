// popops::updateScalarInRows against a host reference, with indices written
// from the host between runs: in-range, past-the-end (row of NaN) and
// masked (row untouched) indices, float and half, rows over tiles; errors.
#include "SliceTestSupport.hpp"

#include <popops/EncodingConstants.hpp>
#include <popops/UpdateScalarInRows.hpp>
#include <poputil/exceptions.hpp>

#include <cmath>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;

namespace {

constexpr std::size_t rows = 6, width = 29;

std::vector<double> updateReference(std::vector<double> params,
                                    const std::vector<double> &indices,
                                    bool isHalf) {
  for (std::size_t r = 0; r < rows; ++r) {
    const double i = indices[r];
    if (i == double(MASKED_LABEL_CODE))
      continue;
    if (i >= width) {
      for (std::size_t c = 0; c < width; ++c)
        params[r * width + c] = NAN;
      continue;
    }
    double &v = params[r * width + std::size_t(i)];
    v = isHalf ? double(float(half(float(v - 1)))) : double(float(v) - 1.0f);
  }
  return params;
}

void checkSame(const std::vector<double> &got,
               const std::vector<double> &want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("element " << i);
    if (std::isnan(want[i]))
      CHECK(std::isnan(got[i]));
    else
      CHECK(got[i] == want[i]);
  }
}

} // namespace

TEST_CASE("updateScalarInRows subtracts 1 at run-time indices, fills rows "
          "past the end with NaN and skips masked rows",
          "[popops][updateScalarInRows]") {
  TestGraph g(4);
  Tensor indices = g.variable(UNSIGNED_INT, {rows}, "indices");
  Tensor f = g.variable(FLOAT, {rows, width}, "f");
  Tensor h = g.graph.addVariable(HALF, {rows, width}, "h"); // unmapped
  Sequence prog;
  popops::updateScalarInRows(g.graph, f, indices, prog);
  popops::updateScalarInRows(g.graph, h, indices, prog, "halves");
  HostRuns runs(g);
  runs.input("indices", indices);
  runs.input("f", f);
  runs.input("h", h);
  runs.output("outF", f);
  runs.output("outH", h);
  runs.compile(prog);
  const double masked = double(MASKED_LABEL_CODE);
  for (const std::vector<double> &ids :
       {std::vector<double>{0, 28, 29, masked, 3, 3},
        std::vector<double>{masked, 1, 2, 500, 28, 0}}) {
    runs.write("indices", ids);
    runs.write("f", testValues(rows * width, 0.5, 0.25));
    runs.write("h", testValues(rows * width, 0.125));
    runs.run();
    checkSame(runs.read("outF"),
              updateReference(testValues(rows * width, 0.5, 0.25), ids, false));
    checkSame(runs.read("outH"),
              updateReference(testValues(rows * width, 0.125), ids, true));
  }
}

TEST_CASE("updateScalarInRows names the operands it cannot update",
          "[popops][updateScalarInRows][errors]") {
  TestGraph g(2);
  Tensor params = g.variable(HALF, {3, 5}, "params");
  Tensor indices = g.variable(UNSIGNED_INT, {3}, "indices");
  Sequence prog;
  using poputil::poplibs_error;
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::updateScalarInRows(g.graph, params,
                                          indices.reshape({3, 1}), prog, "dec");
             }),
             Contains("popops::updateScalarInRows (dec)") &&
                 Contains("not {3,1}"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::updateScalarInRows(g.graph,
                                          g.variable(UNSIGNED_INT, {3, 5}, "u"),
                                          indices, prog);
             }),
             Contains("float or half, not unsigned int"));
  Tensor row = g.variable(HALF, {1, 5}, "row");
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::updateScalarInRows(g.graph, row.broadcast(3, 0), indices,
                                          prog);
             }),
             Contains("cannot be updated in place"));
}
