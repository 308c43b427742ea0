// popops::dynamicSlice and dynamicUpdate against host references, with the
// offsets written from the host between runs of one engine: in-range,
// wrapping and out-of-range offsets, several types, several dimensions,
// tensors over several tiles; the layout functions; and argument errors.
#include "SliceTestSupport.hpp"

#include <popops/DynamicSlice.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;

namespace {

const std::vector<Type> sliceTypes = {
    FLOAT, HALF, INT, UNSIGNED_INT, SHORT, BOOL, CHAR, UNSIGNED_CHAR, LONGLONG};

std::vector<double> valuesFor(const Type &type, std::size_t n) {
  if (type != BOOL)
    return testValues(n, 1, type == CHAR ? -40 : 0);
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = double((i * 7 / 3) % 2);
  return v;
}

std::vector<double> slicedReference(const std::vector<double> &base,
                                    const std::vector<std::size_t> &shape,
                                    const std::vector<std::size_t> &dims,
                                    const std::vector<std::size_t> &sizes,
                                    const std::vector<unsigned> &offsets) {
  std::vector<std::size_t> sliceShape = shape;
  for (std::size_t i = 0; i < dims.size(); ++i)
    sliceShape[dims[i]] = sizes[i];
  std::vector<double> out(numElementsOf(sliceShape), 0);
  forEachSliced(shape, dims, sizes, offsets, [&](std::size_t s, long b) {
    out[s] = b < 0 ? 0 : base[std::size_t(b)];
  });
  return out;
}

std::vector<double> updatedReference(std::vector<double> base,
                                     const std::vector<double> &update,
                                     const std::vector<std::size_t> &shape,
                                     const std::vector<std::size_t> &dims,
                                     const std::vector<std::size_t> &sizes,
                                     const std::vector<unsigned> &offsets) {
  forEachSliced(shape, dims, sizes, offsets, [&](std::size_t s, long b) {
    if (b >= 0)
      base[std::size_t(b)] = update[s];
  });
  return base;
}

std::vector<double> asDoubles(const std::vector<unsigned> &v) {
  return std::vector<double>(v.begin(), v.end());
}

} // namespace

TEST_CASE("dynamicSlice reads its offsets at run time, wraps round, and "
          "gives zeros past the end, for every type",
          "[popops][dynamicSlice]") {
  TestGraph g(4);
  const std::vector<std::size_t> shape{5, 6, 7}, dims{0, 2}, sizes{2, 3};
  Tensor offset = g.graph.addVariable(UNSIGNED_INT, {2}, "offset");
  g.graph.setTileMapping(offset, 1);
  Sequence prog;
  HostRuns runs(g);
  runs.input("offset", offset);
  for (const Type &type : sliceTypes) {
    Tensor t = popops::createSliceableTensor(g.graph, type, shape, dims, sizes,
                                             0, "t" + type.toString());
    Tensor s = popops::dynamicSlice(g.graph, t, offset, dims, sizes, prog,
                                    "slice" + type.toString());
    CHECK(s.shape() == std::vector<std::size_t>{2, 6, 3});
    runs.input("t" + type.toString(), t);
    runs.output("s" + type.toString(), s);
  }
  runs.compile(prog);
  const std::vector<std::vector<unsigned>> offsetRuns = {
      {1, 2}, {4, 6}, {0, 0}, {5, 1}, {2, 9}};
  for (const auto &offsets : offsetRuns) {
    runs.write("offset", asDoubles(offsets));
    for (const Type &type : sliceTypes)
      runs.write("t" + type.toString(), valuesFor(type, 210));
    runs.run();
    for (const Type &type : sliceTypes) {
      INFO("type " << type << ", offsets " << offsets[0] << "," << offsets[1]);
      CHECK(runs.read("s" + type.toString()) ==
            slicedReference(valuesFor(type, 210), shape, dims, sizes, offsets));
    }
  }
}

