// Region helpers of poputil/Util.hpp: merging, flattening, the balanced
// split into partitions of whole grains (Poplar's worked example included),
// index flattening and the small partition helpers.
#include "PoputilHarness.hpp"

#include <poputil/Util.hpp>

#include <numeric>

using namespace poplar;
using namespace poputil;
using namespace poputil_test;
using Catch::Matchers::Contains;

using Intervals = std::vector<Interval>;

namespace {

std::size_t total(const Intervals &is) {
  std::size_t n = 0;
  for (const Interval &i : is)
    n += i.size();
  return n;
}

} // namespace

TEST_CASE("mergeAdjacentRegions sorts and joins touching regions",
          "[poputil][regions]") {
  Intervals r = {{8, 10}, {0, 2}, {2, 5}, {5, 5}, {6, 8}};
  mergeAdjacentRegions(r);
  CHECK(r == Intervals{{0, 5}, {6, 10}});
  std::vector<Intervals> mapping = {{{3, 4}, {1, 3}}, {}, {{9, 9}}};
  mergeAdjacentRegions(mapping);
  CHECK(mapping == std::vector<Intervals>{{{1, 4}}, {}, {}});
  CHECK(flattenIntervals({{{0, 1}, {4, 5}}, {}, {{2, 3}}}) ==
        Intervals{{0, 1}, {4, 5}, {2, 3}});
  CHECK(intervalSequenceNumElements({{{0, 3}, {5, 6}}, {{10, 20}}}) == 14);
}

TEST_CASE("splitRegions balances whole grains over few partitions",
          "[poputil][regions]") {
  // 42 elements are 11 grains of 4. At least 2 grains a partition allows
  // at most 5 partitions, hence 3 grains in the largest; 4 partitions give
  // that too: grains [0, 2), [2, 5), [5, 8), [8, 11), as Poplar's code
  // splits them.
  CHECK(splitRegions({{0, 10}, {15, 20}, {33, 60}}, 4, 8, 6) ==
        std::vector<Intervals>{
            {{0, 8}}, {{8, 10}, {15, 20}, {33, 38}}, {{38, 50}}, {{50, 60}}});
  // Without a minimum the grains spread over every partition.
  CHECK(splitRegions({{0, 10}}, 1, 4) ==
        std::vector<Intervals>{{{0, 2}}, {{2, 5}}, {{5, 7}}, {{7, 10}}});
  // maxElementsPerPartition wins over maxPartitions: 4 partitions of 3.
  CHECK(splitRegions({{0, 12}}, 1, 2, 0, 3).size() == 4);
  // Pieces are cut at maxElementsPerRegion (in whole grains).
  CHECK(splitRegions({{0, 10}}, 2, 1, 0, UINT_MAX, 5) ==
        std::vector<Intervals>{{{0, 4}, {4, 8}, {8, 10}}});
  CHECK(splitRegions(Intervals{}, 1, 4).empty());
  CHECK(splitRegions({{3, 3}}, 1, 4).empty());

  // Every element lands in exactly one partition, in order.
  const Intervals regions = {{5, 17}, {20, 21}, {30, 77}, {100, 131}};
  for (unsigned grain : {1u, 3u, 4u})
    for (unsigned parts : {1u, 2u, 6u, 100u})
      for (unsigned minElements : {0u, 5u, 40u}) {
        CAPTURE(grain, parts, minElements);
        const auto split = splitRegions(regions, grain, parts, minElements);
        CHECK(split.size() <= parts);
        std::size_t largest = 0;
        Intervals joined;
        for (const Intervals &p : split) {
          largest = std::max(largest, total(p));
          joined.insert(joined.end(), p.begin(), p.end());
        }
        mergeAdjacentRegions(joined);
        CHECK(joined == regions);
        for (std::size_t i = 0; i + 1 < split.size(); ++i)
          CHECK(total(split[i]) % grain == 0);
        const std::size_t grains = (total(regions) + grain - 1) / grain;
        const std::size_t minGrains = (minElements + grain - 1) / grain;
        CHECK(largest <=
              std::max((grains + parts - 1) / parts, 2 * minGrains) * grain);
      }
}

