// The matrix-vector example at two sizes on a full ipu2, checked with exact
// float equality against a sequential host loop doing the same additions.
#include "MatVec.hpp"

#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>

#include <catch2/catch.hpp>

using namespace poplar;

static void checkMatVec(const matvec::Shape &shape) {
  IPUModel model("ipu2");
  Device device = model.createDevice();
  Graph graph(device.getTarget());
  program::Program program =
      matvec::build(graph, shape, TESSEL_MATVEC_CODELETS);
  Engine engine(graph, program);
  engine.load(device);
  std::vector<float> a = matvec::inputs(shape.rows * shape.cols, 7);
  std::vector<float> x = matvec::inputs(shape.cols, 8);
  std::vector<float> y(shape.rows, -1.0f);
  engine.writeTensor("A", a.data(), a.data() + a.size());
  engine.writeTensor("x", x.data(), x.data() + x.size());
  engine.run(0);
  engine.readTensor("y", y.data(), y.data() + y.size());
  std::vector<float> expected = matvec::reference(shape, a, x);
  CHECK(y == expected);
  // Not all zero or equal: the check above could fail.
  CHECK(expected.front() != expected.back());
}

TEST_CASE("Matrix-vector product 40x50", "[e2e][compute][matvec]") {
  checkMatVec({40, 50, 5});
}

TEST_CASE("Matrix-vector product 10000x1000 with 80,000 dot-product vertices",
          "[e2e][compute][matvec]") {
  checkMatVec({10000, 1000, 8});
}
