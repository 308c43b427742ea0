// Shared set-up for the popops tests: a small IPUModel graph with popops's
// codelets, and a runner that writes inputs, runs a program and reads
// outputs back. Values travel as doubles, which hold every value of every
// device type up to 32 bits exactly, and are converted to and from each
// tensor's own element type (half through poplar::half).
#ifndef TESSEL_TESTS_UNIT_POPOPS_HARNESS_HPP
#define TESSEL_TESTS_UNIT_POPOPS_HARNESS_HPP

#include "ErrorOf.hpp"
#include <poplar/Engine.hpp>
#include <poplar/HalfFloat.hpp>
#include <poplar/IPUModel.hpp>
#include <poplar/exceptions.hpp>
#include <popops/codelets.hpp>
#include <poputil/TileMapping.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace popops_test {

struct TestGraph {
  explicit TestGraph(unsigned tiles = 4)
      : device(makeDevice(tiles)), graph(device.getTarget()) {
    popops::addCodelets(graph);
  }
  static poplar::Device makeDevice(unsigned tiles) {
    poplar::IPUModel model("ipu2");
    model.tilesPerIPU = tiles;
    return model.createDevice();
  }
  /// A variable spread linearly over the tiles.
  poplar::Tensor variable(const poplar::Type &type,
                          std::vector<std::size_t> shape,
                          const std::string &name = "t") {
    poplar::Tensor t = graph.addVariable(type, shape, name);
    poputil::mapTensorLinearly(graph, t);
    return t;
  }
  poplar::Device device;
  poplar::Graph graph;
};

/// Bytes of `values` converted to the element type `type`.
std::vector<char> toDevice(const poplar::Type &type,
                           const std::vector<double> &values);
/// Values of the bytes of a tensor of element type `type`.
std::vector<double> fromDevice(const poplar::Type &type,
                               const std::vector<char> &bytes);

/// Compiles a program with host writes and reads of the named tensors.
class Runner {
public:
  explicit Runner(TestGraph &g) : g(g) {}
  /// `t` is written with `values` before every run.
  void input(const std::string &name, const poplar::Tensor &t,
             std::vector<double> values) {
    g.graph.createHostWrite("w:" + name, t);
    inputs.push_back({name, t, std::move(values)});
  }
  /// `t` can be read after a run.
  void output(const std::string &name, const poplar::Tensor &t) {
    g.graph.createHostRead("r:" + name, t);
    outputs.emplace_back(name, t);
  }
  /// Compiles `prog` (once) and runs it.
  void run(const poplar::program::Program &prog) {
    if (!engine) {
      engine = std::make_unique<poplar::Engine>(g.graph, prog);
      engine->load(g.device);
    }
    for (const Input &in : inputs) {
      const std::vector<char> bytes = toDevice(in.t.elementType(), in.values);
      engine->writeTensor("w:" + in.name, bytes.data(),
                          bytes.data() + bytes.size());
    }
    engine->run(0);
  }
  std::vector<double> read(const std::string &name) const;
  poplar::Engine &getEngine() { return *engine; }

private:
  struct Input {
    std::string name;
    poplar::Tensor t;
    std::vector<double> values;
  };
  TestGraph &g;
  std::vector<Input> inputs;
  std::vector<std::pair<std::string, poplar::Tensor>> outputs;
  std::unique_ptr<poplar::Engine> engine;
};

using tessel_test::errorOf;

} // namespace popops_test

#endif
