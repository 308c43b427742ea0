// popnn pooling against a host reference: MAX, AVG and SUM over 1D, 2D and
// 3D fields with strides, padding and truncation, in FLOAT and HALF; the
// input gradients (MAX ties, scaled and not; AVG and SUM against finite
// differences of the host pooling) and the errors.
#include "../popops/PopopsHarness.hpp"

#include <popnn/Pooling.hpp>
#include <popnn/codelets.hpp>
#include <poputil/exceptions.hpp>

#include <cmath>
#include <limits>

using namespace poplar;
using namespace poplar::program;
using popnn::PoolingType;
using popnn::pooling::PoolParams;
using popops_test::errorOf;
using popops_test::Runner;
using popops_test::TestGraph;

namespace {

struct Geometry {
  std::vector<std::size_t> in, kernel;
  std::vector<unsigned> stride;
  std::vector<int> lower, upper;
};

PoolParams paramsOf(PoolingType type, const Geometry &g, const Type &dType,
                    std::size_t channels = 3, std::size_t batch = 2) {
  return PoolParams(type, g.in, g.kernel, g.stride, g.lower, g.upper, channels,
                    batch, dType);
}

std::size_t product(const std::vector<std::size_t> &v) {
  std::size_t n = 1;
  for (std::size_t x : v)
    n *= x;
  return n;
}

// For output `o` of a plane and kernel element `k`, the in-bounds input
// element it reads, or -1.
long windowInput(const PoolParams &p, const std::vector<std::size_t> &outField,
                 std::size_t o, std::size_t k) {
  long flat = 0, scale = 1;
  for (std::size_t d = p.getNumFieldDims(); d-- != 0;) {
    const long od = long(o % outField[d]);
    o /= outField[d];
    const long kd = long(k % p.kernelShape[d]);
    k /= p.kernelShape[d];
    const long i = od * p.stride[d] - p.inputTruncationOrPaddingLower[d] + kd;
    if (i < 0 || i >= long(p.inputFieldShape[d]))
      return -1;
    flat += i * scale;
    scale *= long(p.inputFieldShape[d]);
  }
  return flat;
}

std::vector<double> hostPool(const PoolParams &p,
                             const std::vector<double> &x) {
  const auto outField = p.getOutputFieldShape();
  const std::size_t inPlane = product(p.inputFieldShape);
  const std::size_t outPlane = product(outField);
  const std::size_t numK = product(p.kernelShape);
  std::vector<double> out;
  for (std::size_t plane = 0; plane < p.batchSize * p.numChannels; ++plane)
    for (std::size_t o = 0; o < outPlane; ++o) {
      double acc = p.poolingType == PoolingType::MAX
                       ? std::numeric_limits<double>::lowest()
                       : 0;
      unsigned used = 0;
      for (std::size_t k = 0; k < numK; ++k) {
        const long i = windowInput(p, outField, o, k);
        if (i < 0)
          continue;
        const double v = x[plane * inPlane + std::size_t(i)];
        acc = p.poolingType == PoolingType::MAX ? std::max(acc, v) : acc + v;
        ++used;
      }
      if (p.poolingType == PoolingType::AVG && used)
        acc /= used;
      out.push_back(acc);
    }
  return out;
}

// MAX gradient: each window's gradient to every input equal to its maximum,
// divided by their number when `scaled`.
std::vector<double> hostMaxGradient(const PoolParams &p,
                                    const std::vector<double> &x,
                                    const std::vector<double> &pooled,
                                    const std::vector<double> &grad,
                                    bool scaled) {
  const auto outField = p.getOutputFieldShape();
  const std::size_t inPlane = product(p.inputFieldShape);
  const std::size_t outPlane = product(outField);
  const std::size_t numK = product(p.kernelShape);
  std::vector<double> g(x.size(), 0.0);
  for (std::size_t plane = 0; plane < p.batchSize * p.numChannels; ++plane)
    for (std::size_t o = 0; o < outPlane; ++o) {
      std::vector<std::size_t> hits;
      for (std::size_t k = 0; k < numK; ++k) {
        const long i = windowInput(p, outField, o, k);
        if (i >= 0 &&
            x[plane * inPlane + std::size_t(i)] == pooled[plane * outPlane + o])
          hits.push_back(plane * inPlane + std::size_t(i));
      }
      for (std::size_t h : hits)
        g[h] += grad[plane * outPlane + o] / (scaled ? double(hits.size()) : 1);
    }
  return g;
}

// Inputs with few distinct values (so MAX windows tie), exact in half.
std::vector<double> inputs(std::size_t n, bool ties) {
  std::vector<double> v;
  for (std::size_t i = 0; i < n; ++i)
    v.push_back(ties ? double((i * 7) % 5) - 2.0
                     : double((i * 37) % 101) / 16.0 - 3.0);
  return v;
}

void requireClose(const std::vector<double> &actual,
                  const std::vector<double> &expected, double rel,
                  const std::string &what) {
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    INFO(what << " element " << i << ": " << actual[i] << " vs "
              << expected[i]);
    REQUIRE(std::fabs(actual[i] - expected[i]) <=
            rel * std::max(1.0, std::fabs(expected[i])));
  }
}