TEST_CASE("dynamicSlice follows any layout: linear, transposed, unmapped, "
          "and remaps out-of-range offsets to 0 when asked",
          "[popops][dynamicSlice]") {
  TestGraph g(4);
  Tensor offset = g.graph.addVariable(UNSIGNED_INT, {1}, "offset");
  g.graph.setTileMapping(offset, 3);
  Tensor linear = g.variable(FLOAT, {9, 40}, "linear");
  Tensor transposed = g.variable(INT, {11, 13}, "transposed").transpose();
  Tensor unmapped = g.graph.addVariable(HALF, {6, 5}, "unmapped");
  Sequence prog;
  Tensor a = popops::dynamicSlice(g.graph, linear, offset, {0}, {4}, prog);
  Tensor b = popops::dynamicSlice(g.graph, transposed, offset, {1}, {3}, prog);
  Tensor c =
      popops::dynamicSlice(g.graph, unmapped, offset, {0}, {2}, prog,
                           "remapped", {{"remapOutOfBoundIndices", "true"}});
  Tensor out = g.graph.addVariable(FLOAT, {9, 2}, "out");
  g.graph.setTileMapping(out, 2);
  popops::dynamicSliceWithOutput(g.graph, out, linear, offset, {1}, {2}, prog);
  HostRuns runs(g);
  runs.input("offset", offset);
  runs.input("linear", linear);
  runs.input("transposed", transposed);
  runs.input("unmapped", unmapped);
  for (auto [name, t] : {std::pair{"a", a}, {"b", b}, {"c", c}, {"out", out}})
    runs.output(name, t);
  runs.compile(prog);
  for (unsigned off : {3u, 7u, 12u, 40u}) {
    runs.write("offset", {double(off)});
    runs.write("linear", testValues(360, 0.5));
    runs.write("transposed", testValues(143, 1, -20));
    runs.write("unmapped", testValues(30, 0.25));
    runs.run();
    INFO("offset " << off);
    CHECK(runs.read("a") ==
          slicedReference(testValues(360, 0.5), {9, 40}, {0}, {4}, {off}));
    CHECK(runs.read("out") ==
          slicedReference(testValues(360, 0.5), {9, 40}, {1}, {2}, {off}));
    // Host writes of the transposed view are in the view's own order.
    CHECK(runs.read("b") ==
          slicedReference(testValues(143, 1, -20), {13, 11}, {1}, {3}, {off}));
    const unsigned remapped = off < 6 ? off : 0;
    CHECK(runs.read("c") ==
          slicedReference(testValues(30, 0.25), {6, 5}, {0}, {2}, {remapped}));
  }
}

TEST_CASE("dynamicUpdate writes at run-time offsets, wrapping, and changes "
          "nothing past the end",
          "[popops][dynamicUpdate]") {
  TestGraph g(4);
  const std::vector<std::size_t> shape{4, 9, 5}, dims{2, 0}, sizes{3, 2};
  Tensor offset = g.graph.addVariable(UNSIGNED_INT, {2}, "offset");
  g.graph.setTileMapping(offset, 0);
  Sequence prog;
  HostRuns runs(g);
  runs.input("offset", offset);
  const std::vector<Type> types = {FLOAT, HALF, INT, UNSIGNED_CHAR, LONGLONG};
  for (const Type &type : types) {
    Tensor t = popops::createSliceableTensor(g.graph, type, shape, dims, sizes,
                                             0, "t" + type.toString());
    Tensor s =
        popops::createSliceTensor(g.graph, t, dims, sizes, 1).squeeze({0});
    popops::dynamicUpdate(g.graph, t, s, offset, dims, sizes, prog);
    runs.input("t" + type.toString(), t);
    runs.input("s" + type.toString(), s);
    runs.output("r" + type.toString(), t);
  }
  runs.compile(prog);
  for (const auto &offsets :
       std::vector<std::vector<unsigned>>{{1, 0}, {4, 3}, {2, 7}, {5, 1}}) {
    runs.write("offset", asDoubles(offsets));
    for (const Type &type : types) {
      runs.write("t" + type.toString(), testValues(180));
      runs.write("s" + type.toString(), testValues(54, 1, 100));
    }
    runs.run();
    for (const Type &type : types) {
      INFO("type " << type << ", offsets " << offsets[0] << "," << offsets[1]);
      CHECK(runs.read("r" + type.toString()) ==
            updatedReference(testValues(180), testValues(54, 1, 100), shape,
                             dims, sizes, offsets));
    }
  }
}

