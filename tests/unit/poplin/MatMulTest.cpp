// poplin matrix products against a host reference on small simulated IPUs:
// plain, grouped, with output, accumulating; operands made by poplin, mapped
// linearly, or transposed views; FLOAT and HALF; plans that split K; the
// planner's estimate against the simulator's cycles; the planning cache and
// every error path.
#include "PoplinHarness.hpp"

#include <poplin/MatMul.hpp>
#include <poputil/exceptions.hpp>

#include <cmath>
#include <sstream>

using namespace poplar;
using namespace poplar::program;
using poplin_test::values;
using popops_test::errorOf;
using popops_test::Runner;
using popops_test::TestGraph;


namespace {

struct LinGraph : poplin_test::LinGraph {
  explicit LinGraph(unsigned tiles = 4) : poplin_test::LinGraph(tiles) {}
};

/// C[g] = A[g] * B[g] in double, with the sum of |a||b| for the tolerance.
struct HostProduct {
  std::vector<double> c, magnitude;
};
HostProduct hostProduct(const std::vector<double> &a,
                        const std::vector<double> &b, std::size_t groups,
                        std::size_t m, std::size_t k, std::size_t n,
                        bool aTransposed = false) {
  HostProduct r;
  r.c.assign(groups * m * n, 0);
  r.magnitude.assign(groups * m * n, 0);
  for (std::size_t g = 0; g < groups; ++g)
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = 0; j < n; ++j)
        for (std::size_t x = 0; x < k; ++x) {
          const double av =
              aTransposed ? a[(g * k + x) * m + i] : a[(g * m + i) * k + x];
          const double bv = b[(g * k + x) * n + j];
          r.c[(g * m + i) * n + j] += av * bv;
          r.magnitude[(g * m + i) * n + j] += std::fabs(av * bv);
        }
  return r;
}

void requireClose(const std::vector<double> &got, const HostProduct &want,
                  double relative) {
  REQUIRE(got.size() == want.c.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("element " << i);
    REQUIRE(std::fabs(got[i] - want.c[i]) <=
            relative * want.magnitude[i] + 1e-30);
  }
}

std::string planOf(const Graph &graph, const Type &in, const Type &out,
                   std::vector<std::size_t> a, std::vector<std::size_t> b,
                   const OptionFlags &options = {}) {
  std::ostringstream s;
  if (a.size() == 3)
    poplin::matMulGroupedReportPlan(s, graph, in, out, a, b, options);
  else
    poplin::matMulReportPlan(s, graph, in, out, a, b, options);
  return s.str();
}

/// Runs C = A * B with operands made by poplin and checks it.
void checkProduct(unsigned tiles, std::size_t m, std::size_t k, std::size_t n,
                  const Type &inType, const Type &outType, double relative,
                  const OptionFlags &options = {}) {
  LinGraph g(tiles);
  Tensor a = poplin::createMatMulInputLHS(g.graph, inType, outType, {m, k},
                                          {k, n}, "A", options);
  Tensor b = poplin::createMatMulInputRHS(g.graph, inType, outType, {m, k},
                                          {k, n}, "B", options);
  Sequence prog;
  Tensor c = poplin::matMul(g.graph, a, b, prog, outType, "C", options);
  REQUIRE(c.shape() == std::vector<std::size_t>{m, n});
  REQUIRE(c.elementType() == outType);
  Runner r(g);
  auto av = values(m * k, 1), bv = values(k * n, 2);
  r.input("a", a, av);
  r.input("b", b, bv);
  r.output("c", c);
  r.run(prog);
  requireClose(r.read("c"), hostProduct(av, bv, 1, m, k, n), relative);
}

} // namespace

TEST_CASE("matMul matches the host for FLOAT shapes of every kind",
          "[poplin][matmul]") {
  checkProduct(4, 5, 7, 3, FLOAT, FLOAT, 1e-6);
  checkProduct(16, 33, 65, 17, FLOAT, FLOAT, 1e-6);
  checkProduct(4, 1, 40, 1, FLOAT, FLOAT, 1e-6);
  checkProduct(8, 64, 1, 48, FLOAT, FLOAT, 1e-6);
}

