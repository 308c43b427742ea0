// popops::pad adds constant, edge or reflect padding (and truncates for
// negative padding) as views, maps constant padding as asked, and names the
// paddings it cannot apply.
#include "PopopsHarness.hpp"

#include <popops/Pad.hpp>
#include <poputil/exceptions.hpp>

#include <optional>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;

namespace {

enum class Mode { Constant, Edge, Reflect };

/// The input index that output index `o` of a dimension of size `n` padded
/// by `lower` reads, or none for constant padding outside the tensor.
std::optional<long> sourceIndex(long o, long lower, long n, Mode mode) {
  long i = o - lower; // also right for truncation (negative lower)
  if (i >= 0 && i < n)
    return i;
  if (mode == Mode::Constant)
    return std::nullopt;
  if (mode == Mode::Edge)
    return i < 0 ? 0 : n - 1;
  return i < 0 ? -i : 2 * (n - 1) - i;
}

/// Host padding of a row-major {rows, columns} matrix.
std::vector<double> padReference(const std::vector<double> &in, long rows,
                                 long columns, std::vector<long> lower,
                                 std::vector<long> upper, Mode mode,
                                 double value = 0) {
  std::vector<double> out;
  for (long r = 0; r < rows + lower[0] + upper[0]; ++r)
    for (long c = 0; c < columns + lower[1] + upper[1]; ++c) {
      const auto i = sourceIndex(r, lower[0], rows, mode);
      const auto j = sourceIndex(c, lower[1], columns, mode);
      out.push_back(i && j ? in[*i * columns + *j] : value);
    }
  return out;
}

std::vector<double> counting(std::size_t n) {
  std::vector<double> values(n);
  for (std::size_t i = 0; i < n; ++i)
    values[i] = double(i) + 1;
  return values;
}

/// A mapped variable holding a copy of `padded`, so it can be read.
Tensor copyOf(TestGraph &g, const Tensor &padded, Sequence &prog,
              const std::string &name) {
  Tensor out = g.variable(padded.elementType(), padded.shape(), name);
  prog.add(Copy(padded, out));
  return out;
}

} // namespace

TEST_CASE("Constant padding adds and truncates per dimension, for each type",
          "[popops][pad]") {
  for (const Type &type : {FLOAT, HALF, INT, UNSIGNED_INT}) {
    DYNAMIC_SECTION(type.toString()) {
      TestGraph g;
      Tensor t = g.variable(type, {5, 7}, "t");
      Tensor value = g.variable(type, {}, "value");
      Sequence prog;
      Tensor byFloat = popops::pad(g.graph, t, {2, -1}, {-2, 3}, 2.5f);
      Tensor byInt = popops::pad(g.graph, t, {0, 3}, {1, 0}, 9,
                                 popops::padding::MappingMethod::NONE);
      Tensor byTensor = popops::pad(g.graph, t, {1, 1}, {1, -7}, value);
      Tensor oneDim = popops::pad(g.graph, t, -1, 2, 1, 4);
      CHECK(byFloat.shape() == std::vector<std::size_t>{5, 9});
      CHECK(byTensor.shape() == std::vector<std::size_t>{7, 1});
      Runner r(g);
      r.input("t", t, counting(35));
      r.input("value", value, {6});
      r.output("byFloat", copyOf(g, byFloat, prog, "byFloat"));
      r.output("byInt", copyOf(g, byInt, prog, "byInt"));
      r.output("byTensor", copyOf(g, byTensor, prog, "byTensor"));
      r.output("oneDim", copyOf(g, oneDim, prog, "oneDim"));
      r.run(prog);
      const double floatPad = type == FLOAT || type == HALF ? 2.5 : 2;
      CHECK(r.read("byFloat") == padReference(counting(35), 5, 7, {2, -1},
                                              {-2, 3}, Mode::Constant,
                                              floatPad));
      CHECK(r.read("byInt") == padReference(counting(35), 5, 7, {0, 3}, {1, 0},
                                            Mode::Constant, 9));
      CHECK(r.read("byTensor") == padReference(counting(35), 5, 7, {1, 1},
                                               {1, -7}, Mode::Constant, 6));
      CHECK(r.read("oneDim") == padReference(counting(35), 5, 7, {0, -1},
                                             {0, 2}, Mode::Constant, 4));
    }
  }
}

