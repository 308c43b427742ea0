// Custom vertices run on their tiles: every device-side feature (Vertex,
// MultiVertex, SupervisorVertex, vectors in every shape, InOut, half, scalar
// and vector state, Execute's flag), each checked against the same
// arithmetic done on the host.
#include "Harness.hpp"

#include <poplar/HalfFloat.hpp>
#include <poplar/TypeConversion.hpp>
#include <poputil/TileMapping.hpp>

#include "ErrorOf.hpp"

#include <catch2/catch.hpp>

#include <numeric>

using namespace poplar;
using namespace poplar::program;

namespace {

const std::string codelets = TESSEL_E2E_CODELETS "/vertices.cpp";

/// Runs program 0 after writing every input, then reads the outputs.
struct Runner {
  Runner(Graph &graph, const Program &program, Device &device)
      : engine(graph, program) {
    engine.load(device);
  }
  template <class T> void write(const std::string &name, std::vector<T> v) {
    engine.writeTensor(name, v.data(), v.data() + v.size());
  }
  template <class T> std::vector<T> read(const std::string &name, size_t n) {
    std::vector<T> v(n);
    engine.readTensor(name, v.data(), v.data() + v.size());
    return v;
  }
  Engine engine;
};

} // namespace

TEST_CASE("A sum vertex per tile adds that tile's part of a vector",
          "[e2e][compute]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  Tensor in = graph.addVariable(FLOAT, {4, 25}, "in");
  Tensor sums = graph.addVariable(FLOAT, {4}, "sums");
  ComputeSet cs = graph.addComputeSet("sum");
  for (unsigned tile = 0; tile < 4; ++tile) {
    graph.setTileMapping(in[tile], tile);
    graph.setTileMapping(sums[tile], tile);
    VertexRef v = graph.addVertex(cs, "SumVertex",
                                  {{"in", in[tile]}, {"out", sums[tile]}});
    graph.setTileMapping(v, tile);
  }
  graph.createHostWrite("in", in);
  graph.createHostRead("sums", sums);

  Runner run(graph, Execute(cs), device);
  std::vector<float> values(100);
  for (unsigned i = 0; i < values.size(); ++i)
    values[i] = 0.1f * float(i) - 3.0f;
  run.write("in", values);
  run.engine.run(0);
  std::vector<float> expected(4, 0.0f);
  for (unsigned tile = 0; tile < 4; ++tile)
    for (unsigned i = 0; i < 25; ++i)
      expected[tile] += values[tile * 25 + i];
  CHECK(run.read<float>("sums", 4) == expected);
}

TEST_CASE("Vertices read remote inputs and write remote outputs, and the "
          "mapping pass places unmapped vertices",
          "[e2e][compute]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  Tensor in = graph.addVariable(FLOAT, {40}, "in");
  poputil::mapTensorLinearly(graph, in); // 10 per tile
  Tensor sums = graph.addVariable(FLOAT, {3}, "sums");
  graph.setTileMapping(sums, 3);
  ComputeSet cs = graph.addComputeSet("sums");
  // Spans cross tiles; the first vertex is unmapped.
  graph.addVertex(cs, "SumVertex", {{"in", in.slice(5, 25)}, {"out", sums[0]}});
  VertexRef b = graph.addVertex(cs, "SumVertex",
                                {{"in", in.slice(0, 40)}, {"out", sums[1]}}, 1);
  VertexRef c = graph.addVertex(cs, "SumVertex");
  graph.connect(c["in"], concat(in.slice(30, 40), in.slice(0, 3)));
  graph.connect(c["out"], sums[2]);
  graph.setTileMapping(c, 2);
  (void)b;
  graph.createHostWrite("in", in);
  graph.createHostRead("sums", sums);

  Runner run(graph, Execute(cs), device);
  std::vector<float> values(40);
  for (unsigned i = 0; i < 40; ++i)
    values[i] = float(i * i % 17) * 0.25f + 1.0f;
  run.write("in", values);
  run.engine.run(0);
  auto sum = [&](std::vector<unsigned> idx) {
    float s = 0.0f;
    for (unsigned i : idx)
      s += values[i];
    return s;
  };
  std::vector<unsigned> first(20), all(40), last;
  std::iota(first.begin(), first.end(), 5u);
  std::iota(all.begin(), all.end(), 0u);
  for (unsigned i = 30; i < 40; ++i)
    last.push_back(i);
  last.insert(last.end(), {0u, 1u, 2u});
  CHECK(run.read<float>("sums", 3) ==
        std::vector<float>{sum(first), sum(all), sum(last)});
}

