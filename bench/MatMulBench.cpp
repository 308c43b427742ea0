// Matrix-product benchmark: poplin::matMul on a 1472-tile ipu2 with
// operands from createMatMulInputLHS/RHS. For each shape it reports the
// plan, simulated cycles by the plan's phases beside the planner's estimate
// of each, achieved FLOPs per
// cycle as a share of the target's AMP peak, and wall times of building,
// compiling and running against a native single-threaded loop doing the same
// arithmetic in this process. Not a test: run
//   ./build/bench/matmul_bench [--short] [--json FILE] [type] [m k n]...
// type is float (default) or half; with no shapes it runs 256^3, 1024^3 and
// 2048 x 2048 x 512 (m = 2048, k = 2048, n = 512); with --short 64^3.
#include "BenchClock.hpp"
#include "BenchReport.hpp"
#include "MatMulPhases.hpp"

#include <poplar/Engine.hpp>
#include <poplar/HalfFloat.hpp>
#include <poplar/IPUModel.hpp>
#include <poplin/MatMul.hpp>
#include <poplin/codelets.hpp>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace poplar;
namespace {

struct Shape {
  std::size_t m, k, n;
};

std::vector<float> inputs(std::size_t n, unsigned seed) {
  std::vector<float> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = float(int((i * 37 + seed * 11) % 17) - 8) / 8.0f;
  return v;
}

/// The product the native way: one thread, row by row, float sums over k
/// in order (what each tile's vertex does for its block).
std::vector<float> nativeProduct(const std::vector<float> &a,
                                 const std::vector<float> &b, const Shape &s) {
  std::vector<float> c(s.m * s.n, 0.0f);
  for (std::size_t i = 0; i < s.m; ++i)
    for (std::size_t x = 0; x < s.k; ++x) {
      const float av = a[i * s.k + x];
      const float *bRow = &b[x * s.n];
      float *cRow = &c[i * s.n];
      for (std::size_t j = 0; j < s.n; ++j)
        cRow[j] += av * bRow[j];
    }
  return c;
}

void run(const bench::Args &args, const Device &device, const Type &type,
         const Shape &s) {
  const Target &target = device.getTarget();
  auto t0 = Clock::now();
  Graph graph(target);
  poplin::addCodelets(graph);
  poplin::PlanningCache cache;
  Tensor a = poplin::createMatMulInputLHS(graph, type, FLOAT, {s.m, s.k},
                                          {s.k, s.n}, "A", {}, &cache);
  Tensor b = poplin::createMatMulInputRHS(graph, type, FLOAT, {s.m, s.k},
                                          {s.k, s.n}, "B", {}, &cache);
  program::Sequence prog;
  Tensor c = poplin::matMul(graph, a, b, prog, FLOAT, "C", {}, &cache);
  graph.createHostWrite("A", a);
  graph.createHostWrite("B", b);
  graph.createHostRead("C", c);
  std::ostringstream plan;
  poplin::matMulReportPlan(plan, graph, type, FLOAT, {s.m, s.k}, {s.k, s.n}, {},
                           &cache);
  const double buildSeconds = secondsSince(t0);

  auto t1 = Clock::now();
  Engine engine(graph, prog);
  engine.load(device);
  const double compileSeconds = secondsSince(t1);

  std::vector<float> av = inputs(s.m * s.k, 1), bv = inputs(s.k * s.n, 2);
  if (type == HALF) {
    std::vector<half> ah(av.begin(), av.end()), bh(bv.begin(), bv.end());
    engine.writeTensor("A", ah.data(), ah.data() + ah.size());
    engine.writeTensor("B", bh.data(), bh.data() + bh.size());
  } else {
    engine.writeTensor("A", av.data(), av.data() + av.size());
    engine.writeTensor("B", bv.data(), bv.data() + bv.size());
  }
  const std::uint64_t cyclesBefore = engine.getCycleCount();
  auto t2 = Clock::now();
  engine.run(0);
  const double runSeconds = secondsSince(t2);
  const std::uint64_t cycles = engine.getCycleCount() - cyclesBefore;
  const matmul_phases::Cycles estimated =
      matmul_phases::estimated(plan.str()).value_or(matmul_phases::Cycles{});
  const matmul_phases::Cycles simulated = matmul_phases::simulated(engine);
  std::vector<float> cv(s.m * s.n);
  engine.readTensor("C", cv.data(), cv.data() + cv.size());

  auto t3 = Clock::now();
  std::vector<float> want = nativeProduct(av, bv, s);
  const double nativeSeconds = secondsSince(t3);
  double worst = 0;
  for (std::size_t i = 0; i < cv.size(); ++i)
    worst = std::max(worst, double(std::fabs(cv[i] - want[i])) /
                                std::max(1.0, double(std::fabs(want[i]))));

  const double flops = 2.0 * double(s.m) * double(s.k) * double(s.n);
  const double peakPerCycle = 2.0 * target.getNumConvUnits(type, FLOAT) *
                              target.getConvUnitInputLoadElemsPerCycle(type) *
                              target.getNumTiles();
  const double perCycle = flops / double(cycles);
  std::cout << "== " << (type == HALF ? "half" : "float") << " " << s.m << " x "
            << s.k << " x " << s.n << "\n"
            << plan.str() << std::fixed << std::setprecision(1)
            << "  simulated cycles:   " << cycles << "\n"
            << "  by phase, simulated (estimated):";
  for (std::size_t p = 0; p < matmul_phases::kCount; ++p)
    if (simulated[p] || estimated[p])
      std::cout << (p ? ", " : " ") << matmul_phases::kNames[p] << " "
                << simulated[p] << " (" << estimated[p] << ")";
  std::cout << "\n"
            << "  FLOPs per cycle:    " << perCycle << " of peak "
            << peakPerCycle << " (" << 100.0 * perCycle / peakPerCycle << "%)\n"
            << std::setprecision(3) << "  build " << buildSeconds
            << " s, compile+load " << compileSeconds << " s, run " << runSeconds
            << " s; native loop " << nativeSeconds << " s (run / native "
            << std::setprecision(2) << runSeconds / nativeSeconds << "x)\n"
            << std::scientific << "  largest difference from native: " << worst
            << "\n";
  // Inputs are multiples of 1/8: products and sums are exact in float.
  bench::require(type == HALF || worst == 0.0,
                 "matmul: the device differs from the native loop");
  bench::Row row;
  row.bench = "matmul";
  row.name = std::string(type == HALF ? "half " : "float ") +
             std::to_string(s.m) + "x" + std::to_string(s.k) + "x" +
             std::to_string(s.n);
  row.param("m", s.m).param("k", s.k).param("n", s.n);
  row.simCycles = cycles;
  row.wallSeconds = runSeconds;
  row.nativeSeconds = nativeSeconds;
  row.deviceBytes = bench::deviceBytesInUse(engine);
  row.value("flopsPerCyclePercentOfPeak", 100.0 * perCycle / peakPerCycle);
  row.value("largestRelativeDifference", worst);
  for (std::size_t p = 0; p < matmul_phases::kCount; ++p)
    row.value(std::string("simulated ") + matmul_phases::kNames[p],
              double(simulated[p]))
        .value(std::string("estimated ") + matmul_phases::kNames[p],
               double(estimated[p]));
  row.value("buildSeconds", buildSeconds);
  row.value("compileLoadSeconds", compileSeconds);
  bench::report(args, row);
}

} // namespace

int main(int argc, char **argv) {
  const bench::Args args(argc, argv);
  std::size_t arg = 0;
  Type type = FLOAT;
  if (arg < args.position.size() && args.position[arg] == "half") {
    type = HALF;
    ++arg;
  } else if (arg < args.position.size() && args.position[arg] == "float") {
    ++arg;
  }
  std::vector<Shape> shapes;
  for (; arg + 2 < args.position.size(); arg += 3)
    shapes.push_back({args.number(arg, 0), args.number(arg + 1, 0),
                      args.number(arg + 2, 0)});
  if (shapes.empty() && args.shortMode)
    shapes = {{64, 64, 64}};
  if (shapes.empty())
    shapes = {{256, 256, 256}, {1024, 1024, 1024}, {2048, 2048, 512}};
  IPUModel model("ipu2");
  Device device = model.createDevice();
  for (const Shape &s : shapes)
    run(args, device, type, s);
  return 0;
}
