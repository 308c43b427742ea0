// Every tensor view operation, run on the device (copying the view into a
// fresh tensor on another tile) and compared with the same indexing done on
// the host.
#include "Harness.hpp"

#include <catch2/catch.hpp>

#include <functional>

using namespace poplar;
using namespace poplar::program;

namespace {

using Index = std::vector<std::size_t>;
using Expected = std::function<int(const Index &)>;

/// x[i][j][k] = 100i + 10j + k, shape {2,3,4}.
int xValue(std::size_t i, std::size_t j, std::size_t k) {
  return int(100 * i + 10 * j + k);
}

/// Row-major multi-index of flat element `flat` of `shape`.
Index unflatten(std::size_t flat, const std::vector<std::size_t> &shape) {
  Index idx(shape.size());
  for (std::size_t d = shape.size(); d-- > 0;) {
    idx[d] = flat % shape[d];
    flat /= shape[d];
  }
  return idx;
}

struct ViewCase {
  std::string name;
  Tensor view;
  std::vector<std::size_t> shape;
  Expected expected;
};

/// Copies every view into its own variable on tile 1 in one program and
/// compares each with its expected elements.
void runViews(Graph &graph, Device &device, const Tensor &x,
              const std::vector<ViewCase> &cases) {
  Sequence prog;
  for (const ViewCase &c : cases) {
    INFO(c.name);
    REQUIRE(c.view.shape() == c.shape);
    Tensor dst = graph.addVariable(INT, c.view.shape(), c.name);
    graph.setTileMapping(dst, 1);
    graph.createHostRead(c.name, dst);
    prog.add(Copy(c.view, dst));
  }
  Engine engine(graph, prog);
  engine.load(device);
  std::vector<int> in(24);
  for (std::size_t f = 0; f < 24; ++f) {
    Index idx = unflatten(f, {2, 3, 4});
    in[f] = xValue(idx[0], idx[1], idx[2]);
  }
  engine.writeTensor("x", in.data(), in.data() + in.size());
  engine.run();
  for (const ViewCase &c : cases) {
    INFO(c.name);
    std::vector<int> out(c.view.numElements());
    engine.readTensor(c.name, out.data(), out.data() + out.size());
    for (std::size_t f = 0; f < out.size(); ++f) {
      INFO("element " << f);
      CHECK(out[f] == c.expected(unflatten(f, c.shape)));
    }
  }
}

} // namespace