TEST_CASE("matMul splits K over tiles and sums the partials",
          "[poplin][matmul]") {
  LinGraph g(16);
  const std::string plan = planOf(g.graph, FLOAT, FLOAT, {2, 4096}, {4096, 2});
  INFO(plan);
  REQUIRE(plan.find("K 1 ") == std::string::npos);
  REQUIRE(plan.find("partial sums") != std::string::npos);
  checkProduct(16, 2, 4096, 2, FLOAT, FLOAT, 1e-6);
  // Half partials are exchanged and summed as half.
  checkProduct(16, 2, 4096, 2, FLOAT, FLOAT, 2e-3, {{"partialsType", "half"}});
}

TEST_CASE("matMul takes HALF operands, with HALF or FLOAT results",
          "[poplin][matmul]") {
  checkProduct(8, 12, 40, 20, HALF, FLOAT, 1e-6);
  checkProduct(8, 12, 40, 20, HALF, HALF, 1e-3);
  checkProduct(8, 12, 40, 20, FLOAT, HALF, 1e-3);
}

TEST_CASE("matMul gathers operands of any layout, including transposed views",
          "[poplin][matmul]") {
  LinGraph g(6);
  const std::size_t m = 9, k = 14, n = 11;
  Tensor aT = g.variable(FLOAT, {k, m}, "aT"); // used as aT^T
  Tensor b = g.variable(FLOAT, {k, n}, "b");
  Sequence prog;
  Tensor c = poplin::matMul(g.graph, aT.transpose(), b, prog, "C");
  Runner r(g);
  auto av = values(k * m, 3), bv = values(k * n, 4);
  r.input("aT", aT, av);
  r.input("b", b, bv);
  r.output("c", c);
  r.run(prog);
  requireClose(r.read("c"), hostProduct(av, bv, 1, m, k, n, true), 1e-6);
}

TEST_CASE("matMulGrouped multiplies each group", "[poplin][matmul]") {
  LinGraph g(8);
  const std::size_t groups = 3, m = 6, k = 10, n = 5;
  Tensor a = poplin::createMatMulGroupedInputLHS(
      g.graph, FLOAT, FLOAT, {groups, m, k}, {groups, k, n}, "A");
  Tensor b = poplin::createMatMulGroupedInputRHS(
      g.graph, FLOAT, FLOAT, {groups, m, k}, {groups, k, n}, "B");
  Sequence prog;
  Tensor c = poplin::matMulGrouped(g.graph, a, b, prog, FLOAT, "C");
  REQUIRE(c.shape() == std::vector<std::size_t>{groups, m, n});
  Tensor out = poplin::createMatMulGroupedOutput(
      g.graph, FLOAT, FLOAT, {groups, m, k}, {groups, k, n}, "out");
  poplin::matMulGroupedWithOutput(g.graph, a, b, out, prog);
  Runner r(g);
  auto av = values(groups * m * k, 5), bv = values(groups * k * n, 6);
  r.input("a", a, av);
  r.input("b", b, bv);
  r.output("c", c);
  r.output("out", out);
  r.run(prog);
  const HostProduct want = hostProduct(av, bv, groups, m, k, n);
  requireClose(r.read("c"), want, 1e-6);
  requireClose(r.read("out"), want, 1e-6);
  REQUIRE(poplin::transposeGroupedMatrix(a).shape() ==
          std::vector<std::size_t>{groups, k, m});
}

