// A weight cache in streaming memory with a host-side reduction, written as
// an SDK 3.x user would write it. The layer weights live in a remote buffer,
// one row per layer, outside tile memory. Each step of a device loop fetches
// the row an offset tensor names, multiplies it by the input, hands the
// products to a host function that sums them (keeping a per-layer log and a
// running total on the host), decays the row and writes it back. After two
// epochs the program checks the total, the per-layer sums and the cached
// rows against the same arithmetic on the host.
#include <poplar/Engine.hpp>
#include <poplar/HostFunctionCallback.hpp>
#include <poplar/IPUModel.hpp>
#include <popops/ElementWise.hpp>
#include <popops/codelets.hpp>
#include <poputil/TileMapping.hpp>

#include <cstdint>
#include <cstdio>
#include <vector>

using namespace poplar;
using namespace poplar::program;

namespace {

constexpr std::size_t kLayers = 6;
constexpr std::size_t kWidth = 64;
constexpr unsigned kEpochs = 2;
constexpr float kDecay = 0.5f;

/// A small deterministic generator so every run sees the same weights.
class Lcg {
public:
  explicit Lcg(std::uint32_t seed) : state(seed) {}
  float uniform(float lo, float hi) {
    state = state * 1664525u + 1013904223u;
    return lo + (hi - lo) * float(state >> 8) / float(1u << 24);
  }

private:
  std::uint32_t state;
};

/// What the host function sees: it sums each step's products in order and
/// keeps the running total, as the host check below does too.
struct HostLedger {
  std::vector<float> layerSums = std::vector<float>(kLayers * kEpochs);
  std::size_t calls = 0;
  float total = 0;

  void record(const float *products, unsigned layer, float *runningTotal) {
    float sum = 0;
    for (std::size_t i = 0; i < kWidth; ++i)
      sum += products[i];
    layerSums.at(calls / kLayers * kLayers + layer) = sum;
    ++calls;
    total += sum;
    *runningTotal = total;
  }
};

} // namespace

int main() {
  IPUModel model("ipu2");
  model.tilesPerIPU = 4;
  Device device = model.createDevice();
  Graph graph(device.getTarget());
  popops::addCodelets(graph);

  RemoteBuffer cache = graph.addRemoteBuffer("weights", FLOAT, kWidth, kLayers);
  HostFunction reduce = graph.addHostFunction(
      "reduce", {{FLOAT, kWidth}, {UNSIGNED_INT, 1}}, {{FLOAT, 1}});

  Tensor w = graph.addVariable(FLOAT, {kWidth}, "w");
  Tensor x = graph.addVariable(FLOAT, {kWidth}, "x");
  Tensor layer = graph.addVariable(UNSIGNED_INT, {1}, "layer");
  Tensor total = graph.addVariable(FLOAT, {1}, "total");
  poputil::mapTensorLinearly(graph, w);
  poputil::mapTensorLinearly(graph, x);
  graph.setTileMapping(layer, 0);
  graph.setTileMapping(total, 0);
  Tensor one = graph.addConstant<unsigned>(UNSIGNED_INT, {1}, {1u}, "one");
  Tensor decay = graph.addConstant<float>(FLOAT, {1}, {kDecay}, "decay");
  graph.setTileMapping(one, 0);
  graph.setTileMapping(decay, 0);
  graph.createHostWrite("x", x);
  graph.createHostWrite("layer", layer);
  graph.createHostRead("total", total);

  Sequence step;
  step.add(Copy(cache, w, layer, "fetch row"));
  Tensor products = popops::mul(graph, w, x, step, "products");
  step.add(Call(reduce, {products, layer}, {total}, "reduce on host"));
  popops::mulInPlace(graph, w, decay.broadcast(kWidth, 0), step, "decay");
  step.add(Copy(w, cache, layer, "store row"));
  popops::addInPlace(graph, layer, one, step, "next layer");
  Engine engine(graph, Repeat(kLayers, step, "epoch"));
  engine.load(device);

  HostLedger ledger;
  engine.connectHostFunction(
      "reduce", 0, [&](ArrayRef<const void *> in, ArrayRef<void *> out) {
        ledger.record(static_cast<const float *>(in[0]),
                      *static_cast<const unsigned *>(in[1]),
                      static_cast<float *>(out[0]));
      });

  Lcg rng(2026);
  std::vector<std::vector<float>> weights(kLayers, std::vector<float>(kWidth));
  for (std::size_t r = 0; r < kLayers; ++r) {
    for (float &v : weights[r])
      v = rng.uniform(-1, 1);
    engine.copyToRemoteBuffer(weights[r].data(), "weights", r);
  }
  std::vector<float> input(kWidth);
  for (float &v : input)
    v = rng.uniform(-2, 2);
  engine.writeTensor("x", input.data(), input.data() + kWidth);
  for (unsigned epoch = 0; epoch < kEpochs; ++epoch) {
    unsigned first = 0;
    engine.writeTensor("layer", &first, &first + 1);
    engine.run(0);
  }

  // The same arithmetic on the host: products, sums in order, decay.
  std::vector<float> expectedSums;
  float expectedTotal = 0;
  for (unsigned epoch = 0; epoch < kEpochs; ++epoch)
    for (std::size_t r = 0; r < kLayers; ++r) {
      float sum = 0;
      for (std::size_t i = 0; i < kWidth; ++i)
        sum += weights[r][i] * input[i];
      expectedSums.push_back(sum);
      expectedTotal += sum;
      for (float &v : weights[r])
        v *= kDecay;
    }
  float deviceTotal = 0;
  engine.readTensor("total", &deviceTotal, &deviceTotal + 1);
  int failures = 0;
  if (ledger.calls != kLayers * kEpochs || ledger.layerSums != expectedSums) {
    std::printf("per-layer sums differ from the host's (%zu calls)\n",
                ledger.calls);
    ++failures;
  }
  if (deviceTotal != expectedTotal) {
    std::printf("total %g, host %g\n", double(deviceTotal),
                double(expectedTotal));
    ++failures;
  }
  for (std::size_t r = 0; r < kLayers; ++r) {
    std::vector<float> row(kWidth);
    engine.copyFromRemoteBuffer("weights", row.data(), r);
    if (row != weights[r]) {
      std::printf("cached row %zu differs from the host's\n", r);
      ++failures;
    }
  }
  std::printf("weight cache: %zu layers x %zu weights, %u epochs, %zu host "
              "reductions, total %g (host %g): %s\n",
              kLayers, kWidth, kEpochs, ledger.calls, double(deviceTotal),
              double(expectedTotal), failures ? "FAILED" : "matches");
  return failures ? 1 : 0;
}