TEST_CASE("createSliceableTensor keeps every sliced position with its "
          "columns and spreads the columns over tiles",
          "[popops][dynamicSlice][layout]") {
  TestGraph g(4);
  Tensor t = popops::createSliceableTensor(g.graph, FLOAT, {10, 3, 16}, {0},
                                           {1}, 2, "table");
  REQUIRE(t.shape() == std::vector<std::size_t>{10, 3, 16});
  const Tensor rows = t.reshape({10, 48});
  const auto firstRow = g.graph.getTileMapping(rows[0]);
  unsigned tilesUsed = 0;
  for (const auto &intervals : firstRow)
    tilesUsed += !intervals.empty();
  CHECK(tilesUsed == 4);
  for (std::size_t r = 1; r < 10; ++r)
    CHECK(g.graph.getTileMapping(rows[r]) == firstRow);
  // The slice goes where dynamicSlice puts it, and slices made for t are
  // laid out like its rows.
  Tensor offset = g.graph.addVariable(UNSIGNED_INT, {1}, "offset");
  g.graph.setTileMapping(offset, 0);
  Sequence prog;
  Tensor s = popops::dynamicSlice(g.graph, t, offset, {0}, {1}, prog);
  CHECK(g.graph.getTileMapping(s) ==
        popops::getSliceMapping(g.graph, t, {0}, {1}));
  CHECK(g.graph.getTileMapping(s.reshape({48})) == firstRow);
  Tensor many = popops::createSliceTensor(g.graph, t, {0}, {1}, 5);
  REQUIRE(many.shape() == std::vector<std::size_t>{5, 1, 3, 16});
  CHECK(g.graph.getTileMapping(many[4].reshape({48})) == firstRow);
  Tensor fromSlice =
      popops::createSliceableTensorFromSlice(g.graph, many[0], {0, 1}, {7, 2});
  REQUIRE(fromSlice.shape() == std::vector<std::size_t>{7, 6, 16});
  CHECK(g.graph.getTileMapping(fromSlice[6][5]) ==
        g.graph.getTileMapping(many[0][0][0]));
  popops::SlicePlan plan;
  Tensor planned =
      popops::createSliceTensor(g.graph, HALF, {10, 48}, {0}, {1}, 3, plan, {});
  CHECK(planned.shape() == std::vector<std::size_t>{3, 1, 48});
  Tensor ids = popops::createIndicesTensor(g.graph, {0}, 6, plan, {});
  CHECK(ids.shape() == std::vector<std::size_t>{6, 1});
  CHECK(ids.elementType() == UNSIGNED_INT);
}

TEST_CASE("dynamicSlice and dynamicUpdate name the offsets, dimensions and "
          "shapes they cannot use",
          "[popops][dynamicSlice][errors]") {
  TestGraph g(2);
  Tensor t = g.variable(FLOAT, {6, 4}, "t");
  Tensor offset = g.variable(UNSIGNED_INT, {1}, "offset");
  Tensor intOffset = g.variable(INT, {1}, "intOffset");
  Tensor twoOffsets = g.variable(UNSIGNED_INT, {2}, "twoOffsets");
  Sequence prog;
  using poputil::poplibs_error;
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::dynamicSlice(g.graph, t, intOffset, {0}, {1}, prog,
                                    "lookup");
             }),
             Contains("popops::dynamicSlice (lookup)") &&
                 Contains("unsigned int, not int"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::dynamicSlice(g.graph, t, twoOffsets, {0}, {1}, prog);
             }),
             Contains("shape {1}") && Contains("not {2}"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::dynamicSlice(g.graph, t, offset, {2}, {1}, prog);
             }),
             Contains("dimension 2 does not exist") && Contains("{6,4}"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::dynamicSlice(g.graph, t, offset, {1}, {5}, prog);
             }),
             Contains("5 elements does not fit dimension 1"));
  CHECK_THAT(
      errorOf<poplibs_error>([&] {
        popops::dynamicSlice(g.graph, t, twoOffsets, {0, 0}, {1, 1}, prog);
      }),
      Contains("listed twice"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::dynamicSlice(g.graph, t, offset, {0}, {1, 2}, prog);
             }),
             Contains("dims {0} and sizes {1,2}"));
  Tensor wrongUpdate = g.variable(FLOAT, {2, 3}, "u");
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::dynamicUpdate(g.graph, t, wrongUpdate, offset, {0}, {2},
                                     prog, "write");
             }),
             Contains("popops::dynamicUpdate (write)") &&
                 Contains("shape {2,3}") && Contains("have shape {2,4}"));
  Tensor intUpdate = g.variable(INT, {1, 4}, "i");
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::dynamicUpdate(g.graph, t, intUpdate, offset, {0}, {1},
                                     prog);
             }),
             Contains("type int") && Contains("type float"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               popops::dynamicSlice(g.graph, t, offset, {0}, {1}, prog, {},
                                    {{"remapOutOfBoundIndices", "maybe"}});
             }),
             Contains("remapOutOfBoundIndices must be true or false"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               popops::dynamicSlice(g.graph, t, offset, {0}, {1}, prog, {},
                                    {{"noSuchOption", "1"}});
             }),
             Contains("unknown option 'noSuchOption'"));
  CHECK_THAT(
      errorOf<poplibs_error>([&] {
        popops::createSliceableTensor(g.graph, FLOAT, {6, 4}, {2}, {1}, 0,
                                      "table");
      }),
      Contains("popops::createSliceableTensor (table)") &&
          Contains("dimension 2 does not exist in a tensor of shape {6,4}"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::createSliceableTensor(g.graph, FLOAT, {6, 4}, {1}, {7});
             }),
             Contains("7 elements does not fit dimension 1"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::createSliceTensor(g.graph, t, {0, 1}, {1}, 2);
             }),
             Contains("popops::createSliceTensor") &&
                 Contains("dims {0,1} and sizes {1}"));
}

