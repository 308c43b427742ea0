// concat and append join views of several variables along any dimension, in
// the order index arithmetic says, and merge regions that continue each
// other back into one.
#include "TensorModel.hpp"

#include <poplar/Graph.hpp>

#include <catch2/catch.hpp>

using namespace poplar;
using namespace tensor_model;

TEST_CASE("concat along each dimension matches the host model",
          "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor a = graph.addVariable(FLOAT, {2, 3, 4}, "a");
  Tensor b = graph.addVariable(FLOAT, {2, 3, 4}, "b").reverse(1);
  Model ma = Model::of(a), mb = Model::of(b);
  for (unsigned dim = 0; dim < 3; ++dim) {
    CAPTURE(dim);
    Tensor ab = concat(a, b, dim);
    Shape out = a.shape();
    out[dim] *= 2;
    CHECK(ab.shape() == out);
    Model expected{out, {}};
    for (std::size_t f = 0; f < count(out); ++f) {
      Index x = unflatten(out, f);
      const std::size_t size = a.dim(dim);
      const Model &from = x[dim] < size ? ma : mb;
      x[dim] %= size;
      expected.elements.push_back(from.at(x));
    }
    CHECK(Model::of(ab) == expected);
    CHECK(concat({a, b}, dim) == ab);
  }
}

TEST_CASE("concat of many inputs of different sizes", "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor a = graph.addVariable(INT, {3, 1}, "a");
  Tensor b = graph.addVariable(INT, {3, 2}, "b");
  Tensor c = graph.addVariable(INT, {3, 0}, "c");
  Tensor joined = concat({a, b, c, a}, 1);
  CHECK(joined.shape() == Shape{3, 4});
  const unsigned va = 0, vb = 1;
  std::vector<Element> expected;
  for (std::size_t row = 0; row < 3; ++row) {
    expected.emplace_back(va, row);
    expected.emplace_back(vb, 2 * row);
    expected.emplace_back(vb, 2 * row + 1);
    expected.emplace_back(va, row);
  }
  CHECK(elementsOf(joined) == expected);
  CHECK(concat({a}, 0) == a);
  CHECK(concat({c, c}, 0).shape() == Shape{6, 0});
}

TEST_CASE("concat merges pieces that continue each other", "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor x = graph.addVariable(FLOAT, {4, 6}, "x");
  CHECK(concat(x.slice(0, 2), x.slice(2, 4)) == x);
  CHECK(regionCount(concat(x.slice(0, 2), x.slice(2, 4))) == 1);
  CHECK(regionCount(concat(x.slice(0, 3, 1), x.slice(3, 6, 1), 1)) == 1);
  CHECK(concat(x.slice(0, 3, 1), x.slice(3, 6, 1), 1) == x);
  CHECK(regionCount(concat(x.slice(2, 4), x.slice(0, 2))) == 2);
  std::vector<Tensor> rows;
  for (std::size_t i = 0; i < 4; ++i)
    rows.push_back(x[i].expand({0}));
  CHECK(concat(rows) == x);
  // Elements of different variables never merge, even at equal offsets.
  Tensor y = graph.addVariable(FLOAT, {4, 6}, "y");
  CHECK(regionCount(concat(x.slice(0, 2), y.slice(2, 4))) == 2);
}

TEST_CASE("append adds one slice along a dimension", "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor x = graph.addVariable(FLOAT, {3, 4}, "x");
  Tensor row = graph.addVariable(FLOAT, {4}, "row");
  Tensor col = graph.addVariable(FLOAT, {3}, "col");
  CHECK(append(x, row) == concat(x, row.expand({0})));
  CHECK(append(x, row, 0).shape() == Shape{4, 4});
  Tensor wide = append(x, col, 1);
  CHECK(wide.shape() == Shape{3, 5});
  CHECK(Model::of(wide[2]) ==
        Model{{5}, {{0, 8}, {0, 9}, {0, 10}, {0, 11}, {2, 2}}});
  Tensor v = graph.addVariable(FLOAT, {2}, "v");
  CHECK(elementsOf(append(v, row[3])) ==
        std::vector<Element>{{3, 0}, {3, 1}, {1, 3}});
}

TEST_CASE("views across variables compose with concat", "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor a = graph.addVariable(HALF, {4, 5}, "a");
  Tensor b = graph.addVariable(HALF, {4, 3}, "b");
  Tensor ab = concat(a, b, 1); // {4,8}
  Model m = Model::of(ab);
  CHECK(regionCount(ab) == 8);
  Tensor t = ab.transpose().slice(3, 7).reverse(1); // {4,4}
  CHECK(Model::of(t) == m.map({4, 4}, [](const Index &x) {
    return Index{3 - x[1], x[0] + 3};
  }));
  CHECK(concat(ab.slice(0, 5, 1), ab.slice(5, 8, 1), 1) == ab);
  CHECK(ab.slice(0, 5, 1) == a);
  CHECK(ab.slice(5, 8, 1) == b);
}
