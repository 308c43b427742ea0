// The binary element-wise operations: every operator on every type it
// supports against host references (integer division by zero and
// overflowing shifts as ElementWiseOps.hpp defines them), host constants on
// either side, and operand type errors.
#include "ElementWiseTestSupport.hpp"

#include <popops/ElementWise.hpp>
#include <poputil/exceptions.hpp>

#include <functional>
#include <limits>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;
using popops::expr::BinaryOpType;

namespace {

struct FloatCase {
  BinaryOpType op;
  std::function<double(float, float)> reference;
};

const std::vector<FloatCase> &floatCases() {
  static const std::vector<FloatCase> cases = {
      {BinaryOpType::ADD, [](float a, float b) { return a + b; }},
      {BinaryOpType::SUBTRACT, [](float a, float b) { return a - b; }},
      {BinaryOpType::MULTIPLY, [](float a, float b) { return a * b; }},
      {BinaryOpType::DIVIDE, [](float a, float b) { return a / b; }},
      {BinaryOpType::POWER, [](float a, float b) { return std::pow(a, b); }},
      {BinaryOpType::REMAINDER,
       [](float a, float b) { return std::fmod(a, b); }},
      {BinaryOpType::MAXIMUM, [](float a, float b) { return std::fmax(a, b); }},
      {BinaryOpType::MINIMUM, [](float a, float b) { return std::fmin(a, b); }},
      {BinaryOpType::ATAN2, [](float a, float b) { return std::atan2(a, b); }},
      {BinaryOpType::EQUAL, [](float a, float b) { return a == b; }},
      {BinaryOpType::NOT_EQUAL, [](float a, float b) { return a != b; }},
      {BinaryOpType::LESS_THAN, [](float a, float b) { return a < b; }},
      {BinaryOpType::LESS_THAN_EQUAL, [](float a, float b) { return a <= b; }},
      {BinaryOpType::GREATER_THAN, [](float a, float b) { return a > b; }},
      {BinaryOpType::GREATER_THAN_EQUAL,
       [](float a, float b) { return a >= b; }},
      {BinaryOpType::INV_STD_DEV_TO_VARIANCE,
       [](float a, float b) { return 1.0f / (a * a) - b; }},
      {BinaryOpType::VARIANCE_TO_INV_STD_DEV,
       [](float a, float b) { return 1.0f / std::sqrt(a + b); }},
  };
  return cases;
}

bool isComparison(BinaryOpType op) {
  return op == BinaryOpType::EQUAL || op == BinaryOpType::NOT_EQUAL ||
         op == BinaryOpType::LESS_THAN || op == BinaryOpType::LESS_THAN_EQUAL ||
         op == BinaryOpType::GREATER_THAN ||
         op == BinaryOpType::GREATER_THAN_EQUAL;
}

/// The documented integer semantics, computed in 64 bits then wrapped.
long long intReference(BinaryOpType op, long long a, long long b,
                       const Type &type) {
  const unsigned bits = bitsOf(type);
  const bool isSigned = isSignedType(type);
  const long long minValue = isSigned ? -(1LL << (bits - 1)) : 0;
  const auto count = (unsigned long long)(b) & ((1ULL << bits) - 1);
  const unsigned long long pattern =
      (unsigned long long)a & ((1ULL << bits) - 1);
  switch (op) {
  case BinaryOpType::ADD:
    return a + b;
  case BinaryOpType::SUBTRACT:
    return a - b;
  case BinaryOpType::MULTIPLY:
    return (long long)((unsigned long long)a * (unsigned long long)b);
  case BinaryOpType::DIVIDE:
    if (b == 0)
      return -1;
    if (isSigned && a == minValue && b == -1)
      return a;
    return a / b;
  case BinaryOpType::REMAINDER:
    if (b == 0)
      return a;
    if (isSigned && b == -1)
      return 0;
    return a % b;
  case BinaryOpType::MAXIMUM:
    return std::max(a, b);
  case BinaryOpType::MINIMUM:
    return std::min(a, b);
  case BinaryOpType::BITWISE_AND:
    return a & b;
  case BinaryOpType::BITWISE_OR:
    return a | b;
  case BinaryOpType::BITWISE_XOR:
    return a ^ b;
  case BinaryOpType::BITWISE_XNOR:
    return ~(a ^ b);
  case BinaryOpType::SHIFT_LEFT:
    return count >= bits ? 0 : (long long)(pattern << count);
  case BinaryOpType::SHIFT_RIGHT:
    return count >= bits ? 0 : (long long)(pattern >> count);
  case BinaryOpType::SHIFT_RIGHT_SIGN_EXTEND:
    return count >= bits ? (a < 0 ? -1 : 0) : a >> count;
  case BinaryOpType::EQUAL:
    return a == b;
  case BinaryOpType::NOT_EQUAL:
    return a != b;
  case BinaryOpType::LESS_THAN:
    return a < b;
  case BinaryOpType::LESS_THAN_EQUAL:
    return a <= b;
  case BinaryOpType::GREATER_THAN:
    return a > b;
  case BinaryOpType::GREATER_THAN_EQUAL:
    return a >= b;
  default:
    FAIL("no reference");
    return 0;
  }
}

} // namespace

