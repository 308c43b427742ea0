// popops::rearrange: regrouped tensors hold the same values with the new
// grouping where the data lived; partialTranspose transposes; groupings are
// detected from memory; bad groupings and types are named.
#include "PopopsHarness.hpp"

#include <popops/Rearrange.hpp>
#include <poputil/VarStructure.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using namespace popops::rearrange;
using Catch::Matchers::Contains;
using poputil::GroupingInfo;

namespace {

std::vector<double> counting(std::size_t n) {
  std::vector<double> values(n);
  for (std::size_t i = 0; i < n; ++i)
    values[i] = double(i % 1000);
  return values;
}

/// The innermost grouping detectDimGroupings reports (the one regrouping
/// acts on), or none.
std::vector<GroupingInfo> groupings(TestGraph &g, const Tensor &t) {
  std::vector<GroupingInfo> all = poputil::detectDimGroupings(g.graph, t);
  if (all.size() > 1)
    all.resize(1);
  return all;
}

} // namespace

TEST_CASE("detectDimGroupings finds the dimension laid out side by side",
          "[popops][rearrange]") {
  TestGraph g;
  Tensor rowMajor = g.graph.addVariable(FLOAT, {32, 16}, "rowMajor");
  poputil::mapTensorLinearly(g.graph, rowMajor, 8, 8);
  Tensor columnMajor = g.graph.addVariable(FLOAT, {16, 32}, "columnMajor");
  poputil::mapTensorLinearly(g.graph, columnMajor, 8, 8);
  Tensor scattered = g.variable(FLOAT, {4, 4}).reverse(1);
  CHECK(groupings(g, rowMajor) == std::vector<GroupingInfo>{{1, 16}});
  CHECK(groupings(g, columnMajor.transpose()) ==
        std::vector<GroupingInfo>{{0, 32}});
  CHECK(groupings(g, scattered).empty());
  CHECK(poputil::detectInnermostGrouping(g.graph, rowMajor) == 16);
  CHECK(poputil::detectInnermostGrouping(g.graph, scattered) == 1);
}

TEST_CASE("regroupTensor keeps the values, gives the grouping, stays on tile",
          "[popops][rearrange]") {
  for (const Type &type : {FLOAT, HALF, INT}) {
    DYNAMIC_SECTION(type.toString()) {
      TestGraph g;
      Tensor in = g.graph.addVariable(type, {2, 32, 16}, "in");
      poputil::mapTensorLinearly(g.graph, in, 16, 16);
      Sequence prog;
      ComputeSet cs = g.graph.addComputeSet("transpose");
      Sequence copies;
      Tensor across =
          regroupTensor(g.graph, in, copies, cs, {2, 16}, {1, 8}, "regroup");
      std::vector<Copy> copyList;
      Tensor within = regroupTensor(g.graph, in, copyList, cs, {2, 16}, {2, 4});
      prog.add(copies);
      for (const Copy &copy : copyList)
        prog.add(copy);
      prog.add(Execute(cs));
      CHECK(groupings(g, across) == std::vector<GroupingInfo>{{1, 8}});
      // Groups of 16 side by side are also groups of 4.
      REQUIRE(groupings(g, within).size() == 1);
      CHECK(groupings(g, within)[0].first == 2);
      CHECK(groupings(g, within)[0].second % 4 == 0);
      CHECK(g.graph.getTileMapping(across) == g.graph.getTileMapping(in));
      CHECK(g.graph.getTileMapping(within) == g.graph.getTileMapping(in));
      Runner r(g);
      r.input("in", in, counting(1024));
      r.output("across", across);
      r.output("within", within);
      r.run(prog);
      CHECK(r.read("across") == counting(1024));
      CHECK(r.read("within") == counting(1024));
    }
  }
}