TEST_CASE("A MultiVertex's six workers each scale their share",
          "[e2e][compute]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  Tensor data = graph.addVariable(FLOAT, {2, 23}, "data");
  ComputeSet cs = graph.addComputeSet("scale");
  for (unsigned t = 0; t < 2; ++t) {
    graph.setTileMapping(data[t], t);
    VertexRef v = graph.addVertex(cs, "ScaleInPlace", {{"data", data[t]}}, t);
    if (t == 0)
      graph.setInitialValue(v["scale"], 0.5f);
    else
      graph.connect(v["scale"], -3.0f); // a scalar value, as Poplar allows
  }
  graph.createHostWrite("data", data);
  graph.createHostRead("data.out", data);
  Runner run(graph, Repeat(2, Execute(cs)), device);
  std::vector<float> values(46);
  std::iota(values.begin(), values.end(), 1.0f);
  run.write("data", values);
  run.engine.run(0);
  for (unsigned i = 0; i < 46; ++i)
    values[i] = i < 23 ? values[i] * 0.5f * 0.5f : values[i] * -3.0f * -3.0f;
  CHECK(run.read<float>("data.out", 46) == values);
}

TEST_CASE("A VectorList field sees each row it was connected to",
          "[e2e][compute]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  Tensor m = graph.addVariable(INT, {5, 7}, "m");
  poputil::mapTensorLinearly(graph, m);
  Tensor sums = graph.addVariable(INT, {4}, "sums");
  graph.setTileMapping(sums, 0);
  ComputeSet cs = graph.addComputeSet("rows");
  VertexRef v = graph.addVertex(cs, "RowSums", 0);
  // Rows of different lengths, one of them from another tile, reversed.
  std::vector<Tensor> rows{m[4].slice(0, 3), m[0], m[2].reverse(0),
                           m.slice({1, 2}, {3, 5}).flatten()};
  graph.connect(v["rows"], rows);
  graph.connect(v["sums"], sums);
  graph.createHostWrite("m", m);
  graph.createHostRead("sums", sums);
  Runner run(graph, Execute(cs), device);
  std::vector<int> values(35);
  for (int i = 0; i < 35; ++i)
    values[i] = (i * 37) % 11 - 5;
  run.write("m", values);
  run.engine.run(0);
  auto at = [&](int r, int c) { return values[r * 7 + c]; };
  std::vector<int> expected{at(4, 0) + at(4, 1) + at(4, 2), 0, 0, 0};
  for (int c = 0; c < 7; ++c) {
    expected[1] += at(0, c);
    expected[2] += at(2, c);
  }
  for (int r = 1; r < 3; ++r) // rows 1-2, columns 2-4
    for (int c = 2; c < 5; ++c)
      expected[3] += at(r, c);
  CHECK(run.read<int>("sums", 4) == expected);
}

TEST_CASE("A Vector<Input<Vector>> field sums several tensors elementwise",
          "[e2e][compute]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  Tensor a = graph.addVariable(FLOAT, {3, 6}, "a");
  poputil::mapTensorLinearly(graph, a);
  Tensor out = graph.addVariable(FLOAT, {6}, "out");
  graph.setTileMapping(out, 2);
  ComputeSet cs = graph.addComputeSet("add");
  VertexRef v = graph.addVertex(cs, "SumOfVectors", 2);
  graph.setFieldSize(v["ins"], 3);
  for (unsigned k = 0; k < 3; ++k)
    graph.connect(v["ins"][k], a[k]);
  graph.connect(v["out"], out);
  graph.createHostWrite("a", a);
  graph.createHostRead("out", out);
  Runner run(graph, Execute(cs), device);
  std::vector<float> values(18);
  for (unsigned i = 0; i < 18; ++i)
    values[i] = 1.0f / float(i + 1);
  run.write("a", values);
  run.engine.run(0);
  std::vector<float> expected(6);
  for (unsigned i = 0; i < 6; ++i)
    expected[i] = values[i] + values[6 + i] + values[12 + i];
  CHECK(run.read<float>("out", 6) == expected);
}