TEST_CASE("binary operators on float and half equal the host's float results",
          "[popops][elementwise][binary]") {
  TestGraph g;
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> av = {-7.5, -2,  -1, -0.5, 0, 0.5, 1,   2,  3.25,
                                  10,   inf, 4,  -3,   2, 0,   1.5, -2, 8};
  const std::vector<double> bv = {2,  -3, 0.5, 0.25, 0,  2,  -1, 2,   -1.5,
                                  10, 1,  inf, -3,   16, -1, 0,  1.5, 0.5};
  Sequence prog;
  Runner r(g);
  for (const Type &type : {FLOAT, HALF}) {
    Tensor a = g.variable(type, {av.size()}, "a" + type.toString());
    Tensor b = g.variable(type, {bv.size()}, "b" + type.toString());
    r.input("a" + type.toString(), a, av);
    r.input("b" + type.toString(), b, bv);
    for (const FloatCase &c : floatCases())
      r.output(type.toString() + std::to_string(int(c.op)),
               popops::map(g.graph, c.op, a, b, prog));
  }
  r.run(prog);
  for (const Type &type : {FLOAT, HALF})
    for (const FloatCase &c : floatCases()) {
      const std::vector<double> got =
          r.read(type.toString() + std::to_string(int(c.op)));
      for (std::size_t i = 0; i < av.size(); ++i) {
        const float a = float(asType(type, av[i]));
        const float b = float(asType(type, bv[i]));
        const double ref = c.reference(a, b);
        const double want = isComparison(c.op) ? ref : asType(type, ref);
        INFO(type.toString()
             << " op " << int(c.op) << " of " << a << ", " << b);
        REQUIRE(close(got[i], want));
      }
    }
}

