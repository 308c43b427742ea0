// Copies between tensors on different tiles, through views, with host
// read/write handles, checked against the same moves done on the host.
#include "Harness.hpp"

#include <poputil/TileMapping.hpp>

#include <catch2/catch.hpp>

#include <numeric>

using namespace poplar;
using namespace poplar::program;

TEST_CASE("Copy moves a tensor from one tile to a tensor spread over three",
          "[e2e][copy]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  Tensor x = graph.addVariable(FLOAT, {12}, "x");
  Tensor y = graph.addVariable(FLOAT, {12}, "y");
  graph.setTileMapping(x, 0);
  graph.setTileMapping(y.slice(0, 4), 1);
  graph.setTileMapping(y.slice(4, 8), 2);
  graph.setTileMapping(y.slice(8, 12), 3);
  graph.createHostWrite("x", x);
  graph.createHostRead("y", y);

  Engine engine(graph, Copy(x, y));
  engine.load(device);
  std::vector<float> in(12), out(12, -1.0f);
  std::iota(in.begin(), in.end(), 0.5f);
  engine.writeTensor("x", in.data(), in.data() + in.size());
  engine.run(0);
  engine.readTensor("y", out.data(), out.data() + out.size());
  CHECK(out == in);
}

TEST_CASE("A chain of copies through views matches the host", "[e2e][copy]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  Tensor a = graph.addVariable(INT, {4, 6}, "a");
  Tensor b = graph.addVariable(INT, {6, 4}, "b");
  Tensor c = graph.addVariable(INT, {24}, "c");
  poputil::mapTensorLinearly(graph, a);
  graph.setTileMapping(b, 3);
  poputil::mapTensorLinearly(graph, c, 1, 1);
  graph.createHostWrite("a", a);
  graph.createHostRead("c", c);

  // b = transpose(a); c = reverse(flatten(b)) - then c[0:6] = c[6:12].
  Sequence prog{Copy(a.transpose(), b), Copy(b.flatten().reverse(0), c),
                Copy(c.slice(6, 12), c.slice(0, 6))};
  Engine engine(graph, prog);
  engine.load(device);
  std::vector<int> in(24);
  std::iota(in.begin(), in.end(), 100);
  engine.writeTensor("a", in.data(), in.data() + in.size());
  engine.run();

  std::vector<int> bHost(24), cHost(24);
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 4; ++j)
      bHost[i * 4 + j] = in[j * 6 + i];
  for (int i = 0; i < 24; ++i)
    cHost[i] = bHost[23 - i];
  std::copy(cHost.begin() + 6, cHost.begin() + 12, cHost.begin());
  std::vector<int> out(24);
  engine.readTensor("c", out.data(), out.data() + out.size());
  CHECK(out == cHost);
}

