// Compile scaling and host memory (issue 11): graphs of 10^4, 10^5 and 10^6
// vertices (one small vertex each, 4 floats in and out, spread over a
// 1472-tile ipu2), each built, compiled, loaded and run once. Per size it
// reports compile + load wall time against the graph-build time (the
// "native" column: the target is compile <= 5x build and <= 11x growth per
// 10x vertices), the run against a native loop of the same arithmetic, and
// the process's peak RSS against the simulated device bytes in use. Sizes
// run in increasing order, so each row's peak RSS is that size's peak. Run
//   ./build/bench/compile_scale_bench [--short] [--json FILE] [vertices...]
#include "BenchClock.hpp"
#include "BenchReport.hpp"

#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace poplar;
namespace {

const char *const codeletSource = R"(
#include <poplar/Vertex.hpp>
using namespace poplar;

class ScaleAdd : public Vertex {
public:
  Input<Vector<float>> in;
  Output<Vector<float>> out;
  void compute() {
    for (unsigned i = 0; i < out.size(); ++i)
      out[i] = in[i] * 3.0f + 1.0f;
  }
};
)";

constexpr std::size_t elementsPerVertex = 4;

void scale(const bench::Args &args, std::size_t vertices) {
  Device device = IPUModel("ipu2").createDevice();
  const Target &target = device.getTarget();
  const std::size_t n = vertices * elementsPerVertex;

  auto t0 = Clock::now();
  Graph graph(target);
  {
    std::stringstream source(codeletSource);
    graph.addCodelets(source);
  }
  const double codeletSeconds = secondsSince(t0);
  auto t1 = Clock::now();
  Tensor x = graph.addVariable(FLOAT, {vertices, elementsPerVertex}, "x");
  Tensor y = graph.addVariable(FLOAT, {vertices, elementsPerVertex}, "y");
  ComputeSet cs = graph.addComputeSet("scaleAdd");
  const std::size_t tiles = target.getNumTiles();
  // Consecutive vertices share a tile: whole rows of x and y per tile.
  for (std::size_t tile = 0; tile < tiles; ++tile) {
    const std::size_t begin = vertices * tile / tiles;
    const std::size_t end = vertices * (tile + 1) / tiles;
    if (begin == end)
      continue;
    graph.setTileMapping(x.slice(begin, end), unsigned(tile));
    graph.setTileMapping(y.slice(begin, end), unsigned(tile));
    for (std::size_t v = begin; v < end; ++v) {
      VertexRef vertex =
          graph.addVertex(cs, "ScaleAdd", {{"in", x[v]}, {"out", y[v]}});
      graph.setTileMapping(vertex, unsigned(tile));
    }
  }
  graph.createHostWrite("x", x);
  graph.createHostRead("y", y);
  program::Execute prog(cs);
  const double buildSeconds = secondsSince(t1);

  auto t2 = Clock::now();
  Executable exe = compileGraph(graph, {prog});
  const double compileSeconds = secondsSince(t2);
  auto t3 = Clock::now();
  Engine engine(std::move(exe));
  engine.load(device);
  const double loadSeconds = secondsSince(t3);

  std::vector<float> in(n), out(n), native(n);
  for (std::size_t i = 0; i < n; ++i)
    in[i] = float(i % 1000) * 0.125f;
  engine.writeTensor("x", in.data(), in.data() + n);
  const std::uint64_t before = engine.getCycleCount();
  auto t4 = Clock::now();
  engine.run(0);
  const double runSeconds = secondsSince(t4);
  const std::uint64_t cycles = engine.getCycleCount() - before;
  engine.readTensor("y", out.data(), out.data() + n);
  auto t5 = Clock::now();
  for (std::size_t i = 0; i < n; ++i)
    native[i] = in[i] * 3.0f + 1.0f;
  const double nativeSeconds = secondsSince(t5);
  bench::require(out == native, "compile_scale: the device result at " +
                                    std::to_string(vertices) +
                                    " vertices differs from the native loop");
  // Read before the profile summary, which builds its own copy of the data.
  const std::uint64_t peak = bench::peakRssBytes();
  const std::optional<std::uint64_t> deviceBytes =
      bench::deviceBytesInUse(engine);

  bench::Row compile;
  compile.bench = "compile";
  compile.name = "vertices " + std::to_string(vertices);
  compile.param("vertices", vertices);
  compile.wallSeconds = compileSeconds + loadSeconds;
  compile.nativeSeconds = buildSeconds; // the target: compile <= 5x build
  compile.deviceBytes = deviceBytes;
  compile.value("compileSeconds", compileSeconds);
  compile.value("loadSeconds", loadSeconds);
  compile.value("codeletSeconds", codeletSeconds);
  if (deviceBytes) {
    compile.value("peakRssOverDevice", double(peak) / double(*deviceBytes));
    compile.value("hostBytesPerVertex", double(peak) / double(vertices));
  }
  bench::report(args, compile);

  bench::Row run;
  run.bench = "compile";
  run.name = "vertices " + std::to_string(vertices) + " run";
  run.param("vertices", vertices);
  run.simCycles = cycles;
  run.wallSeconds = runSeconds;
  run.nativeSeconds = nativeSeconds;
  run.deviceBytes = deviceBytes;
  bench::report(args, run);
}

} // namespace

int main(int argc, char **argv) {
  const bench::Args args(argc, argv);
  std::vector<std::size_t> sizes;
  for (std::size_t i = 0; i < args.position.size(); ++i)
    sizes.push_back(args.number(i, 0));
  if (sizes.empty())
    sizes = args.shortMode ? std::vector<std::size_t>{1000, 10000}
                           : std::vector<std::size_t>{10000, 100000, 1000000};
  bench::printHeader();
  for (std::size_t vertices : sizes)
    scale(args, vertices);
  return 0;
}