TEST_CASE("InOut scalars accumulate across repeats; scalar state is read",
          "[e2e][compute]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  Tensor total = graph.addVariable(INT, {}, "total");
  Tensor x = graph.addConstant(INT, {}, 5, "x");
  graph.setTileMapping(total, 1);
  graph.setTileMapping(x, 3);
  ComputeSet cs = graph.addComputeSet("acc");
  VertexRef v = graph.addVertex(cs, "Accumulate", {{"total", total}, {"x", x}});
  graph.setInitialValue(v["times"], 3u);
  graph.setInitialValue(total, 1);
  graph.createHostRead("total", total);
  Runner run(graph, Repeat(4, Execute(cs)), device);
  run.engine.run(0);
  CHECK(run.read<int>("total", 1) == std::vector<int>{1 + 4 * 3 * 5});
}

TEST_CASE("connect(field, value) on an Input edge reads a constant",
          "[e2e][compute]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  Tensor totals = graph.addVariable(INT, {2}, "totals");
  graph.setTileMapping(totals[0], 1);
  graph.setTileMapping(totals[1], 2);
  ComputeSet cs = graph.addComputeSet("acc");
  // Mapped first: the constant goes to tile 1 with the vertex.
  VertexRef mapped = graph.addVertex(cs, "Accumulate", {{"total", totals[0]}});
  graph.setTileMapping(mapped, 1);
  graph.connect(mapped["x"], 7);
  graph.setInitialValue(mapped["times"], 2u);
  // Unmapped when connected (and a host type that converts): the compiler
  // maps the constant.
  VertexRef later = graph.addVertex(cs, "Accumulate", {{"total", totals[1]}});
  graph.connect(later["x"], 3.0f);
  graph.setInitialValue(later["times"], 4u);
  graph.setTileMapping(later, 2);
  graph.setInitialValue(totals, ArrayRef<int>{10, 20});
  graph.createHostRead("totals", totals);
  Runner run(graph, Execute(cs), device);
  run.engine.run(0);
  CHECK(run.read<int>("totals", 2) == std::vector<int>{10 + 2 * 7, 20 + 4 * 3});
}

TEST_CASE("connect(field, value) refuses outputs, connected edges and "
          "setInitialValue on an edge",
          "[e2e][compute]") {
  using tessel_test::errorOf;
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  Tensor total = graph.addVariable(INT, {}, "total");
  ComputeSet cs = graph.addComputeSet("acc");
  VertexRef v = graph.addVertex(cs, "Accumulate", {{"total", total}}, 0);
  std::string what =
      errorOf<graph_connection_error>([&] { graph.connect(v["total"], 1); });
  CHECK_THAT(what, Catch::Contains("'total'") &&
                       Catch::Contains("only be connected to an Input edge"));
  graph.connect(v["x"], 1);
  what = errorOf<graph_connection_error>([&] { graph.connect(v["x"], 2); });
  CHECK_THAT(what, Catch::Contains("already connected"));
  VertexRef w = graph.addVertex(cs, "Accumulate", {{"total", total}}, 0);
  what = errorOf<graph_connection_error>(
      [&] { graph.setInitialValue(w["x"], 2); });
  CHECK_THAT(what, Catch::Contains("setInitialValue") &&
                       Catch::Contains("the field is an edge"));
}

TEST_CASE("half vectors and a half scalar compute in binary16",
          "[e2e][compute]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  Tensor x = graph.addVariable(HALF, {9}, "x");
  Tensor y = graph.addVariable(HALF, {9}, "y");
  graph.setTileMapping(x, 0);
  graph.setTileMapping(y, 1);
  ComputeSet cs = graph.addComputeSet("axpy");
  VertexRef v = graph.addVertex(cs, "HalfAxpy", {{"x", x}, {"y", y}}, 1);
  graph.setInitialValue(v["a"], 1.5f);
  graph.createHostWrite("x", x);
  graph.createHostWrite("y", y);
  graph.createHostRead("y.out", y);
  Runner run(graph, Execute(cs), device);
  std::vector<float> xs(9), ys(9);
  for (unsigned i = 0; i < 9; ++i) {
    xs[i] = 0.3f * float(i) - 1.0f;
    ys[i] = 100.0f / float(i + 3);
  }
  const Target &target = device.getTarget();
  std::vector<std::uint16_t> xBits(9), yBits(9);
  convertToDeviceType(HALF, target, xs, xBits.data());
  convertToDeviceType(HALF, target, ys, yBits.data());
  run.write("x", xBits);
  run.write("y", yBits);
  run.engine.run(0);
  std::vector<std::uint16_t> outBits = run.read<std::uint16_t>("y.out", 9);
  std::vector<float> out(9), expected(9);
  convertFromDeviceType(HALF, target, outBits.data(), out);
  // binary16 arithmetic: each operation rounds to half.
  for (unsigned i = 0; i < 9; ++i)
    expected[i] = float(half(1.5f) * half(xs[i]) + half(ys[i]) + half(0.25f));
  CHECK(out == expected);
}

