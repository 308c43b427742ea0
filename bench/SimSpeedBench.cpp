// Simulation speed against native code (issue 11): compute-bound vertices
// (an fma over 10^7 floats; a 16x16x16 matrix product per vertex) and
// fine-grained exchange (a transpose copy of 10^6 and 10^7 floats across
// tiles) on a 1472-tile ipu2, each run on 1 and on 2 host threads
// (tessel.hostThreads) and timed against a native single-threaded loop in
// this process. The two thread counts must give bit-identical results and
// cycles, and the device must match the native loop bit for bit; otherwise
// the benchmark fails. The transpose rows also give its build and compile
// times (the 10^6 -> 10^7 compile scaling). Run
//   ./build/bench/simspeed_bench [--short] [--json FILE] [WORKLOAD...]
// with WORKLOAD fma, matmul, transpose (10^6 floats) or transpose-large
// (10^7); none runs all four.
#include "BenchClock.hpp"
#include "BenchReport.hpp"

#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>
#include <poputil/TileMapping.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

using namespace poplar;
namespace {

// Both vertices compute in the order of the native loops below, so the
// results agree bit for bit (codelets are compiled with -ffp-contract=off).
const char *const codeletSource = R"(
#include <poplar/Vertex.hpp>
using namespace poplar;

class Fma : public Vertex {
public:
  Input<Vector<float>> a;
  Input<Vector<float>> b;
  InOut<Vector<float>> c;
  void compute() {
    for (unsigned i = 0; i < c.size(); ++i)
      c[i] = a[i] * b[i] + c[i];
  }
};

class MatMul16 : public Vertex {
public:
  Input<Vector<float>> a;
  Input<Vector<float>> b;
  Output<Vector<float>> c;
  void compute() {
    for (unsigned i = 0; i < 16; ++i)
      for (unsigned j = 0; j < 16; ++j) {
        float sum = 0.0f;
        for (unsigned k = 0; k < 16; ++k)
          sum += a[i * 16 + k] * b[k * 16 + j];
        c[i * 16 + j] = sum;
      }
  }
};
)";

std::vector<float> inputs(std::size_t n, unsigned seed) {
  std::vector<float> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = float(int((i * 37 + seed * 11) % 17) - 8) / 8.0f;
  return v;
}

void addCodelets(Graph &graph) {
  std::stringstream source(codeletSource);
  graph.addCodelets(source);
}

OptionFlags threads(unsigned n) {
  return {{"tessel.hostThreads", std::to_string(n)}};
}

/// What one engine run produced.
struct Outcome {
  std::vector<float> result;
  std::uint64_t cycles = 0;
  double runSeconds = 0;
  double compileSeconds = 0;
  std::optional<std::uint64_t> deviceBytes;
};

/// Compiles `prog` with `hostThreads`, writes `inputs`, runs once (best of
/// `repeats` for the wall time; every run starts from the same inputs) and
/// reads `output`.
Outcome runOnce(
    const Graph &graph, const program::Program &prog, unsigned hostThreads,
    const std::vector<std::pair<std::string, const std::vector<float> *>> &ins,
    const std::string &output, std::size_t outputSize, int repeats) {
  Outcome got;
  Device device = IPUModel("ipu2").createDevice();
  auto t0 = Clock::now();
  Engine engine(graph, prog, threads(hostThreads));
  engine.load(device);
  got.compileSeconds = secondsSince(t0);
  got.runSeconds = 1e30;
  for (int rep = 0; rep < repeats; ++rep) {
    for (const auto &[name, data] : ins)
      engine.writeTensor(name, data->data(), data->data() + data->size());
    const std::uint64_t before = engine.getCycleCount();
    auto t1 = Clock::now();
    engine.run(0);
    got.runSeconds = std::min(got.runSeconds, secondsSince(t1));
    got.cycles = engine.getCycleCount() - before;
  }
  got.result.resize(outputSize);
  engine.readTensor(output, got.result.data(),
                    got.result.data() + got.result.size());
  got.deviceBytes = bench::deviceBytesInUse(engine);
  return got;
}

/// Best of `repeats` wall times of `loop`.
double nativeBest(const std::function<void()> &loop, int repeats) {
  double best = 1e30;
  for (int rep = 0; rep < repeats; ++rep) {
    auto t = Clock::now();
    loop();
    best = std::min(best, secondsSince(t));
  }
  return best;
}

bool sameBits(const std::vector<float> &x, const std::vector<float> &y) {
  return x.size() == y.size() &&
         std::memcmp(x.data(), y.data(), x.size() * sizeof(float)) == 0;
}

