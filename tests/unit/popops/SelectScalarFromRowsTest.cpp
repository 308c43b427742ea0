// popops::selectScalarFromRows against a host reference, with indices
// written from the host between runs: in-range, past-the-end (NaN) and
// masked (0) indices, float and half, rows spread over tiles; and errors.
#include "SliceTestSupport.hpp"

#include <popops/EncodingConstants.hpp>
#include <popops/SelectScalarFromRows.hpp>
#include <poputil/exceptions.hpp>

#include <cmath>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;

namespace {

constexpr std::size_t rows = 7, width = 33;

std::vector<double> selectReference(const std::vector<double> &params,
                                    const std::vector<double> &indices) {
  std::vector<double> out;
  for (std::size_t r = 0; r < rows; ++r) {
    const double i = indices[r];
    out.push_back(i == double(MASKED_LABEL_CODE) ? 0
                  : i >= width                   ? NAN
                                                 : params[r * width + i]);
  }
  return out;
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

TEST_CASE("selectScalarFromRows picks one element per row at run-time "
          "indices, NaN past the end and 0 for the masked index",
          "[popops][selectScalarFromRows]") {
  TestGraph g(4);
  Tensor indices = g.variable(UNSIGNED_INT, {rows}, "indices");
  Tensor f = g.variable(FLOAT, {rows, width}, "f");
  Tensor h = g.variable(HALF, {width, rows}, "h").transpose();
  Sequence prog;
  Tensor outF = popops::selectScalarFromRows(g.graph, f, indices, prog);
  Tensor outH =
      popops::selectScalarFromRows(g.graph, h, indices, prog, "halves");
  CHECK(outF.shape() == std::vector<std::size_t>{rows});
  CHECK(outH.elementType() == HALF);
  HostRuns runs(g);
  runs.input("indices", indices);
  runs.input("f", f);
  runs.input("h", h);
  runs.output("outF", outF);
  runs.output("outH", outH);
  runs.compile(prog);
  const double masked = double(MASKED_LABEL_CODE);
  for (const std::vector<double> &ids :
       {std::vector<double>{0, 5, 32, 33, masked, 1000, 7},
        std::vector<double>{32, masked, 0, 1, 2, 40, 31}}) {
    runs.write("indices", ids);
    runs.write("f", testValues(rows * width, 0.5));
    runs.write("h", testValues(rows * width, 0.25, -3));
    runs.run();
    checkSame(runs.read("outF"),
              selectReference(testValues(rows * width, 0.5), ids));
    checkSame(runs.read("outH"),
              selectReference(testValues(rows * width, 0.25, -3), ids));
  }
}

TEST_CASE("selectScalarFromRows names the operands it cannot use",
          "[popops][selectScalarFromRows][errors]") {
  TestGraph g(2);
  Tensor params = g.variable(FLOAT, {4, 3}, "params");
  Tensor indices = g.variable(UNSIGNED_INT, {4}, "indices");
  Sequence prog;
  using poputil::poplibs_error;
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::selectScalarFromRows(g.graph, params.flatten(), indices,
                                            prog, "pick");
             }),
             Contains("popops::selectScalarFromRows (pick)") &&
                 Contains("rank 2") && Contains("{12}"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::selectScalarFromRows(
                   g.graph, g.variable(INT, {4, 3}, "ints"), indices, prog);
             }),
             Contains("float or half, not int"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::selectScalarFromRows(
                   g.graph, params, g.variable(INT, {4}, "signed"), prog);
             }),
             Contains("unsigned int, not int"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::selectScalarFromRows(g.graph, params,
                                            indices.slice(0, 3), prog);
             }),
             Contains("shape {4}") && Contains("not {3}"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::selectScalarFromRows(
                   g.graph, g.variable(FLOAT, {4, 0}, "empty"), indices, prog);
             }),
             Contains("empty rows"));
}