TEST_CASE("Without addCodelets, dynamicSlice says to call it",
          "[popops][dynamicSlice][errors]") {
  Device device = TestGraph::makeDevice(2);
  Graph graph(device.getTarget());
  Tensor t = graph.addVariable(FLOAT, {4, 2}, "t");
  Tensor offset = graph.addVariable(UNSIGNED_INT, {1}, "offset");
  graph.setTileMapping(t, 0);
  graph.setTileMapping(offset, 0);
  Sequence prog;
  CHECK_THAT(errorOf<unknown_vertex_type>([&] {
               popops::dynamicSlice(graph, t, offset, {0}, {1}, prog);
             }),
             Contains("popops::addCodelets(graph)"));
}

TEST_CASE("dynamicUpdate of a tensor whose rows are spread over tiles, or "
          "left unmapped, writes each tile's rows there",
          "[popops][dynamicUpdate]") {
  TestGraph g(4);
  Tensor spread = g.variable(INT, {12, 10}, "spread"); // rows over 4 tiles
  Tensor loose = g.graph.addVariable(HALF, {5, 3}, "loose");
  Tensor rowsIn = g.variable(INT, {3, 10}, "rowsIn");
  Tensor looseIn = g.variable(HALF, {2, 3}, "looseIn");
  Tensor offset = g.variable(UNSIGNED_INT, {1}, "offset");
  Sequence prog;
  popops::dynamicUpdate(g.graph, spread, rowsIn, offset, {0}, {3}, prog);
  popops::dynamicUpdate(g.graph, loose, looseIn, offset, {0}, {2}, prog);
  HostRuns runs(g);
  for (auto [name, t] : {std::pair{"spread", spread},
                         {"loose", loose},
                         {"rowsIn", rowsIn},
                         {"looseIn", looseIn},
                         {"offset", offset}})
    runs.input(name, t);
  runs.output("spreadOut", spread);
  runs.output("looseOut", loose);
  runs.compile(prog);
  for (unsigned off : {0u, 4u, 10u, 11u}) {
    runs.write("offset", {double(off)});
    runs.write("spread", testValues(120, 1, -50));
    runs.write("rowsIn", testValues(30, 1, 200));
    runs.write("loose", testValues(15, 0.5));
    runs.write("looseIn", testValues(6, 1, 40));
    runs.run();
    INFO("offset " << off);
    CHECK(runs.read("spreadOut") ==
          updatedReference(testValues(120, 1, -50), testValues(30, 1, 200),
                           {12, 10}, {0}, {3}, {off}));
    CHECK(runs.read("looseOut") == updatedReference(testValues(15, 0.5),
                                                    testValues(6, 1, 40),
                                                    {5, 3}, {0}, {2}, {off}));
  }
}
