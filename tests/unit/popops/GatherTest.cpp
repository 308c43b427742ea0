// popops::gather (single axis and XLA form) against host references, with
// indices written from the host between runs, out-of-range indices giving
// zeros; createGatherInput's layouts; and argument errors.
#include "SliceTestSupport.hpp"

#include <popops/Gather.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;

TEST_CASE("gather along one axis takes the slices the indices name, zeros "
          "past the end",
          "[popops][gather]") {
  TestGraph g(4);
  Tensor input =
      popops::createGatherInput(g.graph, FLOAT, {5, 4, 3}, 1, {}, "input");
  Tensor ints = g.variable(INT, {6, 2}, "ints");
  Tensor indices = g.variable(UNSIGNED_INT, {2, 3}, "indices");
  Sequence prog;
  Tensor out = popops::gather(g.graph, input, indices, 1, prog, {}, "gather");
  Tensor rows = popops::gather(g.graph, ints, indices, 0, prog, {});
  REQUIRE(out.shape() == std::vector<std::size_t>{5, 6, 3});
  REQUIRE(rows.shape() == std::vector<std::size_t>{6, 2});
  HostRuns runs(g);
  runs.input("input", input);
  runs.input("ints", ints);
  runs.input("indices", indices);
  runs.output("out", out);
  runs.output("rows", rows);
  runs.compile(prog);
  for (const std::vector<double> &ids :
       {std::vector<double>{0, 3, 4, 1, 1, 2}, {5, 2, 2, 0, 7, 3}}) {
    runs.write("input", testValues(60, 0.5));
    runs.write("ints", testValues(12, 1, -6));
    runs.write("indices", ids);
    runs.run();
    std::vector<double> want, wantRows;
    const std::vector<double> in = testValues(60, 0.5);
    for (std::size_t a = 0; a < 5; ++a)
      for (double id : ids)
        for (std::size_t c = 0; c < 3; ++c)
          want.push_back(id < 4 ? in[(a * 4 + std::size_t(id)) * 3 + c] : 0);
    for (double id : ids)
      for (std::size_t c = 0; c < 2; ++c)
        wantRows.push_back(id < 6 ? testValues(12, 1, -6)[id * 2 + c] : 0);
    CHECK(runs.read("out") == want);
    CHECK(runs.read("rows") == wantRows);
  }
}

TEST_CASE("gather in XLA form: coordinates, windows, mapped and moved "
          "dimensions",
          "[popops][gather]") {
  TestGraph g(4);
  Tensor grid = g.variable(FLOAT, {3, 3}, "grid");
  Tensor coords = g.variable(UNSIGNED_INT, {2, 2}, "coords");
  Tensor table =
      popops::createGatherInput(g.graph, INT, {4, 6}, {1, 4}, {0}, "table");
  Tensor starts = g.variable(UNSIGNED_INT, {3}, "starts");
  Tensor swapped = g.variable(UNSIGNED_INT, {2, 4}, "swapped");
  Sequence prog;
  // The example of Graphcore's header: elements [1,1] and [2,1].
  Tensor picked = popops::gather(g.graph, grid, coords, 1, {}, {1, 1}, {0, 1},
                                 {0, 1}, prog);
  // Rows of four columns, the window dimension last or first.
  Tensor windows =
      popops::gather(g.graph, table, starts, 1, {1}, {1, 4}, {0}, {0}, prog);
  Tensor windowsFirst =
      popops::gather(g.graph, table, starts, 1, {0}, {1, 4}, {0}, {0}, prog);
  // Index vectors down dimension 0, naming (column, row).
  Tensor crossed = popops::gather(g.graph, grid, swapped, 0, {}, {1, 1}, {0, 1},
                                  {1, 0}, prog);
  REQUIRE(picked.shape() == std::vector<std::size_t>{2});
  REQUIRE(windows.shape() == std::vector<std::size_t>{3, 4});
  REQUIRE(windowsFirst.shape() == std::vector<std::size_t>{4, 3});
  REQUIRE(crossed.shape() == std::vector<std::size_t>{4});
  HostRuns runs(g);
  for (auto [name, t] : {std::pair{"grid", grid},
                         {"coords", coords},
                         {"table", table},
                         {"starts", starts},
                         {"swapped", swapped}})
    runs.input(name, t);
  for (auto [name, t] : {std::pair{"picked", picked},
                         {"windows", windows},
                         {"windowsFirst", windowsFirst},
                         {"crossed", crossed}})
    runs.output(name, t);
  runs.compile(prog);
  const std::vector<double> gridValues{1, 2, 3, 4, 5, 6, 7, 8, 9};
  const std::vector<double> tableValues = testValues(24, 1, -5);
  runs.write("grid", gridValues);
  runs.write("table", tableValues);
  runs.write("coords", {1, 1, 2, 1});
  runs.write("starts", {3, 0, 9});
  runs.write("swapped", {0, 2, 1, 5, 1, 0, 2, 0});
  runs.run();
  CHECK(runs.read("picked") == std::vector<double>{5, 8});
  std::vector<double> wantWindows, wantFirst(12);
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t c = 0; c < 4; ++c) {
      const unsigned row = std::vector<unsigned>{3, 0, 9}[i];
      const double v = row < 4 ? tableValues[row * 6 + c] : 0;
      wantWindows.push_back(v);
      wantFirst[c * 3 + i] = v;
    }
  CHECK(runs.read("windows") == wantWindows);
  CHECK(runs.read("windowsFirst") == wantFirst);
  // (column, row) pairs (0,1), (2,0), (1,2), (5,0): grid[row][column].
  CHECK(runs.read("crossed") == std::vector<double>{4, 3, 8, 0});
  runs.write("coords", {0, 2, 3, 0});
  runs.run();
  CHECK(runs.read("picked") == std::vector<double>{3, 0});
}

TEST_CASE("gather names the arguments it cannot use",
          "[popops][gather][errors]") {
  TestGraph g(2);
  Tensor input = g.variable(FLOAT, {4, 5}, "input");
  Tensor ids = g.variable(UNSIGNED_INT, {3, 2}, "ids");
  Sequence prog;
  using poputil::poplibs_error;
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::gather(g.graph, input, g.variable(INT, {3}, "i"), 0,
                              prog, {}, "lookup");
             }),
             Contains("popops::gather (lookup)") &&
                 Contains("unsigned int, not int"));
  CHECK_THAT(errorOf<poplibs_error>(
                 [&] { popops::gather(g.graph, input, ids, 2, prog, {}); }),
             Contains("axis 2 does not exist") && Contains("{4,5}"));
  CHECK_THAT(
      errorOf<poplibs_error>([&] {
        popops::gather(g.graph, input, ids, 1, {}, {1}, {0, 1}, {0, 1}, prog);
      }),
      Contains("sliceSizes {1} must have one size per dimension"));
  CHECK_THAT(
      errorOf<poplibs_error>([&] {
        popops::gather(g.graph, input, ids, 1, {1}, {2, 1}, {1}, {0, 1}, prog);
      }),
      Contains("dimension 0 is indexed, so its slice size must be 1"));
  CHECK_THAT(
      errorOf<poplibs_error>([&] {
        popops::gather(g.graph, input, ids, 1, {}, {1, 1}, {0, 1}, {0}, prog);
      }),
      Contains("index vectors of 2 elements") && Contains("{0}"));
  CHECK_THAT(
      errorOf<poplibs_error>([&] {
        popops::gather(g.graph, input, ids, 1, {}, {1, 1}, {0}, {0, 1}, prog);
      }),
      Contains("offsetDims {}"));
}
