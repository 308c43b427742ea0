// Support for the slicing tests: an engine whose inputs (offsets above all)
// are written from the host between runs, so one compiled program is run
// with several offsets, and a host reference for dynamic slices.
#ifndef TESSEL_TESTS_UNIT_POPOPS_SLICETESTSUPPORT_HPP
#define TESSEL_TESTS_UNIT_POPOPS_SLICETESTSUPPORT_HPP

#include "PopopsHarness.hpp"

#include <map>

namespace popops_test {

/// Host writes and reads by name on one engine, run as often as wanted.
class HostRuns {
public:
  explicit HostRuns(TestGraph &g) : g(g) {}
  void input(const std::string &name, const poplar::Tensor &t) {
    g.graph.createHostWrite(name, t);
    tensors.emplace(name, t);
  }
  void output(const std::string &name, const poplar::Tensor &t) {
    g.graph.createHostRead(name, t);
    tensors.emplace(name, t);
  }
  void compile(const poplar::program::Program &prog) {
    engine = std::make_unique<poplar::Engine>(g.graph, prog);
    engine->load(g.device);
  }
  void write(const std::string &name, const std::vector<double> &values) {
    const poplar::Tensor &t = tensors.at(name);
    REQUIRE(values.size() == t.numElements());
    const std::vector<char> bytes = toDevice(t.elementType(), values);
    engine->writeTensor(name, bytes.data(), bytes.data() + bytes.size());
  }
  void run() { engine->run(0); }
  std::vector<double> read(const std::string &name) {
    const poplar::Tensor &t = tensors.at(name);
    std::vector<char> bytes(t.numElements() *
                            g.graph.getTarget().getTypeSize(t.elementType()));
    engine->readTensor(name, bytes.data(), bytes.data() + bytes.size());
    return fromDevice(t.elementType(), bytes);
  }

private:
  TestGraph &g;
  std::map<std::string, poplar::Tensor> tensors;
  std::unique_ptr<poplar::Engine> engine;
};

inline std::size_t numElementsOf(const std::vector<std::size_t> &shape) {
  std::size_t n = 1;
  for (std::size_t d : shape)
    n *= d;
  return n;
}

/// The row-major index of `index` in `shape`.
inline std::size_t flatIndex(const std::vector<std::size_t> &shape,
                             const std::vector<std::size_t> &index) {
  std::size_t flat = 0;
  for (std::size_t d = 0; d < shape.size(); ++d)
    flat = flat * shape[d] + index[d];
  return flat;
}

/// Calls f(index) for every index of `shape` in row-major order.
template <class F>
void forEachIndex(const std::vector<std::size_t> &shape, F &&f) {
  std::vector<std::size_t> index(shape.size(), 0);
  for (std::size_t e = 0, n = numElementsOf(shape); e < n; ++e) {
    f(index);
    for (std::size_t d = shape.size(); d-- > 0;)
      if (++index[d] < shape[d])
        break;
      else
        index[d] = 0;
  }
}

/// For each element of the slice of `shape` (sizes along dims, offsets
/// offsets), f(sliceFlat, baseFlat or -1 when an offset is out of range).
template <class F>
void forEachSliced(const std::vector<std::size_t> &shape,
                   const std::vector<std::size_t> &dims,
                   const std::vector<std::size_t> &sizes,
                   const std::vector<unsigned> &offsets, F &&f) {
  std::vector<std::size_t> sliceShape = shape;
  bool inRange = true;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    sliceShape[dims[i]] = sizes[i];
    inRange = inRange && offsets[i] < shape[dims[i]];
  }
  forEachIndex(sliceShape, [&](const std::vector<std::size_t> &index) {
    std::vector<std::size_t> from = index;
    for (std::size_t i = 0; i < dims.size(); ++i)
      from[dims[i]] = (offsets[i] + index[dims[i]]) % shape[dims[i]];
    f(flatIndex(sliceShape, index),
      inRange ? long(flatIndex(shape, from)) : -1L);
  });
}

/// 0, 1, 2, ... scaled and shifted, wrapped into a range every test type
/// holds exactly.
inline std::vector<double> testValues(std::size_t n, double scale = 1,
                                      double shift = 0) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = double(i % 97) * scale + shift;
  return v;
}

} // namespace popops_test

#endif
