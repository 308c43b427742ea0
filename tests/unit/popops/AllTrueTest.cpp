// popops::allTrue ANDs every element of a bool tensor, wherever it lives,
// and refuses other types.
#include "PopopsHarness.hpp"

#include <popops/AllTrue.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;

TEST_CASE("allTrue is true only when every element over all tiles is",
          "[popops][allTrue]") {
  TestGraph g;
  Tensor all = g.variable(BOOL, {7, 130}, "all");
  Tensor oneFalse = g.variable(BOOL, {7, 130}, "oneFalse");
  Tensor small = g.variable(BOOL, {1}, "small");
  Tensor unmapped = g.graph.addVariable(BOOL, {3, 5}, "unmapped");
  Tensor empty = g.variable(BOOL, {0, 4}, "empty");
  Sequence prog;
  Tensor rAll = popops::allTrue(g.graph, all, prog, "all");
  // A transposed view of a tensor whose last element is false.
  Tensor rOneFalse = popops::allTrue(g.graph, oneFalse.transpose(), prog);
  Tensor rSmall = popops::allTrue(g.graph, small, prog);
  Tensor rBroadcast =
      popops::allTrue(g.graph, all.slice(0, 1, 0).broadcast(6, 0), prog);
  Tensor rUnmapped = popops::allTrue(g.graph, unmapped, prog);
  Tensor rEmpty = popops::allTrue(g.graph, empty, prog);
  CHECK(rAll.elementType() == BOOL);
  CHECK(rAll.rank() == 0);
  Runner r(g);
  r.input("all", all, std::vector<double>(910, 1));
  std::vector<double> lastFalse(910, 1);
  lastFalse.back() = 0;
  r.input("oneFalse", oneFalse, lastFalse);
  r.input("small", small, {0});
  std::vector<double> unmappedValues(15, 1);
  unmappedValues[7] = 0;
  r.input("unmapped", unmapped, unmappedValues);
  for (auto [name, t] : {std::pair{"rAll", rAll},
                         {"rOneFalse", rOneFalse},
                         {"rSmall", rSmall},
                         {"rBroadcast", rBroadcast},
                         {"rUnmapped", rUnmapped},
                         {"rEmpty", rEmpty}})
    r.output(name, t);
  r.run(prog);
  CHECK(r.read("rAll") == std::vector<double>{1});
  CHECK(r.read("rOneFalse") == std::vector<double>{0});
  CHECK(r.read("rSmall") == std::vector<double>{0});
  CHECK(r.read("rBroadcast") == std::vector<double>{1});
  CHECK(r.read("rUnmapped") == std::vector<double>{0});
  CHECK(r.read("rEmpty") == std::vector<double>{1});
}

TEST_CASE("allTrue names a tensor that is not bool",
          "[popops][allTrue][errors]") {
  TestGraph g;
  Tensor ints = g.variable(INT, {2, 3});
  Sequence prog;
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::allTrue(g.graph, ints, prog, "check"); }),
             Contains("popops::allTrue (check)") && Contains("type bool") &&
                 Contains("not int") && Contains("{2,3}"));
}
