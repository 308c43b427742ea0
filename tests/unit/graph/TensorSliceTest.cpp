// Views that select indices (operator[], slice, slices, index, subSample,
// upsample, reverse, broadcast) read the elements index arithmetic says,
// both of a whole variable and of views spread over several variables.
#include "TensorModel.hpp"

#include <poplar/Graph.hpp>

#include <catch2/catch.hpp>

using namespace poplar;
using namespace tensor_model;

namespace {

/// A {3,4,5} variable, and a view of the same shape whose elements come
/// from two variables in a scrambled order.
struct Sources {
  Graph graph{Target::createIPUTarget(1, 4, "ipu2")};
  Tensor plain = graph.addVariable(FLOAT, {3, 4, 5}, "plain");
  Tensor other = graph.addVariable(FLOAT, {5, 4, 3}, "other");
  Tensor mixed = concat(other.dimShuffle({2, 1, 0}).slice(0, 2),
                        plain.reverse(0)[0].expand({0}));
  std::vector<Tensor> all() const { return {plain, mixed}; }
};

} // namespace

TEST_CASE("operator[] drops dimension 0 and chains", "[graph][tensor]") {
  Sources s;
  for (const Tensor &t : s.all()) {
    Model m = Model::of(t);
    for (std::size_t i = 0; i < 3; ++i) {
      CHECK(Model::of(t[i]) == m.map({4, 5}, [&](const Index &x) {
        return Index{i, x[0], x[1]};
      }));
      for (std::size_t j = 0; j < 4; ++j)
        CHECK(Model::of(t[i][j]) == m.map({5}, [&](const Index &x) {
          return Index{i, j, x[0]};
        }));
    }
    CHECK(Model::of(t[2][3][4]) == m.map({}, [](const Index &) {
      return Index{2, 3, 4};
    }));
    CHECK(t[2][3][4].rank() == 0);
    CHECK(t[2][3][4].numElements() == 1);
  }
}

TEST_CASE("rvalue operator[] and slice give the same views as lvalue ones",
          "[graph][tensor]") {
  Sources s;
  Tensor copy = s.mixed;
  CHECK(Tensor(copy)[1][2] == s.mixed[1][2]);
  CHECK(Tensor(copy).slice(1, 3, 2) == s.mixed.slice(1, 3, 2));
  CHECK(Tensor(copy).slice(Interval(0, 2), 1) ==
        s.mixed.slice(Interval(0, 2), 1));
  CHECK(copy == s.mixed); // the lvalue was left alone
}

TEST_CASE("slice along every dimension matches the host model",
          "[graph][tensor]") {
  Sources s;
  for (const Tensor &t : s.all()) {
    Model m = Model::of(t);
    for (unsigned dim = 0; dim < 3; ++dim)
      for (std::size_t b = 0; b <= t.dim(dim); ++b)
        for (std::size_t e = b; e <= t.dim(dim); ++e) {
          CAPTURE(dim, b, e);
          Shape out = t.shape();
          out[dim] = e - b;
          Model expected = m.map(out, [&](const Index &x) {
            Index src = x;
            src[dim] += b;
            return src;
          });
          CHECK(Model::of(t.slice(b, e, dim)) == expected);
          CHECK(Model::of(t.slice(Interval(b, e), dim)) == expected);
          if (dim == 0)
            CHECK(Model::of(t.slice(b, e)) == expected);
        }
  }
}

TEST_CASE("a multi-dimensional slice is the box the bounds describe",
          "[graph][tensor]") {
  Sources s;
  for (const Tensor &t : s.all()) {
    Model m = Model::of(t);
    Tensor box = t.slice({1, 1, 2}, {3, 4, 4});
    CHECK(Model::of(box) == m.map({2, 3, 2}, [](const Index &x) {
      return Index{x[0] + 1, x[1] + 1, x[2] + 2};
    }));
    CHECK(t.slice({0, 0, 0}, {3, 4, 5}) == t);
    CHECK(t.slice({1, 2, 3}, {1, 4, 5}).numElements() == 0);
  }
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor v3 = graph.addVariable(FLOAT, {4, 4}, "v3");
  Tensor box = v3.slice({1, 1}, {2, 4});
  CHECK(box.shape() == Shape{1, 3});
  CHECK(elementsOf(box) == std::vector<Element>{{0, 5}, {0, 6}, {0, 7}});
  CHECK(regionCount(box) == 1);
}

TEST_CASE("slices of intervals, interval groups and indices",
          "[graph][tensor]") {
  Sources s;
  for (const Tensor &t : s.all()) {
    Model m = Model::of(t);
    std::vector<Interval> intervals = {{0, 2}, {1, 4}, {3, 3}};
    std::vector<Tensor> byInterval = t.slices(intervals, 1);
    REQUIRE(byInterval.size() == 3);
    for (std::size_t i = 0; i < 3; ++i)
      CHECK(byInterval[i] ==
            t.slice(intervals[i].begin(), intervals[i].end(), 1));

    // Each group is its intervals concatenated along the dimension.
    std::vector<std::vector<Interval>> groups = {
        {{3, 5}, {0, 1}}, {}, {{1, 2}, {1, 2}, {4, 5}}};
    std::vector<Tensor> byGroup = t.slices(groups, 2);
    REQUIRE(byGroup.size() == 3);
    CHECK(Model::of(byGroup[0]) == m.map({3, 4, 3}, [](const Index &x) {
      const std::size_t source[] = {3, 4, 0};
      return Index{x[0], x[1], source[x[2]]};
    }));
    CHECK(byGroup[1].shape() == Shape{3, 4, 0});
    CHECK(Model::of(byGroup[2]) == m.map({3, 4, 3}, [](const Index &x) {
      const std::size_t source[] = {1, 1, 4};
      return Index{x[0], x[1], source[x[2]]};
    }));

    std::vector<unsigned> indices = {2, 0, 2};
    std::vector<Tensor> byIndex = t.slices(indices, 0);
    REQUIRE(byIndex.size() == 3);
    for (std::size_t i = 0; i < 3; ++i)
      CHECK(byIndex[i] == t.slice(indices[i], indices[i] + 1, 0));
  }
}

