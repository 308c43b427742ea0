// Element-wise add benchmark: popops::add of two 10^7-element float
// tensors spread linearly over a 1472-tile ipu2. Prints simulated cycles
// against the ideal (every byte loaded and stored at one 64-bit access per
// tile cycle: 12 bytes per element / 8 bytes per cycle on the fullest
// tile), and the simulator's wall time against a native single-threaded
// loop of the same arithmetic. Not a test: run
//   ./build/bench/elementwise_bench [--short] [--json FILE] [elements]
// (default 10000000; 100000 with --short)
#include "BenchClock.hpp"
#include "BenchReport.hpp"

#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>
#include <popops/ElementWise.hpp>
#include <popops/codelets.hpp>
#include <poputil/TileMapping.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace poplar;
int main(int argc, char **argv) {
  const bench::Args args(argc, argv);
  const std::size_t n = args.number(0, args.shortMode ? 100000 : 10000000);
  IPUModel model("ipu2");
  Device device = model.createDevice();
  const unsigned tiles = device.getTarget().getNumTiles();

  auto t0 = Clock::now();
  Graph graph(device.getTarget());
  popops::addCodelets(graph);
  Tensor a = graph.addVariable(FLOAT, {n}, "a");
  Tensor b = graph.addVariable(FLOAT, {n}, "b");
  poputil::mapTensorLinearly(graph, a);
  poputil::mapTensorLinearly(graph, b);
  program::Sequence prog;
  Tensor c = popops::add(graph, a, b, prog, "add");
  graph.createHostWrite("a", a);
  graph.createHostWrite("b", b);
  graph.createHostRead("c", c);
  const double buildSeconds = secondsSince(t0);

  auto t1 = Clock::now();
  Engine engine(graph, prog);
  engine.load(device);
  const double compileSeconds = secondsSince(t1);

  std::vector<float> av(n), bv(n), cv(n), expected(n);
  for (std::size_t i = 0; i < n; ++i) {
    av[i] = float(i % 1000) * 0.25f;
    bv[i] = float(i % 777) - 300.0f;
  }
  engine.writeTensor("a", av.data(), av.data() + n);
  engine.writeTensor("b", bv.data(), bv.data() + n);
  // Best of a few runs for both wall times: the host is shared.
  const int repeats = 5;
  double runSeconds = 1e30, nativeSeconds = 1e30;
  std::uint64_t cycles = 0;
  for (int rep = 0; rep < repeats; ++rep) {
    const std::uint64_t cyclesBefore = engine.getCycleCount();
    auto t2 = Clock::now();
    engine.run(0);
    runSeconds = std::min(runSeconds, secondsSince(t2));
    cycles = engine.getCycleCount() - cyclesBefore;
    auto t3 = Clock::now();
    for (std::size_t i = 0; i < n; ++i)
      expected[i] = av[i] + bv[i];
    nativeSeconds = std::min(nativeSeconds, secondsSince(t3));
  }
  engine.readTensor("c", cv.data(), cv.data() + n);

  std::size_t fullest = 0;
  for (const auto &intervals : graph.getTileMapping(c)) {
    std::size_t elements = 0;
    for (const Interval &iv : intervals)
      elements += iv.size();
    fullest = std::max(fullest, elements);
  }
  const std::uint64_t ideal = (fullest * 3 * sizeof(float) + 7) / 8;
  const bool matches = cv == expected;

  std::printf("popops::add of %zu floats on %u tiles (ipu2), fullest tile "
              "%zu elements\n",
              n, tiles, fullest);
  std::printf("  %-38s %14s\n", "measure", "value");
  std::printf("  %-38s %14llu\n", "simulated cycles (run)",
              (unsigned long long)cycles);
  std::printf("  %-38s %14llu\n", "ideal cycles (bytes / 8 per tile)",
              (unsigned long long)ideal);
  std::printf("  %-38s %14.2f\n", "simulated / ideal",
              double(cycles) / double(ideal));
  std::printf("  %-38s %14.3f\n", "graph build (s)", buildSeconds);
  std::printf("  %-38s %14.3f\n", "compile + load (s)", compileSeconds);
  std::printf("  %-38s %14.4f\n", "simulator run, wall, best of 5 (s)",
              runSeconds);
  std::printf("  %-38s %14.4f\n", "native loop, 1 thread, best of 5 (s)",
              nativeSeconds);
  std::printf("  %-38s %14.1f\n", "simulator / native",
              runSeconds / nativeSeconds);
  std::printf("  result %s the native loop bit for bit\n",
              matches ? "matches" : "DIFFERS FROM");
  bench::require(matches, "elementwise: popops::add differs from the native "
                          "loop");
  bench::printHeader();
  bench::Row row;
  row.bench = "elementwise";
  row.name = "popops::add " + std::to_string(n);
  row.param("floats", n);
  row.simCycles = cycles;
  row.wallSeconds = runSeconds;
  row.nativeSeconds = nativeSeconds;
  row.deviceBytes = bench::deviceBytesInUse(engine);
  row.value("idealCycles", double(ideal));
  row.value("buildSeconds", buildSeconds);
  row.value("compileLoadSeconds", compileSeconds);
  bench::report(args, row);
  return 0;
}
