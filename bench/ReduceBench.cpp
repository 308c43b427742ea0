// Reduction benchmark: popops::reduce(ADD) of a {tiles x rowsPerTile, cols}
// float tensor over dimension 1 on an ipu2 (1472 tiles by default), mapped
// linearly so each tile holds whole rows. Reports graph-build, compile,
// load and run wall times, the simulated cycles against the ideal (each
// tile streaming its elements one vector per cycle), and the same
// arithmetic (the vertices' 8-lane order) as a native single-threaded
// loop, which the result must match bit for bit. Not a test: run
//   ./build/bench/reduce_bench [rowsPerTile cols tiles]  (default 64 1024 1472)
#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>
#include <popops/Reduce.hpp>
#include <popops/codelets.hpp>
#include <poputil/TileMapping.hpp>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <vector>

using namespace poplar;
using Clock = std::chrono::steady_clock;

static double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

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

int main(int argc, char **argv) {
  std::size_t rowsPerTile = 64, cols = 1024;
  unsigned tiles = 1472;
  if (argc == 4) {
    rowsPerTile = std::size_t(std::atol(argv[1]));
    cols = std::size_t(std::atol(argv[2]));
    tiles = unsigned(std::atol(argv[3]));
  }
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
  Tensor y = popops::reduce(graph, x, {1}, popops::Operation::ADD, prog, "sum");
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
  std::vector<float> out(rows);
  engine.readTensor("y", out.data(), out.data() + out.size());

  auto t4 = Clock::now();
  const std::vector<float> expected = nativeRowSums(in, rows, cols);
  const double nativeSeconds = secondsSince(t4);

  const Target &target = device.getTarget();
  const std::size_t perTile = rowsPerTile * cols;
  const std::size_t ideal = perTile / target.getVectorWidth(FLOAT);
  const std::uint64_t cycles = engine.getCycleCount();
  std::cout << "reduce ADD {" << rows << "," << cols << "} over dim 1 on "
            << target.getNumTiles() << " tiles (" << perTile
            << " floats per tile)\n"
            << "  graph build:   " << buildSeconds << " s\n"
            << "  compile:       " << compileSeconds << " s\n"
            << "  load + write:  " << loadSeconds << " s\n"
            << "  run:           " << runSeconds << " s (" << cycles
            << " simulated cycles; ideal " << ideal << ", "
            << double(cycles) / double(ideal) << "x)\n"
            << "  native loop:   " << nativeSeconds << " s (run / native "
            << runSeconds / nativeSeconds << ")\n"
            << "  result " << (out == expected ? "matches" : "DIFFERS FROM")
            << " the native loop bit for bit\n";
  return out == expected ? 0 : 1;
}
