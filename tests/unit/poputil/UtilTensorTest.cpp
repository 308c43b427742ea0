// Tensor helpers of poputil/Util.hpp: duplicate copies values into a clone
// (aliases copied once), cloneN stacks clones, factorDims and unfactorDims
// reorder dimensions, and the FLOAT/HALF cast checks.
#include "PoputilHarness.hpp"

#include <poputil/TileMapping.hpp>
#include <poputil/Util.hpp>

#include <cmath>

using namespace poplar;
using namespace poplar::program;
using namespace poputil;
using namespace poputil_test;
using Catch::Matchers::Contains;
using Shape = std::vector<std::size_t>;

TEST_CASE("duplicate copies a tensor into a clone", "[poputil][util]") {
  TestGraph g(4);
  Tensor t = g.graph.addVariable(FLOAT, {2, 5}, "t");
  mapTensorLinearly(g.graph, t, 1, 1);
  Tensor aliased = concat(t[0], t[0].slice(0, 2));
  Sequence prog;
  Tensor copy = duplicate(g.graph, t.transpose(), prog, "copy");
  Tensor keepAliases = duplicate(g.graph, aliased, prog, "keep",
                                 TensorCloneMethod::PRESERVE_ORDER_AND_ALIASES);
  Tensor dropAliases = duplicate(g.graph, aliased, prog, "drop");
  CHECK(copy.shape() == Shape{5, 2});
  CHECK(g.graph.getTileMapping(copy) == g.graph.getTileMapping(t.transpose()));
  CHECK_FALSE(dropAliases.containsAliases());
  Runner run(g);
  run.input("t", t, iota(10));
  run.output("copy", copy);
  run.output("keep", keepAliases);
  run.output("drop", dropAliases);
  run.run(prog);
  CHECK(run.read("copy") == std::vector<float>{0, 5, 1, 6, 2, 7, 3, 8, 4, 9});
  CHECK(run.read("keep") == std::vector<float>{0, 1, 2, 3, 4, 0, 1});
  CHECK(run.read("drop") == std::vector<float>{0, 1, 2, 3, 4, 0, 1});
}

TEST_CASE("cloneN stacks clones with the original's layout",
          "[poputil][util]") {
  TestGraph g(4);
  Tensor t = g.graph.addVariable(HALF, {3, 2}, "t");
  mapTensorLinearly(g.graph, t, 1, 1);
  Tensor stacked = cloneN(g.graph, t, 4, "stacked");
  CHECK(stacked.shape() == Shape{4, 3, 2});
  CHECK(stacked.elementType() == HALF);
  for (unsigned i = 0; i != 4; ++i)
    CHECK(g.graph.getTileMapping(stacked[i]) == g.graph.getTileMapping(t));
  CHECK_FALSE(stacked[0].intersectsWith(stacked[1]));
}

TEST_CASE("factorDims moves factors inside and unfactorDims undoes it",
          "[poputil][util]") {
  TestGraph g(4);
  Tensor t = g.graph.addVariable(FLOAT, {4, 6, 4}, "t");
  Tensor factored = factorDims(t, {1, 2});
  CHECK(factored.shape() == Shape{4, 3, 1, 2, 4});
  CHECK(factored == t.reshape({4, 1, 3, 2, 4}).dimShuffle({0, 2, 1, 3, 4}));
  CHECK(unfactorDims(factored, 2) == t);
  Tensor inner = factorDims(t, {3, 2}, 1);
  CHECK(inner.shape() == Shape{4, 2, 2, 3, 2});
  CHECK(unfactorDims(inner, 2, 1) == t);
  CHECK_THAT(errorOf<poplibs_error>([&] {
               factorDims(t, {1, 4});
             }),
             Contains("factor 4") && Contains("dimension 1") &&
                 Contains("{4,6,4}"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               factorDims(t, {1, 1}, 2);
             }),
             Contains("do not fit"));
  CHECK_THAT(errorOf<poplibs_error>([&] { unfactorDims(t, 2); }),
             Contains("2 factored dimensions"));
}

TEST_CASE("Cast accuracy checks compare with the half value",
          "[poputil][util]") {
  TestGraph g(4);
  const Target &target = g.graph.getTarget();
  CHECK(castToDeviceHalfValue(target, 1.0) == 1.0);
  CHECK(castToDeviceHalfValue(target, 0.1) == Approx(0.0999755859375));
  CHECK(castToDeviceHalfValue(target, 2049.0) == 2048.0);
  CHECK(std::isinf(castToDeviceHalfValue(target, 1e6)));
  CHECK(checkAccuracyWhenCast(target, 0.1, FLOAT, HALF, 1e-3));
  CHECK_FALSE(checkAccuracyWhenCast(target, 0.1, FLOAT, HALF, 1e-5));
  CHECK_FALSE(checkAccuracyWhenCast(target, 1e6, FLOAT, HALF, 0.5));
  CHECK(checkAccuracyWhenCast(target, 1e6, HALF, FLOAT, 0));
  CHECK_THAT(errorOf<poplibs_error>(
                 [&] { checkAccuracyWhenCast(target, 1, INT, HALF, 0.1); }),
             Contains("int to half"));
}
