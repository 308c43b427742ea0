// poplin convolutions against a host convolution written straight from the
// transforms' definitions: every input, kernel and output transform, 1-D and
// 2-D fields, conv groups, FLOAT and HALF; the input gradient and weight
// deltas against the exact derivative of the host convolution (it is linear,
// so one-hot differences are exact); biases; the errors.
#include "PoplinHarness.hpp"

#include <poplin/Convolution.hpp>
#include <poputil/exceptions.hpp>

#include <cmath>
#include <sstream>

using namespace poplar;
using namespace poplar::program;
using poplin::ConvParams;
using poplin_test::values;
using popops_test::errorOf;
using popops_test::Runner;
using popops_test::TestGraph;

namespace {

struct LinGraph : poplin_test::LinGraph {
  explicit LinGraph(unsigned tiles = 8) : poplin_test::LinGraph(tiles) {}
};

std::size_t product(const std::vector<std::size_t> &v) {
  std::size_t n = 1;
  for (std::size_t x : v)
    n *= x;
  return n;
}

/// Position p of a transformed field: the original index, or -1 for a zero.
long original(const ConvParams::InputTransform &t, unsigned d, long p,
              long transformedSize, long size) {
  if (t.flip[d])
    p = transformedSize - 1 - p;
  p -= long(t.paddingLower[d]);
  const long truncated =
      size - long(t.truncationLower[d]) - long(t.truncationUpper[d]);
  const long dilated = truncated <= 0 ? 0 : (truncated - 1) * t.dilation[d] + 1;
  if (p < 0 || p >= dilated || p % t.dilation[d] != 0)
    return -1;
  return p / t.dilation[d] + long(t.truncationLower[d]);
}

/// out {B, G*OC, O...} of in {B, G*IC, I...} and w {G, OC, IC, K...}, from
/// the definitions, with |terms| summed for the tolerance.
struct HostConv {
  std::vector<double> out, magnitude;
};
HostConv hostConv(const ConvParams &p, const std::vector<double> &in,
                  const std::vector<double> &w) {
  const unsigned n = unsigned(p.getNumFieldDims());
  const auto outShape = p.getOutputFieldShape();
  const std::size_t outField = product(outShape);
  const std::size_t inField = product(p.inputFieldShape);
  const std::size_t kField = product(p.kernelShape);
  const std::size_t G = p.numConvGroups, IC = p.inputChannelsPerConvGroup,
                    OC = p.outputChannelsPerConvGroup;
  HostConv r;
  r.out.assign(p.batchSize * G * OC * outField, 0);
  r.magnitude.assign(r.out.size(), 0);
  std::vector<std::size_t> q(n), tk(n);
  for (std::size_t of = 0; of < outField; ++of) {
    // Output multi-index; skip padding, find the full-output position.
    std::size_t rest = of;
    bool padding = false;
    std::vector<long> o(n);
    for (unsigned d = n; d-- > 0;) {
      q[d] = rest % outShape[d];
      rest /= outShape[d];
      const auto &ot = p.outputTransform;
      const long computed =
          long(outShape[d]) - ot.paddingLower[d] - ot.paddingUpper[d];
      const long c = long(q[d]) - long(ot.paddingLower[d]);
      if (c < 0 || c >= computed)
        padding = true;
      o[d] = long(ot.truncationLower[d]) + c * long(ot.stride[d]);
    }
    if (padding)
      continue;
    std::size_t tkField = 1;
    for (unsigned d = 0; d < n; ++d)
      tkField *= p.getTransformedKernelSize(d);
    for (std::size_t kf = 0; kf < tkField; ++kf) {
      std::size_t krest = kf;
      long kIndex = 0, iIndex = 0, kScale = 1, iScale = 1;
      bool zero = false;
      for (unsigned d = n; d-- > 0;) {
        const long tks = long(p.getTransformedKernelSize(d));
        const long k = long(krest % std::size_t(tks));
        krest /= std::size_t(tks);
        const long ko =
            original(p.kernelTransform, d, k, tks, long(p.kernelShape[d]));
        const long io = original(p.inputTransform, d, o[d] + k,
                                 long(p.getTransformedInputSize(d)),
                                 long(p.inputFieldShape[d]));
        if (ko < 0 || io < 0)
          zero = true;
        kIndex += ko * kScale;
        kScale *= long(p.kernelShape[d]);
        iIndex += io * iScale;
        iScale *= long(p.inputFieldShape[d]);
      }
      if (zero)
        continue;
      for (std::size_t b = 0; b < p.batchSize; ++b)
        for (std::size_t g = 0; g < G; ++g)
          for (std::size_t oc = 0; oc < OC; ++oc)
            for (std::size_t ic = 0; ic < IC; ++ic) {
              const double x =
                  in[((b * G + g) * IC + ic) * inField + std::size_t(iIndex)];
              const double y =
                  w[((g * OC + oc) * IC + ic) * kField + std::size_t(kIndex)];
              const std::size_t at = ((b * G + g) * OC + oc) * outField + of;
              r.out[at] += x * y;
              r.magnitude[at] += std::fabs(x * y);
            }
    }
  }
  return r;
}

void requireClose(const std::vector<double> &got,
                  const std::vector<double> &want,
                  const std::vector<double> &magnitude, double relative) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("element " << i << ": got " << got[i] << ", want " << want[i]);
    REQUIRE(std::fabs(got[i] - want[i]) <= relative * magnitude[i] + 1e-12);
  }
}

