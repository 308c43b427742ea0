// Codelets that include the device-side headers Poplar codelet authors use:
// IPU vector types (poplar/VectorTypes.hpp) compute as the host does, half
// vectors round every operation to half, and printf (print.h) reaches the
// Engine's print stream line by line, prefixed with the tile, in tile order.
#include "Harness.hpp"

#include <poplar/HalfFloat.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

using namespace poplar;
using namespace poplar::program;

namespace {

const std::string codelets = TESSEL_E2E_CODELETS "/device_headers.cpp";

std::vector<half> halves(const std::vector<float> &values) {
  return std::vector<half>(values.begin(), values.end());
}

std::vector<std::uint16_t> bitsOf(const std::vector<half> &values) {
  std::vector<std::uint16_t> bits;
  for (half h : values)
    bits.push_back(h.toBits());
  return bits;
}

} // namespace

TEST_CASE("A float2 vertex computes as the host and prints per tile, in "
          "tile order",
          "[e2e][compute][print]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  Tensor in = graph.addVariable(FLOAT, {2, 8}, "in");
  Tensor out = graph.addVariable(FLOAT, {2, 8}, "out");
  ComputeSet cs = graph.addComputeSet("scale");
  const unsigned tiles[2] = {2, 0};
  for (unsigned row = 0; row < 2; ++row) {
    graph.setTileMapping(in[row], tiles[row]);
    graph.setTileMapping(out[row], tiles[row]);
    VertexRef v = graph.addVertex(cs, "ScaleFloat2",
                                  {{"in", in[row]}, {"out", out[row]}});
    graph.setInitialValue(v["scale"], 1.5f);
    graph.setTileMapping(v, tiles[row]);
  }
  graph.createHostWrite("in", in);
  graph.createHostRead("out", out);
  for (const char *threads : {"1", "4"}) {
    INFO("host threads: " << threads);
    Engine engine(graph, Execute(cs), {{"tessel.hostThreads", threads}});
    std::ostringstream printed;
    engine.setPrintStream(printed);
    engine.load(device);
    std::vector<float> x(16), y(16);
    for (unsigned i = 0; i < 16; ++i)
      x[i] = 0.25f * float(i) - 1.0f;
    engine.writeTensor("in", x.data(), x.data() + 16);
    engine.run();
    engine.readTensor("out", y.data(), y.data() + 16);
    for (unsigned i = 0; i < 16; ++i)
      CHECK(y[i] == x[i] * 1.5f + x[i]);
    CHECK(printed.str() == "Tile 0: scaled 4 pairs by 1.5\n"
                           "Tile 2: scaled 4 pairs by 1.5\n");
  }
}

TEST_CASE("A half4 vertex rounds each operation to half, as the IPU does",
          "[e2e][compute][print]") {
  Device device = e2e::modelDevice(2);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  std::map<std::string, Tensor> t;
  for (const char *name : {"a", "b", "c", "out"}) {
    t[name] = graph.addVariable(HALF, {8}, name);
    graph.setTileMapping(t[name], 1);
  }
  ComputeSet cs = graph.addComputeSet("muladd");
  graph.addVertex(
      cs, "MulAddHalf4",
      {{"a", t["a"]}, {"b", t["b"]}, {"c", t["c"]}, {"out", t["out"]}});
  for (const char *name : {"a", "b", "c"})
    graph.createHostWrite(name, t[name]);
  graph.createHostRead("out", t["out"]);
  Engine engine(graph, Execute(cs));
  std::ostringstream printed;
  engine.setPrintStream(printed);
  engine.load(device);
  // Element 0 rounds differently if a * b is kept in float for the add:
  // -0.447509765625 instead of half's -0.447265625.
  std::vector<half> a = halves({1.212890625f, 1, 2, -3, 0.5f, 7, -0.25f, 3});
  std::vector<half> b = halves({2.310546875f, 2, 2, 3, 0.125f, -1, 8, 3});
  std::vector<half> c = halves({-3.25f, 1, -4, 9, 1, 0.5f, 2, -9});
  engine.writeTensor("a", a.data(), a.data() + 8);
  engine.writeTensor("b", b.data(), b.data() + 8);
  engine.writeTensor("c", c.data(), c.data() + 8);
  engine.run();
  std::vector<half> out(8), expected(8);
  engine.readTensor("out", out.data(), out.data() + 8);
  for (unsigned i = 0; i < 8; ++i)
    expected[i] = a[i] * b[i] + c[i]; // poplar::half: rounded per operation
  CHECK(float(expected[0]) == -0.447265625f);
  CHECK(bitsOf(out) == bitsOf(expected));
  CHECK(printed.str() == "Tile 1: first -0.447266\nTile 1: done\n");
}

TEST_CASE("What a vertex printed before failing is shown; a tile's text is "
          "capped, saying so",
          "[e2e][compute][print]") {
  Device device = e2e::modelDevice(2);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  Tensor in = graph.addConstant(INT, {1}, 7, "seven");
  graph.setTileMapping(in, 1);
  ComputeSet failing = graph.addComputeSet("failing");
  graph.setTileMapping(graph.addVertex(failing, "PrintThenTrap", {{"in", in}}),
                       1);
  ComputeSet ragged = graph.addComputeSet("ragged");
  VertexRef two = graph.addVertex(ragged, "PrintLines", {{"in", in}});
  graph.setInitialValue(two["lines"], 2u);
  graph.setInitialValue(two["ragged"], true);
  graph.setTileMapping(two, 1);
  ComputeSet flood = graph.addComputeSet("flood");
  VertexRef many = graph.addVertex(flood, "PrintLines", {{"in", in}});
  graph.setInitialValue(many["lines"], 40000u); // 1.28 MB
  graph.setInitialValue(many["ragged"], false);
  graph.setTileMapping(many, 0);
  Engine engine(graph, {Execute(failing), Execute(ragged), Execute(flood)});
  std::ostringstream printed;
  engine.setPrintStream(printed);
  engine.load(device);

  CHECK_THROWS_AS(engine.run(0), application_runtime_error);
  CHECK(printed.str() == "Tile 1: about to fail with 7\n");

  printed.str("");
  engine.run(1);
  CHECK(printed.str() == "Tile 1: line 00000000 of input 00000007\n"
                         "Tile 1: line 00000001 of input 00000007\n");

  printed.str("");
  engine.run(2);
  const std::string text = printed.str();
  const std::string cut =
      "Tile 0: [output cut after 1048576 bytes in this compute set]\n";
  REQUIRE(text.size() > cut.size());
  CHECK(text.substr(text.size() - cut.size()) == cut);
  // 32768 whole lines of 32 bytes fill the 1 MiB, each shown with its prefix.
  CHECK(std::count(text.begin(), text.end(), '\n') == 32768 + 1);
  CHECK(text.rfind("Tile 0: line 00032767 of input 00000007\n") !=
        std::string::npos);
}

TEST_CASE("vprintf and putchar print to the tile too",
          "[e2e][compute][print]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  Tensor in = graph.addConstant(INT, {1}, 21, "twenty-one");
  graph.setTileMapping(in, 3);
  ComputeSet cs = graph.addComputeSet("helpers");
  graph.setTileMapping(graph.addVertex(cs, "PrintThroughHelpers", {{"in", in}}),
                       3);
  Engine engine(graph, Execute(cs));
  std::ostringstream printed;
  engine.setPrintStream(printed);
  engine.load(device);
  engine.run();
  CHECK(printed.str() == "Tile 3: value 21, twice 42! and 3 end\n");
}
