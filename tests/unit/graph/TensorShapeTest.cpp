// Views that change the shape or the order of dimensions (flatten, reshape,
// reshapePartial, expand, squeeze, dimShuffle, dimShufflePartial, dimRoll,
// transpose, reinterpret) read the elements index arithmetic says, and
// order-preserving ones keep their regions.
#include "TensorModel.hpp"

#include <poplar/Graph.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

using namespace poplar;
using namespace tensor_model;

namespace {

struct Sources {
  Graph graph{Target::createIPUTarget(1, 4, "ipu2")};
  Tensor plain = graph.addVariable(INT, {2, 3, 4}, "plain");
  Tensor other = graph.addVariable(INT, {4, 3, 2}, "other");
  // Same shape as plain, elements from both variables out of order.
  Tensor mixed = concat(other.dimShuffle({2, 1, 0}).slice(0, 1),
                        plain.reverse(2).slice(1, 2));
  std::vector<Tensor> all() const { return {plain, mixed}; }
};

/// Row-major order is kept: element f of the result is element f of m.
Model sameOrder(const Model &m, const Shape &out) {
  return m.map(out, [&](const Index &x) {
    return unflatten(m.shape, flatIndex(out, x));
  });
}

} // namespace

TEST_CASE("flatten, reshape and reshapePartial keep row-major order",
          "[graph][tensor]") {
  Sources s;
  for (const Tensor &t : s.all()) {
    Model m = Model::of(t);
    CHECK(Model::of(t.flatten()) == sameOrder(m, {24}));
    CHECK(Model::of(t.flatten(0, 2)) == sameOrder(m, {6, 4}));
    CHECK(Model::of(t.flatten(1, 3)) == sameOrder(m, {2, 12}));
    CHECK(Model::of(t.flatten(1, 1)) == sameOrder(m, {2, 1, 3, 4}));
    CHECK(Model::of(t.reshape({4, 6})) == sameOrder(m, {4, 6}));
    CHECK(Model::of(t.reshape({24, 1})) == sameOrder(m, {24, 1}));
    CHECK(Model::of(t.reshapePartial(1, 3, {6, 2})) == sameOrder(m, {2, 6, 2}));
    CHECK(Model::of(t.reshapePartial(0, 0, {1})) == sameOrder(m, {1, 2, 3, 4}));
    CHECK(t.reshape({2, 3, 4}) == t);
    CHECK(regionCount(t.reshape({8, 3})) == regionCount(t));
  }
}

TEST_CASE("expand inserts singletons before the listed dimensions",
          "[graph][tensor]") {
  Sources s;
  for (const Tensor &t : s.all()) {
    Model m = Model::of(t);
    CHECK(t.expand({0}).shape() == Shape{1, 2, 3, 4});
    CHECK(t.expand({3}).shape() == Shape{2, 3, 4, 1});
    CHECK(t.expand({0, 1}).shape() == Shape{1, 2, 1, 3, 4});
    CHECK(t.expand({1, 0}).shape() == Shape{1, 2, 1, 3, 4});
    CHECK(t.expand({2, 2}).shape() == Shape{2, 3, 1, 1, 4});
    CHECK(t.expand({}).shape() == Shape{2, 3, 4});
    CHECK(Model::of(t.expand({0, 3})) == sameOrder(m, {1, 2, 3, 4, 1}));
  }
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor n = graph.addVariable(FLOAT, {5}, "n");
  // As Poplar programs use it: {N} -> {1,N,1}, then broadcast.
  CHECK(n.expand({0, 1}).broadcast(2, 0).broadcast(3, 2).shape() ==
        Shape{2, 5, 3});
}

TEST_CASE("squeeze removes the listed singleton dimensions",
          "[graph][tensor]") {
  Sources s;
  for (const Tensor &t : s.all()) {
    Tensor e = t.expand({0, 3});
    CHECK(e.squeeze({0, 4}) == t);
    CHECK(e.squeeze({4, 0}) == t);
    CHECK(e.squeeze({0}).shape() == Shape{2, 3, 4, 1});
    CHECK(e.squeeze({}) == e);
    CHECK(Model::of(t.slice(1, 2, 1).squeeze({1})) ==
          Model::of(t).map({2, 4}, [](const Index &x) {
            return Index{x[0], 1, x[1]};
          }));
  }
}

