// Reduction benchmark: popops::reduce(ADD) of a {tiles x rowsPerTile, cols}
// float tensor over dimension 1 on an ipu2 (1472 tiles by default), mapped
// linearly so each tile holds whole rows. Reports graph-build, compile,
// load and run wall times, the simulated cycles against the ideal (each
// tile streaming its elements one vector per cycle), and the same
// arithmetic (the vertices' 8-lane order) as a native single-threaded
// loop, which the result must match bit for bit. With dim 0 it sums the
// columns instead (a tree across all tiles), checked against a double sum
// to 1e-5. Not a test: run
//   ./build/bench/reduce_bench [--short] [--json FILE]
//   [rowsPerTile cols tiles [dim]]
// (default 64 1024 1472 1; 4 256 1472 1 with --short)
#include "BenchClock.hpp"
#include "BenchReport.hpp"

#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>
#include <popops/Reduce.hpp>
#include <popops/codelets.hpp>
#include <poputil/TileMapping.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

using namespace poplar;
/// Sums each row as the ReducePartial vertex does: element j into lane
/// j mod 8, then the lanes pairwise.
static std::vector<float> nativeRowSums(const std::vector<float> &in,
                                        std::size_t rows, std::size_t cols) {
  std::vector<float> out(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    const float *row = &in[i * cols];
    float lane[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    std::size_t j = 0;
    for (; j + 8 <= cols; j += 8)
      for (unsigned l = 0; l < 8; ++l)
        lane[l] += row[j + l];
    for (unsigned l = 0; j < cols; ++j, ++l)
      lane[l] += row[j];
    for (unsigned width = 4; width > 0; width /= 2)
      for (unsigned l = 0; l < width; ++l)
        lane[l] = lane[2 * l] + lane[2 * l + 1];
    out[i] = 0.0f + lane[0];
  }
  return out;
}

/// Column sums in float, row after row, and the largest relative error of
/// `got` against the same sums in double.
static double columnSums(const std::vector<float> &in, std::size_t rows,
                         std::size_t cols, const std::vector<float> &got,
                         double &nativeSeconds) {
  auto start = Clock::now();
  std::vector<float> sums(cols, 0.0f);
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j)
      sums[j] += in[i * cols + j];
  nativeSeconds = secondsSince(start);
  std::vector<double> exact(cols, 0.0);
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j)
      exact[j] += in[i * cols + j];
  double worst = 0;
  for (std::size_t j = 0; j < cols; ++j)
    worst = std::max(worst, std::abs(got[j] - exact[j]) / exact[j]);
  volatile float keep = sums[0]; // the timed loop is not optimised away
  (void)keep;
  return worst;
}

int main(int argc, char **argv) {
  const bench::Args args(argc, argv);
  std::size_t rowsPerTile = args.shortMode ? 4 : 64;
  std::size_t cols = args.shortMode ? 256 : 1024;
  unsigned tiles = 1472, dim = 1;
  if (args.position.size() >= 3) {
    rowsPerTile = args.number(0, 0);
    cols = args.number(1, 0);
    tiles = unsigned(args.number(2, 0));
  }
  if (args.position.size() >= 4)
    dim = args.number(3, 1) == 0 ? 0 : 1;
  IPUModel model("ipu2");
  model.tilesPerIPU = tiles;
  Device device = model.createDevice();
  const std::size_t rows = rowsPerTile * tiles;
  std::vector<float> in(rows * cols);
  for (std::size_t i = 0; i < in.size(); ++i)
    in[i] = float((i * 2654435761u) % 1000) / 256.0f;

  auto t0 = Clock::now();
  Graph graph(device.getTarget());
  popops::addCodelets(graph);
  Tensor x = graph.addVariable(FLOAT, {rows, cols}, "x");
  poputil::mapTensorLinearly(graph, x);
  program::Sequence prog;
  Tensor y =
      popops::reduce(graph, x, {dim}, popops::Operation::ADD, prog, "sum");
  graph.createHostWrite("x", x);
  graph.createHostRead("y", y);
  const double buildSeconds = secondsSince(t0);

  auto t1 = Clock::now();
  Executable exe = compileGraph(graph, {prog});
  const double compileSeconds = secondsSince(t1);

  auto t2 = Clock::now();
  Engine engine(std::move(exe));
  engine.load(device);
  engine.writeTensor("x", in.data(), in.data() + in.size());
  const double loadSeconds = secondsSince(t2);

  auto t3 = Clock::now();
  engine.run(0);
  const double runSeconds = secondsSince(t3);
  std::vector<float> out(dim == 1 ? rows : cols);
  engine.readTensor("y", out.data(), out.data() + out.size());

  double nativeSeconds = 0;
  bool ok = true;
  std::string verdict;
  if (dim == 1) {
    auto t4 = Clock::now();
    ok = out == nativeRowSums(in, rows, cols);
    nativeSeconds = secondsSince(t4);
    verdict = ok ? "matches the native loop bit for bit"
                 : "DIFFERS FROM the native loop";
  } else {
    const double worst = columnSums(in, rows, cols, out, nativeSeconds);
    ok = worst <= 1e-5;
    verdict = "is within " + std::to_string(worst) + " of a double sum";
  }

  const Target &target = device.getTarget();
  const std::size_t perTile = rowsPerTile * cols;
  const std::size_t ideal = perTile / target.getVectorWidth(FLOAT);
  const std::uint64_t cycles = engine.getCycleCount();
  std::cout << "reduce ADD {" << rows << "," << cols << "} over dim " << dim
            << " on " << target.getNumTiles() << " tiles (" << perTile
            << " floats per tile)\n"
            << "  graph build:   " << buildSeconds << " s\n"
            << "  compile:       " << compileSeconds << " s\n"
            << "  load + write:  " << loadSeconds << " s\n"
            << "  run:           " << runSeconds << " s (" << cycles
            << " simulated cycles; ideal " << ideal << ", "
            << double(cycles) / double(ideal) << "x)\n"
            << "  native loop:   " << nativeSeconds << " s (run / native "
            << runSeconds / nativeSeconds << ")\n"
            << "  result " << verdict << "\n";
  bench::require(ok, "reduce: the result " + verdict);
  bench::printHeader();
  bench::Row row;
  row.bench = "reduce";
  row.name = "ADD dim " + std::to_string(dim) + " " + std::to_string(rows) +
             "x" + std::to_string(cols);
  row.param("rows", rows).param("cols", cols).param("tiles", tiles);
  row.simCycles = cycles;
  row.wallSeconds = runSeconds;
  row.nativeSeconds = nativeSeconds;
  row.deviceBytes = bench::deviceBytesInUse(engine);
  row.value("idealCycles", double(ideal));
  row.value("buildSeconds", buildSeconds);
  row.value("compileSeconds", compileSeconds);
  bench::report(args, row);
  return 0;
}
