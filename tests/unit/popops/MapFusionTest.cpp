// popops::map on expression trees: several operators run fused in one
// compute set through a generated codelet (compiled once per expression),
// or one operator at a time with enableGenerateCodelet false; both give
// the same answers as a host evaluation of the same tree.
#include "ElementWiseTestSupport.hpp"

#include <popops/ElementWise.hpp>
#include <poputil/exceptions.hpp>

#include <cmath>
#include <regex>
#include <sstream>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
namespace pe = popops::expr;
using Catch::Matchers::Contains;

namespace {

std::vector<double> ramp(std::size_t n, double start, double step = 1) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = start + step * double(i);
  return v;
}

/// The number of compute sets the profile summary reports.
unsigned computeSetCount(Engine &engine) {
  std::ostringstream summary;
  engine.printProfileSummary(summary);
  std::smatch m;
  const std::string text = summary.str();
  REQUIRE(
      std::regex_search(text, m, std::regex("Compute sets[^0-9]*([0-9]+)")));
  return unsigned(std::stoul(m[1]));
}

} // namespace

TEST_CASE("map fuses a tree of operators into one compute set",
          "[popops][map]") {
  TestGraph g;
  Tensor a = g.variable(FLOAT, {3, 50}, "a");
  Tensor b = g.variable(FLOAT, {50}, "b");
  Sequence prog;
  Tensor out =
      popops::map(g.graph, pe::_1 + 2 * pe::Exp(pe::_2), {a, b}, prog, "fused");
  Runner r(g);
  const std::vector<double> av = ramp(150, -3, 0.25), bv = ramp(50, -1, 0.05);
  r.input("a", a, av);
  r.input("b", b, bv);
  r.output("out", out);
  r.run(prog);
  CHECK(computeSetCount(r.getEngine()) == 1);
  const std::vector<double> got = r.read("out");
  for (std::size_t i = 0; i < 150; ++i) {
    const float want = float(av[i]) + 2.0f * std::exp(float(bv[i % 50]));
    REQUIRE(got[i] == double(want));
  }
}

TEST_CASE("map without fusion runs one compute set per operator, same results",
          "[popops][map]") {
  TestGraph g;
  Tensor a = g.variable(FLOAT, {3, 50}, "a");
  Tensor b = g.variable(FLOAT, {50}, "b");
  Sequence prog;
  Tensor out = popops::map(g.graph, pe::_1 + 2 * pe::Exp(pe::_2), {a, b}, prog,
                           "unfused", {{"enableGenerateCodelet", "false"}});
  Runner r(g);
  const std::vector<double> av = ramp(150, -3, 0.25), bv = ramp(50, -1, 0.05);
  r.input("a", a, av);
  r.input("b", b, bv);
  r.output("out", out);
  r.run(prog);
  CHECK(computeSetCount(r.getEngine()) == 3);
  const std::vector<double> got = r.read("out");
  for (std::size_t i = 0; i < 150; ++i)
    REQUIRE(got[i] ==
            double(float(av[i]) + 2.0f * std::exp(float(bv[i % 50]))));
}

