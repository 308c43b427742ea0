// popops::cast converts between every pair of element types as its header
// defines (to bool != 0, floating to integer truncated and saturated, NaN
// to 0, integers wrapped, half rounded to nearest even), in every overload,
// wherever the tensors live; checkAccuracyWhenCast; and the errors.
#include "PopopsHarness.hpp"

#include <popops/Cast.hpp>
#include <poputil/exceptions.hpp>

#include <cmath>
#include <limits>
#include <map>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;

namespace {

const std::vector<Type> allTypes = {
    FLOAT,          HALF, INT,         UNSIGNED_INT,  SHORT,
    UNSIGNED_SHORT, CHAR, SIGNED_CHAR, UNSIGNED_CHAR, BOOL};

const double nan = std::numeric_limits<double>::quiet_NaN();
const double inf = std::numeric_limits<double>::infinity();

/// Values each source type can hold, including its extremes.
std::vector<double> valuesOf(const Type &type) {
  if (type == FLOAT || type == HALF)
    return {0,     1.5,    -1.5,     -2.7,  3.99,  200.5, -129.5,
            255.9, 300.25, -70000.5, 65504, 65520, 1e10,  -1e10,
            3e9,   nan,    inf,      -inf,  1e-8,  2049};
  if (type == INT)
    return {0,     1,     -1,     127,        -128,        255,     256,
            65535, 65536, -70000, 2147483647, -2147483648, 16777217};
  if (type == UNSIGNED_INT)
    return {0, 1, 255, 256, 65535, 70000, 4294967295, 2147483648};
  if (type == SHORT)
    return {0, -1, 127, -129, 32767, -32768, 255};
  if (type == UNSIGNED_SHORT)
    return {0, 1, 255, 256, 65535};
  if (type == UNSIGNED_CHAR)
    return {0, 1, 128, 255};
  if (type == BOOL)
    return {0, 1};
  return {0, 1, -1, 127, -128}; // char, signed char
}

double lowestOf(const Type &t) {
  return t == INT                        ? -2147483648.0
         : t == SHORT                    ? -32768.0
         : t == CHAR || t == SIGNED_CHAR ? -128.0
                                         : 0.0;
}
double highestOf(const Type &t) {
  return t == INT              ? 2147483647.0
         : t == UNSIGNED_INT   ? 4294967295.0
         : t == SHORT          ? 32767.0
         : t == UNSIGNED_SHORT ? 65535.0
         : t == UNSIGNED_CHAR  ? 255.0
                               : 127.0;
}

/// The host's idea of converting `x` (a value of `from`) to `to`.
double expectedCast(double x, const Type &from, const Type &to) {
  const bool fromFloating = from == FLOAT || from == HALF;
  if (to == BOOL)
    return x != 0 ? 1 : 0;
  if (to == FLOAT)
    return double(float(x));
  if (to == HALF)
    return double(float(half(float(x))));
  if (fromFloating) {
    if (std::isnan(x))
      return 0;
    return std::clamp(std::trunc(x), lowestOf(to), highestOf(to));
  }
  // Integer to integer wraps modulo 2^bits.
  const double range = highestOf(to) - lowestOf(to) + 1;
  double wrapped = std::fmod(x - lowestOf(to), range);
  if (wrapped < 0)
    wrapped += range;
  return wrapped + lowestOf(to);
}

void requireSame(double got, double want, const std::string &what) {
  INFO(what << ": got " << got << ", want " << want);
  if (std::isnan(want))
    REQUIRE(std::isnan(got));
  else
    REQUIRE(got == want);
}

/// `values` repeated `times` times, so the tensor spans several tiles.
std::vector<double> repeated(const std::vector<double> &values,
                             unsigned times) {
  std::vector<double> all;
  for (unsigned i = 0; i < times; ++i)
    all.insert(all.end(), values.begin(), values.end());
  return all;
}

} // namespace

TEST_CASE("cast converts every pair of element types as documented",
          "[popops][cast]") {
  TestGraph g;
  Sequence prog;
  Runner r(g);
  std::map<std::string, std::vector<double>> stored;
  for (const Type &from : allTypes) {
    const std::vector<double> values = repeated(valuesOf(from), 3);
    Tensor src = g.variable(from, {values.size()}, "src");
    r.input(from.toString(), src, values);
    r.output("src" + from.toString(), src);
    for (const Type &to : allTypes) {
      Tensor dst = popops::cast(g.graph, src, to, prog, "cast");
      REQUIRE(dst.elementType() == to);
      REQUIRE(dst.shape() == src.shape());
      r.output(from.toString() + ">" + to.toString(), dst);
    }
  }
  r.run(prog);
  for (const Type &from : allTypes) {
    const std::vector<double> src = r.read("src" + from.toString());
    for (const Type &to : allTypes) {
      const std::string what = from.toString() + " to " + to.toString();
      const std::vector<double> got =
          r.read(from.toString() + ">" + to.toString());
      for (std::size_t i = 0; i < src.size(); ++i)
        requireSame(got[i], expectedCast(src[i], from, to),
                    what + " of " + std::to_string(src[i]));
    }
  }
}

TEST_CASE("half casts round to nearest even", "[popops][cast]") {
  TestGraph g(2);
  // 2049 and 2051 lie halfway between halves (spacing 2 above 2048).
  const std::vector<double> values = {2049,           2051,  1 + 1.0 / 2048,
                                      1 + 3.0 / 2048, 65519, 65520};
  Tensor src = g.variable(FLOAT, {values.size()});
  Sequence prog;
  Tensor dst = popops::cast(g.graph, src, HALF, prog);
  Runner r(g);
  r.input("src", src, values);
  r.output("dst", dst);
  r.run(prog);
  const std::vector<double> want = {2048, 2052, 1, 1 + 4.0 / 2048, 65504, inf};
  const std::vector<double> got = r.read("dst");
  for (std::size_t i = 0; i < want.size(); ++i)
    CHECK(got[i] == want[i]);
}

