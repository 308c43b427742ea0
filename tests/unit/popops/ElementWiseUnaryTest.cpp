// The unary element-wise operations, every operator on every type it
// supports, against host computations: float and half exactly (half is
// computed in float and rounded once), integer results wrapped.
#include "ElementWiseTestSupport.hpp"

#include <popops/ElementWise.hpp>
#include <poputil/exceptions.hpp>

#include <functional>
#include <limits>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;
using popops::expr::UnaryOpType;

namespace {

struct FloatCase {
  UnaryOpType op;
  std::function<float(float)> reference;
};

/// The stable form: exp only of non-positive arguments.
float sigmoidReference(float x) {
  if (x >= 0)
    return 1.0f / (1.0f + std::exp(-x));
  return std::exp(x) / (1.0f + std::exp(x));
}

const std::vector<FloatCase> &floatCases() {
  static const std::vector<FloatCase> cases = {
      {UnaryOpType::ABSOLUTE, [](float x) { return std::fabs(x); }},
      {UnaryOpType::ASIN, [](float x) { return std::asin(x); }},
      {UnaryOpType::CBRT, [](float x) { return std::cbrt(x); }},
      {UnaryOpType::CEIL, [](float x) { return std::ceil(x); }},
      {UnaryOpType::COS, [](float x) { return std::cos(x); }},
      {UnaryOpType::ERF, [](float x) { return std::erf(x); }},
      {UnaryOpType::EXPONENT, [](float x) { return std::exp(x); }},
      {UnaryOpType::EXPONENT_MINUS_ONE, [](float x) { return std::expm1(x); }},
      {UnaryOpType::EXPONENT2, [](float x) { return std::exp2(x); }},
      {UnaryOpType::FLOOR, [](float x) { return std::floor(x); }},
      // In float, in this order: 0.5 x (1 + erf(x / sqrt 2)).
      {UnaryOpType::GELU_ERF,
       [](float x) {
         return 0.5f * x * (1.0f + std::erf(x * 0.707106781186547524f));
       }},
      {UnaryOpType::INVERSE, [](float x) { return 1.0f / x; }},
      {UnaryOpType::IS_FINITE, [](float x) { return float(std::isfinite(x)); }},
      {UnaryOpType::IS_INF, [](float x) { return float(std::isinf(x)); }},
      {UnaryOpType::IS_NAN, [](float x) { return float(std::isnan(x)); }},
      {UnaryOpType::LOGARITHM, [](float x) { return std::log(x); }},
      {UnaryOpType::LOGARITHM_ONE_PLUS, [](float x) { return std::log1p(x); }},
      {UnaryOpType::NEGATE, [](float x) { return -x; }},
      {UnaryOpType::SIGNUM,
       [](float x) { return x > 0   ? 1.0f
                            : x < 0 ? -1.0f
                                    : x; }},
      {UnaryOpType::SIN, [](float x) { return std::sin(x); }},
      {UnaryOpType::TAN, [](float x) { return std::tan(x); }},
      {UnaryOpType::TANH, [](float x) { return std::tanh(x); }},
      {UnaryOpType::ROUND, [](float x) { return std::round(x); }},
      {UnaryOpType::SQRT, [](float x) { return std::sqrt(x); }},
      {UnaryOpType::SQUARE, [](float x) { return x * x; }},
      {UnaryOpType::SIGMOID, sigmoidReference},
      {UnaryOpType::RSQRT, [](float x) { return 1.0f / std::sqrt(x); }},
  };
  return cases;
}

/// Values around every interesting point: halves for rounding, the domain
/// edges of asin, log and sqrt, large magnitudes for sigmoid, inf and NaN.
std::vector<double> floatInputs() {
  const double inf = std::numeric_limits<double>::infinity();
  return {
      -100,  -20,  -3.5,  -2.5, -1.5, -1,
      -0.75, -0.5, -0.25, -0.0, 0,    0.25,
      0.5,   0.75, 1,     1.5,  2.5,  3.5,
      7,     20,   100,   inf,  -inf, std::numeric_limits<double>::quiet_NaN()};
}

} // namespace

TEST_CASE("unary operators on float and half equal the host's float results",
          "[popops][elementwise][unary]") {
  TestGraph g;
  const std::vector<double> in = floatInputs();
  Sequence prog;
  Runner r(g);
  std::vector<std::pair<Type, Tensor>> outs;
  for (const Type &type : {FLOAT, HALF}) {
    Tensor x = g.variable(type, {in.size()}, "x" + type.toString());
    r.input("x" + type.toString(), x, in);
    for (const FloatCase &c : floatCases()) {
      Tensor out = popops::map(g.graph, c.op, x, prog);
      r.output(type.toString() + std::to_string(int(c.op)), out);
      outs.emplace_back(type, out);
    }
  }
  r.run(prog);
  for (const Type &type : {FLOAT, HALF})
    for (const FloatCase &c : floatCases()) {
      const std::vector<double> got =
          r.read(type.toString() + std::to_string(int(c.op)));
      const bool predicate = c.op == UnaryOpType::IS_FINITE ||
                             c.op == UnaryOpType::IS_INF ||
                             c.op == UnaryOpType::IS_NAN;
      for (std::size_t i = 0; i < in.size(); ++i) {
        const float x = float(asType(type, in[i]));
        const double want =
            predicate ? double(c.reference(x)) : asType(type, c.reference(x));
        INFO(type.toString() << " op " << int(c.op) << " of " << x);
        REQUIRE(close(got[i], want));
      }
    }
}