TEST_CASE("fused integer and half expressions with constants, casts and "
          "scalars, in place and with output",
          "[popops][map]") {
  TestGraph g;
  Tensor i1 = g.variable(INT, {40}, "i1"), i2 = g.variable(INT, {40}, "i2");
  Tensor divisor = g.variable(INT, {}, "divisor");
  Tensor h1 = g.variable(HALF, {40}, "h1"), h2 = g.variable(HALF, {40}, "h2");
  Tensor f = g.variable(FLOAT, {40}, "f");
  const auto intExpr = (pe::_1 * pe::_2 + 7) % pe::_3;
  const auto halfExpr = pe::_1 * pe::_1 + pe::_2 * 0.1;
  const auto castExpr =
      pe::Cast(pe::_1, FLOAT) * 0.5f + pe::Cast(pe::_2 > 3, FLOAT);
  Sequence prog;
  Tensor intOut = popops::map(g.graph, intExpr, {i1, i2, divisor}, prog);
  Tensor intOutUnfused = popops::map(g.graph, intExpr, {i1, i2, divisor}, prog,
                                     {}, {{"enableGenerateCodelet", "false"}});
  popops::mapInPlace(g.graph, halfExpr, {h1, h2}, prog);
  popops::mapWithOutput(g.graph, castExpr, {i2, i1}, f, prog);
  Runner r(g);
  const std::vector<double> a = ramp(40, -20), b = ramp(40, 65536, 99991);
  std::vector<double> bi;
  for (double v : b)
    bi.push_back(wrapTo(INT, (long long)v));
  r.input("i1", i1, a);
  r.input("i2", i2, bi);
  r.input("divisor", divisor, {0});
  r.input("h1", h1, ramp(40, -2, 0.1));
  r.input("h2", h2, ramp(40, 3, -0.2));
  r.output("intOut", intOut);
  r.output("intOutUnfused", intOutUnfused);
  r.output("h1", h1);
  r.output("f", f);
  r.run(prog);
  for (std::size_t k = 0; k < 40; ++k) {
    const long long product = (long long)a[k] * (long long)bi[k] + 7;
    // Remainder by zero gives the dividend.
    CHECK(r.read("intOut")[k] == wrapTo(INT, product));
    CHECK(r.read("intOutUnfused")[k] == wrapTo(INT, product));
    const float x = float(asType(HALF, -2 + 0.1 * double(k)));
    const float y = float(asType(HALF, 3 - 0.2 * double(k)));
    // In float, rounded to half once; the constant 0.1 as a half.
    CHECK(r.read("h1")[k] ==
          asType(HALF, double(x * x + y * float(asType(HALF, 0.1)))));
    CHECK(r.read("f")[k] == double(float(bi[k]) * 0.5f + (a[k] > 3 ? 1 : 0)));
  }
}

TEST_CASE("fused expressions whose result type has a two-word name",
          "[popops][map]") {
  TestGraph g;
  Tensor u = g.variable(UNSIGNED_INT, {30}, "u");
  Tensor s = g.variable(INT, {30}, "s");
  Sequence prog;
  Tensor unsignedOut = popops::map(g.graph, pe::_1 + pe::_1 * 2u, {u}, prog);
  Tensor castOut = popops::map(g.graph,
                               pe::Cast(pe::_1 + 1, UNSIGNED_SHORT) *
                                   pe::Const(3, UNSIGNED_SHORT),
                               {s}, prog);
  Runner r(g);
  r.input("u", u, ramp(30, 4000000000.0, 1000));
  r.input("s", s, ramp(30, -5));
  r.output("unsignedOut", unsignedOut);
  r.output("castOut", castOut);
  r.run(prog);
  CHECK(unsignedOut.elementType() == UNSIGNED_INT);
  CHECK(castOut.elementType() == UNSIGNED_SHORT);
  for (std::size_t k = 0; k < 30; ++k) {
    const unsigned x = unsigned(4000000000.0 + 1000.0 * double(k));
    REQUIRE(r.read("unsignedOut")[k] == double(unsigned(x + x * 2u)));
    const auto shortValue = (unsigned short)(int(k) - 5 + 1);
    REQUIRE(r.read("castOut")[k] ==
            double((unsigned short)(shortValue * (unsigned short)3)));
  }
}

TEST_CASE("casts round to half once, fused or one operator at a time",
          "[popops][map]") {
  TestGraph g;
  Tensor f = g.variable(FLOAT, {30}, "f"), h = g.variable(HALF, {30}, "h");
  const auto expr = pe::Cast(pe::_1, HALF) + pe::_2;
  Sequence prog;
  Tensor fused = popops::map(g.graph, expr, {f, h}, prog);
  Tensor unfused = popops::map(g.graph, expr, {f, h}, prog, {},
                               {{"enableGenerateCodelet", "false"}});
  Runner r(g);
  r.input("f", f, ramp(30, -1.0001, 0.0731));
  r.input("h", h, ramp(30, 2, -0.125));
  r.output("fused", fused);
  r.output("unfused", unfused);
  r.run(prog);
  CHECK(fused.elementType() == HALF);
  for (std::size_t k = 0; k < 30; ++k) {
    const float x = float(asType(HALF, -1.0001 + 0.0731 * double(k)));
    const float y = float(2 - 0.125 * double(k));
    const double want = asType(HALF, double(x + y));
    CHECK(r.read("fused")[k] == want);
    CHECK(r.read("unfused")[k] == want);
  }
}

