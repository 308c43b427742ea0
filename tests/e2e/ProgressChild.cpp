// A program that compiles one small graph with no progress callback, for
// the progress bar tests: they run it on a pseudo-terminal and on a pipe.
#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>

int main() {
  poplar::IPUModel model("ipu2");
  model.tilesPerIPU = 2;
  poplar::Device device = model.createDevice();
  poplar::Graph graph(device.getTarget());
  poplar::Tensor a = graph.addVariable(poplar::FLOAT, {8}, "a");
  poplar::Tensor b = graph.addVariable(poplar::FLOAT, {8}, "b");
  graph.setTileMapping(a, 0);
  graph.setTileMapping(b, 1);
  graph.createHostRead("b", b);
  poplar::Engine engine(graph, poplar::program::Copy(a, b));
  return 0;
}