std::vector<std::size_t> shapeOf(const PoolParams &p,
                                 const std::vector<std::size_t> &field) {
  std::vector<std::size_t> s{p.batchSize, p.numChannels};
  s.insert(s.end(), field.begin(), field.end());
  return s;
}

const std::vector<Geometry> kGeometries = {
    {{9}, {3}, {2}, {1}, {1}},                               // 1D padded
    {{10}, {4}, {3}, {-2}, {1}},                             // 1D truncated
    {{5, 6}, {2, 3}, {1, 2}, {0, 1}, {1, 0}},                // 2D
    {{6, 5}, {3, 2}, {2, 2}, {-1, 1}, {0, -1}},              // 2D truncation
    {{3, 4, 5}, {2, 2, 3}, {1, 2, 2}, {0, 1, 1}, {1, 0, 1}}, // 3D
};

} // namespace

TEST_CASE("pool matches the host for MAX, AVG and SUM in 1D, 2D and 3D",
          "[popnn][pooling]") {
  for (const Type &type : {FLOAT, HALF})
    for (PoolingType pt :
         {PoolingType::MAX, PoolingType::AVG, PoolingType::SUM})
      for (std::size_t gi = 0; gi < kGeometries.size(); ++gi) {
        INFO(type.toString()
             << " " << popnn::asString(pt) << " geometry " << gi);
        const PoolParams p = paramsOf(pt, kGeometries[gi], type);
        TestGraph g(4);
        popnn::addCodelets(g.graph);
        Sequence prog;
        Runner run(g);
        Tensor in = g.variable(type, shapeOf(p, p.inputFieldShape), "in");
        const auto x = inputs(in.numElements(), false);
        run.input("in", in, x);
        Tensor out = popnn::pooling::pool(g.graph, p, in, prog, "pool");
        CHECK(out.shape() == shapeOf(p, p.getOutputFieldShape()));
        run.output("out", out);
        run.run(prog);
        requireClose(run.read("out"), hostPool(p, x),
                     type == FLOAT ? 1e-6 : 2e-3, "pooled");
      }
}

TEST_CASE("MAX input gradient sends each window's gradient to its ties",
          "[popnn][pooling]") {
  for (const Type &type : {FLOAT, HALF})
    for (bool scaled : {false, true})
      for (std::size_t gi = 0; gi < kGeometries.size(); ++gi) {
        INFO(type.toString() << " scaled " << scaled << " geometry " << gi);
        const PoolParams p = paramsOf(PoolingType::MAX, kGeometries[gi], type);
        TestGraph g(4);
        popnn::addCodelets(g.graph);
        Sequence prog;
        Runner run(g);
        Tensor in = g.variable(type, shapeOf(p, p.inputFieldShape), "in");
        const auto x = inputs(in.numElements(), true);
        Tensor pooled = popnn::pooling::pool(g.graph, p, in, prog, "pool");
        Tensor grad = g.variable(type, pooled.shape(), "grad");
        const auto dy = inputs(grad.numElements(), false);
        run.input("in", in, x);
        run.input("grad", grad, dy);
        Tensor dx = popnn::pooling::poolInputGradient(
            g.graph, p, in, pooled, grad, scaled, prog, "bwd");
        CHECK(dx.shape() == in.shape());
        run.output("dx", dx);
        run.run(prog);
        requireClose(run.read("dx"),
                     hostMaxGradient(p, x, hostPool(p, x), dy, scaled),
                     type == FLOAT ? 1e-6 : 4e-3, "input gradient");
      }
}

TEST_CASE("AVG and SUM input gradients match finite differences",
          "[popnn][pooling]") {
  for (PoolingType pt : {PoolingType::AVG, PoolingType::SUM})
    for (bool withForward : {false, true})
      for (std::size_t gi = 0; gi < kGeometries.size(); ++gi) {
        INFO(popnn::asString(pt)
             << " withForward " << withForward << " geometry " << gi);
        const PoolParams p = paramsOf(pt, kGeometries[gi], FLOAT, 2, 1);
        TestGraph g(4);
        popnn::addCodelets(g.graph);
        Sequence prog;
        Runner run(g);
        const auto outShape = shapeOf(p, p.getOutputFieldShape());
        Tensor grad = g.variable(FLOAT, outShape, "grad");
        const auto dy = inputs(grad.numElements(), false);
        run.input("grad", grad, dy);
        Tensor dx;
        const auto x = inputs(product(shapeOf(p, p.inputFieldShape)), false);
        if (withForward) {
          Tensor in = g.variable(FLOAT, shapeOf(p, p.inputFieldShape), "in");
          run.input("in", in, x);
          Tensor pooled = popnn::pooling::pool(g.graph, p, in, prog);
          dx = popnn::pooling::poolInputGradient(g.graph, p, in, pooled, grad,
                                                 false, prog);
        } else {
          dx = popnn::pooling::poolInputGradient(g.graph, p, 1, grad, prog,
                                                 "bwd");
        }
        run.output("dx", dx);
        run.run(prog);
        // d(sum(dy * pool(x)))/dx_i by central differences; pooling is
        // linear so the difference is exact up to rounding.
        std::vector<double> expected;
        for (std::size_t i = 0; i < x.size(); ++i) {
          auto xp = x, xm = x;
          xp[i] += 0.5;
          xm[i] -= 0.5;
          const auto yp = hostPool(p, xp), ym = hostPool(p, xm);
          double d = 0;
          for (std::size_t o = 0; o < dy.size(); ++o)
            d += dy[o] * (yp[o] - ym[o]);
          expected.push_back(d);
        }
        requireClose(run.read("dx"), expected, 1e-6, "input gradient");
      }
}