TEST_CASE("A copy whose source and destination overlap reads before writing",
          "[e2e][copy]") {
  Device device = e2e::modelDevice(2);
  Graph graph(device.getTarget());
  Tensor x = graph.addVariable(UNSIGNED_INT, {10}, "x");
  graph.setTileMapping(x.slice(0, 5), 0);
  graph.setTileMapping(x.slice(5, 10), 1);
  graph.createHostWrite("x", x);
  graph.createHostRead("xr", x);
  Engine engine(graph, Copy(x.slice(0, 8), x.slice(2, 10)));
  engine.load(device);
  std::vector<unsigned> in{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, out(10);
  engine.writeTensor("x", in.data(), in.data() + 10);
  engine.run();
  engine.readTensor("xr", out.data(), out.data() + 10);
  CHECK(out == std::vector<unsigned>{0, 1, 0, 1, 2, 3, 4, 5, 6, 7});
}

TEST_CASE("Tensors the user left unmapped are placed by the compiler",
          "[e2e][copy][mapping]") {
  Device device = e2e::modelDevice(8);
  Graph graph(device.getTarget());
  Tensor mapped = graph.addVariable(FLOAT, {64}, "mapped");
  poputil::mapTensorLinearly(graph, mapped, 8, 8);
  Tensor unmapped = graph.addVariable(FLOAT, {64}, "unmapped");
  Tensor scratch = graph.addVariable(FLOAT, {1000}, "scratch");
  graph.createHostWrite("in", mapped);
  graph.createHostRead("out", unmapped);
  bool complete = true;
  graph.getTileMapping(unmapped, &complete);
  CHECK_FALSE(complete);

  Sequence prog{Copy(mapped, unmapped), Copy(unmapped, scratch.slice(0, 64)),
                Copy(scratch.slice(0, 64), unmapped)};
  Engine engine(graph, prog);
  engine.load(device);
  std::vector<float> in(64), out(64);
  std::iota(in.begin(), in.end(), -3.25f);
  engine.writeTensor("in", in.data(), in.data() + 64);
  engine.run();
  engine.readTensor("out", out.data(), out.data() + 64);
  CHECK(out == in);
}

TEST_CASE("Programs run repeatedly and keep variable contents between runs",
          "[e2e][copy]") {
  Device device = e2e::modelDevice(2);
  Graph graph(device.getTarget());
  Tensor acc = graph.addVariable(INT, {3}, "acc");
  Tensor tmp = graph.addVariable(INT, {3}, "tmp");
  graph.setTileMapping(acc, 0);
  graph.setTileMapping(tmp, 1);
  graph.createHostWrite("acc", acc);
  graph.createHostRead("accr", acc);
  // Rotate acc by one element per run, through a tensor on another tile.
  Sequence rotate{Copy(acc, tmp),
                  Copy(concat(tmp.slice(1, 3), tmp.slice(0, 1)), acc)};
  Engine engine(graph, {rotate, Sequence{WriteUndef(tmp)}});
  engine.load(device);
  std::vector<int> v{1, 2, 3}, out(3);
  engine.writeTensor("acc", v.data(), v.data() + 3);
  engine.run(0);
  engine.run(1);
  engine.run(0);
  engine.readTensor("accr", out.data(), out.data() + 3);
  CHECK(out == std::vector<int>{3, 1, 2});
}

TEST_CASE("Copy pairs elements in row-major order when the shapes differ",
          "[e2e][copy]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  Tensor a = graph.addVariable(INT, {2, 3}, "a");
  Tensor b = graph.addVariable(INT, {3, 2}, "b");
  Tensor flat = graph.addVariable(INT, {6}, "flat");
  Tensor grid = graph.addVariable(INT, {4, 3}, "grid");
  Tensor column = graph.addVariable(INT, {3, 1}, "column");
  poputil::mapTensorLinearly(graph, a, 1, 1);
  graph.setTileMapping(b.slice(0, 1), 3);
  graph.setTileMapping(b.slice(1, 3), 2);
  graph.setTileMapping(flat, 1);
  poputil::mapTensorLinearly(graph, grid, 1, 1);
  graph.setTileMapping(column, 0);
  graph.createHostWrite("a", a);
  graph.createHostWrite("grid", grid);
  graph.createHostRead("b", b);
  graph.createHostRead("flat", flat);
  graph.createHostRead("gridOut", grid);
  graph.createHostRead("column", column);

  // {2,3} -> {3,2}; a transposed {3,2} view -> {6}; a {3} row into a {1,3}
  // slice of another row; a {1,3} row slice into a {3,1} column.
  Sequence prog{Copy(a, b), Copy(a.transpose(), flat),
                Copy(grid[0], grid.slice(2, 3)),
                Copy(grid.slice({3, 0}, {4, 3}), column)};
  Engine engine(graph, prog);
  engine.load(device);
  std::vector<int> aIn{1, 2, 3, 4, 5, 6}, gridIn(12);
  std::iota(gridIn.begin(), gridIn.end(), 10);
  engine.writeTensor("a", aIn.data(), aIn.data() + aIn.size());
  engine.writeTensor("grid", gridIn.data(), gridIn.data() + gridIn.size());
  engine.run();

  std::vector<int> bOut(6), flatOut(6), gridOut(12), columnOut(3);
  engine.readTensor("b", bOut.data(), bOut.data() + 6);
  engine.readTensor("flat", flatOut.data(), flatOut.data() + 6);
  engine.readTensor("gridOut", gridOut.data(), gridOut.data() + 12);
  engine.readTensor("column", columnOut.data(), columnOut.data() + 3);
  CHECK(bOut == aIn);
  CHECK(flatOut == std::vector<int>{1, 4, 2, 5, 3, 6});
  std::vector<int> gridHost = gridIn;
  std::copy(gridIn.begin(), gridIn.begin() + 3, gridHost.begin() + 6);
  CHECK(gridOut == gridHost);
  CHECK(columnOut == std::vector<int>{19, 20, 21});
}