TEST_CASE("matMulWithOutput and matMulAcc write into the caller's tensor",
          "[poplin][matmul]") {
  LinGraph g(4);
  const std::size_t m = 7, k = 9, n = 6;
  Tensor a = g.variable(FLOAT, {m, k}, "a");
  Tensor b = g.variable(FLOAT, {k, n}, "b");
  Tensor out = g.variable(FLOAT, {m, n}, "out");
  Tensor acc = g.variable(FLOAT, {m, n}, "acc");
  Tensor acc2 =
      poplin::createMatMulOutput(g.graph, FLOAT, {m, k}, {k, n}, "acc2");
  Tensor scale = g.variable(FLOAT, {1}, "scale");
  Sequence prog;
  poplin::matMulWithOutput(g.graph, a, b, out, prog);
  poplin::matMulAcc(g.graph, acc, 0.5f, a, b, prog);
  poplin::matMulAcc(g.graph, acc2, scale, a, b, prog);
  Runner r(g);
  auto av = values(m * k, 7), bv = values(k * n, 8);
  auto accv = values(m * n, 9);
  r.input("a", a, av);
  r.input("b", b, bv);
  r.input("acc", acc, accv);
  r.input("acc2", acc2, accv);
  r.input("scale", scale, {-2.0});
  r.output("out", out);
  r.output("acc", acc);
  r.output("acc2", acc2);
  r.run(prog);
  HostProduct want = hostProduct(av, bv, 1, m, k, n);
  requireClose(r.read("out"), want, 1e-6);
  HostProduct half = want, twice = want;
  for (std::size_t i = 0; i < want.c.size(); ++i) {
    half.c[i] = accv[i] + 0.5 * want.c[i];
    twice.c[i] = accv[i] - 2.0 * want.c[i];
    twice.magnitude[i] = 2 * want.magnitude[i] + std::fabs(accv[i]);
    half.magnitude[i] = want.magnitude[i] + std::fabs(accv[i]);
  }
  requireClose(r.read("acc"), half, 1e-6);
  requireClose(r.read("acc2"), twice, 1e-6);
}

TEST_CASE("matMul's planned operands and result cover every tile they use",
          "[poplin][matmul]") {
  LinGraph g(16);
  Tensor a =
      poplin::createMatMulInputLHS(g.graph, FLOAT, {64, 64}, {64, 64}, "A");
  Tensor b =
      poplin::createMatMulInputRHS(g.graph, FLOAT, {64, 64}, {64, 64}, "B");
  Tensor c =
      poplin::createMatMulOutput(g.graph, FLOAT, {64, 64}, {64, 64}, "C");
  for (const Tensor &t : {a, b, c}) {
    auto mapping = g.graph.getTileMapping(t);
    std::size_t mapped = 0, tilesUsed = 0;
    for (const auto &intervals : mapping) {
      tilesUsed += !intervals.empty();
      for (const auto &iv : intervals)
        mapped += iv.size();
    }
    REQUIRE(mapped == t.numElements());
    REQUIRE(tilesUsed == 16);
  }
}

TEST_CASE("the planner's estimate is the simulator's cycles, near enough",
          "[poplin][matmul]") {
  LinGraph g(64);
  const std::size_t m = 96, k = 128, n = 80;
  Tensor a = poplin::createMatMulInputLHS(g.graph, FLOAT, {m, k}, {k, n}, "A");
  Tensor b = poplin::createMatMulInputRHS(g.graph, FLOAT, {m, k}, {k, n}, "B");
  Sequence prog;
  poplin::matMul(g.graph, a, b, prog, "C");
  const std::string plan = planOf(g.graph, FLOAT, FLOAT, {m, k}, {k, n});
  const std::size_t at = plan.find("total ");
  REQUIRE(at != std::string::npos);
  const double estimate = std::stod(plan.substr(at + 6));
  Engine engine(g.graph, prog);
  engine.load(g.device);
  engine.run(0);
  const double simulated = double(engine.getCycleCount());
  INFO(plan << "simulated " << simulated);
  REQUIRE(simulated >= 0.8 * estimate);
  REQUIRE(simulated <= 1.25 * estimate);
}

TEST_CASE("a planning cache keeps one plan per shape and preplans",
          "[poplin][matmul]") {
  LinGraph g(8);
  poplin::PlanningCache cache;
  Sequence prog;
  Tensor a = g.variable(FLOAT, {8, 8}, "a");
  poplin::matMul(g.graph, a, a, prog, "x", {}, &cache);
  REQUIRE(cache.size() == 1);
  poplin::matMul(g.graph, a, a, prog, "y", {}, &cache);
  REQUIRE(cache.size() == 1);
  poplin::matmul::PlanningCache legacy;
  OptionFlags options{{"availableMemoryProportion", "0.3"}};
  const Target &target = g.graph.getTarget();
  std::set<poplin::MatMulPlanParams> plans{
      {&target, poplin::MatMulParams{FLOAT, FLOAT, {8, 16}, {16, 4}}, &options},
      {&target, poplin::MatMulParams{HALF, FLOAT, {2, 8, 16}, {2, 16, 4}},
       nullptr}};
  poplin::preplanMatMuls(plans, legacy);
  REQUIRE(legacy.size() == 2);
}

