// Tensor views produce the region lists they should: merged when
// contiguous, cheap at scale, with clear errors.
#include "compiler/graph/TensorImpl.hpp"

#include <poplar/Graph.hpp>
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

using namespace poplar;

namespace {
const tessel::TensorImpl &impl(const Tensor &t) {
  return tessel::TensorAccess::impl(t);
}
} // namespace

TEST_CASE("Contiguous views keep one region", "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor x = graph.addVariable(FLOAT, {4, 6}, "x");
  CHECK(impl(x).regions.size() == 1);
  CHECK(impl(x[2]).regions.size() == 1);
  CHECK(impl(x.slice(1, 3)).regions.size() == 1);
  CHECK(impl(x.slice(1, 3, 1)).regions.size() == 4);
  CHECK(impl(concat(x.slice(0, 2), x.slice(2, 4))).regions.size() == 1);
  CHECK(impl(x.transpose().transpose()).regions.size() == 1);
  CHECK(x.transpose().transpose() == x);
  CHECK(impl(x.reverse(0)).regions.size() == 4);
}

TEST_CASE("Aliasing and constant queries", "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor x = graph.addVariable(INT, {8}, "x");
  Tensor c = graph.addConstant(INT, {2}, 3);
  CHECK_FALSE(x.containsAliases());
  CHECK(x.broadcast(2, 0).containsAliases());
  CHECK(concat(x, c).containsConstant());
  CHECK_FALSE(concat(x, c).isParallelWriteable());
  CHECK(x.slice(0, 4).intersectsWith(x.slice(3, 5)));
  CHECK_FALSE(x.slice(0, 4).intersectsWith(x.slice(4, 8)));
  CHECK(x.getContiguousRegions().size() == 1);
  CHECK(concat(x.slice(4, 8), x.slice(0, 4)).getVarRegions().size() == 2);
}

TEST_CASE("Bad view arguments raise typed errors naming the shape",
          "[graph][tensor][errors]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor x = graph.addVariable(FLOAT, {4, 6}, "x");
  CHECK_THROWS_AS(x[4], index_error);
  CHECK_THROWS_WITH(x.slice(2, 9, 1), Catch::Contains("{4,6}"));
  CHECK_THROWS_AS(x.reshape({5, 5}), tensor_creation_error);
  CHECK_THROWS_AS(x.dimShuffle({0, 0}), tensor_creation_error);
  CHECK_THROWS_AS(x.squeeze({0}), tensor_creation_error);
  CHECK_THROWS_AS(x.reinterpret(HALF), type_error);
  CHECK_THROWS_AS(concat(x, graph.addVariable(INT, {4, 6})),
                  tensor_creation_error);
  CHECK_THROWS_AS(Tensor().shape(), poplar_error);
}

TEST_CASE("Slicing a 10^7-element tensor 10^5 times stays cheap",
          "[graph][tensor][scale]") {
  Graph graph(Target::createIPUTarget("ipu2"));
  Tensor big = graph.addVariable(FLOAT, {10000000}, "big");
  Tensor shuffled = concat(big.slice(5000000, 10000000), big.slice(0, 5000000));
  std::size_t regions = 0;
  for (std::size_t i = 0; i < 100000; ++i)
    regions += impl(shuffled.slice(i * 100, i * 100 + 100)).regions.size();
  CHECK(regions == 100000);
  CHECK(impl(shuffled.slice(4999950, 5000050)).regions.size() == 2);
}
