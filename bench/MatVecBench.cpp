// Matrix-vector benchmark: y = A x with one DotProduct vertex per (row,
// column block) and a SumVertex per row (examples/matvec), on a 1472-tile
// ipu2. Reports graph-build, compile, load and run wall times, simulated
// cycles, and the same arithmetic as a native loop in this process. Not a
// test: run
//   ./build/bench/matvec_bench [--short] [--json FILE] [rows cols colBlocks]
// (default 10000 1000 8; 500 100 2 with --short)
#include "BenchClock.hpp"
#include "BenchReport.hpp"

#include "MatVec.hpp"

#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>

#include <chrono>
#include <cstdlib>
#include <iostream>

using namespace poplar;
int main(int argc, char **argv) {
  const bench::Args args(argc, argv);
  matvec::Shape shape{10000, 1000, 8};
  if (args.shortMode)
    shape = {500, 100, 2};
  if (args.position.size() == 3)
    shape = {args.number(0, 0), args.number(1, 0), args.number(2, 0)};
  IPUModel model("ipu2");
  Device device = model.createDevice();
  std::vector<float> a = matvec::inputs(shape.rows * shape.cols, 1);
  std::vector<float> x = matvec::inputs(shape.cols, 2);

  auto t0 = Clock::now();
  Graph graph(device.getTarget());
  // Compile the codelets once outside the timing: the cache makes later
  // builds cost milliseconds, as for a user iterating on a graph.
  graph.addCodelets(TESSEL_MATVEC_CODELETS);
  double codeletSeconds = secondsSince(t0);
  auto t1 = Clock::now();
  Graph timed(device.getTarget());
  program::Program prog = matvec::build(timed, shape, TESSEL_MATVEC_CODELETS);
  double buildSeconds = secondsSince(t1);

  auto t2 = Clock::now();
  Executable exe = compileGraph(timed, {prog});
  double compileSeconds = secondsSince(t2);

  auto t3 = Clock::now();
  Engine engine(std::move(exe));
  engine.load(device);
  engine.writeTensor("A", a.data(), a.data() + a.size());
  engine.writeTensor("x", x.data(), x.data() + x.size());
  double loadSeconds = secondsSince(t3);

  auto t4 = Clock::now();
  engine.run(0);
  double runSeconds = secondsSince(t4);
  std::vector<float> y(shape.rows);
  engine.readTensor("y", y.data(), y.data() + y.size());

  auto t5 = Clock::now();
  std::vector<float> expected = matvec::reference(shape, a, x);
  double nativeSeconds = secondsSince(t5);

  const std::size_t vertices = shape.rows * shape.colBlocks + shape.rows;
  std::cout << "matvec " << shape.rows << "x" << shape.cols << ", "
            << shape.colBlocks << " column blocks, " << vertices
            << " vertices on " << device.getTarget().getNumTiles() << " tiles\n"
            << "  first addCodelets (popc or cache): " << codeletSeconds
            << " s\n"
            << "  graph build:   " << buildSeconds << " s\n"
            << "  compile:       " << compileSeconds << " s\n"
            << "  load + write:  " << loadSeconds << " s\n"
            << "  run:           " << runSeconds << " s ("
            << engine.getCycleCount() << " simulated cycles)\n"
            << "  native loop:   " << nativeSeconds << " s\n"
            << "  result " << (y == expected ? "matches" : "DIFFERS FROM")
            << " the native loop bit for bit\n";
  bench::require(y == expected, "matvec: the device differs from the native "
                                "loop");
  bench::printHeader();
  bench::Row row;
  row.bench = "matvec";
  row.name = std::to_string(shape.rows) + "x" + std::to_string(shape.cols);
  row.param("rows", shape.rows).param("cols", shape.cols);
  row.param("colBlocks", shape.colBlocks).param("vertices", vertices);
  row.simCycles = engine.getCycleCount();
  row.wallSeconds = runSeconds;
  row.nativeSeconds = nativeSeconds;
  row.deviceBytes = bench::deviceBytesInUse(engine);
  row.value("buildSeconds", buildSeconds);
  row.value("compileSeconds", compileSeconds);
  bench::report(args, row);
  return 0;
}
