// A user program that knows nothing of Tessel: only Poplar headers. Given a
// codelet file (source or .gp) defining Triple, it also runs that vertex.
#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>
#include <popops/ElementWise.hpp>
#include <popops/Reduce.hpp>
#include <popops/codelets.hpp>
#include <poprand/RandomGen.hpp>
#include <poprand/codelets.hpp>
#include <poputil/TileMapping.hpp>

#include <iostream>

int main(int argc, char **argv) {
  poplar::IPUModel model;
  model.tilesPerIPU = 4;
  poplar::Device device = model.createDevice();
  poplar::Graph graph(device.getTarget());
  poprand::addCodelets(graph);
  popops::addCodelets(graph);
  poplar::Tensor a = graph.addVariable(poplar::INT, {4}, "a");
  poplar::Tensor b = graph.addVariable(poplar::INT, {4}, "b");
  poputil::mapTensorLinearly(graph, a, 1, 1);
  graph.setTileMapping(b, 3);
  graph.createHostWrite("a", a);
  graph.createHostRead("b", b);
  poplar::Tensor ref = graph.addVariable(poplar::FLOAT, {1000}, "ref");
  poputil::mapTensorLinearly(graph, ref);
  poplar::program::Sequence prog({poplar::program::Copy(a, b)});
  if (argc > 1) {
    graph.addCodelets(argv[1]);
    poplar::ComputeSet cs = graph.addComputeSet("triple");
    graph.addVertex(cs, "Triple", {{"data", b}}, 3);
    prog.add(poplar::program::Execute(cs));
  }
  poplar::Tensor r =
      poprand::uniform(graph, nullptr, 0, ref, poplar::FLOAT, -1.0, 1.0, prog);
  graph.createHostRead("r", r);
  // popops: a prebuilt add, a fused expression (its codelet generated and
  // compiled by the installed popc) and a reduction.
  poplar::Tensor x = graph.addVariable(poplar::FLOAT, {100}, "x");
  poputil::mapTensorLinearly(graph, x);
  graph.createHostWrite("x", x);
  poplar::Tensor twice = popops::add(graph, x, x, prog);
  namespace pe = popops::expr;
  poplar::Tensor fused = popops::map(graph, pe::_1 * 3.0f + pe::_2, {x, twice},
                                     prog); // 5x
  poplar::Tensor total =
      popops::reduce(graph, fused, {0}, {popops::Operation::ADD}, prog);
  graph.createHostRead("total", total);
  poplar::Engine engine(graph, prog);
  engine.load(device);
  int in[4] = {1, 2, 3, 4}, out[4] = {};
  engine.writeTensor("a", in, in + 4);
  float xs[100];
  for (int i = 0; i < 100; ++i)
    xs[i] = float(i);
  engine.writeTensor("x", xs, xs + 100);
  engine.run();
  engine.readTensor("b", out, out + 4);
  std::cout << (argc > 1 ? "sum of tripled copies: " : "sum of copies: ")
            << out[0] + out[1] + out[2] + out[3] << '\n';
  float values[1000];
  engine.readTensor("r", values, values + 1000);
  int inRange = 0;
  for (float v : values)
    inRange += v >= -1.0f && v <= 1.0f && v != 0.0f;
  std::cout << "uniform in range: " << inRange << '\n';
  float sum = 0;
  engine.readTensor("total", &sum, &sum + 1);
  std::cout << "popops sum: " << sum << '\n'; // 5 * 4950
}
