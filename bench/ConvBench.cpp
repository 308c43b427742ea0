// Convolution benchmark: poplin::convolution on a 1472-tile ipu2, tensors
// from createInput/createWeights. Reports the plan, simulated cycles,
// achieved FLOPs per cycle as a share of the AMP peak, and wall times of
// building, compiling and running against a native single-threaded direct
// convolution in this process. Not a test: run
//   ./build/bench/conv_bench [--short] [--json FILE]
//   [batch channelsIn channelsOut height width k]
// (default 8 64 64 56 56 3: a 3x3 convolution, padding 1, stride 1; with
// --short 1 8 8 8 8 3).
#include "BenchClock.hpp"
#include "BenchReport.hpp"

#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>
#include <poplin/Convolution.hpp>
#include <poplin/codelets.hpp>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <vector>

using namespace poplar;
namespace {

std::vector<float> inputs(std::size_t n, unsigned seed) {
  std::vector<float> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = float(int((i * 37 + seed * 11) % 17) - 8) / 8.0f;
  return v;
}

struct Shape {
  std::size_t batch, in, out, h, w, k;
};

/// Direct convolution, padding k / 2, float sums in the device's order
/// (input channel, then kernel row, then kernel column).
std::vector<float> nativeConv(const std::vector<float> &x,
                              const std::vector<float> &w, const Shape &s) {
  const long pad = long(s.k / 2);
  std::vector<float> y(s.batch * s.out * s.h * s.w, 0.0f);
  for (std::size_t b = 0; b < s.batch; ++b)
    for (std::size_t oc = 0; oc < s.out; ++oc)
      for (std::size_t ic = 0; ic < s.in; ++ic)
        for (std::size_t ky = 0; ky < s.k; ++ky)
          for (std::size_t kx = 0; kx < s.k; ++kx) {
            const float wv = w[((oc * s.in + ic) * s.k + ky) * s.k + kx];
            for (std::size_t oy = 0; oy < s.h; ++oy) {
              const long iy = long(oy) + long(ky) - pad;
              if (iy < 0 || iy >= long(s.h))
                continue;
              const float *row = &x[((b * s.in + ic) * s.h + iy) * s.w];
              float *outRow = &y[((b * s.out + oc) * s.h + oy) * s.w];
              for (std::size_t ox = 0; ox < s.w; ++ox) {
                const long ix = long(ox) + long(kx) - pad;
                if (ix >= 0 && ix < long(s.w))
                  outRow[ox] += wv * row[ix];
              }
            }
          }
  return y;
}

} // namespace

int main(int argc, char **argv) {
  const bench::Args args(argc, argv);
  Shape s{8, 64, 64, 56, 56, 3};
  if (args.shortMode)
    s = {1, 8, 8, 8, 8, 3};
  if (args.position.size() == 6)
    s = {args.number(0, 0), args.number(1, 0), args.number(2, 0),
         args.number(3, 0), args.number(4, 0), args.number(5, 0)};
  IPUModel model("ipu2");
  Device device = model.createDevice();
  const Target &target = device.getTarget();
  poplin::ConvParams params(FLOAT, s.batch, {s.h, s.w}, {s.k, s.k}, s.in, s.out,
                            1);
  const unsigned pad = unsigned(s.k / 2);
  params.inputTransform.paddingLower = {pad, pad};
  params.inputTransform.paddingUpper = {pad, pad};

  auto t0 = Clock::now();
  Graph graph(target);
  poplin::addCodelets(graph);
  poplin::PlanningCache cache;
  Tensor in = poplin::createInput(graph, params, "in", {}, &cache);
  Tensor w = poplin::createWeights(graph, params, "w", {}, &cache);
  program::Sequence prog;
  Tensor out = poplin::convolution(graph, in, w, params, false, prog, "conv",
                                   {}, &cache);
  graph.createHostWrite("in", in);
  graph.createHostWrite("w", w);
  graph.createHostRead("out", out);
  std::ostringstream plan;
  poplin::reportPlanInfo(plan, graph, params, {}, &cache);
  const double buildSeconds = secondsSince(t0);

  auto t1 = Clock::now();
  Engine engine(graph, prog);
  engine.load(device);
  const double compileSeconds = secondsSince(t1);
  std::vector<float> xv = inputs(in.numElements(), 1);
  std::vector<float> wv = inputs(w.numElements(), 2);
  engine.writeTensor("in", xv.data(), xv.data() + xv.size());
  engine.writeTensor("w", wv.data(), wv.data() + wv.size());
  const std::uint64_t before = engine.getCycleCount();
  auto t2 = Clock::now();
  engine.run(0);
  const double runSeconds = secondsSince(t2);
  const std::uint64_t cycles = engine.getCycleCount() - before;
  if (std::getenv("CONV_BENCH_STEPS"))
    engine.printProfileSummary(std::cout, {{"showExecutionSteps", "true"}});
  std::vector<float> yv(out.numElements());
  engine.readTensor("out", yv.data(), yv.data() + yv.size());

  auto t3 = Clock::now();
  std::vector<float> want = nativeConv(xv, wv, s);
  const double nativeSeconds = secondsSince(t3);
  double worst = 0;
  for (std::size_t i = 0; i < yv.size(); ++i)
    worst = std::max(worst, double(std::fabs(yv[i] - want[i])) /
                                std::max(1.0, double(std::fabs(want[i]))));

  const double flops = double(poplin::getFwdFlops(params));
  const double peak = 2.0 * target.getNumConvUnits(FLOAT, FLOAT) *
                      target.getConvUnitInputLoadElemsPerCycle(FLOAT) *
                      target.getNumTiles();
  const double perCycle = flops / double(cycles);
  std::cout << plan.str() << std::fixed << std::setprecision(1)
            << "  simulated cycles:   " << cycles << " (perfect "
            << poplin::getFwdPerfectCycleCount(graph, params) << ")\n"
            << "  FLOPs per cycle:    " << perCycle << " of peak " << peak
            << " (" << 100.0 * perCycle / peak << "%)\n"
            << std::setprecision(3) << "  build " << buildSeconds
            << " s, compile+load " << compileSeconds << " s, run " << runSeconds
            << " s; native loop " << nativeSeconds << " s (run / native "
            << std::setprecision(2) << runSeconds / nativeSeconds << "x)\n"
            << std::scientific << "  largest difference from native: " << worst
            << "\n";
  bench::require(worst <= 1e-4, "conv: the device differs from the native "
                                "convolution by " +
                                    std::to_string(worst));
  bench::printHeader();
  bench::Row row;
  row.bench = "conv";
  row.name = std::to_string(s.batch) + "x" + std::to_string(s.in) + "x" +
             std::to_string(s.h) + "x" + std::to_string(s.w) + " -> " +
             std::to_string(s.out) + " k" + std::to_string(s.k);
  row.param("batch", s.batch).param("in", s.in).param("out", s.out);
  row.param("h", s.h).param("w", s.w).param("k", s.k);
  row.simCycles = cycles;
  row.wallSeconds = runSeconds;
  row.nativeSeconds = nativeSeconds;
  row.deviceBytes = bench::deviceBytesInUse(engine);
  row.value("flopsPerCyclePercentOfPeak", 100.0 * perCycle / peak);
  row.value("largestRelativeDifference", worst);
  row.value("buildSeconds", buildSeconds);
  row.value("compileLoadSeconds", compileSeconds);
  bench::report(args, row);
  return 0;
}