TEST_CASE("binary operators on integers: wrapping, division by zero, shifts",
          "[popops][elementwise][binary]") {
  TestGraph g;
  using B = BinaryOpType;
  const std::vector<B> integral = {B::ADD,
                                   B::SUBTRACT,
                                   B::MULTIPLY,
                                   B::DIVIDE,
                                   B::REMAINDER,
                                   B::MAXIMUM,
                                   B::MINIMUM,
                                   B::BITWISE_AND,
                                   B::BITWISE_OR,
                                   B::BITWISE_XOR,
                                   B::BITWISE_XNOR,
                                   B::SHIFT_LEFT,
                                   B::SHIFT_RIGHT,
                                   B::EQUAL,
                                   B::NOT_EQUAL,
                                   B::LESS_THAN,
                                   B::LESS_THAN_EQUAL,
                                   B::GREATER_THAN,
                                   B::GREATER_THAN_EQUAL};
  const std::vector<B> ordered = {B::EQUAL,        B::NOT_EQUAL,
                                  B::LESS_THAN,    B::LESS_THAN_EQUAL,
                                  B::GREATER_THAN, B::GREATER_THAN_EQUAL};
  struct TypeOps {
    Type type;
    std::vector<B> ops;
  };
  std::vector<TypeOps> plan = {
      {INT, integral},         {UNSIGNED_INT, integral},
      {SHORT, integral},       {UNSIGNED_SHORT, integral},
      {CHAR, ordered},         {SIGNED_CHAR, ordered},
      {UNSIGNED_CHAR, ordered}};
  plan[0].ops.push_back(B::SHIFT_RIGHT_SIGN_EXTEND);
  plan[2].ops.push_back(B::SHIFT_RIGHT_SIGN_EXTEND);
  const std::vector<long long> as = {
      -2147483648LL, -2147483648LL, 7, -7, 7, 100000, -1, 65535, 12, -12, 5,
      0x1234,        -32768,        3};
  const std::vector<long long> bs = {-1, 1, 2, 2,  -2, 100000, 31,
                                     3,  0, 0, 40, 4,  -1,     16};
  Sequence prog;
  Runner r(g);
  for (const TypeOps &p : plan) {
    std::vector<double> a, b;
    for (std::size_t i = 0; i < as.size(); ++i) {
      a.push_back(wrapTo(p.type, as[i]));
      b.push_back(wrapTo(p.type, bs[i]));
    }
    const std::string id = p.type.toString();
    Tensor at = g.variable(p.type, {as.size()}, "a" + id);
    Tensor bt = g.variable(p.type, {bs.size()}, "b" + id);
    r.input("a" + id, at, a);
    r.input("b" + id, bt, b);
    for (B op : p.ops)
      r.output(id + std::to_string(int(op)),
               popops::map(g.graph, op, at, bt, prog));
  }
  Tensor p = g.variable(BOOL, {4}), q = g.variable(BOOL, {4});
  r.input("p", p, {0, 0, 1, 1});
  r.input("q", q, {0, 1, 0, 1});
  r.output("and", popops::logicalAnd(g.graph, p, q, prog));
  r.output("or", popops::logicalOr(g.graph, p, q, prog));
  r.output("eq", popops::eq(g.graph, p, q, prog));
  r.run(prog);
  for (const TypeOps &tp : plan)
    for (B op : tp.ops) {
      const std::vector<double> got =
          r.read(tp.type.toString() + std::to_string(int(op)));
      for (std::size_t i = 0; i < as.size(); ++i) {
        const long long a = (long long)wrapTo(tp.type, as[i]);
        const long long b = (long long)wrapTo(tp.type, bs[i]);
        INFO(tp.type.toString()
             << " op " << int(op) << " of " << a << ", " << b);
        REQUIRE(got[i] == wrapTo(isComparison(op) ? BOOL : tp.type,
                                 intReference(op, a, b, tp.type)));
      }
    }
  CHECK(r.read("and") == std::vector<double>{0, 0, 0, 1});
  CHECK(r.read("or") == std::vector<double>{0, 1, 1, 1});
  CHECK(r.read("eq") == std::vector<double>{1, 0, 0, 1});
}

TEST_CASE("binary operations take a host constant on either side",
          "[popops][elementwise][binary][constants]") {
  TestGraph g;
  Tensor f = g.variable(FLOAT, {10}, "f");
  Tensor h = g.variable(HALF, {10}, "h");
  Tensor i = g.variable(INT, {10}, "i");
  const std::vector<double> v = {-4, -3, -2, -1, 0, 1, 2, 3, 4, 5};
  Sequence prog;
  Runner r(g);
  r.input("f", f, v);
  r.input("h", h, v);
  r.input("i", i, v);
  r.output("f-2.5", popops::sub(g.graph, f, 2.5f, prog));
  r.output("10/f", popops::div(g.graph, 10.0f, f, prog));
  r.output("h*0.1", popops::mul(g.graph, h, 0.1, prog));
  r.output("7%i", popops::rem(g.graph, 7, i, prog));
  r.output("i<2", popops::lt(g.graph, i, 2, prog));
  r.output("2<i", popops::lt(g.graph, 2, i, prog));
  Tensor inPlace = g.variable(INT, {10}, "inPlace");
  r.input("inPlace", inPlace, v);
  popops::shiftLeftInPlace(g.graph, inPlace, 2, prog);
  r.output("inPlace", inPlace);
  Tensor out = g.variable(FLOAT, {10}, "out");
  popops::powWithOutput(g.graph, 2.0f, f, out, prog);
  r.output("out", out);
  r.run(prog);
  for (std::size_t k = 0; k < v.size(); ++k) {
    const float x = float(v[k]);
    CHECK(r.read("f-2.5")[k] == double(x - 2.5f));
    CHECK(r.read("10/f")[k] == double(10.0f / x));
    CHECK(r.read("h*0.1")[k] ==
          asType(HALF, double(x * float(asType(HALF, 0.1)))));
    CHECK(r.read("7%i")[k] == double(v[k] == 0 ? 7 : 7 % int(v[k])));
    CHECK(r.read("i<2")[k] == double(v[k] < 2));
    CHECK(r.read("2<i")[k] == double(2 < v[k]));
    CHECK(r.read("inPlace")[k] == double(int(v[k]) * 4));
    CHECK(r.read("out")[k] == double(std::pow(2.0f, x)));
  }
}