TEST_CASE("cast into a given tensor, from views and unmapped tensors, in "
          "every overload",
          "[popops][cast]") {
  TestGraph g;
  Tensor src = g.variable(FLOAT, {6, 10}, "src");
  Tensor loose = g.graph.addVariable(INT, {12}, "loose"); // left unmapped
  std::vector<double> values(60), looseValues(12);
  for (std::size_t i = 0; i < values.size(); ++i)
    values[i] = double(i) * 1.25 - 30;
  for (std::size_t i = 0; i < looseValues.size(); ++i)
    looseValues[i] = double(i) * 1000 - 5000;

  Sequence prog;
  Tensor intoT = g.variable(INT, {10, 6}, "intoT");
  popops::cast(g.graph, src.transpose(), intoT, prog, "toExisting");
  Tensor asProgram = g.variable(HALF, {6, 10}, "asProgram");
  prog.add(popops::cast(g.graph, src, asProgram, "asProgram"));
  ComputeSet cs = g.graph.addComputeSet("casts");
  Tensor inCs = g.variable(SHORT, {12}, "inCs");
  popops::cast(g.graph, loose, inCs, cs);
  Tensor newInCs = popops::cast(g.graph, src.reverse(1), FLOAT, cs, "copy");
  prog.add(Execute(cs));
  Tensor fromLoose = popops::cast(g.graph, loose, BOOL, prog);

  Runner r(g);
  r.input("src", src, values);
  r.input("loose", loose, looseValues);
  r.output("intoT", intoT);
  r.output("asProgram", asProgram);
  r.output("inCs", inCs);
  r.output("newInCs", newInCs);
  r.output("fromLoose", fromLoose);
  r.run(prog);
  const auto intoTGot = r.read("intoT"), asProgramGot = r.read("asProgram"),
             inCsGot = r.read("inCs"), newInCsGot = r.read("newInCs"),
             fromLooseGot = r.read("fromLoose");
  for (std::size_t i = 0; i < 6; ++i)
    for (std::size_t j = 0; j < 10; ++j) {
      const double x = values[i * 10 + j];
      REQUIRE(intoTGot[j * 6 + i] == std::trunc(x));
      REQUIRE(asProgramGot[i * 10 + j] == x);
      REQUIRE(newInCsGot[i * 10 + j] == values[i * 10 + 9 - j]);
    }
  for (std::size_t i = 0; i < 12; ++i) {
    REQUIRE(inCsGot[i] == expectedCast(looseValues[i], INT, SHORT));
    REQUIRE(fromLooseGot[i] == (looseValues[i] != 0 ? 1 : 0));
  }
}

TEST_CASE("checkAccuracyWhenCast says whether a float survives as half",
          "[popops][cast]") {
  TestGraph g(2);
  Tensor exact = g.variable(FLOAT, {}, "exact");
  Tensor close = g.variable(FLOAT, {1}, "close");
  Sequence prog;
  Tensor exactOk =
      popops::checkAccuracyWhenCast(g.graph, exact, HALF, 1e-6, prog);
  Tensor strict =
      popops::checkAccuracyWhenCast(g.graph, close, HALF, 1e-6, prog);
  Tensor loose =
      popops::checkAccuracyWhenCast(g.graph, close, HALF, 1e-3, prog);
  REQUIRE(exactOk.elementType() == BOOL);
  Runner r(g);
  r.input("exact", exact, {0.375});
  r.input("close", close, {1.0001});
  r.output("exactOk", exactOk);
  r.output("strict", strict);
  r.output("loose", loose);
  r.run(prog);
  CHECK(r.read("exactOk")[0] == 1);
  CHECK(r.read("strict")[0] == 0);
  CHECK(r.read("loose")[0] == 1);
}

TEST_CASE("cast names the shapes and types it cannot convert",
          "[popops][cast][errors]") {
  TestGraph g(2);
  Tensor src = g.variable(FLOAT, {4, 3}, "src");
  Tensor wrongShape = g.variable(INT, {3, 4}, "dst");
  Tensor wide = g.variable(LONGLONG, {4, 3}, "wide");
  Tensor row = g.variable(INT, {3}, "row");
  Sequence prog;
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::cast(g.graph, src, wrongShape, prog, "narrow");
             }),
             Contains("popops::cast (narrow)") && Contains("{4,3}") &&
                 Contains("{3,4}"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::cast(g.graph, src, LONGLONG, prog); }),
             Contains("popops::cast") && Contains("float to long long"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::cast(g.graph, wide, src, prog); }),
             Contains("long long") && Contains("is not one of"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::cast(g.graph, src, row.expand({0}).broadcast(4, 0),
                            prog);
             }),
             Contains("cannot be written"));
  CHECK_THAT(
      errorOf<poputil::poplibs_error>([&] {
        popops::checkAccuracyWhenCast(g.graph, src, HALF, 1e-3, prog, "check");
      }),
      Contains("popops::checkAccuracyWhenCast (check)") && Contains("{4,3}"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::checkAccuracyWhenCast(g.graph, src[0][0], INT, 1e-3,
                                             prog);
             }),
             Contains("float to int"));
}