TEST_CASE("Vector state and scalar state fields hold their initial values",
          "[e2e][compute]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  Tensor in = graph.addVariable(UNSIGNED_INT, {8}, "in");
  Tensor out = graph.addVariable(UNSIGNED_INT, {3}, "out");
  poputil::mapTensorLinearly(graph, in);
  graph.setTileMapping(out, 0);
  ComputeSet cs = graph.addComputeSet("gather");
  VertexRef v = graph.addVertex(cs, "Gather", {{"in", in}, {"out", out}}, 0);
  graph.setFieldSize(v["offsets"], 3);
  graph.setInitialValue(v["offsets"], ArrayRef<unsigned>({7u, 0u, 4u}));
  graph.setInitialValue(v["bias"], 3u);
  graph.createHostWrite("in", in);
  graph.createHostRead("out", out);
  Runner run(graph, Execute(cs), device);
  run.write("in", std::vector<unsigned>{10, 11, 12, 13, 14, 15, 16, 17});
  run.engine.run(0);
  CHECK(run.read<unsigned>("out", 3) == std::vector<unsigned>{51, 30, 42});
}

TEST_CASE("Execute's flag says whether every vertex returned true",
          "[e2e][compute]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  Tensor in = graph.addVariable(FLOAT, {12}, "in");
  poputil::mapTensorLinearly(graph, in);
  Tensor flag = graph.addVariable(BOOL, {}, "flag");
  graph.setTileMapping(flag, 2);
  Tensor count = graph.addVariable(INT, {}, "count");
  graph.setTileMapping(count, 2);
  graph.setInitialValue(count, 0);
  ComputeSet cs = graph.addComputeSet("check");
  for (unsigned t = 0; t < 4; ++t)
    graph.addVertex(cs, "AllPositive", {{"in", in.slice(3 * t, 3 * t + 3)}}, t);
  // A supervisor vertex (void compute) always counts as true.
  Tensor seven = graph.addVariable(INT, {}, "seven");
  graph.setTileMapping(seven, 0);
  graph.addVertex(cs, "Supervised", {{"out", seven}}, 0);
  graph.createHostWrite("in", in);
  graph.createHostRead("flag", flag);
  graph.createHostRead("seven", seven);
  Runner run(graph, Execute(cs, flag), device);
  std::vector<float> values(12, 1.0f);
  run.write("in", values);
  run.engine.run(0);
  CHECK(run.read<char>("flag", 1) == std::vector<char>{1});
  CHECK(run.read<int>("seven", 1) == std::vector<int>{7});
  values[10] = -2.0f;
  run.write("in", values);
  run.engine.run(0);
  CHECK(run.read<char>("flag", 1) == std::vector<char>{0});
}

TEST_CASE("Source and stream codelets work the same as a .gp from popc",
          "[e2e][compute]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  std::stringstream src;
  src << "#include <poplar/Vertex.hpp>\n"
         "class Twice : public poplar::Vertex {\n"
         "public:\n"
         "  poplar::Input<poplar::Vector<int>> in;\n"
         "  poplar::Output<poplar::Vector<int>> out;\n"
         "  void compute() { for (unsigned i = 0; i < in.size(); ++i) "
         "out[i] = 2 * in[i]; }\n"
         "};\n";
  graph.addCodelets(src);
  CHECK(graph.hasCodelet("Twice"));
  CHECK_FALSE(graph.hasCodelet("Thrice"));
  Tensor a = graph.addVariable(INT, {5}, "a");
  Tensor b = graph.addVariable(INT, {5}, "b");
  graph.setTileMapping(a, 0);
  graph.setTileMapping(b, 0);
  ComputeSet cs = graph.addComputeSet("twice");
  graph.addVertex(cs, "Twice", {{"in", a}, {"out", b}});
  graph.createHostWrite("a", a);
  graph.createHostRead("b", b);
  Runner run(graph, Execute(cs), device);
  run.write("a", std::vector<int>{1, -2, 3, 40, 0});
  run.engine.run(0);
  CHECK(run.read<int>("b", 5) == std::vector<int>{2, -4, 6, 80, 0});
}