TEST_CASE("sigmoid is finite and exact at the extremes", "[popops][unary]") {
  TestGraph g;
  Tensor x = g.variable(FLOAT, {4});
  Sequence prog;
  Tensor out = popops::sigmoid(g.graph, x, prog);
  Runner r(g);
  r.input("x", x, {-1000, -90, 90, 1000});
  r.output("out", out);
  r.run(prog);
  const std::vector<double> got = r.read("out");
  CHECK(got[0] == 0);
  CHECK(got[1] == double(std::exp(-90.0f) / (1 + std::exp(-90.0f))));
  CHECK(got[2] == 1);
  CHECK(got[3] == 1);
}

TEST_CASE("unary operators on integers wrap like two's complement",
          "[popops][elementwise][unary]") {
  TestGraph g;
  struct IntCase {
    UnaryOpType op;
    std::vector<Type> types;
    std::function<long long(long long, const Type &)> reference;
  };
  const std::vector<IntCase> cases = {
      {UnaryOpType::ABSOLUTE,
       {INT, SHORT},
       [](long long x, const Type &) { return x < 0 ? -x : x; }},
      {UnaryOpType::NEGATE,
       {INT, SHORT},
       [](long long x, const Type &) { return -x; }},
      {UnaryOpType::SIGNUM,
       {INT, SHORT},
       [](long long x, const Type &) { return (x > 0) - (x < 0); }},
      {UnaryOpType::SQUARE,
       {INT, UNSIGNED_INT, SHORT, UNSIGNED_SHORT},
       // Wraps as the device does (a signed 64-bit product may overflow).
       [](long long x, const Type &) {
         return (long long)((unsigned long long)x * (unsigned long long)x);
       }},
      {UnaryOpType::BITWISE_NOT,
       {INT, UNSIGNED_INT, SHORT, UNSIGNED_SHORT},
       [](long long x, const Type &) { return ~x; }},
      {UnaryOpType::COUNT_LEADING_ZEROS,
       {INT, UNSIGNED_INT},
       [](long long x, const Type &) {
         const auto u = std::uint32_t(x);
         int n = 0;
         for (int b = 31; b >= 0 && !(u >> b & 1); --b)
           ++n;
         return (long long)n;
       }},
      {UnaryOpType::POPCOUNT,
       {INT, UNSIGNED_INT},
       [](long long x, const Type &) {
         long long n = 0;
         for (auto u = std::uint32_t(x); u; u >>= 1)
           n += u & 1;
         return n;
       }},
  };
  const std::vector<double> signedIn = {
      -2147483648.0, -65536, -32768, -300,      -1, 0, 1, 7,
      255,           32767,  46341,  2147483647};
  Sequence prog;
  Runner r(g);
  std::vector<std::vector<double>> inputs;
  for (const IntCase &c : cases)
    for (const Type &type : c.types) {
      std::vector<double> in;
      for (double v : signedIn)
        in.push_back(wrapTo(type, (long long)v));
      const std::string id = std::to_string(int(c.op)) + type.toString();
      Tensor x = g.variable(type, {in.size()}, "x" + id);
      r.input("x" + id, x, in);
      r.output(id, popops::map(g.graph, c.op, x, prog));
      inputs.push_back(in);
    }
  Tensor b = g.variable(BOOL, {2});
  r.input("b", b, {0, 1});
  r.output("not", popops::logicalNot(g.graph, b, prog));
  r.run(prog);
  std::size_t k = 0;
  for (const IntCase &c : cases)
    for (const Type &type : c.types) {
      const std::vector<double> &in = inputs[k++];
      const std::vector<double> got =
          r.read(std::to_string(int(c.op)) + type.toString());
      for (std::size_t i = 0; i < in.size(); ++i) {
        INFO(type.toString() << " op " << int(c.op) << " of " << in[i]);
        REQUIRE(got[i] == wrapTo(type, c.reference((long long)in[i], type)));
      }
    }
  CHECK(r.read("not") == std::vector<double>{1, 0});
}

TEST_CASE("unary operators name the operator, path and type they refuse",
          "[popops][unary][errors]") {
  TestGraph g;
  Tensor ints = g.variable(INT, {4});
  Tensor floats = g.variable(FLOAT, {4});
  Sequence prog;
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::exp(g.graph, ints, prog, "expOfInts"); }),
             Contains("EXPONENT") && Contains("expOfInts") &&
                 Contains("type int") && Contains("float, half"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::logicalNot(g.graph, floats, prog); }),
             Contains("LOGICAL_NOT") && Contains("type float") &&
                 Contains("supports bool"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::bitwiseNot(g.graph, floats, prog); }),
             Contains("BITWISE_NOT") && Contains("float"));
  Tensor halves = g.variable(HALF, {4});
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::isFiniteWithOutput(g.graph, halves, halves, prog);
             }),
             Contains("popops::mapWithOutput") && Contains("bool") &&
                 Contains("half"));
}
