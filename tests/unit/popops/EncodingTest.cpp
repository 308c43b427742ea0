// popops::iota writes consecutive integers wherever the tensor lives, and
// refuses tensors it cannot fill.
#include "PopopsHarness.hpp"

#include <popops/Encoding.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;

TEST_CASE("iota counts up from its start over tiles, for int and unsigned",
          "[popops][iota]") {
  TestGraph g;
  Tensor u = g.variable(UNSIGNED_INT, {1000}, "u");
  Tensor s = g.variable(INT, {100}, "s");
  Sequence prog;
  popops::iota(g.graph, u, 7u, prog, "countUp");
  popops::iota(g.graph, s, -50, prog);
  Runner r(g);
  r.output("u", u);
  r.output("s", s);
  r.run(prog);
  const std::vector<double> got = r.read("u"), gotSigned = r.read("s");
  for (std::size_t i = 0; i < got.size(); ++i)
    REQUIRE(got[i] == double(7 + i));
  for (std::size_t i = 0; i < gotSigned.size(); ++i)
    REQUIRE(gotSigned[i] == double(int(i) - 50));
}

TEST_CASE("iota follows a reversed, partly unmapped layout", "[popops][iota]") {
  TestGraph g;
  Tensor t = g.graph.addVariable(UNSIGNED_INT, {64}, "t");
  g.graph.setTileMapping(t.slice(0, 20), 3);
  Tensor view = t.reverse(0); // element i of the view is t[63 - i]
  Sequence prog;
  popops::iota(g.graph, view, 0u, prog);
  Runner r(g);
  r.output("t", t);
  r.run(prog);
  const std::vector<double> got = r.read("t");
  for (std::size_t i = 0; i < got.size(); ++i)
    REQUIRE(got[i] == double(63 - i));
}

TEST_CASE("iota names the tensor's shape or type it cannot fill",
          "[popops][iota][errors]") {
  TestGraph g;
  Tensor square = g.variable(UNSIGNED_INT, {4, 4});
  Tensor floats = g.variable(FLOAT, {4});
  Sequence prog;
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::iota(g.graph, square, 0u, prog, "ids"); }),
             Contains("popops::iota (ids)") && Contains("{4,4}"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::iota(g.graph, floats, 0, prog); }),
             Contains("type int") && Contains("not float"));
}

TEST_CASE("Without addCodelets, iota says to call it", "[popops][errors]") {
  Device device = TestGraph::makeDevice(2);
  Graph graph(device.getTarget());
  Tensor t = graph.addVariable(INT, {8}, "t");
  graph.setTileMapping(t, 0);
  Sequence prog;
  CHECK_THAT(
      errorOf<unknown_vertex_type>([&] { popops::iota(graph, t, 0, prog); }),
      Contains("popops::iota") && Contains("popops::addCodelets(graph)"));
}

namespace {

/// The one-hot encoding of `indices` with `columns` columns, as the device
/// writes it: an index that is no column gives a row of `off`.
std::vector<double> oneHotReference(const std::vector<double> &indices,
                                    std::size_t columns, double on,
                                    double off) {
  std::vector<double> expected;
  for (double index : indices)
    for (std::size_t c = 0; c < columns; ++c)
      expected.push_back(index == double(c) ? on : off);
  return expected;
}

} // namespace

TEST_CASE("encodeOneHot writes one hot element per row over tiles",
          "[popops][encodeOneHot]") {
  const std::size_t rows = 37, columns = 29;
  for (const Type &indexType : {UNSIGNED_INT, INT})
    for (const Type &type : {FLOAT, HALF, INT, UNSIGNED_INT}) {
      DYNAMIC_SECTION(indexType.toString() << " to " << type.toString()) {
        TestGraph g;
        Tensor indices = g.variable(indexType, {rows}, "indices");
        Tensor encoded = g.variable(type, {rows, columns}, "encoded");
        // The same encoding into the transpose of a column-major tensor.
        Tensor columnMajor = g.variable(type, {columns, rows}, "columnMajor");
        Tensor withOnOff = g.variable(type, {rows, columns}, "withOnOff");
        Tensor on = g.graph.addConstant(type, {1}, 7);
        Tensor off = g.variable(type, {}, "off");
        g.graph.setTileMapping(on, 1);
        Sequence prog;
        popops::encodeOneHot(g.graph, indices, encoded, prog, "oneHot");
        popops::encodeOneHot(g.graph, indices, columnMajor.transpose(), prog);
        popops::encodeOneHot(g.graph, indices, withOnOff, prog, on, off);
        std::vector<double> indexValues;
        for (std::size_t i = 0; i < rows; ++i)
          indexValues.push_back(double((i * 5) % (columns + 3)));
        indexValues[3] = indexType == INT ? -1 : double(MASKED_LABEL_CODE);
        indexValues[4] = double(columns); // one past the last column
        Runner r(g);
        r.input("indices", indices, indexValues);
        r.input("off", off, {3});
        r.output("encoded", encoded);
        r.output("columnMajor", columnMajor);
        r.output("withOnOff", withOnOff);
        r.run(prog);
        CHECK(r.read("encoded") == oneHotReference(indexValues, columns, 1, 0));
        std::vector<double> transposed(rows * columns);
        const std::vector<double> got = r.read("columnMajor");
        for (std::size_t i = 0; i < rows; ++i)
          for (std::size_t c = 0; c < columns; ++c)
            transposed[i * columns + c] = got[c * rows + i];
        CHECK(transposed == oneHotReference(indexValues, columns, 1, 0));
        CHECK(r.read("withOnOff") ==
              oneHotReference(indexValues, columns, 7, 3));
      }
    }
}

TEST_CASE("encodeOneHot names the shapes and types it cannot encode",
          "[popops][encodeOneHot][errors]") {
  TestGraph g;
  Tensor indices = g.variable(UNSIGNED_INT, {4});
  Tensor encoded = g.variable(FLOAT, {4, 3});
  Sequence prog;
  auto message = [&](const Tensor &i, const Tensor &e) {
    return errorOf<poputil::poplibs_error>(
        [&] { popops::encodeOneHot(g.graph, i, e, prog, "enc"); });
  };
  CHECK_THAT(message(g.variable(FLOAT, {4}), encoded),
             Contains("popops::encodeOneHot (enc)") &&
                 Contains("unsigned int or int, not float"));
  CHECK_THAT(message(indices, g.variable(BOOL, {4, 3})),
             Contains("float, half, int or unsigned int, not bool"));
  CHECK_THAT(message(indices, g.variable(FLOAT, {5, 3})),
             Contains("{N, C}") && Contains("{4}") && Contains("{5,3}"));
  CHECK_THAT(message(indices, g.variable(FLOAT, {12})), Contains("{12}"));
  Tensor on = g.variable(FLOAT, {2}), off = g.variable(HALF, {});
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::encodeOneHot(g.graph, indices, encoded, prog, on,
                                    g.variable(FLOAT, {}));
             }),
             Contains("'on'") && Contains("{2}"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::encodeOneHot(g.graph, indices, encoded, prog,
                                    g.variable(FLOAT, {1}), off);
             }),
             Contains("'off'") && Contains("type half"));
}
