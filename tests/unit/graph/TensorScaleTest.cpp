// Views of a 10^7-element variable, sliced 10^5 times, keep exactly the
// regions they need: slices never expand to per-element lists, and views
// that keep elements in order stay one region.
#include "TensorModel.hpp"

#include <poplar/Graph.hpp>

#include <catch2/catch.hpp>

using namespace poplar;
using namespace tensor_model;

namespace {
constexpr std::size_t bigSize = 10000000;
constexpr std::size_t numSlices = 100000;
} // namespace

TEST_CASE("10^5 slices of a 10^7-element tensor keep one region each",
          "[graph][tensor][scale]") {
  Graph graph(Target::createIPUTarget("ipu2"));
  Tensor big = graph.addVariable(FLOAT, {bigSize}, "big");
  Tensor halves =
      concat(big.slice(bigSize / 2, bigSize), big.slice(0, bigSize / 2));
  REQUIRE(regionCount(halves) == 2);

  std::size_t regions = 0;
  for (std::size_t i = 0; i < numSlices; ++i)
    regions += regionCount(halves.slice(i * 100, i * 100 + 100));
  CHECK(regions == numSlices);

  std::vector<Interval> intervals;
  for (std::size_t i = 0; i < numSlices; ++i)
    intervals.emplace_back(i * 100 + 7, i * 100 + 57);
  regions = 0;
  for (const Tensor &slice : halves.slices(intervals))
    regions += regionCount(slice);
  CHECK(regions == numSlices);

  // The one slice that crosses from one half to the other has two regions.
  Tensor across = halves.slice(bigSize / 2 - 50, bigSize / 2 + 50);
  CHECK(regionCount(across) == 2);
  CHECK(across.getVarRegions()[0].interval == Interval(bigSize - 50, bigSize));
  CHECK(across.getVarRegions()[1].interval == Interval(0, 50));
}

TEST_CASE("a view of 10^5 regions slices by binary search",
          "[graph][tensor][scale]") {
  Graph graph(Target::createIPUTarget("ipu2"));
  Tensor big = graph.addVariable(INT, {bigSize}, "big");
  // Every other run of 50 elements: 10^5 regions of 50.
  Tensor strided = big.reshape({numSlices, 100}).slice(0, 50, 1);
  REQUIRE(regionCount(strided) == numSlices);
  CHECK(strided.getContiguousRegions().size() == numSlices);
  CHECK_FALSE(strided.containsAliases());
  CHECK_FALSE(strided.isContiguous());

  std::size_t regions = 0;
  for (std::size_t i = numSlices; i-- > 0;)
    regions += regionCount(strided[i]);
  CHECK(regions == numSlices);
  CHECK(strided[77777].getVarRegions()[0].interval ==
        Interval(7777700, 7777750));

  Tensor flat = strided.flatten();
  Tensor middle = flat.slice(2500025, 2500125);
  CHECK(regionCount(middle) == 3);
  CHECK(middle.getVarRegions()[0].interval == Interval(5000025, 5000050));
  CHECK(middle.getVarRegions()[2].interval == Interval(5000200, 5000225));

  CHECK(strided.intersectsWith(big.slice(bigSize - 60, bigSize - 40)));
  CHECK_FALSE(strided.intersectsWith(big.slice(bigSize - 40, bigSize)));
  CHECK(concat(strided, strided[3].expand({0})).containsAliases());
}

TEST_CASE("order-keeping views of 10^7 elements stay one region",
          "[graph][tensor][scale]") {
  Graph graph(Target::createIPUTarget("ipu2"));
  Tensor big = graph.addVariable(HALF, {bigSize}, "big");
  CHECK(regionCount(big.expand({1}).transpose()) == 1);
  CHECK(regionCount(big.reshape({1000, 1, 10000}).dimShuffle({1, 0, 2})) == 1);
  CHECK(regionCount(big.reshape({100, 100, 1000}).flatten(0, 2)) == 1);
  CHECK(regionCount(big.reshape({1000, 10000}).slice({0, 0}, {1000, 10000})) ==
        1);
  CHECK(regionCount(big.reshape({1000, 10000}).slice(10, 990)) == 1);
  CHECK(regionCount(big.reshape({1000, 10000}).slice(0, 5000, 1)) == 1000);
  CHECK(regionCount(big.reshape({1000, 10000}).subSample(1, 0)) == 1);
  CHECK(regionCount(big.reshape({1000, 10000}).reverse(0)) == 1000);
  CHECK(regionCount(concat(big.slice(0, bigSize / 2),
                           big.slice(bigSize / 2, bigSize))) == 1);
}
