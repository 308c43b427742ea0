// Writes the two profiles the report viewer test opens: DIR/run (the
// matvec example, run once, with its execution trace) and DIR/oom (a
// graph whose tile 2 is over budget, with debug.allowOutOfMemory).
//   make_profiles DIR MATVEC_CODELETS
#include "MatVec.hpp"

#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>
#include <poplar/exceptions.hpp>

#include <iostream>
#include <string>

int main(int argc, char **argv) {
  if (argc != 3) {
    std::cerr << "usage: make_profiles DIR MATVEC_CODELETS\n";
    return 2;
  }
  const std::string dir = argv[1];
  {
    poplar::IPUModel model("ipu2");
    model.tilesPerIPU = 64;
    poplar::Device device = model.createDevice();
    poplar::Graph graph(device.getTarget());
    matvec::Shape shape{40, 50, 5};
    poplar::program::Program program = matvec::build(graph, shape, argv[2]);
    poplar::Engine engine(graph, program,
                          {{"autoReport.all", "true"},
                           {"autoReport.directory", dir + "/run"}});
    engine.load(device);
    std::vector<float> a = matvec::inputs(shape.rows * shape.cols, 1);
    std::vector<float> x = matvec::inputs(shape.cols, 2);
    engine.writeTensor("A", a.data(), a.data() + a.size());
    engine.writeTensor("x", x.data(), x.data() + x.size());
    engine.run(0);
    std::cout << "cycles " << engine.getCycleCount() << "\n";
  }
  poplar::IPUModel model("ipu2");
  model.tilesPerIPU = 16;
  model.memoryBytesPerTile = 16 * 1024;
  poplar::Device device = model.createDevice();
  poplar::Graph graph(device.getTarget());
  poplar::Tensor big = graph.addVariable(poplar::FLOAT, {5000}, "bigWeights");
  graph.setTileMapping(big, 2);
  graph.createHostWrite("big", big);
  try {
    poplar::Engine engine(graph, poplar::program::Sequence{},
                          {{"debug.allowOutOfMemory", "true"},
                           {"autoReport.directory", dir + "/oom"}});
  } catch (const poplar::graph_memory_allocation_error &e) {
    std::cout << "out of memory as expected\n";
    return 0;
  }
  std::cerr << "expected an out-of-memory error\n";
  return 1;
}