TEST_CASE("Vertex cycles come from setPerfEstimate, then a registered "
          "estimator, then the counted instructions",
          "[e2e][compute][cycles]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  Tensor in = graph.addVariable(FLOAT, {2, 4}, "in");
  Tensor out = graph.addVariable(FLOAT, {2}, "out");
  graph.setTileMapping(in, 0);
  graph.setTileMapping(out, 0);
  ComputeSet fixed = graph.addComputeSet("fixed");
  VertexRef a =
      graph.addVertex(fixed, "SumVertex", {{"in", in[0]}, {"out", out[0]}}, 0);
  VertexRef b =
      graph.addVertex(fixed, "SumVertex", {{"in", in[1]}, {"out", out[1]}}, 0);
  graph.setPerfEstimate(a, 100);
  graph.setPerfEstimate(b, 250);
  ComputeSet estimated = graph.addComputeSet("estimated");
  VertexRef scale =
      graph.addVertex(estimated, "ScaleInPlace", {{"data", in[0]}}, 0);
  graph.setInitialValue(scale["scale"], 2.0f);
  graph.registerPerfEstimator(
      "ScaleInPlace", [](const VertexIntrospector &v, const Target &) {
        return VertexPerfEstimate(7 * v.getFieldInfo("data").size());
      });
  ComputeSet counted = graph.addComputeSet("counted");
  graph.addVertex(counted, "SumVertex", {{"in", in[1]}, {"out", out[1]}}, 0);

  const std::uint64_t sync =
      30; // ipu2 internalSyncCycles (docs/cycle-model.md)
  auto cyclesOf = [&](ComputeSet cs) {
    Engine engine(graph, Execute(cs));
    engine.load(device);
    engine.run(0);
    return engine.getCycleCount();
  };
  // Two vertices on two of the six workers: the busier one decides.
  CHECK(cyclesOf(fixed) == 6 * 250 + sync);
  // A MultiVertex: every worker runs the estimate.
  CHECK(cyclesOf(estimated) == 6 * (7 * 4) + sync);
  const std::uint64_t countedCycles = cyclesOf(counted);
  CHECK(countedCycles > 6 * 4 + sync); // at least one cycle per element
  CHECK(countedCycles < 6 * 200 + sync);
}

TEST_CASE("Vector fields with a MinAlign get data aligned to it",
          "[e2e][compute]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  Tensor x = graph.addVariable(FLOAT, {40}, "x");
  graph.setTileMapping(x.slice(0, 30), 0);
  graph.setTileMapping(x.slice(30, 40), 1);
  Tensor sums = graph.addVariable(FLOAT, {5}, "sums");
  graph.setTileMapping(sums, 0);
  Tensor aligned = graph.addVariable(BOOL, {}, "aligned");
  graph.setTileMapping(aligned, 0);
  ComputeSet cs = graph.addComputeSet("aligned");
  // Offsets of 4, 12, 32 bytes into x's piece on tile 0, a run from tile 1,
  // and two fields reading the same misaligned run.
  const std::vector<std::pair<unsigned, unsigned>> slices{
      {1, 9}, {3, 7}, {8, 16}, {31, 37}, {1, 9}};
  for (unsigned i = 0; i < slices.size(); ++i)
    graph.addVertex(
        cs, "AlignedSum",
        {{"in", x.slice(slices[i].first, slices[i].second)}, {"out", sums[i]}},
        0);
  graph.createHostWrite("x", x);
  graph.createHostRead("sums", sums);
  graph.createHostRead("aligned", aligned);
  Runner run(graph, Execute(cs, aligned), device);
  std::vector<float> values(40);
  for (unsigned i = 0; i < 40; ++i)
    values[i] = float(i) * 0.75f;
  run.write("x", values);
  run.engine.run(0);
  CHECK(run.read<char>("aligned", 1) == std::vector<char>{1});
  std::vector<float> expected;
  for (auto [begin, end] : slices) {
    float sum = 0.0f;
    for (unsigned i = begin; i < end; ++i)
      sum += values[i];
    expected.push_back(sum);
  }
  CHECK(run.read<float>("sums", 5) == expected);
}
