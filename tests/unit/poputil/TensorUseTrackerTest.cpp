// TensorUseTracker: elements go to the tiles that use them, shared evenly
// in grains among tiles using the same elements, with the options for
// partial use, halos, used-tiles-only mapping and the start tile.
#include "PoputilHarness.hpp"

#include <poputil/TileMapping.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poputil;
using namespace poputil_test;
using Catch::Matchers::Contains;
using Method = TensorUseTracker::MappingMethod;

namespace {

using Mapping = std::vector<std::vector<Interval>>;

Mapping onTiles(std::size_t numTiles,
                std::vector<std::pair<unsigned, Interval>> placed) {
  Mapping m(numTiles);
  for (auto &[tile, interval] : placed)
    m[tile].push_back(interval);
  return m;
}

struct Fixture {
  TestGraph g{4};
  Tensor t = g.graph.addVariable(FLOAT, {10}, "t");
  TensorUseTracker tracker{4};
  Mapping mapping() { return g.graph.getTileMapping(t, false); }
};

} // namespace

TEST_CASE("Elements used by one tile are mapped to it", "[poputil][tracker]") {
  Fixture f;
  CHECK(f.tracker.empty());
  f.tracker.add(f.g.graph, 2, f.t.slice(0, 6));
  f.tracker.add(f.g.graph, 0, f.t.slice(6, 10));
  CHECK_FALSE(f.tracker.empty());
  f.tracker.mapTensorsByUse(f.g.graph, 1, 0);
  CHECK(f.mapping() == onTiles(4, {{2, {0, 6}}, {0, {6, 10}}}));
}

TEST_CASE("Elements used by several tiles are shared out among them",
          "[poputil][tracker]") {
  Fixture f;
  for (unsigned tile : {3u, 1u, 2u})
    f.tracker.add(f.g.graph, tile, f.t.reshape({2, 5}).transpose());
  TensorUseTracker copy = f.tracker;
  f.tracker.mapTensorsByUse(f.g.graph, 1, 0);
  CHECK(f.mapping() == onTiles(4, {{1, {0, 3}}, {2, {3, 6}}, {3, {6, 10}}}));
  // At least 8 elements a tile: one tile takes them all.
  copy.mapTensorsByUse(f.g.graph, 1, 8);
  CHECK(f.mapping() == onTiles(4, {{1, {0, 10}}}));
}

TEST_CASE("Grains are kept whole unless mapping is constrained to users",
          "[poputil][tracker]") {
  Fixture f;
  f.tracker.add(f.g.graph, 0, f.t.slice(0, 5));
  f.tracker.add(f.g.graph, 1, f.t.slice(5, 10));
  TensorUseTracker constrained = f.tracker;
  // The grain [4, 8) straddles both uses and goes with the first.
  f.tracker.mapTensorsByUse(f.g.graph, 4, 0);
  CHECK(f.mapping() == onTiles(4, {{0, {0, 8}}, {1, {8, 10}}}));
  constrained.mapTensorsByUse(f.g.graph, 4, 0, false,
                              Method::ConstrainMappingToUsedTiles);
  CHECK(f.mapping() == onTiles(4, {{0, {0, 5}}, {1, {5, 10}}}));
}

TEST_CASE("Partial use leaves the rest unmapped unless extended",
          "[poputil][tracker]") {
  Fixture f;
  f.tracker.add(f.g.graph, 1, f.t.slice(2, 4));
  f.tracker.add(f.g.graph, 3, f.t.slice(6, 7));
  TensorUseTracker extended = f.tracker;
  f.tracker.mapTensorsByUse(f.g.graph, 1, 0);
  CHECK(f.mapping() == onTiles(4, {{1, {2, 4}}, {3, {6, 7}}}));
  bool complete = true;
  f.g.graph.getTileMapping(f.t, &complete);
  CHECK_FALSE(complete);
  extended.mapTensorsByUse(f.g.graph, 1, 0, true);
  CHECK(f.mapping() == onTiles(4, {{1, {0, 6}}, {3, {6, 10}}}));
}

