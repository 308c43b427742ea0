// Shared set-up for the poprand tests: a small IPUModel graph with poprand's
// codelets, a runner that compiles a program and reads tensors back (half
// tensors as floats), and sample statistics.
#ifndef TESSEL_TESTS_UNIT_POPRAND_HARNESS_HPP
#define TESSEL_TESTS_UNIT_POPRAND_HARNESS_HPP

#include <poplar/Engine.hpp>
#include <poplar/HalfFloat.hpp>
#include <poplar/IPUModel.hpp>
#include <poprand/RandomGen.hpp>
#include <poprand/codelets.hpp>
#include <poputil/TileMapping.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace poprand_test {

/// 10^5 samples: enough for the statistical checks to be tight.
inline constexpr std::size_t kSamples = 100000;

struct TestGraph {
  explicit TestGraph(unsigned tiles = 4)
      : device(makeDevice(tiles)), graph(device.getTarget()) {
    poprand::addCodelets(graph);
  }
  static poplar::Device makeDevice(unsigned tiles) {
    poplar::IPUModel model("ipu2");
    model.tilesPerIPU = tiles;
    return model.createDevice();
  }
  /// A linearly mapped variable to use as a reference.
  poplar::Tensor reference(std::vector<std::size_t> shape,
                           const poplar::Type &type = poplar::FLOAT) {
    poplar::Tensor t = graph.addVariable(type, shape, "reference");
    poputil::mapTensorLinearly(graph, t);
    return t;
  }
  /// A constant seed tensor on tile 0.
  poplar::Tensor seed(unsigned a, unsigned b) {
    unsigned words[2] = {a, b};
    poplar::Tensor t =
        graph.addConstant(poplar::UNSIGNED_INT, {2}, words, "seed");
    graph.setTileMapping(t, 0);
    return t;
  }
  poplar::Device device;
  poplar::Graph graph;
};

/// Compiles `prog` with host reads of the named tensors and runs it once
/// (unless runNow is false).
class Run {
public:
  Run(TestGraph &g, const poplar::program::Program &prog,
      const std::vector<std::pair<std::string, poplar::Tensor>> &outputs,
      bool runNow = true) {
    for (const auto &[name, t] : outputs) {
      g.graph.createHostRead(name, t);
      types.emplace_back(name, t);
    }
    engine = std::make_unique<poplar::Engine>(g.graph, prog);
    engine->load(g.device);
    if (runNow)
      engine->run(0);
  }
  void runAgain() { engine->run(0); }
  /// Writes a tensor the test registered with createHostWrite.
  void write(const std::string &name, const std::vector<unsigned> &values) {
    engine->writeTensor(name, values.data(), values.data() + values.size());
  }

  /// The tensor's elements converted to T (half tensors through float).
  template <class T> std::vector<T> read(const std::string &name) {
    const poplar::Type type = tensor(name).elementType();
    if (type == poplar::HALF) {
      std::vector<T> values;
      for (std::uint16_t bits : readAs<std::uint16_t>(name))
        values.push_back(T(float(poplar::half::fromBits(bits))));
      return values;
    }
    if (type == poplar::INT)
      return convert<T>(readAs<int>(name));
    if (type == poplar::UNSIGNED_INT)
      return convert<T>(readAs<unsigned>(name));
    return convert<T>(readAs<float>(name));
  }

private:
  /// The tensor's elements as stored, for a Host type of the same size.
  template <class Host> std::vector<Host> readAs(const std::string &name) {
    std::vector<Host> values(tensor(name).numElements());
    engine->readTensor(name, values.data(), values.data() + values.size());
    return values;
  }
  template <class T, class From>
  static std::vector<T> convert(const std::vector<From> &from) {
    return std::vector<T>(from.begin(), from.end());
  }
  const poplar::Tensor &tensor(const std::string &name) const {
    for (const auto &entry : types)
      if (entry.first == name)
        return entry.second;
    throw std::runtime_error("no output named " + name);
  }
  std::vector<std::pair<std::string, poplar::Tensor>> types;
  std::unique_ptr<poplar::Engine> engine;
};

struct Moments {
  double mean = 0, variance = 0, min = 0, max = 0;
};

template <class T> Moments momentsOf(const std::vector<T> &values) {
  Moments m;
  m.min = m.max = double(values.at(0));
  for (T v : values) {
    m.mean += double(v);
    m.min = std::min(m.min, double(v));
    m.max = std::max(m.max, double(v));
  }
  m.mean /= double(values.size());
  for (T v : values)
    m.variance += (double(v) - m.mean) * (double(v) - m.mean);
  m.variance /= double(values.size() - 1);
  return m;
}

template <class T>
std::size_t countEqual(const std::vector<T> &a, const std::vector<T> &b) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
    n += a[i] == b[i];
  return n;
}

} // namespace poprand_test

#endif
