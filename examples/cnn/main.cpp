// A small convolutional network trained on the simulated IPU, written as a
// Poplar user would write it: convolution (poplin) -> ReLU -> max pooling
// (popnn) -> dense layer -> softmax cross-entropy, trained by gradient
// descent. The data set is generated here: 8x8 images holding one bright
// bar, horizontal (class 0) or vertical (class 1), on noise. The program
// checks the device's first forward pass against the same arithmetic on the
// host, then trains and requires the loss to fall and the accuracy to pass
// 90%.
#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>
#include <poplin/Convolution.hpp>
#include <poplin/MatMul.hpp>
#include <poplin/codelets.hpp>
#include <popnn/Loss.hpp>
#include <popnn/NonLinearity.hpp>
#include <popnn/Pooling.hpp>
#include <popnn/codelets.hpp>
#include <popops/ElementWise.hpp>
#include <popops/Reduce.hpp>
#include <popops/ScaledAdd.hpp>
#include <popops/codelets.hpp>
#include <poputil/TileMapping.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

using namespace poplar;
using namespace poplar::program;

namespace {

constexpr std::size_t batchSize = 32;
constexpr std::size_t side = 8;       // images are side x side
constexpr std::size_t numFilters = 4; // 3x3 filters
constexpr std::size_t pooledSide = 4; // after 2x2 max pooling
constexpr std::size_t numFeatures = numFilters * pooledSide * pooledSide;
constexpr std::size_t numClasses = 2;
constexpr unsigned stepsPerEpoch = 10;
constexpr unsigned numEpochs = 6;
constexpr float learningRate = 0.2f;

class Lcg {
public:
  explicit Lcg(std::uint32_t seed) : state(seed) {}
  float uniform(float lo, float hi) {
    state = state * 1664525u + 1013904223u;
    return lo + (hi - lo) * float(state >> 8) / float(1u << 24);
  }
  unsigned below(unsigned n) { return unsigned(uniform(0, float(n))) % n; }

private:
  std::uint32_t state;
};

poplin::ConvParams convParams() {
  poplin::ConvParams p(FLOAT, batchSize, {side, side}, {3, 3}, 1, numFilters,
                       1);
  p.inputTransform.paddingLower = {1, 1};
  p.inputTransform.paddingUpper = {1, 1};
  return p;
}

popnn::pooling::PoolParams poolParams() {
  return popnn::pooling::PoolParams(popnn::PoolingType::MAX, {side, side},
                                    {2, 2}, {2, 2}, {0, 0}, {0, 0}, numFilters,
                                    batchSize, FLOAT);
}

struct Model {
  Tensor filters, filterBiases, weights, biases;
};

struct Forward {
  Tensor convolved, activated, pooled, features, probabilities;
};

Forward forward(Graph &graph, const Tensor &images, const Model &m,
                Sequence &prog) {
  Forward f;
  f.convolved = poplin::convolution(graph, images, m.filters, convParams(),
                                    false, prog, "conv");
  poplin::addBias(graph, f.convolved, m.filterBiases, prog, "convBias");
  f.activated = popnn::relu(graph, f.convolved, prog, "relu");
  f.pooled =
      popnn::pooling::pool(graph, poolParams(), f.activated, prog, "pool");
  f.features = f.pooled.reshape({batchSize, numFeatures});
  Tensor logits =
      poplin::matMul(graph, f.features, m.weights, prog, FLOAT, "dense");
  popops::addInPlace(graph, logits,
                     m.biases.expand({0}).broadcast(batchSize, 0), prog,
                     "denseBias");
  f.probabilities = popnn::nonLinearity(graph, popnn::NonLinearityType::SOFTMAX,
                                        logits, prog, "softmax");
  return f;
}

/// The same forward pass on the host: the mean cross-entropy.
float hostLoss(const std::vector<float> &images,
               const std::vector<unsigned> &labels,
               const std::vector<float> &filters,
               const std::vector<float> &filterBiases,
               const std::vector<float> &weights,
               const std::vector<float> &biases) {
  double total = 0;
  for (std::size_t n = 0; n < batchSize; ++n) {
    float features[numFeatures];
    for (std::size_t c = 0; c < numFilters; ++c)
      for (std::size_t py = 0; py < pooledSide; ++py)
        for (std::size_t px = 0; px < pooledSide; ++px) {
          float best = -INFINITY;
          for (std::size_t y = 2 * py; y < 2 * py + 2; ++y)
            for (std::size_t x = 2 * px; x < 2 * px + 2; ++x) {
              float z = 0;
              for (long ky = 0; ky < 3; ++ky)
                for (long kx = 0; kx < 3; ++kx) {
                  const long iy = long(y) + ky - 1, ix = long(x) + kx - 1;
                  if (iy >= 0 && iy < long(side) && ix >= 0 && ix < long(side))
                    z += images[(n * side + std::size_t(iy)) * side +
                                std::size_t(ix)] *
                         filters[(c * 3 + std::size_t(ky)) * 3 +
                                 std::size_t(kx)];
                }
              best = std::max(best, std::max(z + filterBiases[c], 0.0f));
            }
          features[(c * pooledSide + py) * pooledSide + px] = best;
        }
    float logits[numClasses];
    float maxLogit = -INFINITY;
    for (std::size_t k = 0; k < numClasses; ++k) {
      float z = 0;
      for (std::size_t j = 0; j < numFeatures; ++j)
        z += features[j] * weights[j * numClasses + k];
      logits[k] = z + biases[k];
      maxLogit = std::max(maxLogit, logits[k]);
    }
    double sum = 0;
    for (float l : logits)
      sum += std::exp(double(l - maxLogit));
    total -= double(logits[labels[n]] - maxLogit) - std::log(sum);
  }
  return float(total / batchSize);
}

} // namespace