TEST_CASE("Halo regions go with their left neighbour when asked",
          "[poputil][tracker]") {
  Fixture f;
  f.tracker.add(f.g.graph, 0, f.t.slice(0, 6));
  f.tracker.add(f.g.graph, 1, f.t.slice(4, 10));
  TensorUseTracker halo = f.tracker;
  f.tracker.mapTensorsByUse(f.g.graph, 1, 0);
  CHECK(f.mapping() == onTiles(4, {{0, {0, 5}}, {1, {5, 10}}}));
  halo.mapTensorsByUse(f.g.graph, 1, 0, false, Method::OptimizeHaloRegions);
  CHECK(f.mapping() == onTiles(4, {{0, {0, 6}}, {1, {6, 10}}}));
}

TEST_CASE("Shares start at the tracker's start tile and direction",
          "[poputil][tracker]") {
  TestGraph g(4);
  Tensor t = g.graph.addVariable(FLOAT, {8}, "t");
  TensorUseTracker descending(4, 0, false), fromTwo(4, 2);
  for (unsigned tile = 0; tile != 4; ++tile) {
    descending.add(g.graph, tile, t);
    fromTwo.add(g.graph, tile, t);
  }
  descending.mapTensorsByUse(g.graph, 1, 0);
  CHECK(g.graph.getTileMapping(t) ==
        onTiles(4, {{3, {0, 2}}, {2, {2, 4}}, {1, {4, 6}}, {0, {6, 8}}}));
  fromTwo.mapTensorsByUse(g.graph, 1, 0);
  CHECK(g.graph.getTileMapping(t) ==
        onTiles(4, {{2, {0, 2}}, {3, {2, 4}}, {0, {4, 6}}, {1, {6, 8}}}));
}

TEST_CASE("Trackers merge, map several variables and skip constants",
          "[poputil][tracker]") {
  Fixture f;
  Tensor u = f.g.graph.addVariable(INT, {4}, "u");
  Tensor c = f.g.graph.addConstant<float>(FLOAT, {3}, 1.5f, "c");
  TensorUseTracker other(4);
  other.add(f.g.graph, 2, concat(f.t, c));
  other.add(f.g.graph, 3, u);
  TensorUseTracker constantsOnly(4);
  constantsOnly.add(f.g.graph, 1, c);
  CHECK(constantsOnly.empty());
  f.tracker.add(f.g.graph, 1, f.t.slice(0, 2));
  f.tracker.add(std::move(other));
  // resolve alone maps nothing.
  TensorUseTracker resolvedOnly = f.tracker;
  resolvedOnly.resolve(f.g.graph, 1, 0);
  bool complete = true;
  CHECK(f.g.graph.getTileMapping(f.t, &complete) == Mapping(4));
  f.tracker.mapTensorsByUse(f.g.graph, 1, 0);
  CHECK(f.mapping() == onTiles(4, {{1, {0, 1}}, {2, {1, 10}}}));
  CHECK(f.g.graph.getTileMapping(u) == onTiles(4, {{3, {0, 4}}}));
}

TEST_CASE("TensorUseTracker errors name the tile counts",
          "[poputil][tracker][errors]") {
  Fixture f;
  CHECK_THAT(errorOf<poplibs_error>([&] { f.tracker.add(f.g.graph, 4, f.t); }),
             Contains("tile 4") && Contains("4 tiles"));
  TensorUseTracker eight(8);
  CHECK_THAT(errorOf<poplibs_error>([&] { f.tracker.add(eight); }),
             Contains("8 tiles") && Contains("this one 4"));
  f.tracker.add(f.g.graph, 0, f.t);
  CHECK_THAT(errorOf<poplibs_error>(
                 [&] { f.tracker.mapTensorsByUse(f.g.graph, 0, 0); }),
             Contains("grainSize is 0"));
}
