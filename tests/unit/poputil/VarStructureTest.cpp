// Variable structure: every partition of a partitionable tensor is one
// contiguous region, partitions are visited in Poplar's order, and the
// grouping of innermost elements is detected.
#include "PoputilHarness.hpp"

#include <poputil/VarStructure.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poputil;
using namespace poputil_test;
using Catch::Matchers::Contains;
using Shape = std::vector<std::size_t>;

TEST_CASE("Each partition of a partitionable tensor is contiguous",
          "[poputil][varstructure]") {
  TestGraph g(4);
  for (auto [shape, splits] :
       std::vector<std::pair<Shape, Shape>>{{{3, 8, 18}, {1, 1, 1}},
                                            {{3, 8, 18}, {2, 3, 4}},
                                            {{5, 7}, {2, 3}},
                                            {{2, 9}, {4, 1}},
                                            {{10}, {3}}}) {
    CAPTURE(shape, splits);
    Tensor t = createPartitionableTensor(g.graph, HALF, shape, splits, "p");
    CHECK(t.shape() == shape);
    CHECK(t.elementType() == HALF);
    CHECK_FALSE(t.containsAliases());
    std::size_t elements = 0, visits = 0;
    iterateTensorPartitions(
        t, splits, [&](const std::vector<std::size_t> &, const Tensor &s) {
          ++visits;
          elements += s.numElements();
          if (s.numElements() != 0)
            CHECK(s.isContiguous());
        });
    std::size_t expectedVisits = 1;
    for (std::size_t s : splits)
      expectedVisits *= s;
    CHECK(visits == expectedVisits);
    CHECK(elements == t.numElements());
  }
  CHECK(createPartitionableTensor(g.graph, FLOAT, {0, 3}, {2, 2}).shape() ==
        Shape{0, 3});
}

TEST_CASE("iterateTensorPartitions visits ceil-sized parts, first index "
          "fastest",
          "[poputil][varstructure]") {
  TestGraph g(4);
  Tensor t = g.graph.addVariable(FLOAT, {5, 2}, "t");
  std::vector<std::pair<std::vector<std::size_t>, Shape>> seen;
  iterateTensorPartitions(
      t, {3, 2}, [&](const std::vector<std::size_t> &i, const Tensor &s) {
        seen.emplace_back(i, s.shape());
        if (i == std::vector<std::size_t>{1, 1})
          CHECK(s == t.slice({2, 1}, {4, 2}));
      });
  CHECK(seen == std::vector<std::pair<std::vector<std::size_t>, Shape>>{
                    {{0, 0}, {2, 1}},
                    {{1, 0}, {2, 1}},
                    {{2, 0}, {1, 1}},
                    {{0, 1}, {2, 1}},
                    {{1, 1}, {2, 1}},
                    {{2, 1}, {1, 1}}});
}

TEST_CASE("Innermost groupings are detected", "[poputil][varstructure]") {
  TestGraph g(4);
  // 2 x 12 channels, each group of 4 channels on its own tile.
  Tensor var = g.graph.addVariable(FLOAT, {2, 3, 4}, "var");
  for (unsigned b = 0; b != 2; ++b)
    for (unsigned c = 0; c != 3; ++c)
      g.graph.setTileMapping(var[b][c], (b * 3 + c) % 4);
  Tensor t = var.reshape({2, 12});
  CHECK(detectInnermostGrouping(g.graph, t) == 4);
  CHECK(detectDimGroupings(g.graph, t) == std::vector<GroupingInfo>{{1, 4}});
  Tensor plain = g.graph.addVariable(FLOAT, {6, 5}, "plain");
  g.graph.setTileMapping(plain, 0);
  CHECK(detectInnermostGrouping(g.graph, plain.transpose()) == 1);
  CHECK(detectInnermostGrouping(g.graph, plain) == 5);
  CHECK(detectInnermostGrouping(g.graph, plain.slice(0, 0, 1)) == 1);
}

TEST_CASE("Variable structure errors name the shapes",
          "[poputil][varstructure][errors]") {
  TestGraph g(4);
  CHECK_THAT(errorOf<poplibs_error>([&] {
               createPartitionableTensor(g.graph, FLOAT, {4, 4}, {2});
             }),
             Contains("createPartitionableTensor") && Contains("{2}") &&
                 Contains("{4,4}"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               createPartitionableTensor(g.graph, FLOAT, {4, 4}, {2, 0});
             }),
             Contains("dimension 1") && Contains("0 partitions"));
  Tensor t = g.graph.addVariable(FLOAT, {4}, "t");
  CHECK_THAT(errorOf<poplibs_error>([&] {
               iterateTensorPartitions(
                   t, {1, 1},
                   [](const std::vector<std::size_t> &, const Tensor &) {});
             }),
             Contains("iterateTensorPartitions") && Contains("rank 1"));
  Tensor scalar = g.graph.addVariable(FLOAT, {}, "s");
  CHECK_THAT(
      errorOf<poplibs_error>([&] { detectInnermostGrouping(g.graph, scalar); }),
      Contains("rank 0"));
}