TEST_CASE("index is chained operator[]", "[graph][tensor]") {
  Sources s;
  for (const Tensor &t : s.all()) {
    CHECK(t.index({}) == t);
    CHECK(t.index({2}) == t[2]);
    CHECK(t.index({1, 3}) == t[1][3]);
    CHECK(t.index({0, 2, 4}) == t[0][2][4]);
  }
}

TEST_CASE("subSample keeps every stride-th index", "[graph][tensor]") {
  Sources s;
  for (const Tensor &t : s.all()) {
    Model m = Model::of(t);
    for (unsigned dim = 0; dim < 3; ++dim)
      for (unsigned stride = 1; stride <= 6; ++stride) {
        CAPTURE(dim, stride);
        Shape out = t.shape();
        out[dim] = (out[dim] + stride - 1) / stride;
        CHECK(Model::of(t.subSample(stride, dim)) ==
              m.map(out, [&](const Index &x) {
                Index src = x;
                src[dim] *= stride;
                return src;
              }));
      }
  }
}

TEST_CASE("upsample repeats each index scale times", "[graph][tensor]") {
  Sources s;
  for (const Tensor &t : s.all()) {
    Model m = Model::of(t);
    for (unsigned dim = 0; dim < 3; ++dim)
      for (unsigned scale = 1; scale <= 3; ++scale) {
        CAPTURE(dim, scale);
        Shape out = t.shape();
        out[dim] *= scale;
        CHECK(Model::of(t.upsample(scale, dim, UpsampleMethod::REPEAT)) ==
              m.map(out, [&](const Index &x) {
                Index src = x;
                src[dim] /= scale;
                return src;
              }));
      }
    CHECK(t.upsample(0, 1, UpsampleMethod::REPEAT).shape() == Shape{3, 0, 5});
    CHECK(t.upsample(1, 1, UpsampleMethod::REPEAT) == t);
  }
}

TEST_CASE("reverse flips one dimension", "[graph][tensor]") {
  Sources s;
  for (const Tensor &t : s.all()) {
    Model m = Model::of(t);
    for (unsigned dim = 0; dim < 3; ++dim) {
      CAPTURE(dim);
      CHECK(Model::of(t.reverse(dim)) == m.map(t.shape(), [&](const Index &x) {
        Index src = x;
        src[dim] = t.dim(dim) - 1 - x[dim];
        return src;
      }));
      CHECK(t.reverse(dim).reverse(dim) == t);
    }
  }
}

TEST_CASE("broadcast repeats the whole dimension N times", "[graph][tensor]") {
  Sources s;
  for (const Tensor &t : s.all()) {
    Model m = Model::of(t);
    for (unsigned dim = 0; dim < 3; ++dim)
      for (unsigned n = 0; n <= 3; ++n) {
        CAPTURE(dim, n);
        Shape out = t.shape();
        out[dim] *= n;
        CHECK(Model::of(t.broadcast(n, dim)) == m.map(out, [&](const Index &x) {
          Index src = x;
          src[dim] %= t.dim(dim);
          return src;
        }));
      }
  }
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor row = graph.addVariable(INT, {1, 4}, "row");
  // Repeating a whole variable keeps one region per copy.
  CHECK(regionCount(row.broadcast(3, 0)) == 3);
  CHECK(regionCount(row.broadcast(3, 1)) == 3);
}

TEST_CASE("views of views compose like the host model", "[graph][tensor]") {
  Sources s;
  Model m = Model::of(s.mixed);
  Tensor chained = s.mixed.reverse(2).slice(1, 3, 1).subSample(2, 2)[1];
  CHECK(Model::of(chained) == m.map({2, 3}, [](const Index &x) {
    return Index{1, x[0] + 1, 4 - 2 * x[1]};
  }));
  Tensor chained2 =
      s.mixed.dimShuffle({2, 0, 1}).flatten(1, 3).slice(3, 9, 1).reverse(0);
  CHECK(Model::of(chained2) == m.map({5, 6}, [](const Index &x) {
    std::size_t f = x[1] + 3;
    return Index{f / 4, f % 4, 4 - x[0]};
  }));
}

TEST_CASE("contiguous selections stay one region", "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor x = graph.addVariable(FLOAT, {4, 6}, "x");
  CHECK(regionCount(x) == 1);
  CHECK(regionCount(x[2]) == 1);
  CHECK(regionCount(x.slice(1, 3)) == 1);
  CHECK(regionCount(x.slice(1, 3, 1)) == 4);
  CHECK(regionCount(x.slice(0, 6, 1)) == 1);
  CHECK(regionCount(x.subSample(1, 1)) == 1);
  CHECK(regionCount(x.subSample(2, 1)) == 12);
  CHECK(regionCount(x.reverse(0)) == 4);
  CHECK(regionCount(x.reverse(1)) == 24);
  CHECK(regionCount(x.slice({1, 0}, {3, 6})) == 1);
  CHECK(regionCount(x.slice(2, 2)) == 0);
}
