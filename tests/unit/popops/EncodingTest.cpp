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
