// How element-wise operations lay out their operands and results: numpy
// broadcasting (rows, columns, scalars, ranks), in-place updates that
// alias their other operands, WithOutput, views, ternary operators, and
// the shape errors.
#include "ElementWiseTestSupport.hpp"

#include <popops/ElementWise.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;

namespace {

std::vector<double> ramp(std::size_t n, double start = 0, double step = 1) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = start + step * double(i);
  return v;
}

} // namespace

TEST_CASE("binary operations broadcast rows, columns, scalars and ranks",
          "[popops][elementwise][broadcast]") {
  TestGraph g;
  Tensor m = g.variable(FLOAT, {3, 4}, "m");
  Tensor row = g.variable(FLOAT, {4}, "row");
  Tensor column = g.variable(FLOAT, {3, 1}, "column");
  Tensor scalar = g.variable(FLOAT, {}, "scalar");
  Tensor cube = g.variable(FLOAT, {2, 3, 4}, "cube");
  Sequence prog;
  Tensor plusRow = popops::add(g.graph, m, row, prog);
  Tensor rowMinus = popops::sub(g.graph, row, m, prog);
  Tensor timesColumn = popops::mul(g.graph, column, m, prog);
  Tensor overScalar = popops::div(g.graph, m, scalar, prog);
  Tensor scalarMinus = popops::sub(g.graph, scalar, m, prog);
  Tensor outer = popops::add(g.graph, column, row, prog);
  Tensor ranks = popops::max(g.graph, cube, column, prog);
  CHECK(plusRow.shape() == std::vector<std::size_t>{3, 4});
  CHECK(rowMinus.shape() == std::vector<std::size_t>{3, 4});
  CHECK(outer.shape() == std::vector<std::size_t>{3, 4});
  CHECK(ranks.shape() == std::vector<std::size_t>{2, 3, 4});
  Runner r(g);
  const std::vector<double> mv = ramp(12, -5), rv = {10, 20, 30, 40},
                            cv = {2, -1, 0.5}, cubev = ramp(24, -12);
  r.input("m", m, mv);
  r.input("row", row, rv);
  r.input("column", column, cv);
  r.input("scalar", scalar, {4});
  r.input("cube", cube, cubev);
  for (auto &[name, t] :
       std::vector<std::pair<std::string, Tensor>>{{"plusRow", plusRow},
                                                   {"rowMinus", rowMinus},
                                                   {"timesColumn", timesColumn},
                                                   {"overScalar", overScalar},
                                                   {"scalarMinus", scalarMinus},
                                                   {"outer", outer},
                                                   {"ranks", ranks}})
    r.output(name, t);
  r.run(prog);
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 4; ++j) {
      const std::size_t k = i * 4 + j;
      CHECK(r.read("plusRow")[k] == mv[k] + rv[j]);
      CHECK(r.read("rowMinus")[k] == rv[j] - mv[k]);
      CHECK(r.read("timesColumn")[k] == double(float(cv[i]) * float(mv[k])));
      CHECK(r.read("overScalar")[k] == double(float(mv[k]) / 4.0f));
      CHECK(r.read("scalarMinus")[k] == 4 - mv[k]);
      CHECK(r.read("outer")[k] == cv[i] + rv[j]);
      for (std::size_t c = 0; c < 2; ++c)
        CHECK(r.read("ranks")[c * 12 + k] ==
              std::max(cubev[c * 12 + k], cv[i]));
    }
}

TEST_CASE("in-place operations update views and read aliased operands first",
          "[popops][elementwise][inplace]") {
  TestGraph g;
  Tensor a = g.variable(FLOAT, {16}, "a");
  Tensor b = g.variable(INT, {4, 4}, "b");
  Tensor c = g.variable(FLOAT, {8}, "c");
  Sequence prog;
  // a += reverse(a): every element needs the other end's old value.
  popops::addInPlace(g.graph, a, a.reverse(0), prog);
  // A transposed view updated in place, from a broadcast row.
  Tensor row = g.variable(INT, {4}, "row");
  popops::mulInPlace(g.graph, b.transpose(), row, prog);
  popops::negInPlace(g.graph, c.slice(2, 6), prog);
  Runner r(g);
  const std::vector<double> av = ramp(16, 1), bv = ramp(16), cv = ramp(8, 1);
  r.input("a", a, av);
  r.input("b", b, bv);
  r.input("row", row, {1, -1, 2, 0});
  r.input("c", c, cv);
  r.output("a", a);
  r.output("b", b);
  r.output("c", c);
  r.run(prog);
  for (std::size_t i = 0; i < 16; ++i)
    CHECK(r.read("a")[i] == av[i] + av[15 - i]);
  // b.transpose()[i][j] = b[j][i] is multiplied by row[j].
  const std::vector<double> rowv = {1, -1, 2, 0};
  for (std::size_t j = 0; j < 4; ++j)
    for (std::size_t i = 0; i < 4; ++i)
      CHECK(r.read("b")[j * 4 + i] == bv[j * 4 + i] * rowv[j]);
  for (std::size_t i = 0; i < 8; ++i)
    CHECK(r.read("c")[i] == (i >= 2 && i < 6 ? -cv[i] : cv[i]));
}