TEST_CASE("binary operations name mismatched operand and constant types",
          "[popops][binary][errors]") {
  TestGraph g;
  Tensor f = g.variable(FLOAT, {4}), i = g.variable(INT, {4});
  Tensor b = g.variable(BOOL, {4});
  Sequence prog;
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::add(g.graph, f, i, prog, "mixed"); }),
             Contains("popops::map (mixed)") && Contains("ADD") &&
                 Contains("float and int"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::add(g.graph, f, 2, prog); }),
             Contains("constant of type int") && Contains("type float"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::pow(g.graph, i, i, prog); }),
             Contains("POWER") && Contains("type int"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::logicalAnd(g.graph, f, f, prog); }),
             Contains("LOGICAL_AND") && Contains("float"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::addInPlace(g.graph, b, b, prog); }),
             Contains("ADD") && Contains("bool"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::ltInPlace(g.graph, f, f, prog); }),
             Contains("popops::mapInPlace") && Contains("bool") &&
                 Contains("float"));
}

TEST_CASE("variance and inverse standard deviation convert between types",
          "[popops][elementwise][binary][variance]") {
  TestGraph g;
  Tensor variance = g.variable(FLOAT, {6}, "variance");
  Tensor halfInvStdDev = g.variable(HALF, {6}, "halfInvStdDev");
  Tensor eps = g.variable(FLOAT, {1}, "eps");
  Sequence prog;
  Tensor toHalf = popops::varianceToInvStdDev(g.graph, variance, 0.5f, prog);
  Tensor same =
      popops::varianceToInvStdDev(g.graph, variance, eps, prog, FLOAT);
  Tensor toFloat =
      popops::invStdDevToVariance(g.graph, halfInvStdDev, 0.25f, prog);
  CHECK(toHalf.elementType() == HALF);
  CHECK(same.elementType() == FLOAT);
  CHECK(toFloat.elementType() == FLOAT);
  Runner r(g);
  const std::vector<double> v = {0.5, 1, 2, 3.5, 15.5, 99.5};
  r.input("variance", variance, v);
  r.input("halfInvStdDev", halfInvStdDev, v);
  r.input("eps", eps, {0.5});
  r.output("toHalf", toHalf);
  r.output("same", same);
  r.output("toFloat", toFloat);
  r.run(prog);
  for (std::size_t k = 0; k < v.size(); ++k) {
    const float x = float(v[k]);
    CHECK(r.read("toHalf")[k] ==
          asType(HALF, double(1.0f / std::sqrt(x + 0.5f))));
    CHECK(r.read("same")[k] == double(1.0f / std::sqrt(x + 0.5f)));
    const float hx = float(asType(HALF, v[k]));
    // The constant is of the source's type, half: 0.25 is exact.
    CHECK(r.read("toFloat")[k] == double(1.0f / (hx * hx) - 0.25f));
  }
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::varianceToInvStdDev(g.graph, variance, eps, prog, INT);
             }),
             Contains("popops::varianceToInvStdDev") && Contains("half") &&
                 Contains("not int"));
}
