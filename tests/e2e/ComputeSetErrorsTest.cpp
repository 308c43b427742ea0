// Every way a compute set can be wrong ends in a typed error that says
// what and where: while the graph is built, when the Engine compiles it, or
// when a vertex misbehaves at run time.
#include "Harness.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace poplar;
using namespace poplar::program;
using Catch::Matchers::Contains;

namespace {

const std::string vertices = TESSEL_E2E_CODELETS "/vertices.cpp";
const std::string misbehaving = TESSEL_E2E_CODELETS "/misbehaving.cpp";

struct Fixture {
  Fixture() : device(e2e::modelDevice(4)), graph(device.getTarget()) {
    graph.addCodelets(vertices);
    in = graph.addVariable(FLOAT, {8}, "in");
    out = graph.addVariable(FLOAT, {2}, "out");
    graph.setTileMapping(in, 0);
    graph.setTileMapping(out, 1);
    cs = graph.addComputeSet("cs");
  }
  Device device;
  Graph graph;
  Tensor in, out;
  ComputeSet cs;
};

std::string messageOf(const std::function<void()> &f) {
  try {
    f();
  } catch (const poplar_error &e) {
    return e.what();
  }
  return "(no error)";
}

} // namespace

TEST_CASE("An unknown vertex type is named", "[e2e][compute][errors]") {
  Fixture f;
  CHECK_THROWS_AS(f.graph.addVertex(f.cs, "SumVertx"), unknown_vertex_type);
  CHECK_THAT(messageOf([&] { f.graph.addVertex(f.cs, "SumVertx"); }),
             Contains("SumVertx"));
}

TEST_CASE("An unknown field is named", "[e2e][compute][errors]") {
  Fixture f;
  VertexRef v = f.graph.addVertex(f.cs, "SumVertex");
  CHECK_THROWS_AS(f.graph.connect(v["inn"], f.in), unknown_field);
  CHECK_THAT(messageOf([&] { f.graph.connect(v["inn"], f.in); }),
             Contains("inn"));
}

TEST_CASE("A field connected twice is refused", "[e2e][compute][errors]") {
  Fixture f;
  VertexRef v = f.graph.addVertex(f.cs, "SumVertex");
  f.graph.connect(v["in"], f.in);
  CHECK_THROWS_AS(f.graph.connect(v["in"], f.in), graph_connection_error);
}

TEST_CASE("A field never connected fails the compile naming it",
          "[e2e][compute][errors]") {
  Fixture f;
  VertexRef v = f.graph.addVertex(f.cs, "SumVertex", 0);
  f.graph.connect(v["in"], f.in);
  const std::string message =
      messageOf([&] { Engine engine(f.graph, Execute(f.cs)); });
  CHECK_THAT(message, Contains("out"));
  CHECK_THAT(message, Contains("SumVertex"));
  CHECK_THROWS_AS(Engine(f.graph, Execute(f.cs)), graph_connection_error);
}

TEST_CASE("Element type and size mismatches are refused",
          "[e2e][compute][errors]") {
  Fixture f;
  Tensor ints = f.graph.addVariable(INT, {8}, "ints");
  f.graph.setTileMapping(ints, 0);
  VertexRef v = f.graph.addVertex(f.cs, "SumVertex");
  CHECK_THROWS_AS(f.graph.connect(v["in"], ints), graph_connection_error);
  CHECK_THAT(messageOf([&] { f.graph.connect(v["in"], ints); }),
             Contains("int"));
  // A Vector<Input<Vector>> sized 3 given two tensors.
  VertexRef s = f.graph.addVertex(f.cs, "SumOfVectors");
  f.graph.setFieldSize(s["ins"], 3);
  CHECK_THROWS_AS(f.graph.connect(s["ins"], {f.in, f.in}),
                  graph_connection_error);
}

TEST_CASE("A scalar field given several elements is refused",
          "[e2e][compute][errors]") {
  Fixture f;
  VertexRef v = f.graph.addVertex(f.cs, "SumVertex");
  CHECK_THROWS_AS(f.graph.connect(v["out"], f.out), graph_connection_error);
  CHECK_THAT(messageOf([&] { f.graph.connect(v["out"], f.out); }),
             Contains("out"));
}

TEST_CASE("Two vertices writing the same element is a graph_cycle_error",
          "[e2e][compute][errors]") {
  Fixture f;
  f.graph.addVertex(f.cs, "SumVertex", {{"in", f.in}, {"out", f.out[1]}});
  f.graph.addVertex(f.cs, "SumVertex",
                    {{"in", f.in.slice(0, 4)}, {"out", f.out[1]}});
  CHECK_THROWS_AS(Engine(f.graph, Execute(f.cs)), graph_cycle_error);
  const std::string message =
      messageOf([&] { Engine engine(f.graph, Execute(f.cs)); });
  CHECK_THAT(message, Contains("out"));
  CHECK_THAT(message, Contains("[1:2)"));
}

TEST_CASE("A codelet that does not compile shows the compiler's diagnostics",
          "[e2e][compute][errors]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  std::stringstream src;
  src << "#include <poplar/Vertex.hpp>\n"
         "class Broken : public poplar::Vertex {\n"
         "public:\n"
         "  poplar::Output<int> out;\n"
         "  void compute() { *out = undeclared; }\n"
         "};\n";
  CHECK_THROWS_AS(graph.addCodelets(src), graph_program_compilation_error);
  std::stringstream again(src.str());
  const std::string message = messageOf([&] { graph.addCodelets(again); });
  CHECK_THAT(message, Contains("undeclared"));
  CHECK_THAT(message, Contains(":5:"));
}