TEST_CASE("map evaluates several expressions and writes its codelet source",
          "[popops][map]") {
  TestGraph g;
  Tensor a = g.variable(FLOAT, {8}, "a"), b = g.variable(FLOAT, {8}, "b");
  Sequence prog;
  const std::vector<Tensor> outs = popops::map(
      g.graph, {pe::Any(pe::_1 + pe::_2), pe::Any(pe::Max(pe::_1, pe::_2))},
      {a, b}, prog);
  REQUIRE(outs.size() == 2);
  std::ostringstream source;
  popops::outputGeneratedCodelet(g.graph.getTarget(), pe::_1 + 2 * pe::_2,
                                 {a, b}, {}, source);
  CHECK_THAT(source.str(),
             Contains("class MapExpr_") && Contains("poplar::MultiVertex") &&
                 Contains("binary<BinaryOpType::MULTIPLY, float>((0x1p+1f)") &&
                 Contains("binary<BinaryOpType::ADD, float>(v1"));
  Runner r(g);
  r.input("a", a, ramp(8, -4));
  r.input("b", b, ramp(8, 3, -1));
  r.output("sum", outs[0]);
  r.output("max", outs[1]);
  r.run(prog);
  for (std::size_t k = 0; k < 8; ++k) {
    CHECK(r.read("sum")[k] == -1);
    CHECK(r.read("max")[k] == std::max(-4.0 + double(k), 3.0 - double(k)));
  }
}

TEST_CASE("expressions copy, compare and print themselves; constants keep "
          "their types",
          "[popops][expr]") {
  const pe::Any e = pe::Tanh(pe::_1 + 2 * pe::_2);
  const pe::Expr &expr = e;
  CHECK(pe::deepEquals(expr, pe::Tanh(pe::_1 + 2 * pe::_2)));
  CHECK_FALSE(pe::deepEquals(expr, pe::Tanh(pe::_1 + 3 * pe::_2)));
  CHECK_FALSE(pe::deepEquals(expr, pe::Tanh(pe::_2 + 2 * pe::_2)));
  std::ostringstream printed;
  printed << expr;
  CHECK(printed.str() == "TANH(ADD(_1, MULTIPLY(2, _2)))");
  CHECK(pe::Const(2).getType() == INT);
  CHECK(pe::Const(2u).getType() == UNSIGNED_INT);
  CHECK(pe::Const(2.5).getType() == FLOAT);
  CHECK(pe::Const(true).getType() == BOOL);
  CHECK(pe::Const(7, HALF).getType() == HALF);
  CHECK(pe::ConstHalf(1.5f).getType() == HALF);
  using popops::expr::operator""_half;
  CHECK((1.5_half).getDataAsDouble() == 1.5);
  CHECK(pe::Const(-3).printValue() == "-3");
  CHECK((pe::_1 << 2).getOpType() == pe::BinaryOpType::SHIFT_LEFT);
  CHECK((!pe::_1).getOpType() == pe::UnaryOpType::LOGICAL_NOT);
  CHECK((~pe::_1).getOpType() == pe::UnaryOpType::BITWISE_NOT);
  CHECK((-pe::_1).getOpType() == pe::UnaryOpType::NEGATE);
  CHECK((pe::_1 && pe::_2).getOpType() == pe::BinaryOpType::LOGICAL_AND);
  CHECK((3 != pe::_2).getOpType() == pe::BinaryOpType::NOT_EQUAL);
  CHECK(pe::_20.getIndex() == 20);
}

TEST_CASE("map names missing tensors, bad constants and unknown options",
          "[popops][map][errors]") {
  TestGraph g;
  Tensor a = g.variable(INT, {4}), b = g.variable(INT, {4});
  Sequence prog;
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::map(g.graph, pe::_1 + pe::_3, {a, b}, prog, "three");
             }),
             Contains("popops::map (three)") && Contains("_3") &&
                 Contains("2 tensor(s)"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::map(g.graph, pe::_1 + 2.5, {a}, prog); }),
             Contains("2.5") && Contains("type int"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               popops::map(g.graph, pe::_1 + 1, {a}, prog, {},
                           {{"enableFusion", "true"}});
             }),
             Contains("enableFusion") && Contains("enableGenerateCodelet"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               popops::map(g.graph, pe::_1 + 1, {a}, prog, {},
                           {{"enableGenerateCodelet", "yes"}});
             }),
             Contains("true or false") && Contains("yes"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::mapWithOutput(g.graph, std::vector<pe::Any>{pe::_1}, {a},
                                     std::vector<Tensor>{}, prog);
             }),
             Contains("1 expressions but 0 outputs"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::map(g.graph, pe::Exp(pe::_1) + 1, {a}, prog); }),
             Contains("EXPONENT") && Contains("int"));
}
