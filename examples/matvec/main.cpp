// Matrix-vector product with custom vertices on a simulated ipu2:
//   matvec [rows cols colBlocks]   (default 40 50 5)
// Checks the result against the same arithmetic on the host, bit for bit.
#include "MatVec.hpp"

#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>

#include <cstdlib>
#include <iostream>

int main(int argc, char **argv) {
  matvec::Shape shape{40, 50, 5};
  if (argc == 4)
    shape = {std::size_t(std::atol(argv[1])), std::size_t(std::atol(argv[2])),
             std::size_t(std::atol(argv[3]))};
  if (shape.colBlocks == 0 || shape.cols % shape.colBlocks != 0) {
    std::cerr << "usage: matvec [rows cols colBlocks], colBlocks dividing "
                 "cols\n";
    return 2;
  }
  poplar::IPUModel model("ipu2");
  poplar::Device device = model.createDevice();
  poplar::Graph graph(device.getTarget());
  poplar::program::Program program =
      matvec::build(graph, shape, TESSEL_MATVEC_CODELETS);
  poplar::Engine engine(graph, program);
  engine.load(device);
  std::vector<float> a = matvec::inputs(shape.rows * shape.cols, 1);
  std::vector<float> x = matvec::inputs(shape.cols, 2);
  std::vector<float> y(shape.rows);
  engine.writeTensor("A", a.data(), a.data() + a.size());
  engine.writeTensor("x", x.data(), x.data() + x.size());
  engine.run(0);
  engine.readTensor("y", y.data(), y.data() + y.size());
  const bool exact = y == matvec::reference(shape, a, x);
  std::cout << "y[0.." << std::min<std::size_t>(4, shape.rows) << ") =";
  for (std::size_t i = 0; i < std::min<std::size_t>(4, shape.rows); ++i)
    std::cout << ' ' << y[i];
  std::cout << "\n"
            << (exact ? "matches" : "DIFFERS FROM") << " the host loop\n";
  return exact ? 0 : 1;
}
