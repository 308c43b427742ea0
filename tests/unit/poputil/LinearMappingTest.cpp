// Linear tile mappings: the grains are spread as evenly as Poplar spreads
// them (grain p of P shares covers [p*G/P, (p+1)*G/P)), defaults follow the
// element type, offsets and directions place the shares, and the imbalance
// of a mapping is measured against a balanced one.
#include "PoputilHarness.hpp"

#include <poputil/TileMapping.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poputil;
using namespace poputil_test;
using Catch::Matchers::Contains;

namespace {

using Mapping = std::vector<std::vector<Interval>>;

/// The shares of Poplar's linear mapping, computed independently.
std::vector<Interval> referenceShares(std::size_t n, std::size_t tiles,
                                      std::size_t minElements,
                                      std::size_t grain) {
  const std::size_t grains = (n + grain - 1) / grain;
  if (grains == 0)
    return {};
  std::size_t per = (grains + tiles - 1) / tiles;
  if (minElements) {
    const std::size_t minGrains = (minElements + grain - 1) / grain;
    const std::size_t most = std::max<std::size_t>(1, grains / minGrains);
    per = std::max(per, (grains + most - 1) / most);
  }
  const std::size_t shares = (grains + per - 1) / per;
  std::vector<Interval> result;
  for (std::size_t p = 0; p != shares; ++p)
    result.emplace_back(p * grains / shares * grain,
                        std::min(n, (p + 1) * grains / shares * grain));
  return result;
}

Mapping onTiles(std::size_t numTiles,
                std::vector<std::pair<unsigned, Interval>> placed) {
  Mapping m(numTiles);
  for (auto &[tile, interval] : placed)
    m[tile].push_back(interval);
  return m;
}

} // namespace

TEST_CASE("calcLinearTileMapping spreads grains evenly over the tiles",
          "[poputil][mapping]") {
  TestGraph g(4);
  // 10 grains over 4 tiles: 2, 3, 2, 3 as Poplar does, not 3, 3, 3, 1.
  CHECK(calcLinearTileMapping(g.graph, {10}, 0, 1) ==
        onTiles(4, {{0, {0, 2}}, {1, {2, 5}}, {2, {5, 7}}, {3, {7, 10}}}));
  // Grains of 4 elements: the last share ends with the tensor.
  CHECK(calcLinearTileMapping(g.graph, {2, 7}, 0, 4) ==
        onTiles(4, {{0, {0, 4}}, {1, {4, 8}}, {2, {8, 12}}, {3, {12, 14}}}));
  // At least 6 elements a tile: fewer tiles are used.
  CHECK(calcLinearTileMapping(g.graph, {13}, 6, 1) ==
        onTiles(4, {{0, {0, 6}}, {1, {6, 13}}}));
  CHECK(calcLinearTileMapping(g.graph, std::vector<std::size_t>{0}, 0, 1) ==
        Mapping(4));

  for (std::size_t n : {1, 5, 31, 64, 97, 1000, 4097})
    for (unsigned grain : {1u, 2u, 3u, 8u})
      for (unsigned minElements : {0u, 1u, 7u, 64u}) {
        CAPTURE(n, grain, minElements);
        const auto shares = referenceShares(n, 4, minElements, grain);
        Mapping expected(4);
        for (std::size_t i = 0; i != shares.size(); ++i)
          expected[i].push_back(shares[i]);
        CHECK(calcLinearTileMapping(g.graph, {n}, minElements, grain) ==
              expected);
      }
}

TEST_CASE("The default linear mapping uses the vector width and 128 bytes",
          "[poputil][mapping]") {
  TestGraph g(4);
  // float: grain 2, at least 32 elements a tile.
  Tensor f = g.graph.addVariable(FLOAT, {100}, "f");
  CHECK(calcLinearTileMapping(g.graph, f) ==
        onTiles(4, {{0, {0, 32}}, {1, {32, 66}}, {2, {66, 100}}}));
  // half: grain 4, at least 64 elements a tile.
  Tensor h = g.graph.addVariable(HALF, {10, 100}, "h");
  CHECK(calcLinearTileMapping(g.graph, h) == onTiles(4, {{0, {0, 248}},
                                                         {1, {248, 500}},
                                                         {2, {500, 748}},
                                                         {3, {748, 1000}}}));
  mapTensorLinearly(g.graph, h);
  CHECK(g.graph.getTileMapping(h) == calcLinearTileMapping(g.graph, h));
  Tensor u = g.graph.addVariable(UNSIGNED_INT, {9}, "u");
  mapTensorLinearly(g.graph, u, 0, 3);
  CHECK(g.graph.getTileMapping(u) ==
        onTiles(4, {{0, {0, 3}}, {1, {3, 6}}, {2, {6, 9}}}));
}