TEST_CASE("WithOutput writes the given tensor wherever it is mapped",
          "[popops][elementwise][withoutput]") {
  TestGraph g;
  Tensor a = g.variable(HALF, {2, 5}, "a");
  Tensor b = g.variable(HALF, {5}, "b");
  Tensor out = g.graph.addVariable(BOOL, {2, 5}, "out");
  g.graph.setTileMapping(out, 3);
  Tensor sum = g.graph.addVariable(HALF, {2, 5}, "sum");
  g.graph.setTileMapping(sum.slice(0, 1, 0), 1); // row 1 left unmapped
  Sequence prog;
  popops::gteqWithOutput(g.graph, a, b, out, prog);
  popops::addWithOutput(g.graph, a, b, sum, prog);
  Runner r(g);
  const std::vector<double> av = {-1, 0, 1, 2, 3, 4, 5, 6, 7, 8};
  const std::vector<double> bv = {0, 0, 0, 5, 5};
  r.input("a", a, av);
  r.input("b", b, bv);
  r.output("out", out);
  r.output("sum", sum);
  r.run(prog);
  for (std::size_t k = 0; k < 10; ++k) {
    CHECK(r.read("out")[k] == double(av[k] >= bv[k % 5]));
    CHECK(r.read("sum")[k] == av[k] + bv[k % 5]);
  }
}

TEST_CASE("select and clamp, with broadcast operands and in place",
          "[popops][elementwise][ternary]") {
  TestGraph g;
  Tensor x = g.variable(FLOAT, {6}, "x");
  Tensor y = g.variable(FLOAT, {6}, "y");
  Tensor cond = g.variable(BOOL, {6}, "cond");
  Tensor lo = g.variable(FLOAT, {}, "lo");
  Tensor hi = g.variable(FLOAT, {6}, "hi");
  Tensor ints = g.variable(INT, {6}, "ints");
  Tensor intLo = g.variable(INT, {6}, "intLo");
  Tensor halves = g.variable(HALF, {6}, "halves");
  Sequence prog;
  Tensor selected = popops::select(g.graph, x, y, cond, prog);
  Tensor clamped = popops::clamp(g.graph, x, lo, hi, prog);
  Tensor clampedHalf = popops::clamp(g.graph, halves, halves, halves, prog);
  popops::clampInPlace(g.graph, ints, intLo, intLo, prog);
  popops::selectInPlace(g.graph, y, x, cond, prog);
  Runner r(g);
  const std::vector<double> xv = {-3, -1, 0, 1, 3, 9}, yv = {5, 6, 7, 8, 9, 10},
                            cv = {1, 0, 1, 0, 1, 0}, hv = {2, 2, 2, 0, 2, 20};
  r.input("x", x, xv);
  r.input("y", y, yv);
  r.input("cond", cond, cv);
  r.input("lo", lo, {-1});
  r.input("hi", hi, hv);
  r.input("ints", ints, xv);
  r.input("intLo", intLo, {0, 0, 0, 0, 0, 0});
  r.input("halves", halves, xv);
  r.output("selected", selected);
  r.output("clamped", clamped);
  r.output("clampedHalf", clampedHalf);
  r.output("ints", ints);
  r.output("y", y);
  r.run(prog);
  for (std::size_t k = 0; k < 6; ++k) {
    CHECK(r.read("selected")[k] == (cv[k] ? xv[k] : yv[k]));
    CHECK(r.read("y")[k] == (cv[k] ? yv[k] : xv[k])); // y = cond ? y : x
    CHECK(r.read("clamped")[k] == std::min(std::max(xv[k], -1.0), hv[k]));
    CHECK(r.read("clampedHalf")[k] == xv[k]);
    CHECK(r.read("ints")[k] == 0);
  }
}

TEST_CASE("element-wise operations name the shapes and tensors they refuse",
          "[popops][elementwise][errors]") {
  TestGraph g;
  Tensor a = g.variable(FLOAT, {3, 4}), b = g.variable(FLOAT, {3});
  Tensor row = g.variable(FLOAT, {4}), cond = g.variable(FLOAT, {3, 4});
  Sequence prog;
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::add(g.graph, a, b, prog, "badShapes"); }),
             Contains("badShapes") && Contains("{3,4}") && Contains("{3}") &&
                 Contains("broadcast"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::addInPlace(g.graph, row, a, prog); }),
             Contains("popops::mapInPlace") && Contains("{4}") &&
                 Contains("[3,4]"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::addInPlace(g.graph, row.broadcast(3, 0).reshape({3, 4}),
                                  a, prog);
             }),
             Contains("aliasing"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::addWithOutput(g.graph, a, row, row, prog); }),
             Contains("popops::mapWithOutput") && Contains("{4}") &&
                 Contains("[3,4]"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::select(g.graph, a, a, cond, prog); }),
             Contains("SELECT") && Contains("bool condition") &&
                 Contains("float"));
  Tensor ints = g.variable(INT, {3, 4});
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::clamp(g.graph, a, ints, a, prog); }),
             Contains("CLAMP") && Contains("float and int"));
}
