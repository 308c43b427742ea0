// A host program that is also its own codelet file: popc defines __POPC__,
// so the vertex below is all it sees, and the host part is all g++ sees.
// Compile flags given to addCodelets reach the codelet.
#ifdef __POPC__
#include <poplar/Vertex.hpp>

class AddOffset : public poplar::Vertex {
public:
  poplar::InOut<poplar::Vector<int>> data;

  void compute() {
    for (unsigned i = 0; i < data.size(); ++i)
      data[i] += OFFSET;
  }
};
#else
#include "Harness.hpp"

#include <catch2/catch.hpp>

using namespace poplar;
using namespace poplar::program;

static std::vector<int> runAddOffset(Graph &graph, Device &device) {
  Tensor data = graph.addVariable(INT, {6}, "data");
  graph.setTileMapping(data, 1);
  ComputeSet cs = graph.addComputeSet("add");
  graph.addVertex(cs, "AddOffset", {{"data", data}}, 1);
  graph.setInitialValue(data, ArrayRef<int>({0, 1, 2, 3, 4, 5}));
  graph.createHostRead("data", data);
  Engine engine(graph, Execute(cs));
  engine.load(device);
  engine.run(0);
  std::vector<int> out(6);
  engine.readTensor("data", out.data(), out.data() + out.size());
  return out;
}

TEST_CASE("addCodelets(__FILE__) compiles the __POPC__ part of a host file "
          "with the given flags",
          "[e2e][compute][codelets]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  CHECK(graph.addCodelets(__FILE__, CodeletFileType::Auto, "-DOFFSET=5"));
  CHECK(runAddOffset(graph, device) == std::vector<int>{5, 6, 7, 8, 9, 10});
}

TEST_CASE("Different compile flags make a different codelet",
          "[e2e][compute][codelets]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(std::vector<std::string>{__FILE__}, "-DOFFSET=-100");
  CHECK(runAddOffset(graph, device) ==
        std::vector<int>{-100, -99, -98, -97, -96, -95});
}

TEST_CASE("A list of codelet files adds them all", "[e2e][compute][codelets]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(
      std::vector<std::string>{TESSEL_E2E_CODELETS "/vertices.cpp",
                               TESSEL_E2E_CODELETS "/misbehaving.cpp"});
  CHECK(graph.hasCodelet("SumVertex"));
  CHECK(graph.hasCodelet("Overrun"));
  CHECK_FALSE(graph.hasCodelet("AddOffset"));
}
#endif