TEST_CASE("Every view operation reads the elements the host expects",
          "[e2e][views]") {
  Device device = e2e::modelDevice(2);
  Graph graph(device.getTarget());
  Tensor x = graph.addVariable(INT, {2, 3, 4}, "x");
  graph.setTileMapping(x[0], 0);
  graph.setTileMapping(x[1], 1);
  graph.createHostWrite("x", x);

  auto X = [](std::size_t i, std::size_t j, std::size_t k) {
    return xValue(i, j, k);
  };
  std::vector<ViewCase> cases = {
      {"index0",
       x[1],
       {3, 4},
       [&](const Index &d) { return X(1, d[0], d[1]); }},
      {"index2", x[1][2], {4}, [&](const Index &d) { return X(1, 2, d[0]); }},
      {"slice0",
       x.slice(1, 2),
       {1, 3, 4},
       [&](const Index &d) { return X(1, d[1], d[2]); }},
      {"slice2",
       x.slice(1, 3, 2),
       {2, 3, 2},
       [&](const Index &d) { return X(d[0], d[1], d[2] + 1); }},
      {"sliceBox",
       x.slice({0, 1, 1}, {2, 3, 3}),
       {2, 2, 2},
       [&](const Index &d) { return X(d[0], d[1] + 1, d[2] + 1); }},
      {"sliceInterval",
       x.slice(Interval(1, 3), 1),
       {2, 2, 4},
       [&](const Index &d) { return X(d[0], d[1] + 1, d[2]); }},
      {"slicesIntervals",
       concat(x.slices({Interval(0, 1), Interval(2, 3)}, 1), 1),
       {2, 2, 4},
       [&](const Index &d) { return X(d[0], d[1] * 2, d[2]); }},
      {"slicesIndices",
       concat(x.slices(ArrayRef<unsigned>{3, 0}, 2), 2),
       {2, 3, 2},
       [&](const Index &d) { return X(d[0], d[1], d[2] ? 0 : 3); }},
      {"indexVector",
       x.index({1, 2}),
       {4},
       [&](const Index &d) { return X(1, 2, d[0]); }},
      {"flatten",
       x.flatten(),
       {24},
       [&](const Index &d) { return X(d[0] / 12, d[0] / 4 % 3, d[0] % 4); }},
      {"flattenPartial",
       x.flatten(1, 3),
       {2, 12},
       [&](const Index &d) { return X(d[0], d[1] / 4, d[1] % 4); }},
      {"reshape",
       x.reshape({4, 6}),
       {4, 6},
       [&](const Index &d) {
         std::size_t f = d[0] * 6 + d[1];
         return X(f / 12, f / 4 % 3, f % 4);
       }},
      {"reshapePartial",
       x.reshapePartial(2, 3, {2, 2}),
       {2, 3, 2, 2},
       [&](const Index &d) { return X(d[0], d[1], d[2] * 2 + d[3]); }},
      {"dimShuffle",
       x.dimShuffle({2, 0, 1}),
       {4, 2, 3},
       [&](const Index &d) { return X(d[1], d[2], d[0]); }},
      {"dimShufflePartial",
       x.dimShufflePartial({0}, {2}),
       {3, 4, 2},
       [&](const Index &d) { return X(d[2], d[0], d[1]); }},
      {"dimRoll",
       x.dimRoll(2, 0),
       {4, 2, 3},
       [&](const Index &d) { return X(d[1], d[2], d[0]); }},
      {"transpose",
       x[0].transpose(),
       {4, 3},
       [&](const Index &d) { return X(0, d[1], d[0]); }},
      {"expand",
       x[0].expand({1}).expand({0}),
       {1, 3, 1, 4},
       [&](const Index &d) { return X(0, d[1], d[3]); }},
      {"squeeze",
       x.slice(1, 2).squeeze({0}),
       {3, 4},
       [&](const Index &d) { return X(1, d[0], d[1]); }},
      {"broadcast",
       x[0][1].expand({0}).broadcast(3, 0),
       {3, 4},
       [&](const Index &d) { return X(0, 1, d[1]); }},
      {"subSample",
       x.subSample(2, 2),
       {2, 3, 2},
       [&](const Index &d) { return X(d[0], d[1], d[2] * 2); }},
      {"upsample",
       x[1][0].upsample(2, 0, UpsampleMethod::REPEAT),
       {8},
       [&](const Index &d) { return X(1, 0, d[0] / 2); }},
      {"reverse",
       x.reverse(1),
       {2, 3, 4},
       [&](const Index &d) { return X(d[0], 2 - d[1], d[2]); }},
      {"concat",
       concat(x[1], x[0], 1),
       {3, 8},
       [&](const Index &d) {
         return d[1] < 4 ? X(1, d[0], d[1]) : X(0, d[0], d[1] - 4);
       }},
      {"append",
       append(x[0][0], x[1][2][3]),
       {5},
       [&](const Index &d) { return d[0] < 4 ? X(0, 0, d[0]) : X(1, 2, 3); }},
      {"appendDim",
       append(x[0], x[1][1], 0),
       {4, 4},
       [&](const Index &d) {
         return d[0] < 3 ? X(0, d[0], d[1]) : X(1, 1, d[1]);
       }},
  };
  runViews(graph, device, x, cases);
}

TEST_CASE("reinterpret views the same bytes as another type of equal size",
          "[e2e][views]") {
  Device device = e2e::modelDevice(2);
  Graph graph(device.getTarget());
  Tensor f = graph.addVariable(FLOAT, {4}, "f");
  Tensor u = graph.addVariable(UNSIGNED_INT, {4}, "u");
  graph.setTileMapping(f, 0);
  graph.setTileMapping(u, 1);
  graph.createHostWrite("f", f);
  graph.createHostRead("u", u);
  Engine engine(graph, Copy(f.reinterpret(UNSIGNED_INT), u));
  engine.load(device);
  std::vector<float> in{1.0f, -2.5f, 0.0f, 3.75f};
  std::vector<unsigned> out(4);
  engine.writeTensor("f", in.data(), in.data() + 4);
  engine.run();
  engine.readTensor("u", out.data(), out.data() + 4);
  for (int i = 0; i < 4; ++i) {
    unsigned bits;
    std::memcpy(&bits, &in[i], 4);
    CHECK(out[i] == bits);
  }
}

TEST_CASE("Writing through a view changes the underlying variable",
          "[e2e][views]") {
  Device device = e2e::modelDevice(2);
  Graph graph(device.getTarget());
  Tensor m = graph.addVariable(SHORT, {3, 3}, "m");
  Tensor row = graph.addVariable(SHORT, {3}, "row");
  graph.setTileMapping(m, 0);
  graph.setTileMapping(row, 1);
  graph.createHostWrite("m", m);
  graph.createHostWrite("row", row);
  graph.createHostRead("mr", m);
  // Write the row into m's middle column, reversed.
  Engine engine(graph, Copy(row, m.transpose()[1].reverse(0)));
  engine.load(device);
  std::vector<short> m0(9, 0), r{7, 8, 9}, out(9);
  engine.writeTensor("m", m0.data(), m0.data() + 9);
  engine.writeTensor("row", r.data(), r.data() + 3);
  engine.run();
  engine.readTensor("mr", out.data(), out.data() + 9);
  CHECK(out == std::vector<short>{0, 9, 0, 0, 8, 0, 0, 7, 0});
}
