// numpy-style broadcasting: the broadcast views hold the right elements
// (checked on the device against a host broadcast), ranks are matched with
// outer singleton dimensions, and shapes that do not broadcast are errors
// naming both shapes.
#include "PoputilHarness.hpp"

#include <poputil/Broadcast.hpp>
#include <poputil/TileMapping.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;
using namespace poputil;
using namespace poputil_test;
using Catch::Matchers::Contains;
using Shape = std::vector<std::size_t>;

namespace {

/// Host broadcast of row-major `values` of `from` to `to`.
std::vector<float> hostBroadcast(const std::vector<float> &values, Shape from,
                                 const Shape &to) {
  from.insert(from.begin(), to.size() - from.size(), 1);
  std::size_t n = 1;
  for (std::size_t d : to)
    n *= d;
  std::vector<float> result(n);
  for (std::size_t i = 0; i != n; ++i) {
    std::size_t rest = i, source = 0, stride = 1;
    for (std::size_t d = to.size(); d-- != 0;) {
      const std::size_t index = rest % to[d];
      rest /= to[d];
      source += (from[d] == 1 ? 0 : index) * stride;
      stride *= from[d];
    }
    result[i] = values[source];
  }
  return result;
}

struct Fixture {
  TestGraph g{4};
  Sequence prog;
  Runner run{g};
  Tensor input(const std::string &name, const Shape &shape, float start) {
    Tensor t = g.graph.addVariable(FLOAT, shape, name);
    mapTensorLinearly(g.graph, t);
    run.input(name, t, iota(t.numElements(), start));
    return t;
  }
  void output(const std::string &name, const Tensor &view) {
    Tensor out = g.graph.addVariable(FLOAT, view.shape(), name);
    mapTensorLinearly(g.graph, out);
    prog.add(Copy(view, out));
    run.output(name, out);
  }
};

} // namespace

TEST_CASE("broadcastToMatch broadcasts two and three tensors",
          "[poputil][broadcast]") {
  Fixture f;
  Tensor a = f.input("a", {3}, 1), b = f.input("b", {2, 1}, 10);
  Tensor c = f.input("c", {1}, 100), d = f.input("d", {4, 1, 1}, 50);
  Tensor a2 = a, b2 = b, a3 = a, b3 = b, d3 = d;
  broadcastToMatch(a2, b2);
  CHECK(a2.shape() == Shape{2, 3});
  CHECK(b2.shape() == Shape{2, 3});
  broadcastToMatch(a3, b3, d3);
  CHECK(d3.shape() == Shape{4, 2, 3});
  Tensor c3 = c, s = f.input("s", {}, 7);
  broadcastToMatch(c3, {2, 2});
  broadcastToMatch(s, {3});
  for (auto &[name, view] :
       std::vector<std::pair<std::string, Tensor>>{{"a2", a2},
                                                   {"b2", b2},
                                                   {"a3", a3},
                                                   {"b3", b3},
                                                   {"d3", d3},
                                                   {"c3", c3},
                                                   {"s", s}})
    f.output(name, view);
  f.run.run(f.prog);
  CHECK(f.run.read("a2") == hostBroadcast(iota(3, 1), {3}, {2, 3}));
  CHECK(f.run.read("b2") == hostBroadcast(iota(2, 10), {2, 1}, {2, 3}));
  CHECK(f.run.read("a3") == hostBroadcast(iota(3, 1), {3}, {4, 2, 3}));
  CHECK(f.run.read("b3") == hostBroadcast(iota(2, 10), {2, 1}, {4, 2, 3}));
  CHECK(f.run.read("d3") == hostBroadcast(iota(4, 50), {4, 1, 1}, {4, 2, 3}));
  CHECK(f.run.read("c3") == std::vector<float>(4, 100));
  CHECK(f.run.read("s") == std::vector<float>(3, 7));
}

TEST_CASE("broadcastToMatch to a shape keeps matching dimensions",
          "[poputil][broadcast]") {
  TestGraph g(4);
  Tensor a = g.graph.addVariable(FLOAT, {3, 1}, "a");
  Tensor same = a;
  broadcastToMatch(same, {3, 1});
  CHECK(same == a);
  broadcastToMatch(a, {2, 3, 4});
  CHECK(a.shape() == Shape{2, 3, 4});
  Tensor empty = g.graph.addVariable(FLOAT, {0}, "empty");
  Tensor e2 = g.graph.addVariable(FLOAT, {2, 1}, "e2");
  broadcastToMatch(empty, e2);
  CHECK(empty.shape() == Shape{2, 0});
  CHECK(e2.shape() == Shape{2, 0});
}

TEST_CASE("expandToMatchRanks adds outer singleton dimensions",
          "[poputil][broadcast]") {
  TestGraph g(4);
  Tensor a = g.graph.addVariable(FLOAT, {3}, "a");
  Tensor b = g.graph.addVariable(FLOAT, {2, 2, 3}, "b");
  Tensor a1 = a, b1 = b;
  expandToMatchRanks(a1, b1);
  CHECK(a1.shape() == Shape{1, 1, 3});
  CHECK(b1 == b);
  Tensor a2 = a, b2 = b;
  expandToMatchRanks(b2, a2);
  CHECK(a2.shape() == Shape{1, 1, 3});
  CHECK(a2.flatten() == a);
  CHECK(canBroadcastToMatch(a, b));
  CHECK(canBroadcastToMatch(b, g.graph.addVariable(FLOAT, {2, 1, 1})));
  CHECK_FALSE(canBroadcastToMatch(b, g.graph.addVariable(FLOAT, {3, 1, 1})));
}

TEST_CASE("Shapes that do not broadcast are errors naming them",
          "[poputil][broadcast][errors]") {
  TestGraph g(4);
  Tensor a = g.graph.addVariable(FLOAT, {3}, "a");
  Tensor b = g.graph.addVariable(FLOAT, {2, 4}, "b");
  Tensor c = g.graph.addVariable(FLOAT, {2, 1}, "c");
  CHECK_THAT(errorOf<poplibs_error>([&] { broadcastToMatch(a, b); }),
             Contains("broadcastToMatch") && Contains("{3}") &&
                 Contains("{2,4}"));
  CHECK_THAT(errorOf<poplibs_error>([&] { broadcastToMatch(c, a, b); }),
             Contains("{2,1}") && Contains("{3}") && Contains("{2,4}"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               broadcastToMatch(a, {2, 4});
             }),
             Contains("shape {3}") && Contains("shape {2,4}") &&
                 Contains("dimension 1 is 3"));
  CHECK_THAT(errorOf<poplibs_error>([&] { broadcastToMatch(b, {4}); }),
             Contains("rank is higher"));
  // A failed match leaves the tensors as they were.
  CHECK(a.shape() == Shape{3});
  CHECK(c.shape() == Shape{2, 1});
}
