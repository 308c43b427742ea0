// popops::scaledAddTo and scaledSubtractFrom update A in place as
// a * A +/- b * B for every data type and scale form, with B in another
// layout or type, and name what they cannot do.
#include "PopopsHarness.hpp"

#include <popops/ScaledAdd.hpp>
#include <poputil/exceptions.hpp>

#include <cmath>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;

namespace {

std::vector<double> ramp(std::size_t n, double start, double step) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = start + step * double(i % 37);
  return v;
}

/// The value the device computes: in float for float and half data (half
/// rounded once), wrapping 32-bit arithmetic for integers.
double expected(const Type &type, double a, double b, double sa, double sb,
                bool subtract, bool xMinusAX) {
  if (type == FLOAT || type == HALF) {
    const float x = float(a), y = float(b), fa = float(sa), fb = float(sb);
    const float scaledX = xMinusAX ? x - fa * x : fa * x;
    const float r = subtract ? scaledX - fb * y : scaledX + fb * y;
    return type == HALF ? double(float(half(r))) : double(r);
  }
  const auto x = std::uint32_t(std::int64_t(a)),
             y = std::uint32_t(std::int64_t(b)),
             ua = std::uint32_t(std::int64_t(sa)),
             ub = std::uint32_t(std::int64_t(sb));
  const std::uint32_t scaledX = xMinusAX ? x - ua * x : ua * x;
  const std::uint32_t r = subtract ? scaledX - ub * y : scaledX + ub * y;
  return type == INT ? double(std::int32_t(r)) : double(r);
}

} // namespace

TEST_CASE("scaledAddTo and scaledSubtractFrom in every form and type",
          "[popops][scaledAdd]") {
  const Type type = GENERATE(FLOAT, HALF, INT, UNSIGNED_INT);
  INFO("type " << type);
  TestGraph g;
  const std::size_t n = 203;
  const bool isInt = type == INT || type == UNSIGNED_INT;
  const std::vector<double> a0 = ramp(n, isInt ? 1 : -3.25, isInt ? 3 : 0.5);
  const std::vector<double> b = ramp(n, isInt ? 2 : 1.5, isInt ? 7 : -0.25);
  const double ca = isInt ? 3 : 0.75, cb = isInt ? 5 : -1.5;
  // Variants: {subtract, xMinusAX, constant scales, uses scaleA}.
  struct Form {
    bool subtract, xMinusAX, constant, withScaleA;
  };
  const std::vector<Form> forms = {
      {false, false, true, false}, {false, false, false, false},
      {true, false, true, false},  {true, false, false, false},
      {false, false, false, true}, {false, true, false, true},
      {false, false, true, true},  {false, true, true, true},
      {true, false, false, true},  {true, false, true, true}};
  Tensor B = g.variable(type, {n}, "B");
  Tensor sa = g.variable(type, {}, "sa"), sb = g.variable(type, {1}, "sb");
  Sequence prog;
  Runner r(g);
  r.input("B", B, b);
  r.input("sa", sa, {ca});
  r.input("sb", sb, {cb});
  std::vector<Tensor> As;
  for (std::size_t f = 0; f < forms.size(); ++f) {
    const Form &form = forms[f];
    Tensor A = g.variable(type, {n}, "A");
    r.input("A" + std::to_string(f), A, a0);
    r.output("A" + std::to_string(f), A);
    const auto spec = form.xMinusAX
                          ? popops::ScaledAddSpecialisation::X_MINUS_AX_PLUS_BY
                          : popops::ScaledAddSpecialisation::DEFAULT;
    if (!form.withScaleA && form.constant) {
      if (form.subtract)
        popops::scaledSubtractFrom(g.graph, A, B, float(cb), prog);
      else
        popops::scaledAddTo(g.graph, A, B, float(cb), prog);
    } else if (!form.withScaleA) {
      if (form.subtract)
        popops::scaledSubtractFrom(g.graph, A, B, sb, prog);
      else
        popops::scaledAddTo(g.graph, A, B, sb, prog);
    } else if (form.constant) {
      if (form.subtract)
        popops::scaledSubtractFrom(g.graph, A, float(ca), B, float(cb), prog);
      else
        popops::scaledAddTo(g.graph, A, float(ca), B, float(cb), prog, spec);
    } else {
      if (form.subtract)
        popops::scaledSubtractFrom(g.graph, A, sa, B, sb, prog);
      else
        popops::scaledAddTo(g.graph, A, sa, B, sb, prog, spec);
    }
  }
  r.run(prog);
  const std::vector<double> aStored = fromDevice(type, toDevice(type, a0));
  const std::vector<double> bStored = fromDevice(type, toDevice(type, b));
  for (std::size_t f = 0; f < forms.size(); ++f) {
    const Form &form = forms[f];
    INFO("form " << f);
    const std::vector<double> got = r.read("A" + std::to_string(f));
    for (std::size_t i = 0; i < n; ++i)
      REQUIRE(got[i] == expected(type, aStored[i], bStored[i],
                                 form.withScaleA ? ca : 1, cb, form.subtract,
                                 form.xMinusAX));
  }
}