int main() {
  IPUModel ipuModel("ipu2");
  ipuModel.tilesPerIPU = 16;
  Device device = ipuModel.createDevice();
  Graph graph(device.getTarget());
  popops::addCodelets(graph);
  poplin::addCodelets(graph);
  popnn::addCodelets(graph);

  const poplin::ConvParams conv = convParams();
  poplin::PlanningCache cache;
  Tensor images = poplin::createInput(graph, conv, "images", {}, &cache);
  Tensor labels = graph.addVariable(UNSIGNED_INT, {batchSize}, "labels");
  poputil::mapTensorLinearly(graph, labels);
  Model m;
  m.filters = poplin::createWeights(graph, conv, "filters", {}, &cache);
  m.filterBiases = graph.addVariable(FLOAT, {numFilters}, "filterBiases");
  poputil::mapTensorLinearly(graph, m.filterBiases);
  m.weights =
      poplin::createMatMulInputRHS(graph, FLOAT, {batchSize, numFeatures},
                                   {numFeatures, numClasses}, "weights");
  m.biases = graph.addVariable(FLOAT, {numClasses}, "biases");
  poputil::mapTensorLinearly(graph, m.biases);

  Tensor loss = graph.addVariable(FLOAT, {batchSize}, "loss");
  Tensor deltas = graph.addVariable(FLOAT, {batchSize, numClasses}, "deltas");
  Tensor numCorrect = graph.addVariable(UNSIGNED_INT, {1}, "numCorrect");
  poputil::mapTensorLinearly(graph, loss);
  poputil::mapTensorLinearly(graph, deltas);
  graph.setTileMapping(numCorrect, 0);
  Tensor invBatchSize = graph.addConstant(FLOAT, {}, 1.0f / batchSize, "1/B");
  graph.setTileMapping(invBatchSize, 0);
  const popops::ReduceParams mean(popops::Operation::ADD, false, invBatchSize);

  // One training step: forward, loss and its gradient, backward, update.
  Sequence step;
  Forward f = forward(graph, images, m, step);
  step.add(popnn::calcLoss(graph, f.probabilities, labels, loss, deltas,
                           numCorrect, popnn::CROSS_ENTROPY_LOSS, "loss"));
  Tensor meanLoss = popops::reduce(graph, loss, {0}, mean, step, "meanLoss");
  // Dense layer.
  Tensor gradWeights = poplin::matMul(graph, f.features.transpose(), deltas,
                                      step, FLOAT, "dWeights");
  Tensor gradBiases =
      popops::reduce(graph, deltas, {0}, popops::Operation::ADD, step, "dB");
  Tensor gradFeatures = poplin::matMul(graph, deltas, m.weights.transpose(),
                                       step, FLOAT, "dFeatures");
  // Pooling, ReLU, convolution.
  Tensor gradActivated = popnn::pooling::poolInputGradient(
      graph, poolParams(), f.activated, f.pooled,
      gradFeatures.reshape(f.pooled.shape()), false, step, "dPool");
  Tensor gradConvolved = popnn::nonLinearityInputGradient(
      graph, popnn::NonLinearityType::RELU, f.activated, gradActivated, step,
      "dRelu");
  const float scale = -learningRate / batchSize;
  poplin::convolutionWeightUpdate(graph, gradConvolved, m.filters, images, conv,
                                  scale, step, "updateFilters", {}, &cache);
  poplin::convolutionBiasUpdate(graph, gradConvolved, m.filterBiases, scale, {},
                                step, "updateFilterBiases");
  popops::scaledAddTo(graph, m.weights, gradWeights, scale, step,
                      "updateWeights");
  popops::scaledAddTo(graph, m.biases, gradBiases, scale, step, "updateBiases");

  for (const auto &[handle, tensor] : {std::pair{"images", images},
                                       {"labels", labels},
                                       {"filters", m.filters},
                                       {"filterBiases", m.filterBiases},
                                       {"weights", m.weights},
                                       {"biases", m.biases}})
    graph.createHostWrite(handle, tensor);
  graph.createHostRead("meanLoss", meanLoss);
  graph.createHostRead("numCorrect", numCorrect);

  // Program 0 trains for an epoch; program 1 evaluates the current model.
  Sequence evaluate;
  Forward e = forward(graph, images, m, evaluate);
  Tensor evalLoss = graph.addVariable(FLOAT, {batchSize}, "evalLoss");
  Tensor evalDeltas =
      graph.addVariable(FLOAT, {batchSize, numClasses}, "evalDeltas");
  poputil::mapTensorLinearly(graph, evalLoss);
  poputil::mapTensorLinearly(graph, evalDeltas);
  evaluate.add(popnn::calcLoss(graph, e.probabilities, labels, evalLoss,
                               evalDeltas, numCorrect,
                               popnn::CROSS_ENTROPY_LOSS, "evalLoss"));
  popops::reduceWithOutput(graph, evalLoss, meanLoss, {0}, mean, evaluate,
                           "evalMeanLoss");

  Engine engine(graph, {Repeat(stepsPerEpoch, step), evaluate});
  engine.load(device);

  Lcg rng(11);
  std::vector<float> xs(batchSize * side * side);
  std::vector<unsigned> ys(batchSize);
  for (std::size_t n = 0; n < batchSize; ++n) {
    ys[n] = unsigned(n % 2);
    const unsigned at = rng.below(side);
    for (std::size_t y = 0; y < side; ++y)
      for (std::size_t x = 0; x < side; ++x) {
        const bool onBar = ys[n] == 0 ? y == at : x == at;
        xs[(n * side + y) * side + x] =
            (onBar ? 1.0f : 0.0f) + rng.uniform(-0.2f, 0.2f);
      }
  }
  auto init = [&](std::size_t n, float range) {
    std::vector<float> v(n);
    for (float &w : v)
      w = rng.uniform(-range, range);
    return v;
  };
  std::vector<float> filters = init(numFilters * 9, 0.5f);
  std::vector<float> filterBiases(numFilters, 0.0f);
  std::vector<float> weights = init(numFeatures * numClasses, 0.2f);
  std::vector<float> biases(numClasses, 0.0f);
  engine.writeTensor("images", xs.data(), xs.data() + xs.size());
  engine.writeTensor("labels", ys.data(), ys.data() + ys.size());
  engine.writeTensor("filters", filters.data(),
                     filters.data() + filters.size());
  engine.writeTensor("filterBiases", filterBiases.data(),
                     filterBiases.data() + filterBiases.size());
  engine.writeTensor("weights", weights.data(),
                     weights.data() + weights.size());
  engine.writeTensor("biases", biases.data(), biases.data() + biases.size());

  auto evaluateNow = [&](float &lossOut, unsigned &correctOut) {
    engine.run(1);
    engine.readTensor("meanLoss", &lossOut, &lossOut + 1);
    engine.readTensor("numCorrect", &correctOut, &correctOut + 1);
  };

  float initialLoss = 0;
  unsigned correct = 0;
  evaluateNow(initialLoss, correct);
  const float expectedLoss =
      hostLoss(xs, ys, filters, filterBiases, weights, biases);
  std::printf("initial loss %.6f (host %.6f), accuracy %.1f%%\n", initialLoss,
              expectedLoss, 100.0 * correct / batchSize);
  if (std::fabs(initialLoss - expectedLoss) > 1e-5f * std::fabs(expectedLoss)) {
    std::fprintf(stderr, "cnn: the device's forward pass disagrees with the "
                         "host's\n");
    return 1;
  }

  float finalLoss = initialLoss;
  for (unsigned epoch = 1; epoch <= numEpochs; ++epoch) {
    engine.run(0);
    evaluateNow(finalLoss, correct);
    std::printf("epoch %u: loss %.6f, accuracy %.1f%%\n", epoch, finalLoss,
                100.0 * correct / batchSize);
  }
  const double accuracy = double(correct) / batchSize;
  if (!(finalLoss < 0.5f * initialLoss) || accuracy < 0.9) {
    std::fprintf(stderr,
                 "cnn: training did not converge (loss %.6f -> %.6f, accuracy "
                 "%.1f%%)\n",
                 initialLoss, finalLoss, 100.0 * accuracy);
    return 1;
  }
  std::printf("trained: loss %.6f -> %.6f, accuracy %.1f%%\n", initialLoss,
              finalLoss, 100.0 * accuracy);
  return 0;
}