TEST_CASE("pooling shapes, flops and cycle estimates", "[popnn][pooling]") {
  const PoolParams p = paramsOf(PoolingType::AVG, kGeometries[2], FLOAT);
  CHECK(popnn::pooling::getOutputFieldShape(p) ==
        std::vector<std::size_t>{5, 3});
  CHECK(std::string(popnn::pooling::asString(PoolingType::SUM)) == "SUM");
  // Per plane: dim 0 has 5 outputs x 2 kernel rows minus 1 in padding = 9;
  // dim 1 has 3 x 3 minus 1 = 8.
  CHECK(popnn::pooling::getFwdFlops(p) == 6u * 9 * 8);
  CHECK(popnn::pooling::getBwdFlops(p) == 6u * 9 * 8 + 6 * 15);
  TestGraph g(4);
  CHECK(popnn::pooling::getFwdPerfectCycleCount(g.graph, p) ==
        double(6 * 9 * 8) / (4.0 * g.graph.getTarget().getVectorWidth(FLOAT)));
  CHECK(popnn::pooling::getBwdPerfectCycleCount(g.graph, p) > 0);
}

TEST_CASE("pooling errors name the function, debug name and shapes",
          "[popnn][pooling]") {
  TestGraph g(2);
  popnn::addCodelets(g.graph);
  Sequence prog;
  const PoolParams good = paramsOf(PoolingType::MAX, kGeometries[2], FLOAT);
  Tensor in = g.variable(FLOAT, shapeOf(good, good.inputFieldShape), "in");

  PoolParams bigKernel = good;
  bigKernel.kernelShape = {7, 3};
  std::string e = errorOf<poputil::poplibs_error>(
      [&] { popnn::pooling::pool(g.graph, bigKernel, in, prog, "p1"); });
  CHECK(e.find("popnn::pooling::pool (p1)") != std::string::npos);
  CHECK(e.find("larger than the padded input (6)") != std::string::npos);

  PoolParams empty = good;
  empty.batchSize = 0;
  e = errorOf<poputil::poplibs_error>(
      [&] { popnn::pooling::pool(g.graph, empty, in, prog, "p2"); });
  CHECK(e.find("empty") != std::string::npos);

  PoolParams moreChannels = good;
  moreChannels.numChannels = 4;
  e = errorOf<poputil::poplibs_error>(
      [&] { popnn::pooling::pool(g.graph, moreChannels, in, prog, "p3"); });
  INFO(e);
  CHECK(e.find("the input is float {2,3,5,6}") != std::string::npos);
  CHECK(e.find("need float {2,4,5,6}") != std::string::npos);

  e = errorOf<poputil::poplibs_error>([&] {
    popnn::pooling::pool(g.graph, good, in.reshape({2, 3, 30}), prog, "p4");
  });
  CHECK(e.find("p4") != std::string::npos);

  PoolParams badRank = good;
  badRank.stride = {1};
  e = errorOf<poputil::poplibs_error>(
      [&] { popnn::pooling::pool(g.graph, badRank, in, prog, "p5"); });
  CHECK(e.find("one entry per field dimension (2)") != std::string::npos);

  e = errorOf<poputil::poplibs_error>([&] {
    popnn::pooling::poolInputGradient(g.graph, good, 1, in, prog, "p6");
  });
  CHECK(e.find("MAX pooling's gradient needs the forward") !=
        std::string::npos);

  e = errorOf<invalid_option>([&] {
    popnn::pooling::pool(g.graph, good, in, prog, "p7",
                         {{"poolUseIntrospectiveMapping", "maybe"}});
  });
  CHECK(e.find("true or false") != std::string::npos);
  e = errorOf<invalid_option>([&] {
    popnn::pooling::pool(g.graph, good, in, prog, "p8", {{"bogus", "1"}});
  });
  CHECK(e.find("'bogus'") != std::string::npos);
}