TEST_CASE("scaledAddTo on half data with a float scale computes in float",
          "[popops][scaledAdd]") {
  TestGraph g(2);
  Tensor A = g.variable(HALF, {8}, "A"), B = g.variable(HALF, {8}, "B");
  Tensor scale = g.variable(FLOAT, {}, "scale");
  Sequence prog;
  popops::scaledAddTo(g.graph, A, B, scale, prog);
  Runner r(g);
  r.input("A", A, std::vector<double>(8, 1.0));
  r.input("B", B, std::vector<double>(8, 1.0));
  // 1 + 1.0001 * 1 rounds to 2 in half, but the scale itself has no half.
  r.input("scale", scale, {1.0 + 1.0 / 1024 + 1.0 / 4096});
  r.output("A", A);
  r.run(prog);
  for (double v : r.read("A"))
    CHECK(v ==
          double(float(half(1.0f + float(1.0 + 1.0 / 1024 + 1.0 / 4096)))));
}

TEST_CASE("scaledAddTo reads B through any view, layout or type",
          "[popops][scaledAdd]") {
  TestGraph g;
  Tensor A = g.variable(FLOAT, {12, 7}, "A");
  Tensor Bt = g.graph.addVariable(INT, {7, 12}, "Bt"); // unmapped, int
  Tensor C = g.graph.addVariable(FLOAT, {12, 7}, "C");
  g.graph.setTileMapping(C, 3); // all on one tile
  std::vector<double> a(84), bt(84), c(84);
  for (std::size_t i = 0; i < 84; ++i) {
    a[i] = double(i) * 0.5;
    bt[i] = double(i % 13) - 6;
    c[i] = double(i) * 0.25 - 4;
  }
  Sequence prog;
  popops::scaledAddTo(g.graph, A, Bt.transpose(), 2.0f, prog, "viaT");
  popops::scaledSubtractFrom(g.graph, A.slice(2, 10, 0), C.slice(2, 10, 0),
                             0.5f, prog);
  popops::scaledAddTo(g.graph, A, A, 1.0f, prog, "selfDouble");
  Runner r(g);
  r.input("A", A, a);
  r.input("Bt", Bt, bt);
  r.input("C", C, c);
  r.output("A", A);
  r.run(prog);
  const std::vector<double> got = r.read("A");
  for (std::size_t i = 0; i < 12; ++i)
    for (std::size_t j = 0; j < 7; ++j) {
      float x = float(a[i * 7 + j]) + 2.0f * float(bt[j * 12 + i]);
      if (i >= 2 && i < 10)
        x = x - 0.5f * float(c[i * 7 + j]);
      x = x + x;
      REQUIRE(got[i * 7 + j] == double(x));
    }
}

TEST_CASE("scaledAddTo names the shapes, types and options it refuses",
          "[popops][scaledAdd][errors]") {
  TestGraph g(2);
  Tensor A = g.variable(FLOAT, {4, 3}, "A");
  Tensor B = g.variable(FLOAT, {3, 4}, "B");
  Tensor flags = g.variable(BOOL, {4, 3}, "flags");
  Tensor wideScale = g.variable(FLOAT, {2}, "s2");
  Tensor intScale = g.variable(INT, {}, "si");
  Tensor I = g.variable(INT, {4, 3}, "I");
  Tensor fScale = g.variable(FLOAT, {}, "sf");
  Sequence prog;
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::scaledAddTo(g.graph, A, B, 1.0f, prog, "step");
             }),
             Contains("popops::scaledAddTo (step)") && Contains("{4,3}") &&
                 Contains("{3,4}"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::scaledSubtractFrom(g.graph, flags, flags, 1.0f, prog);
             }),
             Contains("popops::scaledSubtractFrom") && Contains("bool"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::scaledAddTo(g.graph, A, A, wideScale, prog); }),
             Contains("scaleB") && Contains("one element") && Contains("{2}"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::scaledAddTo(g.graph, A, A, intScale, prog); }),
             Contains("scaleB of type int") && Contains("float or half"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::scaledAddTo(g.graph, I, fScale, I, intScale, prog);
             }),
             Contains("scaleA of type float") && Contains("use int"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::scaledAddTo(g.graph, A[0].expand({0}).broadcast(4, 0), A,
                                   1.0f, prog);
             }),
             Contains("in place"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               popops::scaledAddTo(g.graph, A, A, 1.0f, prog, {},
                                   {{"optimiseForSpeed", "true"}});
             }),
             Contains("unknown option 'optimiseForSpeed'"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               popops::scaledAddTo(g.graph, A, A, 1.0f, prog, {},
                                   {{"optimizeForSpeed", "yes"}});
             }),
             Contains("true or false"));
}