std::vector<std::size_t> inShape(const ConvParams &p) {
  std::vector<std::size_t> s{p.batchSize, p.getNumInputChans()};
  s.insert(s.end(), p.inputFieldShape.begin(), p.inputFieldShape.end());
  return s;
}

std::vector<std::size_t> wShape(const ConvParams &p) {
  std::vector<std::size_t> s{p.numConvGroups, p.outputChannelsPerConvGroup,
                             p.inputChannelsPerConvGroup};
  s.insert(s.end(), p.kernelShape.begin(), p.kernelShape.end());
  return s;
}

/// Runs the forward convolution with poplin-made tensors and checks it.
void checkForward(const ConvParams &p, double relative, unsigned tiles = 8) {
  INFO(p);
  LinGraph g(tiles);
  Tensor in = poplin::createInput(g.graph, p, "in");
  Tensor w = poplin::createWeights(g.graph, p, "w");
  REQUIRE(in.shape() == inShape(p));
  REQUIRE(w.shape() == wShape(p));
  Sequence prog;
  Tensor out = poplin::convolution(g.graph, in, w, p, false, prog, "conv");
  Runner r(g);
  auto iv = values(in.numElements(), 1), wv = values(w.numElements(), 2);
  r.input("in", in, iv);
  r.input("w", w, wv);
  r.output("out", out);
  r.run(prog);
  HostConv want = hostConv(p, iv, wv);
  requireClose(r.read("out"), want.out, want.magnitude, relative);
}

ConvParams plain2d() {
  ConvParams p(FLOAT, 2, {6, 5}, {3, 3}, 3, 4, 1);
  p.inputTransform.paddingLower = {1, 1};
  p.inputTransform.paddingUpper = {1, 1};
  return p;
}

ConvParams withEveryTransform() {
  ConvParams p(FLOAT, 2, {11}, {3}, 2, 3, 2);
  p.inputTransform =
      ConvParams::InputTransform({1}, {2}, {2}, {3}, {1}, {true});
  p.kernelTransform =
      ConvParams::InputTransform({0}, {1}, {2}, {1}, {0}, {false});
  p.outputTransform = ConvParams::OutputTransform({1}, {1}, {2}, {2}, {1});
  return p;
}

} // namespace

TEST_CASE("convolution matches the host for 2-D fields with padding",
          "[poplin][conv]") {
  checkForward(plain2d(), 1e-6);
  ConvParams strided = plain2d();
  strided.outputTransform.stride = {2, 2};
  checkForward(strided, 1e-6);
}

