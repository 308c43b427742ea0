// The graph store's interval tile mappings.
#include "compiler/graph/GraphStore.hpp"

#include <poplar/Target.hpp>

#include <catch2/catch.hpp>

using namespace tessel;

namespace {
std::vector<std::tuple<std::uint64_t, std::uint64_t, std::uint32_t>>
mappingOf(const GraphStore &s, VariableId v) {
  std::vector<std::tuple<std::uint64_t, std::uint64_t, std::uint32_t>> out;
  for (const TileInterval &m : s.variable(v).mapping)
    out.emplace_back(m.begin, m.end, m.tile);
  return out;
}
} // namespace

TEST_CASE("Tile mappings split, replace and merge intervals",
          "[graph][mapping]") {
  GraphStore store(poplar::Target::createIPUTarget(1, 8, "ipu2"));
  Variable v;
  v.type = poplar::FLOAT;
  v.numElements = 100;
  VariableId id = store.addVariable(v);
  store.setTileMapping(id, 0, 100, 1);
  store.setTileMapping(id, 20, 30, 2);
  CHECK(mappingOf(store, id) ==
        decltype(mappingOf(store, id)){{0, 20, 1}, {20, 30, 2}, {30, 100, 1}});
  store.setTileMapping(id, 20, 30, 1); // back to one interval
  CHECK(mappingOf(store, id) == decltype(mappingOf(store, id)){{0, 100, 1}});
  store.setTileMapping(id, 90, 100, 3);
  store.setTileMapping(id, 0, 10, 3);
  auto part = store.mappingOf(id, 5, 95);
  REQUIRE(part.size() == 3);
  CHECK(part[0].begin == 5);
  CHECK(part[0].tile == 3);
  CHECK(part[2].end == 95);
}

TEST_CASE("Mapping 10^5 disjoint chunks stays linear", "[graph][mapping]") {
  GraphStore store(poplar::Target::createIPUTarget("ipu2"));
  Variable v;
  v.type = poplar::FLOAT;
  v.numElements = 10000000;
  VariableId id = store.addVariable(v);
  for (std::uint64_t i = 0; i < 100000; ++i)
    store.setTileMapping(id, i * 100, (i + 1) * 100, std::uint32_t(i % 1472));
  CHECK(store.variable(id).mapping.size() == 100000);
  CHECK(store.mappingOf(id, 150, 250).size() == 2);
}