TEST_CASE("A corrupted or foreign .gp file is refused",
          "[e2e][compute][errors]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  const std::string path = "e2e_foreign.gp";
  {
    std::ofstream foreign(path, std::ios::binary);
    foreign << "\x7f"
               "ELF this is not a codelet archive";
  }
  CHECK_THROWS_AS(graph.addCodelets(path), parse_error);
  CHECK_THAT(messageOf([&] { graph.addCodelets(path); }),
             Contains("not a .gp codelet archive"));
  std::remove(path.c_str());
}

TEST_CASE("A vertex writing outside its fields is stopped at run time, "
          "naming vertex and tile, and other tiles are untouched",
          "[e2e][compute][errors]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(misbehaving);
  Tensor out = graph.addVariable(INT, {4}, "out");
  Tensor next = graph.addVariable(INT, {4}, "next");
  Tensor other = graph.addVariable(INT, {4}, "other");
  graph.setTileMapping(out, 2);
  graph.setTileMapping(next, 2);
  graph.setTileMapping(other, 3);
  graph.setInitialValue(next, ArrayRef<int>({1, 2, 3, 4}));
  graph.setInitialValue(other, ArrayRef<int>({5, 6, 7, 8}));
  ComputeSet cs = graph.addComputeSet("overrun");
  VertexRef v = graph.addVertex(cs, "Overrun", {{"out", out}}, 2);
  graph.setInitialValue(v["extra"], 40u);
  graph.addVertex(cs, "Copy4", {{"in", other}, {"out", other}}, 3);
  graph.createHostRead("next", next);
  graph.createHostRead("other", other);
  Engine engine(graph, Execute(cs));
  engine.load(device);
  const std::string message = messageOf([&] { engine.run(0); });
  CHECK_THAT(message, Contains("tile 2"));
  CHECK_THAT(message, Contains("Overrun"));
  CHECK_THAT(message, Contains("overrun")); // the compute set
  std::vector<int> n(4), o(4);
  engine.readTensor("next", n.data(), n.data() + 4);
  engine.readTensor("other", o.data(), o.data() + 4);
  CHECK(n == std::vector<int>{1, 2, 3, 4});
  CHECK(o == std::vector<int>{5, 6, 7, 8});
}

TEST_CASE("A store below the end of the thread's stack is a bad store, not "
          "a stack store",
          "[e2e][compute][errors]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(misbehaving);
  Tensor out = graph.addVariable(INT, {}, "out");
  Tensor index = graph.addConstant(INT, {}, -(12 << 20) / 4, "index");
  graph.setTileMapping(out, 3);
  graph.setTileMapping(index, 3);
  ComputeSet cs = graph.addComputeSet("underrun");
  graph.addVertex(cs, "StackUnderrun", {{"index", index}, {"out", out}}, 3);
  Engine engine(graph, Execute(cs));
  engine.load(device);
  CHECK_THROWS_AS(engine.run(0), application_runtime_error);
  CHECK_THAT(messageOf([&] { engine.run(0); }), Contains("StackUnderrun"));
}

TEST_CASE("A vertex that never stops ends the run with an error",
          "[e2e][compute][errors]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(misbehaving);
  Tensor stop = graph.addConstant(INT, {}, 0, "stop");
  Tensor out = graph.addVariable(INT, {}, "out");
  graph.setTileMapping(stop, 1);
  graph.setTileMapping(out, 1);
  ComputeSet cs = graph.addComputeSet("spin");
  graph.addVertex(cs, "Spin", {{"stop", stop}, {"out", out}}, 1);
  Engine engine(graph, Execute(cs),
                OptionFlags{{"tessel.vertexCycleBudget", "100000"}});
  engine.load(device);
  CHECK_THROWS_AS(engine.run(0), application_runtime_error);
  const std::string message = messageOf([&] { engine.run(0); });
  CHECK_THAT(message, Contains("Spin"));
  CHECK_THAT(message, Contains("tile 1"));
  CHECK_THAT(message, Contains("tessel.vertexCycleBudget"));
}

TEST_CASE("Vertex state counts against the tile's memory",
          "[e2e][compute][errors]") {
  IPUModel model("ipu2");
  model.tilesPerIPU = 2;
  model.memoryBytesPerTile = 4096;
  Device device = model.createDevice();
  Graph graph(device.getTarget());
  graph.addCodelets(vertices);
  // 3 KiB of data fits; 200 vertices of 12 state bytes each do not.
  Tensor in = graph.addVariable(FLOAT, {768}, "in");
  Tensor out = graph.addVariable(FLOAT, {200}, "out");
  graph.setTileMapping(in, 0);
  graph.setTileMapping(out, 1);
  ComputeSet cs = graph.addComputeSet("many");
  for (unsigned i = 0; i < 200; ++i)
    graph.addVertex(cs, "SumVertex",
                    {{"in", in.slice(i, i + 2)}, {"out", out[i]}}, 0);
  const std::string message =
      messageOf([&] { Engine engine(graph, Execute(cs)); });
  CHECK_THAT(message, Contains("Out of memory"));
  CHECK_THAT(message, Contains("many/vertex state on tile 0"));
  CHECK_THROWS_AS(Engine(graph, Execute(cs)), graph_memory_allocation_error);
}
