// A user program that knows nothing of Tessel: only Poplar headers.
#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>
#include <poputil/TileMapping.hpp>

#include <iostream>

int main() {
  poplar::IPUModel model;
  model.tilesPerIPU = 4;
  poplar::Device device = model.createDevice();
  poplar::Graph graph(device.getTarget());
  poplar::Tensor a = graph.addVariable(poplar::INT, {4}, "a");
  poplar::Tensor b = graph.addVariable(poplar::INT, {4}, "b");
  poputil::mapTensorLinearly(graph, a, 1, 1);
  graph.setTileMapping(b, 3);
  graph.createHostWrite("a", a);
  graph.createHostRead("b", b);
  poplar::Engine engine(graph, poplar::program::Copy(a, b));
  engine.load(device);
  int in[4] = {1, 2, 3, 4}, out[4] = {};
  engine.writeTensor("a", in, in + 4);
  engine.run();
  engine.readTensor("b", out, out + 4);
  std::cout << "sum of copies: " << out[0] + out[1] + out[2] + out[3] << '\n';
}