TEST_CASE("matMul's errors name the operation, the shapes and the fix",
          "[poplin][matmul][errors]") {
  LinGraph g(4);
  Sequence prog;
  Tensor a = g.variable(FLOAT, {4, 5}, "a");
  Tensor b = g.variable(FLOAT, {6, 3}, "b");
  Tensor h = g.variable(HALF, {5, 3}, "h");
  std::string msg = errorOf<poputil::poplibs_error>(
      [&] { poplin::matMul(g.graph, a, b, prog); });
  CHECK(msg.find("poplin::matMul") != std::string::npos);
  CHECK(msg.find("{4, 5}") != std::string::npos);
  CHECK(msg.find("{6, 3}") != std::string::npos);
  msg = errorOf<poputil::poplibs_error>(
      [&] { poplin::matMul(g.graph, a, h, prog); });
  CHECK(msg.find("one type") != std::string::npos);
  msg = errorOf<poputil::poplibs_error>(
      [&] { poplin::matMul(g.graph, a.flatten(), b, prog); });
  CHECK(msg.find("A {m, k} and B {k, n}") != std::string::npos);
  Tensor ga = g.variable(FLOAT, {2, 4, 5}, "ga");
  Tensor gb = g.variable(FLOAT, {3, 5, 2}, "gb");
  msg = errorOf<poputil::poplibs_error>(
      [&] { poplin::matMulGrouped(g.graph, ga, gb, prog, FLOAT); });
  CHECK(msg.find("groups") != std::string::npos);
  Tensor good = g.variable(FLOAT, {5, 3}, "good");
  Tensor wrongOut = g.variable(FLOAT, {4, 4}, "wrongOut");
  msg = errorOf<poputil::poplibs_error>(
      [&] { poplin::matMulWithOutput(g.graph, a, good, wrongOut, prog); });
  CHECK(msg.find("{4, 3}") != std::string::npos);
  msg = errorOf<poputil::poplibs_error>(
      [&] { poplin::matMulAcc(g.graph, wrongOut, 1.0f, a, good, prog); });
  CHECK(msg.find("C is {4, 4}") != std::string::npos);
  Tensor ints = g.variable(INT, {4, 5}, "ints");
  msg = errorOf<poputil::poplibs_error>(
      [&] { poplin::matMul(g.graph, ints, ints.transpose(), prog); });
  CHECK(msg.find("float or half") != std::string::npos);

  msg = errorOf<invalid_option>([&] {
    poplin::matMul(g.graph, a, good, prog, "",
                   {{"availableMemoryProportion", "1.5"}});
  });
  CHECK(msg.find("from 0 to 1") != std::string::npos);
  msg = errorOf<invalid_option>([&] {
    poplin::matMul(g.graph, a, good, prog, "", {{"partialsType", "int"}});
  });
  CHECK(msg.find("float or half") != std::string::npos);
  msg = errorOf<invalid_option>([&] {
    poplin::matMul(g.graph, a, good, prog, "",
                   {{"fullyConnectedPass", "TRAINING"}});
  });
  CHECK(msg.find("TRAINING_WU") != std::string::npos);
  msg = errorOf<invalid_option>([&] {
    poplin::matmulValidateOptions({{"planType", "fast"}});
  });
  CHECK(msg.find("unknown option 'planType'") != std::string::npos);

  TestGraph bare(4);
  Tensor x = bare.variable(FLOAT, {4, 5}, "x");
  Tensor y = bare.variable(FLOAT, {5, 3}, "y");
  msg = errorOf<unknown_vertex_type>(
      [&] { poplin::matMul(bare.graph, x, y, prog); });
  CHECK(msg.find("poplin::addCodelets") != std::string::npos);
}
