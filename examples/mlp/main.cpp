// A two-layer perceptron trained on the simulated IPU with poplin, popops and
// popnn, written as a Poplar user would write it. The data set is generated
// here: points of the plane labelled by the sign of x * y (XOR), which no
// linear model separates. The program checks the device's first forward pass
// against the same arithmetic on the host, then trains and requires the loss
// to fall and the accuracy to pass 90%.
#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>
#include <poplin/MatMul.hpp>
#include <poplin/codelets.hpp>
#include <popnn/Loss.hpp>
#include <popnn/NonLinearity.hpp>
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

constexpr std::size_t batchSize = 256;
constexpr std::size_t numInputs = 2;
constexpr std::size_t numHidden = 16;
constexpr std::size_t numClasses = 2;
constexpr unsigned stepsPerEpoch = 25;
constexpr unsigned numEpochs = 8;
constexpr float learningRate = 0.5f;

/// A small deterministic generator so every run sees the same data.
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

struct Layer {
  Tensor weights;
  Tensor biases;
};

Layer addLayer(Graph &graph, std::size_t in, std::size_t out,
               const std::string &name) {
  Layer layer;
  layer.weights = poplin::createMatMulInputRHS(graph, FLOAT, {batchSize, in},
                                               {in, out}, name + "/weights");
  layer.biases = graph.addVariable(FLOAT, {out}, name + "/biases");
  poputil::mapTensorLinearly(graph, layer.biases);
  return layer;
}

/// x * weights + biases, the biases broadcast over the batch.
Tensor dense(Graph &graph, const Tensor &x, const Layer &layer, Sequence &prog,
             const std::string &name) {
  Tensor z = poplin::matMul(graph, x, layer.weights, prog, FLOAT, name);
  popops::addInPlace(graph, z, layer.biases.expand({0}).broadcast(batchSize, 0),
                     prog, name + "/bias");
  return z;
}

struct Forward {
  Tensor hidden;
  Tensor probabilities;
};

Forward forward(Graph &graph, const Tensor &x, const Layer &l1, const Layer &l2,
                Sequence &prog) {
  Forward f;
  f.hidden = popnn::relu(graph, dense(graph, x, l1, prog, "fc1"), prog, "relu");
  f.probabilities = popnn::nonLinearity(graph, popnn::NonLinearityType::SOFTMAX,
                                        dense(graph, f.hidden, l2, prog, "fc2"),
                                        prog, "softmax");
  return f;
}