/// Reports the 1- and 2-thread rows of one workload, after checking both
/// against each other and against the native result.
void reportThreads(const bench::Args &args, const std::string &name,
                   const std::vector<std::pair<std::string, std::string>> &p,
                   const Outcome &one, const Outcome &two,
                   const std::vector<float> &native, double nativeSeconds) {
  bench::require(sameBits(one.result, two.result) && one.cycles == two.cycles,
                 name +
                     ": 1 and 2 host threads give different results or "
                     "cycles (" +
                     std::to_string(one.cycles) + " vs " +
                     std::to_string(two.cycles) + ")");
  bench::require(sameBits(one.result, native),
                 name + ": the device result differs from the native loop");
  for (const Outcome *o : {&one, &two}) {
    bench::Row row;
    row.bench = "simspeed";
    row.name = name + (o == &one ? " 1 thread" : " 2 threads");
    row.params = p;
    row.param("hostThreads", o == &one ? 1 : 2);
    row.simCycles = o->cycles;
    row.wallSeconds = o->runSeconds;
    row.nativeSeconds = nativeSeconds;
    row.deviceBytes = o->deviceBytes;
    row.value("compileSeconds", o->compileSeconds);
    row.value("bitIdentical1v2", 1);
    bench::report(args, row);
  }
}

void fmaBench(const bench::Args &args, std::size_t n) {
  IPUModel model("ipu2");
  const Target target = model.createDevice().getTarget();
  Graph graph(target);
  addCodelets(graph);
  Tensor a = graph.addVariable(FLOAT, {n}, "a");
  Tensor b = graph.addVariable(FLOAT, {n}, "b");
  Tensor c = graph.addVariable(FLOAT, {n}, "c");
  ComputeSet cs = graph.addComputeSet("fma");
  // One vertex per worker context of every tile.
  const std::size_t vertices =
      std::size_t(target.getNumTiles()) * target.getNumWorkerContexts();
  for (std::size_t v = 0; v < vertices; ++v) {
    const std::size_t begin = n * v / vertices, end = n * (v + 1) / vertices;
    const unsigned tile = unsigned(v / target.getNumWorkerContexts());
    for (const Tensor &t : {a, b, c})
      graph.setTileMapping(t.slice(begin, end), tile);
    VertexRef vertex = graph.addVertex(cs, "Fma",
                                       {{"a", a.slice(begin, end)},
                                        {"b", b.slice(begin, end)},
                                        {"c", c.slice(begin, end)}});
    graph.setTileMapping(vertex, tile);
  }
  graph.createHostWrite("a", a);
  graph.createHostWrite("b", b);
  graph.createHostWrite("c", c);
  graph.createHostRead("c", c);
  program::Execute prog(cs);

  const std::vector<float> av = inputs(n, 1), bv = inputs(n, 2),
                           cv = inputs(n, 3);
  const auto ins =
      std::vector<std::pair<std::string, const std::vector<float> *>>{
          {"a", &av}, {"b", &bv}, {"c", &cv}};
  const int repeats = 3;
  Outcome one = runOnce(graph, prog, 1, ins, "c", n, repeats);
  Outcome two = runOnce(graph, prog, 2, ins, "c", n, repeats);
  std::vector<float> native(n);
  const double nativeSeconds = nativeBest(
      [&] {
        for (std::size_t i = 0; i < n; ++i)
          native[i] = av[i] * bv[i] + cv[i];
      },
      repeats);
  reportThreads(args, "fma", {{"floats", std::to_string(n)}}, one, two, native,
                nativeSeconds);
}

/// `vertices` 16x16x16 products, `iterations` times over (a run of one
/// pass is too short to time against the noise of a shared host).
void matMulBench(const bench::Args &args, std::size_t vertices,
                 unsigned iterations) {
  IPUModel model("ipu2");
  const Target target = model.createDevice().getTarget();
  Graph graph(target);
  addCodelets(graph);
  Tensor a = graph.addVariable(FLOAT, {vertices, 256}, "a");
  Tensor b = graph.addVariable(FLOAT, {vertices, 256}, "b");
  Tensor c = graph.addVariable(FLOAT, {vertices, 256}, "c");
  ComputeSet cs = graph.addComputeSet("matmul16");
  for (std::size_t v = 0; v < vertices; ++v) {
    const unsigned tile = unsigned(v * target.getNumTiles() / vertices);
    for (const Tensor &t : {a, b, c})
      graph.setTileMapping(t[v], tile);
    VertexRef vertex = graph.addVertex(cs, "MatMul16",
                                       {{"a", a[v]}, {"b", b[v]}, {"c", c[v]}});
    graph.setTileMapping(vertex, tile);
  }
  graph.createHostWrite("a", a);
  graph.createHostWrite("b", b);
  graph.createHostRead("c", c);
  program::Repeat prog(iterations, program::Execute(cs));

  const std::vector<float> av = inputs(vertices * 256, 1),
                           bv = inputs(vertices * 256, 2);
  const auto ins =
      std::vector<std::pair<std::string, const std::vector<float> *>>{
          {"a", &av}, {"b", &bv}};
  const int repeats = 3;
  Outcome one = runOnce(graph, prog, 1, ins, "c", vertices * 256, repeats);
  Outcome two = runOnce(graph, prog, 2, ins, "c", vertices * 256, repeats);
  std::vector<float> native(vertices * 256);
  const double nativeSeconds = nativeBest(
      [&] {
        for (unsigned iteration = 0; iteration < iterations; ++iteration)
          for (std::size_t v = 0; v < vertices; ++v) {
            const float *x = &av[v * 256], *y = &bv[v * 256];
            float *z = &native[v * 256];
            for (unsigned i = 0; i < 16; ++i)
              for (unsigned j = 0; j < 16; ++j) {
                float sum = 0.0f;
                for (unsigned k = 0; k < 16; ++k)
                  sum += x[i * 16 + k] * y[k * 16 + j];
                z[i * 16 + j] = sum;
              }
          }
      },
      repeats);
  reportThreads(args, "matmul 16^3 per vertex",
                {{"vertices", std::to_string(vertices)},
                 {"iterations", std::to_string(iterations)}},
                one, two, native, nativeSeconds);
}