TEST_CASE("regroupIfPossible and regroupIfBeneficial regroup only when worth "
          "it",
          "[popops][rearrange]") {
  TestGraph g;
  Tensor in = g.graph.addVariable(HALF, {32, 16}, "in");
  poputil::mapTensorLinearly(g.graph, in, 16, 16);
  Tensor ref = g.graph.addVariable(HALF, {16, 32}, "ref");
  poputil::mapTensorLinearly(g.graph, ref, 32, 32);
  Tensor tall = g.graph.addVariable(INT, {12, 8}, "tall");
  poputil::mapTensorLinearly(g.graph, tall, 96, 96);
  Sequence prog;
  Tensor possible = regroupIfPossible(g.graph, in, prog, {0, 4});
  Tensor unchanged = regroupIfPossible(g.graph, in, prog, {1, 4});
  Tensor likeRef = regroupIfBeneficial(g.graph, in, ref.transpose(), prog);
  Tensor preferred = regroupIfBeneficial(g.graph, tall.transpose(), 4, prog);
  CHECK(groupings(g, possible) == std::vector<GroupingInfo>{{0, 4}});
  Tensor alreadyLikeRef = regroupIfBeneficial(g.graph, in, in, prog);
  CHECK(unchanged.getVarRegions() == in.getVarRegions());
  CHECK(alreadyLikeRef.getVarRegions() == in.getVarRegions());
  CHECK(groupings(g, likeRef) == std::vector<GroupingInfo>{{0, 32}});
  CHECK(groupings(g, preferred) == std::vector<GroupingInfo>{{1, 4}});
  Runner r(g);
  r.input("in", in, counting(512));
  r.input("tall", tall, counting(96));
  r.output("possible", possible);
  r.output("likeRef", likeRef);
  r.output("preferred", preferred);
  r.run(prog);
  CHECK(r.read("possible") == counting(512));
  CHECK(r.read("likeRef") == counting(512));
  std::vector<double> transposed;
  for (std::size_t c = 0; c < 8; ++c)
    for (std::size_t row = 0; row < 12; ++row)
      transposed.push_back(double(row * 8 + c));
  CHECK(r.read("preferred") == transposed);
}

TEST_CASE("partialTranspose transposes the two innermost dimensions",
          "[popops][rearrange]") {
  TestGraph g;
  Tensor in = g.variable(UNSIGNED_INT, {3, 4, 6}, "in");
  ComputeSet cs = g.graph.addComputeSet("transpose");
  Tensor out = partialTranspose(g.graph, in, cs);
  CHECK(out.shape() == std::vector<std::size_t>{3, 6, 4});
  Runner r(g);
  r.input("in", in, counting(72));
  r.output("out", out);
  r.run(Execute(cs));
  std::vector<double> expected;
  for (std::size_t m = 0; m < 3; ++m)
    for (std::size_t c = 0; c < 6; ++c)
      for (std::size_t row = 0; row < 4; ++row)
        expected.push_back(double(m * 24 + row * 6 + c));
  CHECK(r.read("out") == expected);
  CHECK(canUseFastTranspose(g.graph.getTarget(), HALF, 8, 4, 2));
  CHECK_FALSE(canUseFastTranspose(g.graph.getTarget(), HALF, 6, 4, 2));
  CHECK(getMinimumRegroupGrainSize(FLOAT) == 2);
  CHECK(getMinimumRegroupGrainSize(HALF) == 4);
}

TEST_CASE("Regrouping names the groupings, shapes and types it cannot take",
          "[popops][rearrange][errors]") {
  TestGraph g;
  Tensor t = g.variable(FLOAT, {8, 6});
  ComputeSet cs = g.graph.addComputeSet("cs");
  Sequence prog;
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               regroupTensor(g.graph, t, prog, cs, {1, 4}, {0, 2}, "rg");
             }),
             Contains("popops::rearrange::regroupTensor (rg)") &&
                 Contains("'from' grouping {1, 4}") && Contains("{8,6}"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               regroupTensor(g.graph, t, prog, cs, {1, 2}, {2, 2});
             }),
             Contains("'to' grouping {2, 2}"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               regroupTensor(g.graph, g.variable(BOOL, {4, 4}), prog, cs,
                             {1, 2}, {0, 2});
             }),
             Contains("type bool cannot be regrouped"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               regroupIfBeneficial(g.graph, t, g.variable(FLOAT, {6, 8}), prog);
             }),
             Contains("regroupIfBeneficial") && Contains("{6,8}") &&
                 Contains("same shape"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { regroupIfBeneficial(g.graph, t, 4, prog); }),
             Contains("preferred grouping 4") && Contains("{8,6}"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               partialTranspose(g.graph, g.variable(FLOAT, {4}), cs);
             }),
             Contains("partialTranspose") && Contains("{4}"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               partialTranspose(g.graph, g.variable(BOOL, {2, 2}), cs, "pt");
             }),
             Contains("partialTranspose (pt)") &&
                 Contains("type bool cannot be transposed"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               addTransposeVertices(
                   g.graph, cs, BOOL, 2, 2, g.graph.getTileMapping(t),
                   [&](std::size_t) {
                     return std::pair<const Tensor, const Tensor>(t[0], t[1]);
                   });
             }),
             Contains("addTransposeVertices") && Contains("type bool"));
}