/// The same forward pass on the host, giving the mean cross-entropy.
float hostLoss(const std::vector<float> &x, const std::vector<unsigned> &labels,
               const std::vector<float> &w1, const std::vector<float> &b1,
               const std::vector<float> &w2, const std::vector<float> &b2) {
  double total = 0;
  for (std::size_t n = 0; n < batchSize; ++n) {
    float hidden[numHidden];
    for (std::size_t j = 0; j < numHidden; ++j) {
      float z = 0;
      for (std::size_t i = 0; i < numInputs; ++i)
        z += x[n * numInputs + i] * w1[i * numHidden + j];
      hidden[j] = std::max(z + b1[j], 0.0f);
    }
    float logits[numClasses];
    float maxLogit = -INFINITY;
    for (std::size_t k = 0; k < numClasses; ++k) {
      float z = 0;
      for (std::size_t j = 0; j < numHidden; ++j)
        z += hidden[j] * w2[j * numClasses + k];
      logits[k] = z + b2[k];
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

  Tensor x = poplin::createMatMulInputLHS(graph, FLOAT, {batchSize, numInputs},
                                          {numInputs, numHidden}, "x");
  Tensor labels = graph.addVariable(UNSIGNED_INT, {batchSize}, "labels");
  poputil::mapTensorLinearly(graph, labels);
  Layer fc1 = addLayer(graph, numInputs, numHidden, "fc1");
  Layer fc2 = addLayer(graph, numHidden, numClasses, "fc2");

  Tensor loss = graph.addVariable(FLOAT, {batchSize}, "loss");
  Tensor deltas = graph.addVariable(FLOAT, {batchSize, numClasses}, "deltas");
  Tensor numCorrect = graph.addVariable(UNSIGNED_INT, {1}, "numCorrect");
  poputil::mapTensorLinearly(graph, loss);
  poputil::mapTensorLinearly(graph, deltas);
  graph.setTileMapping(numCorrect, 0);

  // One training step: forward, loss and its gradient, backward, update.
  Sequence step;
  Forward f = forward(graph, x, fc1, fc2, step);
  step.add(popnn::calcLoss(graph, f.probabilities, labels, loss, deltas,
                           numCorrect, popnn::CROSS_ENTROPY_LOSS, "loss"));
  Tensor invBatchSize = graph.addConstant(FLOAT, {}, 1.0f / batchSize, "1/B");
  graph.setTileMapping(invBatchSize, 0);
  const popops::ReduceParams mean(popops::Operation::ADD, false, invBatchSize);
  Tensor meanLoss = popops::reduce(graph, loss, {0}, mean, step, "meanLoss");
  Tensor gradW2 =
      poplin::matMul(graph, f.hidden.transpose(), deltas, step, FLOAT, "dW2");
  Tensor gradB2 =
      popops::reduce(graph, deltas, {0}, popops::Operation::ADD, step, "dB2");
  Tensor gradHidden = poplin::matMul(graph, deltas, fc2.weights.transpose(),
                                     step, FLOAT, "dHidden");
  Tensor gradZ1 =
      popnn::nonLinearityInputGradient(graph, popnn::NonLinearityType::RELU,
                                       f.hidden, gradHidden, step, "dRelu");
  Tensor gradW1 =
      poplin::matMul(graph, x.transpose(), gradZ1, step, FLOAT, "dW1");
  Tensor gradB1 =
      popops::reduce(graph, gradZ1, {0}, popops::Operation::ADD, step, "dB1");
  const float scale = -learningRate / batchSize;
  popops::scaledAddTo(graph, fc1.weights, gradW1, scale, step, "updateW1");
  popops::scaledAddTo(graph, fc1.biases, gradB1, scale, step, "updateB1");
  popops::scaledAddTo(graph, fc2.weights, gradW2, scale, step, "updateW2");
  popops::scaledAddTo(graph, fc2.biases, gradB2, scale, step, "updateB2");

  for (const auto &[handle, tensor] : {std::pair{"x", x},
                                       {"labels", labels},
                                       {"w1", fc1.weights},
                                       {"b1", fc1.biases},
                                       {"w2", fc2.weights},
                                       {"b2", fc2.biases}})
    graph.createHostWrite(handle, tensor);
  graph.createHostRead("meanLoss", meanLoss);
  graph.createHostRead("numCorrect", numCorrect);

  // Program 0 trains for an epoch; program 1 evaluates the current weights.
  Sequence evaluate;
  Forward e = forward(graph, x, fc1, fc2, evaluate);
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

  Lcg rng(7);
  std::vector<float> xs(batchSize * numInputs);
  std::vector<unsigned> ys(batchSize);
  for (std::size_t n = 0; n < batchSize; ++n) {
    float a = rng.uniform(-1, 1), b = rng.uniform(-1, 1);
    xs[n * numInputs] = a;
    xs[n * numInputs + 1] = b;
    ys[n] = a * b > 0 ? 1 : 0;
  }
  auto init = [&](std::size_t n, float range) {
    std::vector<float> v(n);
    for (float &w : v)
      w = rng.uniform(-range, range);
    return v;
  };
  std::vector<float> w1 = init(numInputs * numHidden, 1.0f);
  std::vector<float> b1 = init(numHidden, 0.1f);
  std::vector<float> w2 = init(numHidden * numClasses, 0.5f);
  std::vector<float> b2(numClasses, 0.0f);
  engine.writeTensor("x", xs.data(), xs.data() + xs.size());
  engine.writeTensor("labels", ys.data(), ys.data() + ys.size());
  engine.writeTensor("w1", w1.data(), w1.data() + w1.size());
  engine.writeTensor("b1", b1.data(), b1.data() + b1.size());
  engine.writeTensor("w2", w2.data(), w2.data() + w2.size());
  engine.writeTensor("b2", b2.data(), b2.data() + b2.size());

  auto evaluateNow = [&](float &lossOut, unsigned &correctOut) {
    engine.run(1);
    engine.readTensor("meanLoss", &lossOut, &lossOut + 1);
    engine.readTensor("numCorrect", &correctOut, &correctOut + 1);
  };

  float initialLoss = 0;
  unsigned correct = 0;
  evaluateNow(initialLoss, correct);
  const float expectedLoss = hostLoss(xs, ys, w1, b1, w2, b2);
  std::printf("initial loss %.6f (host %.6f), accuracy %.1f%%\n", initialLoss,
              expectedLoss, 100.0 * correct / batchSize);
  if (std::fabs(initialLoss - expectedLoss) > 1e-5f * std::fabs(expectedLoss)) {
    std::fprintf(stderr, "mlp: the device's forward pass disagrees with the "
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
                 "mlp: training did not converge (loss %.6f -> %.6f, accuracy "
                 "%.1f%%)\n",
                 initialLoss, finalLoss, 100.0 * accuracy);
    return 1;
  }
  std::printf("trained: loss %.6f -> %.6f, accuracy %.1f%%\n", initialLoss,
              finalLoss, 100.0 * accuracy);
  return 0;
}