TEST_CASE("Constant padding lives where its MappingMethod says",
          "[popops][pad]") {
  TestGraph g;
  Tensor t = g.graph.addVariable(FLOAT, {6, 40}, "t");
  poputil::mapTensorLinearly(g.graph, t.transpose()); // columns over tiles
  Tensor zero = popops::pad(g.graph, t, {1, 0}, {0, 0});
  Tensor edge = popops::pad(g.graph, t, {2, 0}, {3, 0}, 1.0f,
                            popops::padding::MappingMethod::EDGE);
  Tensor none = popops::pad(g.graph, t, {1, 0}, {0, 0}, 1.0f,
                            popops::padding::MappingMethod::NONE);
  const Graph::TileToTensorMapping onZero = g.graph.getTileMapping(zero[0]);
  CHECK(onZero[0] == std::vector<Interval>{{0, 40}});
  const auto firstRow = g.graph.getTileMapping(t[0]);
  const auto lastRow = g.graph.getTileMapping(t[5]);
  REQUIRE(firstRow[0].size() < 40); // the rows are spread over tiles
  CHECK(g.graph.getTileMapping(edge[0]) == firstRow);
  CHECK(g.graph.getTileMapping(edge[1]) == firstRow);
  CHECK(g.graph.getTileMapping(edge[10]) == lastRow);
  bool complete = true;
  g.graph.getTileMapping(none[0], &complete);
  CHECK_FALSE(complete);
}

TEST_CASE("Edge and reflect padding repeat the tensor's own elements",
          "[popops][pad]") {
  TestGraph g;
  Tensor t = g.variable(INT, {4, 6}, "t");
  Sequence prog;
  using popops::padding::Type;
  Tensor edge = popops::pad(t, {2, -1}, {3, 2}, Type::EDGE);
  Tensor reflect = popops::pad(t, {2, 2}, {-1, 5}, Type::REFLECT);
  Tensor reflectOneDim = popops::pad(t.transpose(), 2, 1, 1, Type::REFLECT);
  Runner r(g);
  r.input("t", t, counting(24));
  r.output("edge", copyOf(g, edge, prog, "edge"));
  r.output("reflect", copyOf(g, reflect, prog, "reflect"));
  r.output("reflectOneDim", copyOf(g, reflectOneDim, prog, "reflectOneDim"));
  r.run(prog);
  CHECK(r.read("edge") ==
        padReference(counting(24), 4, 6, {2, -1}, {3, 2}, Mode::Edge));
  CHECK(r.read("reflect") ==
        padReference(counting(24), 4, 6, {2, 2}, {-1, 5}, Mode::Reflect));
  std::vector<double> transposed;
  for (int c = 0; c < 6; ++c)
    for (int row = 0; row < 4; ++row)
      transposed.push_back(row * 6 + c + 1);
  CHECK(r.read("reflectOneDim") ==
        padReference(transposed, 6, 4, {0, 2}, {0, 1}, Mode::Reflect));
}

TEST_CASE("pad names paddings it cannot apply", "[popops][pad][errors]") {
  TestGraph g;
  Tensor t = g.variable(FLOAT, {3, 4});
  using popops::padding::Type;
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::pad(g.graph, t, {1}, {1, 1});
             }),
             Contains("popops::pad") && Contains("{3,4}") &&
                 Contains("2 lower and upper paddings, not 1 and 2"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::pad(g.graph, t, 1, 1, 2); }),
             Contains("dimension 2") && Contains("{3,4}"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::pad(g.graph, t, {-2, 0}, {-2, 0});
             }),
             Contains("(-2, -2) of dimension 0") && Contains("removes 4") &&
                 Contains("only 3"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::pad(g.graph, t, {0, 1}, {0, 0}, g.variable(INT, {}));
             }),
             Contains("padding value") && Contains("type float") &&
                 Contains("type int"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::pad(t, 0, 4, 1, Type::REFLECT); }),
             Contains("reflect padding of 4") && Contains("upper side") &&
                 Contains("dimension 1"));
  Tensor empty = g.variable(FLOAT, {0, 4});
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::pad(empty, 1, 0, 0, Type::EDGE); }),
             Contains("edge padding of dimension 0") && Contains("{0,4}"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::pad(g.graph, empty, 1, 0, 0, 0.0f,
                           popops::padding::MappingMethod::EDGE);
             }),
             Contains("MappingMethod::EDGE") && Contains("is empty"));
  Tensor unmapped = g.graph.addVariable(FLOAT, {2, 2}, "unmapped");
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::pad(g.graph, unmapped, 0, 1, 1, 0.0f,
                           popops::padding::MappingMethod::EDGE);
             }),
             Contains("upper edge of dimension 1") &&
                 Contains("not completely mapped"));
}