TEST_CASE("Linear mappings start at an offset in either direction",
          "[poputil][mapping]") {
  TestGraph g(8);
  // Four shares of 2 elements.
  CHECK(calcLinearTileMapping(g.graph, {8}, 2, 2, 6) ==
        onTiles(8, {{6, {0, 2}}, {7, {2, 4}}, {0, {4, 6}}, {1, {6, 8}}}));
  CHECK(calcLinearTileMapping(g.graph, {8}, 2, 2, 0, false) ==
        onTiles(8, {{7, {0, 2}}, {6, {2, 4}}, {5, {4, 6}}, {4, {6, 8}}}));
  CHECK(calcLinearTileMapping(g.graph, {8}, 2, 2, 6, false) ==
        onTiles(8, {{1, {0, 2}}, {0, {2, 4}}, {7, {4, 6}}, {6, {6, 8}}}));

  Tensor t = g.graph.addVariable(FLOAT, {8}, "t");
  mapTensorLinearlyWithOffset(g.graph, t, 2, 2, 3);
  CHECK(g.graph.getTileMapping(t) ==
        onTiles(8, {{3, {0, 2}}, {4, {2, 4}}, {5, {4, 6}}, {6, {6, 8}}}));
  // The default split of 128 floats: 4 shares of 32 (at least 32 a tile),
  // descending from tile 8 - 1 - 5.
  Tensor big = g.graph.addVariable(FLOAT, {128}, "big");
  mapTensorLinearlyWithOffset(g.graph, big, 5, false);
  CHECK(
      g.graph.getTileMapping(big) ==
      onTiles(8, {{2, {0, 32}}, {1, {32, 64}}, {0, {64, 96}}, {7, {96, 128}}}));
  CHECK(calcLinearTileMapping(g.graph, big, 5, false) ==
        g.graph.getTileMapping(big));

  auto [mapping, next] = calcLinearTileMappingAndNewOffset(g.graph, big, 2);
  CHECK(next == 6);
  CHECK(mapping == calcLinearTileMapping(g.graph, big, 2));
  CHECK(calcLinearTileMappingAndNewOffset(g.graph, big, 6).second == 2);
}

TEST_CASE("Tile index transforms are each other's inverse",
          "[poputil][mapping]") {
  for (bool ascending : {true, false})
    for (unsigned offset : {0u, 3u, 9u})
      for (unsigned i = 0; i != 7; ++i) {
        CAPTURE(ascending, offset, i);
        const unsigned tile = invTransformTileIndex(i, 7, offset, ascending);
        CHECK(tile < 7);
        CHECK(transformTileIndex(tile, 7, offset, ascending) == i);
      }
  CHECK(invTransformTileIndex(0, 8, 2, true) == 2);
  CHECK(invTransformTileIndex(0, 8, 2, false) == 5);
  CHECK(invTransformTileIndex(1, 8, 2, false) == 4);
  CHECK_THAT(errorOf<poplibs_error>([] { transformTileIndex(0, 0, 0, true); }),
             Contains("numTiles is 0"));
}

TEST_CASE("chooseMappingOffset depends on the shape and the seed",
          "[poputil][mapping]") {
  CHECK(chooseMappingOffset(1472, {4, 5}) < 1472);
  CHECK(chooseMappingOffset(1472, {4, 5}) == chooseMappingOffset(1472, {4, 5}));
  CHECK(chooseMappingOffset(1472, {4, 5}) != chooseMappingOffset(1472, {5, 4}));
  CHECK(chooseMappingOffset(1472, {4, 5}, 1) !=
        chooseMappingOffset(1472, {4, 5}, 2));
  CHECK(chooseMappingOffset(1, {4, 5}) == 0);
  CHECK_THAT(errorOf<poplibs_error>([] { chooseMappingOffset(0, {4}); }),
             Contains("numTiles is 0"));
}

TEST_CASE("getTileImbalance measures the excess on the fullest tile",
          "[poputil][mapping]") {
  const Mapping lopsided = onTiles(4, {{0, {0, 10}}});
  CHECK(getTileImbalance(lopsided) == 7); // balanced: ceil(10/4) = 3
  CHECK(getTileImbalance(lopsided, 8) == 2);
  CHECK(getTileImbalance(lopsided, 0, 12) == 0);
  CHECK(getTileImbalance(onTiles(
            4, {{0, {0, 3}}, {1, {3, 6}}, {2, {6, 9}}, {3, {9, 12}}})) == 0);
  CHECK(getTileImbalance(Mapping{}) == 0);
  CHECK(getTileImbalance(Mapping(4)) == 0);

  TestGraph g(4);
  Tensor t = g.graph.addVariable(FLOAT, {4, 5}, "t");
  g.graph.setTileMapping(t.slice(0, 3), 1);
  g.graph.setTileMapping(t.slice(3, 4), 2);
  CHECK(getTileImbalance(g.graph, t) == 10); // 15 on tile 1, balanced 5
  CHECK(getTileImbalance(g.graph, t.transpose(), 0, 6) == 9);
}

TEST_CASE("Linear mapping arguments that cannot work are errors",
          "[poputil][mapping][errors]") {
  TestGraph g(4);
  CHECK_THAT(errorOf<poplibs_error>(
                 [&] { calcLinearTileMapping(g.graph, {10}, 0, 0); }),
             Contains("calcLinearTileMapping") && Contains("grainSize is 0"));
  Tensor t = g.graph.addVariable(FLOAT, {10}, "t");
  CHECK_THAT(
      errorOf<poplibs_error>([&] { mapTensorLinearly(g.graph, t, 1, 0); }),
      Contains("grainSize is 0"));
  CHECK_THAT(
      errorOf<invalid_tile_mapping>([&] { getTileImbalance(g.graph, t); }),
      Contains("not completely mapped"));
}
