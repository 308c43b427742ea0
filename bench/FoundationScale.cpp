// Scale benchmark for the foundation: a 1472-tile ipu2 graph with two
// 10^7-element tensors and 10^5 copies between them. Reports graph-build,
// compile, load and run wall times (and simulated cycles), the run against
// a native loop doing the same copies. Not a test: run
//   ./build/bench/foundation_scale [--short] [--json FILE] [numCopies]
//   [numElements]
#include "BenchClock.hpp"
#include "BenchReport.hpp"

#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>
#include <poputil/TileMapping.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>

using namespace poplar;
using namespace poplar::program;
int main(int argc, char **argv) {
  const bench::Args args(argc, argv);
  const std::size_t numCopies = args.number(0, args.shortMode ? 1000 : 100000);
  const std::size_t n = args.number(1, args.shortMode ? 100000 : 10000000);
  const std::size_t chunk = n / numCopies;

  IPUModel model("ipu2");
  Device device = model.createDevice();

  auto t0 = Clock::now();
  Graph graph(device.getTarget());
  Tensor a = graph.addVariable(FLOAT, {n}, "a");
  Tensor b = graph.addVariable(FLOAT, {n}, "b");
  poputil::mapTensorLinearly(graph, a);
  poputil::mapTensorLinearly(graph, b);
  graph.createHostWrite("a", a);
  graph.createHostRead("b", b);
  // Copy i moves chunk i of a to chunk (i * 7919) % numCopies of b: every
  // copy crosses tiles and the copies touch disjoint destinations.
  Sequence prog;
  for (std::size_t i = 0; i < numCopies; ++i) {
    std::size_t j = (i * 7919) % numCopies;
    prog.add(Copy(a.slice(i * chunk, (i + 1) * chunk),
                  b.slice(j * chunk, (j + 1) * chunk)));
  }
  double buildSeconds = secondsSince(t0);

  auto t1 = Clock::now();
  Executable exe = compileGraph(graph, {prog});
  double compileSeconds = secondsSince(t1);

  auto t2 = Clock::now();
  Engine engine(std::move(exe));
  engine.load(device);
  std::vector<float> in(n), out(n);
  for (std::size_t i = 0; i < n; ++i)
    in[i] = float(i % 65536);
  engine.writeTensor("a", in.data(), in.data() + n);
  double loadSeconds = secondsSince(t2);

  auto t3 = Clock::now();
  engine.run(0);
  double runSeconds = secondsSince(t3);

  engine.readTensor("b", out.data(), out.data() + n);
  std::vector<float> native(n);
  auto t4 = Clock::now();
  for (std::size_t i = 0; i < numCopies; ++i) {
    std::size_t j = (i * 7919) % numCopies;
    std::copy(in.begin() + i * chunk, in.begin() + (i + 1) * chunk,
              native.begin() + j * chunk);
  }
  const double nativeSeconds = secondsSince(t4);
  const std::uint64_t peak = bench::peakRssBytes();
  const auto deviceBytes = bench::deviceBytesInUse(engine);
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < numCopies; ++i) {
    std::size_t j = (i * 7919) % numCopies;
    for (std::size_t k = 0; k < chunk; ++k)
      wrong += out[j * chunk + k] != in[i * chunk + k];
  }
  std::cout << "tiles " << device.getTarget().getNumTiles() << ", elements "
            << n << ", copies " << numCopies << '\n'
            << "graph build   " << buildSeconds << " s\n"
            << "compile       " << compileSeconds << " s\n"
            << "load + write  " << loadSeconds << " s\n"
            << "run           " << runSeconds << " s\n"
            << "device cycles " << engine.getCycleCount() << '\n'
            << (wrong ? "RESULT MISMATCH" : "results match the host") << '\n';
  bench::require(!wrong, "foundation_scale: copies differ from the host");
  bench::printHeader();
  bench::Row compile;
  compile.bench = "foundation";
  compile.name = "copies " + std::to_string(numCopies) + " compile";
  compile.param("copies", numCopies).param("elements", n);
  compile.wallSeconds = compileSeconds;
  compile.nativeSeconds = buildSeconds; // the target: compile <= 5x build
  compile.deviceBytes = deviceBytes;
  compile.value("loadSeconds", loadSeconds);
  if (deviceBytes)
    compile.value("peakRssOverDevice", double(peak) / double(*deviceBytes));
  bench::report(args, compile);
  bench::Row run;
  run.bench = "foundation";
  run.name = "copies " + std::to_string(numCopies) + " run";
  run.param("copies", numCopies).param("elements", n);
  run.simCycles = engine.getCycleCount();
  run.wallSeconds = runSeconds;
  run.nativeSeconds = nativeSeconds;
  run.deviceBytes = deviceBytes;
  bench::report(args, run);
  return 0;
}