/// A {rows, cols} tensor copied transposed into a {cols, rows} one, both
/// spread linearly over the tiles, so nearly every element crosses tiles.
void transposeBench(const bench::Args &args, std::size_t rows, std::size_t cols,
                    bool bothThreadCounts) {
  const std::size_t n = rows * cols;
  IPUModel model("ipu2");
  const Target target = model.createDevice().getTarget();
  auto t0 = Clock::now();
  Graph graph(target);
  Tensor a = graph.addVariable(FLOAT, {rows, cols}, "a");
  Tensor b = graph.addVariable(FLOAT, {cols, rows}, "b");
  poputil::mapTensorLinearly(graph, a);
  poputil::mapTensorLinearly(graph, b);
  graph.createHostWrite("a", a);
  graph.createHostRead("b", b);
  program::Copy prog(a.transpose(), b);
  const double buildSeconds = secondsSince(t0);

  const std::vector<float> av = inputs(n, 1);
  const auto ins =
      std::vector<std::pair<std::string, const std::vector<float> *>>{
          {"a", &av}};
  const int repeats = 2;
  Outcome one = runOnce(graph, prog, 1, ins, "b", n, repeats);
  const std::uint64_t peakAfterFirstEngine = bench::peakRssBytes();
  Outcome two =
      bothThreadCounts ? runOnce(graph, prog, 2, ins, "b", n, repeats) : one;
  std::vector<float> native(n);
  const double nativeSeconds = nativeBest(
      [&] {
        for (std::size_t i = 0; i < rows; ++i)
          for (std::size_t j = 0; j < cols; ++j)
            native[j * rows + i] = av[i * cols + j];
      },
      repeats);
  const std::string name = "transpose " + std::to_string(n);
  const std::vector<std::pair<std::string, std::string>> p = {
      {"rows", std::to_string(rows)}, {"cols", std::to_string(cols)}};
  if (bothThreadCounts) {
    reportThreads(args, name, p, one, two, native, nativeSeconds);
  } else {
    bench::require(sameBits(one.result, native),
                   name + ": the device result differs from the native loop");
    bench::Row row;
    row.bench = "simspeed";
    row.name = name + " 1 thread";
    row.params = p;
    row.param("hostThreads", 1);
    row.simCycles = one.cycles;
    row.wallSeconds = one.runSeconds;
    row.nativeSeconds = nativeSeconds;
    row.deviceBytes = one.deviceBytes;
    bench::report(args, row);
  }
  // The compile-scaling row: compile + load against graph-build wall time.
  bench::Row compile;
  compile.bench = "compile";
  compile.name = "transpose " + std::to_string(n);
  compile.params = p;
  compile.wallSeconds = one.compileSeconds;
  compile.nativeSeconds = buildSeconds; // the target: compile <= 5x build
  compile.deviceBytes = one.deviceBytes;
  compile.value("peakRssAfterFirstEngineMB",
                double(peakAfterFirstEngine) / 1e6);
  bench::report(args, compile);
}

/// Whether the command line asks for workload `name`: all of them when it
/// names none.
bool wanted(const bench::Args &args, const std::string &name) {
  return args.position.empty() ||
         std::find(args.position.begin(), args.position.end(), name) !=
             args.position.end();
}

} // namespace

int main(int argc, char **argv) {
  const bench::Args args(argc, argv);
  for (const std::string &name : args.position)
    if (name != "fma" && name != "matmul" && name != "transpose" &&
        name != "transpose-large") {
      std::fprintf(stderr,
                   "simspeed_bench: unknown workload '%s' (fma, matmul, "
                   "transpose, transpose-large; none runs all)\n",
                   name.c_str());
      return 2;
    }
  bench::printHeader();
  if (wanted(args, "fma"))
    fmaBench(args, args.shortMode ? 100000 : 10000000);
  if (wanted(args, "matmul"))
    matMulBench(args, args.shortMode ? 1472 : 1472 * 6,
                args.shortMode ? 1 : 20);
  if (wanted(args, "transpose"))
    transposeBench(args, args.shortMode ? 100 : 1000,
                   args.shortMode ? 100 : 1000, true);
  if (wanted(args, "transpose-large"))
    transposeBench(args, args.shortMode ? 400 : 4000,
                   args.shortMode ? 250 : 2500, args.shortMode);
  return 0;
}
