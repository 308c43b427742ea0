// Clones on other IPUs and graphs keep each element's tile within its IPU
// (or graph), and the copies made for them move the right values, aliases
// included.
#include "PoputilHarness.hpp"

#include <poputil/TileMapping.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;
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

/// 12 floats on tiles 0 and 1 of IPU 0 and tiles 1 and 2 of IPU 1.
Tensor spreadOverIpus(Graph &graph) {
  Tensor t = graph.addVariable(FLOAT, {3, 4}, "t");
  graph.setTileMapping(
      t, onTiles(8, {{0, {0, 3}}, {1, {3, 6}}, {5, {6, 9}}, {6, {9, 12}}}));
  return t;
}

} // namespace

TEST_CASE("cloneToIpu keeps each element's tile within the IPU",
          "[poputil][ipu]") {
  TestGraph g(4, 2);
  REQUIRE(g.graph.getTarget().getNumIPUs() == 2);
  Tensor t = spreadOverIpus(g.graph);
  Tensor onOne = cloneToIpu(g.graph, t, 1, "onOne");
  CHECK(onOne.shape() == t.shape());
  CHECK(onOne.elementType() == FLOAT);
  CHECK_FALSE(onOne.intersectsWith(t));
  Mapping expected = onTiles(8, {{4, {0, 3}}, {5, {3, 9}}, {6, {9, 12}}});
  CHECK(g.graph.getTileMapping(onOne) == expected);
  Tensor onZero = cloneToIpu(g.graph, t.transpose(), 0);
  CHECK(g.graph.getTileMapping(onZero.transpose()) ==
        onTiles(8, {{0, {0, 3}}, {1, {3, 9}}, {2, {9, 12}}}));
}

TEST_CASE("copyToIpu and createIpuCopy move the values", "[poputil][ipu]") {
  TestGraph g(4, 2);
  Tensor t = spreadOverIpus(g.graph);
  Sequence prog;
  Tensor moved = copyToIpu(g.graph, t, prog, 1, "moved");
  CHECK(g.graph.getTileMapping(moved) ==
        onTiles(8, {{4, {0, 3}}, {5, {3, 9}}, {6, {9, 12}}}));
  // An aliasing view: the copy views take each element once, and the
  // clone gets every position's value.
  Tensor aliased = concat(t[0], t[0].slice(1, 3));
  Tensor src, dst;
  Tensor clone = createIpuCopy(g.graph, aliased, 1, src, dst, "aliased");
  CHECK(src.numElements() == dst.numElements());
  CHECK(src.numElements() >= 4);
  prog.add(Copy(src, dst));
  Runner run(g);
  run.input("t", t, iota(12, 1));
  run.output("moved", moved);
  run.output("clone", clone);
  run.run(prog);
  CHECK(run.read("moved") == iota(12, 1));
  CHECK(run.read("clone") == std::vector<float>{1, 2, 3, 4, 2, 3});
}

TEST_CASE("cloneToGraph maps the clone on the same tiles of another graph",
          "[poputil][ipu]") {
  TestGraph g(8);
  Graph low = g.graph.createVirtualGraph(0, 4);
  Graph high = g.graph.createVirtualGraph(4, 8);
  Tensor t = low.addVariable(HALF, {6}, "t");
  low.setTileMapping(t, onTiles(4, {{1, {0, 2}}, {2, {2, 6}}}));
  Tensor clone = cloneToGraph(low, high, t, "clone");
  CHECK(clone.elementType() == HALF);
  CHECK(high.getTileMapping(clone) == onTiles(4, {{1, {0, 2}}, {2, {2, 6}}}));
  CHECK(g.graph.getTileMapping(clone) ==
        onTiles(8, {{5, {0, 2}}, {6, {2, 6}}}));

  Graph small = g.graph.createVirtualGraph(4, 6);
  CHECK_THAT(errorOf<poplibs_error>([&] { cloneToGraph(low, small, t); }),
             Contains("tile 2") && Contains("only 2 tiles"));
}

TEST_CASE("IPU clone errors say what is missing", "[poputil][ipu][errors]") {
  TestGraph g(4, 2);
  Tensor t = spreadOverIpus(g.graph);
  CHECK_THAT(errorOf<poplibs_error>([&] { cloneToIpu(g.graph, t, 2); }),
             Contains("IPU 2 does not exist") && Contains("2 IPUs"));
  Sequence prog;
  CHECK_THAT(errorOf<poplibs_error>([&] { copyToIpu(g.graph, t, prog, 5); }),
             Contains("IPU 5"));
  Tensor unmapped = g.graph.addVariable(FLOAT, {4}, "unmapped");
  CHECK_THAT(
      errorOf<invalid_tile_mapping>([&] { cloneToIpu(g.graph, unmapped, 1); }),
      Contains("unmapped"));
}

TEST_CASE("cloneAndExpandAliasing spreads the aliased positions linearly",
          "[poputil][ipu]") {
  TestGraph g(8);
  Tensor t = g.graph.addVariable(FLOAT, {8}, "t");
  g.graph.setTileMapping(t, 0);
  // Elements 0 1 2 3 2 3 2: positions 2 to 6 hold aliased elements.
  Tensor aliased = concat({t.slice(0, 4), t.slice(2, 4), t.slice(2, 3)});
  auto [clone, next] = cloneAndExpandAliasing(g.graph, aliased, 3, "x");
  CHECK_FALSE(clone.containsAliases());
  CHECK_FALSE(clone.intersectsWith(t));
  CHECK(next == 4);
  CHECK(g.graph.getTileMapping(clone) ==
        onTiles(8, {{0, {0, 2}}, {3, {2, 7}}}));
  auto [plain, same] = cloneAndExpandAliasing(g.graph, t.reverse(0), 5);
  CHECK(same == 5);
  CHECK(g.graph.getTileMapping(plain) == onTiles(8, {{0, {0, 8}}}));
}
