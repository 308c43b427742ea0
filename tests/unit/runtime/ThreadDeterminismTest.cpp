// Results and cycle counts do not depend on the number of host threads.
#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>
#include <poputil/TileMapping.hpp>

#include <catch2/catch.hpp>

#include <numeric>

using namespace poplar;
using namespace poplar::program;

namespace {
struct Outcome {
  std::vector<float> values;
  std::uint64_t cycles;
};

Outcome runWith(unsigned threads) {
  IPUModel model("ipu2");
  model.tilesPerIPU = 64;
  Device device = model.createDevice();
  Graph graph(device.getTarget());
  const std::size_t n = 1 << 18;
  Tensor a = graph.addVariable(FLOAT, {n}, "a");
  Tensor b = graph.addVariable(FLOAT, {n}, "b");
  poputil::mapTensorLinearly(graph, a);
  poputil::mapTensorLinearly(graph, b);
  graph.createHostWrite("a", a);
  graph.createHostRead("b", b);
  Sequence prog;
  for (std::size_t k = 0; k < 8; ++k)
    prog.add(Copy(a.slice(k * n / 8, (k + 1) * n / 8),
                  b.slice(((k + 3) % 8) * n / 8, ((k + 3) % 8 + 1) * n / 8)));
  prog.add(Copy(b.reverse(0), a));
  Engine engine(graph, prog, {{"tessel.hostThreads", std::to_string(threads)}});
  engine.load(device);
  std::vector<float> in(n), out(n);
  std::iota(in.begin(), in.end(), 0.0f);
  engine.writeTensor("a", in.data(), in.data() + n);
  engine.run();
  engine.readTensor("b", out.data(), out.data() + n);
  return {out, engine.getCycleCount()};
}
} // namespace

TEST_CASE("1, 2 and 7 host threads give identical results and cycles",
          "[runtime][determinism]") {
  Outcome one = runWith(1), two = runWith(2), seven = runWith(7);
  CHECK(one.values == two.values);
  CHECK(one.values == seven.values);
  CHECK(one.cycles == two.cycles);
  CHECK(one.cycles == seven.cycles);
  CHECK(one.cycles > 0);
}