TEST_CASE("splitRegions splits sequences of regions", "[poputil][regions]") {
  const std::vector<Intervals> sequences = {{{0, 3}, {10, 13}}, {{20, 26}}};
  const auto split = splitRegions(sequences, 2, 3);
  // 12 elements, 6 grains: 2 grains (4 elements) a partition.
  REQUIRE(split.size() == 3);
  CHECK(split[0] == std::vector<Intervals>{{{0, 3}, {10, 11}}});
  CHECK(split[1] == std::vector<Intervals>{{{11, 13}}, {{20, 22}}});
  CHECK(split[2] == std::vector<Intervals>{{{22, 26}}});
}

TEST_CASE("splitRegionsBetweenWorkers uses one partition per worker",
          "[poputil][regions]") {
  TestGraph g(4);
  const Target &target = g.graph.getTarget();
  CHECK(splitRegionsBetweenWorkers(target, {{0, 60}}, 1).size() == 6);
  CHECK(splitRegionsBetweenWorkers(target, {{0, 60}}, 1, 20).size() == 3);
  CHECK(splitRegionsBetweenWorkers(target, {{0, 4}}, 1).size() == 4);
  CHECK(splitRegionsBetweenWorkers(target, std::vector<Intervals>{{{0, 60}}}, 2)
            .size() == 6);
}

TEST_CASE("splitRegions rejects arguments that allow no partition",
          "[poputil][regions][errors]") {
  CHECK_THAT(errorOf<poputil::poplibs_error>([] {
               splitRegions({{0, 4}}, 0, 2);
             }),
             Contains("grainSize is 0"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([] {
               splitRegions({{0, 4}}, 1, 0);
             }),
             Contains("maxPartitions is 0"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([] {
               splitRegions({{0, 4}}, 4, 2, 0, 3);
             }),
             Contains("maxElementsPerPartition (3)") &&
                 Contains("grainSize (4)"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([] {
               splitRegions({{0, 4}}, 4, 2, 0, 8, 2);
             }),
             Contains("maxElementsPerRegion (2)"));
}

TEST_CASE("flattenIndex and unflattenIndex are row-major inverses",
          "[poputil][regions]") {
  const std::vector<std::size_t> shape = {3, 4, 5};
  for (std::size_t i = 0; i != 60; ++i)
    CHECK(flattenIndex(shape, unflattenIndex(shape, i)) == i);
  CHECK(unflattenIndex(shape, 27) == std::vector<std::size_t>{1, 1, 2});
  CHECK(flattenIndex<unsigned>({2, 3}, {1, 2}) == 5);
  CHECK_THAT(
      errorOf<poputil::poplibs_error>([&] { unflattenIndex(shape, 60); }),
      Contains("index 60") && Contains("60 elements"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               flattenIndex(shape, {1, 2});
             }),
             Contains("2 indices") && Contains("rank 3"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               flattenIndex(shape, {1, 4, 0});
             }),
             Contains("index 4 of dimension 1"));
}

TEST_CASE("balancedPartition gives the remainder to the first slices",
          "[poputil][regions]") {
  CHECK(balancedPartition(10, 4) == std::vector<int>{3, 3, 2, 2});
  CHECK(balancedPartition(8, 4) == std::vector<int>{2, 2, 2, 2});
  CHECK(balancedPartition(2, 4) == std::vector<int>{1, 1, 0, 0});
  CHECK_THAT(errorOf<poputil::poplibs_error>([] { balancedPartition(4, 0); }),
             Contains("splitCount is 0"));
}

TEST_CASE("calculateUnshufflingIntervals undoes a shuffle",
          "[poputil][regions]") {
  const Intervals shuffle = {{6, 10}, {0, 2}, {2, 6}};
  // Shuffled: [6..10) [0..2) [2..6) -> positions 0-3, 4-5, 6-9.
  const Intervals unshuffle = calculateUnshufflingIntervals(shuffle);
  CHECK(unshuffle == Intervals{{4, 6}, {6, 10}, {0, 4}});
  std::vector<int> original(10);
  std::iota(original.begin(), original.end(), 0);
  std::vector<int> shuffled, restored;
  for (const Interval &i : shuffle)
    shuffled.insert(shuffled.end(), original.begin() + i.begin(),
                    original.begin() + i.end());
  for (const Interval &i : unshuffle)
    restored.insert(restored.end(), shuffled.begin() + i.begin(),
                    shuffled.begin() + i.end());
  CHECK(restored == original);
}
