// Whether a dimension is split over tiles or IPUs, and broadcast operands
// mapped where the full tensor holds each index.
#include "PoputilHarness.hpp"

#include <poputil/TileMapping.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poputil;
using namespace poputil_test;
using Catch::Matchers::Contains;

namespace {

using Mapping = std::vector<std::vector<Interval>>;

Mapping onTiles(std::size_t numTiles,
                std::vector<std::pair<unsigned, Interval>> placed) {
  Mapping m(numTiles);
  for (auto &[tile, interval] : placed)
    m[tile].push_back(interval);
  return m;
}

/// A {4, 6} float tensor with row i on tile i.
Tensor rowPerTile(Graph &graph) {
  Tensor t = graph.addVariable(FLOAT, {4, 6}, "rows");
  for (unsigned i = 0; i != 4; ++i)
    graph.setTileMapping(t[i], i);
  return t;
}

} // namespace

TEST_CASE("dimIsSplitOverTiles compares the slices' mappings",
          "[poputil][queries]") {
  TestGraph g(4);
  Tensor t = rowPerTile(g.graph);
  CHECK(dimIsSplitOverTiles(g.graph, t, 0));
  CHECK_FALSE(dimIsSplitOverTiles(g.graph, t, 1));
  CHECK(dimIsSplitOverTiles(g.graph, t.transpose(), 1));
  Tensor one = g.graph.addVariable(FLOAT, {3, 5}, "one");
  g.graph.setTileMapping(one, 2);
  CHECK_FALSE(dimIsSplitOverTiles(g.graph, one, 0));
  CHECK_FALSE(dimIsSplitOverTiles(g.graph, one, 1));
  CHECK_FALSE(dimIsSplitOverTiles(g.graph, t.slice(0, 0, 1), 1));
}

TEST_CASE("dimIsSplitOverIPUs looks for runs that leave an IPU",
          "[poputil][queries]") {
  TestGraph g(4, 2);
  Tensor t = g.graph.addVariable(FLOAT, {2, 8}, "t");
  mapTensorLinearly(g.graph, t, 0, 2); // 2 elements a tile: row i on IPU i
  CHECK(dimIsSplitOverIPUs(g.graph, t, 0));
  CHECK_FALSE(dimIsSplitOverIPUs(g.graph, t, 1));
  // Row r of the {4, 4} view is on tiles 2r and 2r + 1, of one IPU.
  CHECK_FALSE(dimIsSplitOverIPUs(g.graph, t.reshape({4, 4}), 1));
  CHECK(dimIsSplitOverIPUs(g.graph, t.reshape({1, 16}), 1));

  TestGraph single(4);
  Tensor s = single.graph.addVariable(FLOAT, {2, 8}, "s");
  mapTensorLinearly(single.graph, s, 0, 2);
  CHECK_FALSE(dimIsSplitOverIPUs(single.graph, s, 0));
}

TEST_CASE("createBroadcastOperand maps each index where it is used",
          "[poputil][queries]") {
  TestGraph g(4);
  Tensor full = rowPerTile(g.graph);
  Tensor rows = createBroadcastOperand(g.graph, full, HALF, 0, false, "b");
  CHECK(rows.shape() == std::vector<std::size_t>{4});
  CHECK(rows.elementType() == HALF);
  CHECK(g.graph.getTileMapping(rows) ==
        onTiles(4, {{0, {0, 1}}, {1, {1, 2}}, {2, {2, 3}}, {3, {3, 4}}}));
  // Every tile holds all 6 columns: shared out in grains of 64 bits.
  Tensor cols = createBroadcastOperand(g.graph, full, FLOAT, 1);
  CHECK(g.graph.getTileMapping(cols) ==
        onTiles(4, {{0, {0, 2}}, {1, {2, 4}}, {2, {4, 6}}}));
  Tensor halfCols = createBroadcastOperand(g.graph, full, HALF, 1);
  CHECK(g.graph.getTileMapping(halfCols) ==
        onTiles(4, {{0, {0, 4}}, {1, {4, 6}}}));
  // Dithering rotates that mapping to a start chosen from the shape.
  Tensor dithered = createBroadcastOperand(g.graph, full, FLOAT, 1, true);
  const auto plain = g.graph.getTileMapping(cols);
  const std::size_t start = chooseMappingOffset(4, full.shape());
  Mapping rotated(4);
  for (std::size_t tile = 0; tile != 4; ++tile)
    rotated[(tile + start) % 4] = plain[tile];
  CHECK(g.graph.getTileMapping(dithered) == rotated);
}

TEST_CASE("Mapping queries reject missing dimensions and unmapped data",
          "[poputil][queries][errors]") {
  TestGraph g(4);
  Tensor t = rowPerTile(g.graph);
  CHECK_THAT(
      errorOf<poplibs_error>([&] { dimIsSplitOverTiles(g.graph, t, 2); }),
      Contains("dimIsSplitOverTiles") && Contains("dimension 2") &&
          Contains("{4,6}"));
  CHECK_THAT(errorOf<poplibs_error>([&] { dimIsSplitOverIPUs(g.graph, t, 3); }),
             Contains("dimIsSplitOverIPUs") && Contains("dimension 3"));
  CHECK_THAT(errorOf<poplibs_error>(
                 [&] { createBroadcastOperand(g.graph, t, FLOAT, 2); }),
             Contains("createBroadcastOperand"));
  Tensor unmapped = g.graph.addVariable(FLOAT, {2, 2}, "unmapped");
  CHECK_THAT(errorOf<invalid_tile_mapping>(
                 [&] { dimIsSplitOverTiles(g.graph, unmapped, 0); }),
             Contains("unmapped"));
}
