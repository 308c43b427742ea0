// Shared set-up for the poputil tests: small IPUModel graphs (one or more
// IPUs), a runner that writes float inputs, runs a program and reads float
// outputs, and a helper that catches an error and returns its message.
#ifndef TESSEL_TESTS_UNIT_POPUTIL_HARNESS_HPP
#define TESSEL_TESTS_UNIT_POPUTIL_HARNESS_HPP

#include "ErrorOf.hpp"
#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace poputil_test {

struct TestGraph {
  explicit TestGraph(unsigned tilesPerIPU = 4, unsigned numIPUs = 1)
      : device(makeDevice(tilesPerIPU, numIPUs)), graph(device.getTarget()) {}
  static poplar::Device makeDevice(unsigned tilesPerIPU, unsigned numIPUs) {
    poplar::IPUModel model("ipu2");
    model.tilesPerIPU = tilesPerIPU;
    model.numIPUs = numIPUs;
    return model.createDevice();
  }
  poplar::Device device;
  poplar::Graph graph;
};

/// Compiles a program with host writes and reads of FLOAT tensors.
class Runner {
public:
  explicit Runner(TestGraph &g) : g(g) {}
  void input(const std::string &name, const poplar::Tensor &t,
             std::vector<float> values) {
    g.graph.createHostWrite("w:" + name, t);
    inputs.emplace_back(name, std::move(values));
  }
  void output(const std::string &name, const poplar::Tensor &t) {
    g.graph.createHostRead("r:" + name, t);
    sizes.emplace_back(name, t.numElements());
  }
  void run(const poplar::program::Program &prog) {
    if (!engine) {
      engine = std::make_unique<poplar::Engine>(g.graph, prog);
      engine->load(g.device);
    }
    for (auto &[name, values] : inputs)
      engine->writeTensor("w:" + name, values.data(),
                          values.data() + values.size());
    engine->run(0);
  }
  std::vector<float> read(const std::string &name) {
    std::size_t n = 0;
    for (auto &[out, size] : sizes)
      if (out == name)
        n = size;
    std::vector<float> values(n);
    engine->readTensor("r:" + name, values.data(), values.data() + n);
    return values;
  }

private:
  TestGraph &g;
  std::vector<std::pair<std::string, std::vector<float>>> inputs;
  std::vector<std::pair<std::string, std::size_t>> sizes;
  std::unique_ptr<poplar::Engine> engine;
};

/// 0, 1, 2, ... as floats.
inline std::vector<float> iota(std::size_t n, float start = 0) {
  std::vector<float> v(n);
  for (std::size_t i = 0; i != n; ++i)
    v[i] = start + float(i);
  return v;
}

using tessel_test::errorOf;

} // namespace poputil_test

#endif