TEST_CASE("dimShuffle matches the host model for every permutation",
          "[graph][tensor]") {
  Sources s;
  for (const Tensor &t : s.all()) {
    Model m = Model::of(t);
    std::vector<unsigned> perm = {0, 1, 2};
    do {
      CAPTURE(perm);
      Shape out = {t.dim(perm[0]), t.dim(perm[1]), t.dim(perm[2])};
      CHECK(Model::of(t.dimShuffle(perm)) == m.map(out, [&](const Index &x) {
        Index src(3);
        for (std::size_t i = 0; i < 3; ++i)
          src[perm[i]] = x[i];
        return src;
      }));
    } while (std::next_permutation(perm.begin(), perm.end()));
  }
}

TEST_CASE("dimShuffle of a rank-5 tensor with singleton dimensions",
          "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor t = graph.addVariable(HALF, {2, 1, 3, 1, 4}, "t");
  Model m = Model::of(t);
  std::vector<unsigned> perm = {0, 1, 2, 3, 4};
  do {
    Shape out(5);
    for (std::size_t i = 0; i < 5; ++i)
      out[i] = t.dim(perm[i]);
    Model expected = m.map(out, [&](const Index &x) {
      Index src(5);
      for (std::size_t i = 0; i < 5; ++i)
        src[perm[i]] = x[i];
      return src;
    });
    Tensor shuffled = t.dimShuffle(perm);
    CAPTURE(perm);
    REQUIRE(Model::of(shuffled) == expected);
    // Each run of the result that is also a run of t is one region.
    std::size_t runs = 0;
    for (std::size_t f = 0; f < expected.elements.size(); ++f)
      runs += f == 0 || expected.elements[f].second !=
                            expected.elements[f - 1].second + 1;
    CHECK(regionCount(shuffled) == runs);
  } while (std::next_permutation(perm.begin(), perm.end()));
}

TEST_CASE("dimShufflePartial, dimRoll and transpose", "[graph][tensor]") {
  Sources s;
  for (const Tensor &t : s.all()) {
    CHECK(t.dimShufflePartial({0}, {2}) == t.dimShuffle({1, 2, 0}));
    CHECK(t.dimShufflePartial({2}, {0}) == t.dimShuffle({2, 0, 1}));
    CHECK(t.dimShufflePartial({0, 2}, {2, 0}) == t.dimShuffle({2, 1, 0}));
    CHECK(t.dimShufflePartial({1, 2}, {0, 1}) == t.dimShuffle({1, 2, 0}));
    CHECK(t.dimShufflePartial({}, {}) == t);
    CHECK(t.dimRoll(2) == t.dimShuffle({2, 0, 1}));
    CHECK(t.dimRoll(0, 2) == t.dimShuffle({1, 2, 0}));
    CHECK(t.dimRoll(1, 1) == t);
    Tensor m = t[1];
    CHECK(Model::of(m.transpose()) ==
          Model::of(m).map({4, 3}, [](const Index &x) {
            return Index{x[1], x[0]};
          }));
    CHECK(m.transpose().transpose() == m);
  }
}

TEST_CASE("permutations that keep element order stay one region",
          "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor column = graph.addVariable(FLOAT, {6, 1}, "column");
  CHECK(regionCount(column.transpose()) == 1);
  Tensor t = graph.addVariable(FLOAT, {2, 3, 4, 5}, "t");
  CHECK(regionCount(t.dimShuffle({0, 1, 2, 3})) == 1);
  // Moving dims (2,3) in front of (0,1) is a 6x20 transpose: no element
  // follows its neighbour, so each is a region of its own.
  CHECK(regionCount(t.dimShuffle({2, 3, 0, 1})) == 120);
  CHECK(regionCount(t.dimShuffle({1, 0, 2, 3})) == 6);
  CHECK(t.dimShuffle({1, 0, 2, 3}).dimShuffle({1, 0, 2, 3}) == t);
}

TEST_CASE("reinterpret changes the element type only", "[graph][tensor]") {
  Sources s;
  for (const Tensor &t : s.all()) {
    Tensor f = t.reinterpret(FLOAT);
    CHECK(f.elementType() == FLOAT);
    CHECK(f.shape() == t.shape());
    CHECK(elementsOf(f) == elementsOf(t));
    CHECK(f.reinterpret(INT) == t);
    CHECK(t.reinterpret(UNSIGNED_INT).elementType() == UNSIGNED_INT);
  }
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor h = graph.addVariable(HALF, {4}, "h");
  CHECK(h.reinterpret(SHORT).elementType() == SHORT);
  CHECK(h.reinterpret(UNSIGNED_SHORT).slice(1, 3) ==
        h.slice(1, 3).reinterpret(UNSIGNED_SHORT));
}