TEST_CASE("convolution applies every input, kernel and output transform",
          "[poplin][conv]") {
  checkForward(withEveryTransform(), 1e-6);
  ConvParams q(FLOAT, 1, {7, 6}, {2, 3}, 4, 2, 3);
  q.kernelTransform.dilation = {2, 1};
  q.kernelTransform.flip = {true, false};
  q.inputTransform.dilation = {1, 2};
  q.outputTransform.truncationUpper = {1, 0};
  checkForward(q, 1e-6);
}

TEST_CASE("convolution takes HALF", "[poplin][conv]") {
  ConvParams p = plain2d();
  p.inputType = p.outputType = HALF;
  checkForward(p, 2e-3);
  ConvParams mixed = plain2d();
  mixed.inputType = HALF;
  checkForward(mixed, 1e-6);
}

namespace {

/// The input gradient (getGradientParams + transposeAndFlipWeights) and the
/// weight deltas of `p` against the exact derivative of the host
/// convolution.
void checkGradients(const ConvParams &p) {
  INFO(p);
  ConvParams bwd = poplin::getGradientParams(p);
  REQUIRE(bwd.getOutputFieldShape() == p.inputFieldShape);
  LinGraph g(8);
  Tensor w = poplin::createWeights(g.graph, p, "w");
  Tensor zDeltas = poplin::createConvOutput(g.graph, p, "zDeltas");
  Tensor in = poplin::createInput(g.graph, p, "in");
  Sequence prog;
  Tensor dIn = poplin::convolution(g.graph, zDeltas, w, bwd, true, prog, "bwd");
  REQUIRE(dIn.shape() == inShape(p));
  Tensor dW = poplin::calculateWeightDeltas(g.graph, zDeltas, in, p, prog);
  REQUIRE(dW.shape() == wShape(p));
  Runner r(g);
  auto wv = values(w.numElements(), 3), dv = values(zDeltas.numElements(), 4);
  auto iv = values(in.numElements(), 5);
  r.input("w", w, wv);
  r.input("zDeltas", zDeltas, dv);
  r.input("in", in, iv);
  r.output("dIn", dIn);
  r.output("dW", dW);
  r.run(prog);
  // loss = sum(out * zDeltas) is linear in the input and in the weights.
  auto loss = [&](const std::vector<double> &x, const std::vector<double> &y) {
    HostConv c = hostConv(p, x, y);
    double s = 0, m = 0;
    for (std::size_t i = 0; i < c.out.size(); ++i) {
      s += c.out[i] * dv[i];
      m += std::fabs(c.out[i] * dv[i]) + c.magnitude[i] * std::fabs(dv[i]);
    }
    return std::make_pair(s, m);
  };
  std::vector<double> wantIn(iv.size()), magIn(iv.size());
  for (std::size_t i = 0; i < iv.size(); ++i) {
    std::vector<double> e(iv.size(), 0);
    e[i] = 1;
    std::tie(wantIn[i], magIn[i]) = loss(e, wv);
  }
  requireClose(r.read("dIn"), wantIn, magIn, 1e-6);
  std::vector<double> wantW(wv.size()), magW(wv.size());
  for (std::size_t i = 0; i < wv.size(); ++i) {
    std::vector<double> e(wv.size(), 0);
    e[i] = 1;
    std::tie(wantW[i], magW[i]) = loss(iv, e);
  }
  requireClose(r.read("dW"), wantW, magW, 1e-6);
}

} // namespace

TEST_CASE("the input gradient is the exact derivative of the convolution",
          "[poplin][conv]") {
  for (unsigned stride : {1u, 2u}) {
    ConvParams p(FLOAT, 2, {7, 6}, {3, 2}, 3, 2, 2);
    p.inputTransform.paddingLower = {1, 0};
    p.inputTransform.paddingUpper = {1, 1};
    p.kernelTransform.dilation = {1, 2};
    p.outputTransform.stride = {stride, 1};
    checkGradients(p);
  }
}

TEST_CASE("the input gradient takes every input, kernel and output transform",
          "[poplin][conv]") {
  SECTION("truncation, dilation, padding and flip of all three in 1-D") {
    checkGradients(withEveryTransform());
  }
  SECTION("the kernel flipped and padded unevenly, the input truncated") {
    ConvParams p(FLOAT, 1, {9}, {3}, 2, 2, 1);
    p.inputTransform.truncationLower = {2};
    p.inputTransform.paddingUpper = {3};
    p.kernelTransform.paddingLower = {1};
    p.kernelTransform.truncationUpper = {1};
    p.kernelTransform.flip = {true};
    checkGradients(p);
  }
  SECTION("input dilation, a stride that leaves a remainder, output padding") {
    ConvParams p(FLOAT, 1, {5, 7}, {2, 3}, 2, 3, 2);
    p.inputTransform.dilation = {2, 1};
    p.inputTransform.flip = {false, true};
    p.kernelTransform.dilation = {1, 2};
    p.outputTransform.stride = {3, 2};
    p.outputTransform.truncationUpper = {0, 1};
    p.outputTransform.paddingLower = {1, 0};
    p.outputTransform.paddingUpper = {0, 2};
    checkGradients(p);
  }
  SECTION("padding wider than the kernel") {
    ConvParams p(FLOAT, 1, {4}, {2}, 2, 2, 1);
    p.inputTransform.paddingLower = {3};
    p.inputTransform.paddingUpper = {4};
    checkGradients(p);
  }
}

TEST_CASE("weight and bias updates, addBias and the weight transpose",
          "[poplin][conv]") {
  ConvParams p = plain2d();
  LinGraph g(8);
  Tensor w = poplin::createWeights(g.graph, p, "w");
  Tensor in = poplin::createInput(g.graph, p, "in");
  Tensor zDeltas = poplin::createConvOutput(g.graph, p, "zDeltas");
  Tensor biases = poplin::createBiases(g.graph, zDeltas, "b");
  REQUIRE(biases.shape() == std::vector<std::size_t>{p.getNumOutputChans()});
  Tensor acts = poplin::createConvOutput(g.graph, p, "acts");
  std::vector<std::size_t> flippedShape{1, 3, 4, 3, 3};
  Tensor flipped = g.variable(FLOAT, flippedShape, "flipped");
  Sequence prog;
  poplin::weightsTransposeChansFlipXY(g.graph, w, flipped, prog);
  Tensor dW = poplin::calculateWeightDeltas(g.graph, zDeltas, in, p, prog);
  poplin::convolutionWeightUpdate(g.graph, zDeltas, w, in, p, -0.25f, prog);
  poplin::convolutionBiasUpdate(g.graph, zDeltas, biases, 0.5f, {}, prog);
  poplin::addBias(g.graph, acts, biases, prog);
  Runner r(g);
  auto wv = values(w.numElements(), 6), iv = values(in.numElements(), 7);
  auto dv = values(zDeltas.numElements(), 8), bv = values(4, 9);
  auto av = values(acts.numElements(), 10);
  r.input("w", w, wv);
  r.input("in", in, iv);
  r.input("zDeltas", zDeltas, dv);
  r.input("b", biases, bv);
  r.input("acts", acts, av);
  r.output("w", w);
  r.output("dW", dW);
  r.output("b", biases);
  r.output("acts", acts);
  r.output("flipped", flipped);
  r.run(prog);
  const auto dWv = r.read("dW"), newW = r.read("w");
  for (std::size_t i = 0; i < wv.size(); ++i)
    REQUIRE(newW[i] == Approx(wv[i] - 0.25 * dWv[i]).margin(1e-6));
  const std::size_t field = 6 * 5;
  std::vector<double> newBias = bv;
  for (std::size_t b = 0; b < 2; ++b)
    for (std::size_t c = 0; c < 4; ++c)
      for (std::size_t f = 0; f < field; ++f)
        newBias[c] += 0.5 * dv[(b * 4 + c) * field + f];
  const auto gotBias = r.read("b");
  for (std::size_t c = 0; c < 4; ++c)
    REQUIRE(gotBias[c] == Approx(newBias[c]).margin(1e-6));
  // addBias ran after the update: it adds the updated biases.
  const auto gotActs = r.read("acts");
  for (std::size_t b = 0; b < 2; ++b)
    for (std::size_t c = 0; c < 4; ++c)
      for (std::size_t f = 0; f < field; ++f) {
        const std::size_t at = (b * 4 + c) * field + f;
        REQUIRE(gotActs[at] == Approx(av[at] + newBias[c]).margin(1e-6));
      }
  const auto gotFlipped = r.read("flipped");
  for (std::size_t oc = 0; oc < 4; ++oc)
    for (std::size_t ic = 0; ic < 3; ++ic)
      for (std::size_t y = 0; y < 3; ++y)
        for (std::size_t x = 0; x < 3; ++x)
          REQUIRE(gotFlipped[((ic * 4 + oc) * 3 + y) * 3 + x] ==
                  wv[((oc * 3 + ic) * 3 + (2 - y)) * 3 + (2 - x)]);
}

TEST_CASE("reportPlanInfo and preplanConvolutions use matMul's planner",
          "[poplin][conv]") {
  LinGraph g(16);
  ConvParams p = plain2d();
  std::ostringstream out;
  poplin::reportPlanInfo(out, g.graph, p);
  INFO(out.str());
  REQUIRE(out.str().find("gathered input {1, 27, 60}") != std::string::npos);
  REQUIRE(out.str().find("split:") != std::string::npos);
  poplin::PlanningCache cache;
  const Target &target = g.graph.getTarget();
  poplin::preplanConvolutions({{&target, p, nullptr}}, cache);
  REQUIRE(cache.size() == 1);
}

TEST_CASE("convolution's errors name the function, the tensor and the shapes",
          "[poplin][conv][errors]") {
  LinGraph g(4);
  ConvParams p = plain2d();
  Tensor in = poplin::createInput(g.graph, p, "in");
  Tensor w = poplin::createWeights(g.graph, p, "w");
  Sequence prog;
  Tensor badW = g.variable(FLOAT, {1, 4, 3, 2, 2}, "badW");
  std::string msg = errorOf<poputil::poplibs_error>(
      [&] { poplin::convolution(g.graph, in, badW, p, false, prog); });
  CHECK(msg.find("poplin::convolution: weights is {1, 4, 3, 2, 2}") !=
        std::string::npos);
  CHECK(msg.find("{1, 4, 3, 3, 3}") != std::string::npos);
  msg = errorOf<poputil::poplibs_error>(
      [&] { poplin::convolution(g.graph, in, w, p, true, prog); });
  CHECK(msg.find("transposeAndFlipWeights") != std::string::npos);
  Tensor badIn = g.variable(FLOAT, {2, 3, 5, 5}, "badIn");
  msg = errorOf<poputil::poplibs_error>(
      [&] { poplin::convolution(g.graph, badIn, w, p, false, prog); });
  CHECK(msg.find("the input is {2, 3, 5, 5}") != std::string::npos);
  ConvParams empty(FLOAT, 1, {2, 2}, {3, 3}, 1, 1, 1);
  msg = errorOf<poputil::poplibs_error>(
      [&] { poplin::createWeights(g.graph, empty, "w"); });
  CHECK(msg.find("output would be empty") != std::string::npos);
  msg = errorOf<poputil::poplibs_error>(
      [&] { poplin::getGradientParams(empty); });
  CHECK(msg.find("output would be empty") != std::string::npos);
  msg = errorOf<invalid_option>([&] {
    poplin::convolution(g.graph, in, w, p, false, prog, "",
                        {{"partialsType", "double"}});
  });
  CHECK(msg.find("float or half") != std::string::npos);
  Tensor biases = g.variable(FLOAT, {5}, "biases");
  msg = errorOf<poputil::poplibs_error>([&] {
    poplin::addBias(g.graph, poplin::createConvOutput(g.graph, p, "o"), biases,
                    prog);
  });
  CHECK(msg.find("biases {5}") != std::string::npos);
}
