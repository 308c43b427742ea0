// Host reference for the norm tests: statistics, whitening and the affine
// step in double for batch, group and layer grouping of [N][C][..F..]
// activations, gradients by central finite differences of the loss
// Σ gradsIn · output, and one checker that runs a norm family's whole API
// on the device and compares every result.
#ifndef TESSEL_TESTS_UNIT_POPNN_NORMSTESTSUPPORT_HPP
#define TESSEL_TESTS_UNIT_POPNN_NORMSTESTSUPPORT_HPP

#include "../popops/PopopsHarness.hpp"

#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace norms_test {

using poplar::Graph;
using poplar::Tensor;
using poplar::Type;
using poplar::program::Sequence;
using TensorPair = std::pair<Tensor, Tensor>;

/// Which elements share statistics: per channel over the batch and field
/// (batch norm), or per batch element and group of channels (group norm;
/// layer norm is one group).
struct Grouping {
  bool perChannel;
  std::size_t groups;
  bool strided;

  static Grouping batch() { return {true, 1, true}; }
  static Grouping group(std::size_t groups, bool strided) {
    return {false, groups, strided};
  }
  static Grouping layer() { return {false, 1, true}; }
  std::size_t numStatistics(std::size_t batch, std::size_t channels) const;
  std::size_t statisticOf(std::size_t n, std::size_t c,
                          std::size_t channels) const;
};

/// One norm family's API in the shape every family shares.
struct NormApi {
  std::function<TensorPair(Graph &, const Tensor &, float, Sequence &, bool,
                           bool, const Type &)>
      statistics;
  std::function<Tensor(Graph &, const Tensor &, const Tensor &, const Tensor &,
                       Sequence &)>
      whiten;
  std::function<TensorPair(Graph &, const Tensor &, const Tensor &,
                           const Tensor &, const Tensor &, const Tensor &,
                           Sequence &)>
      normalise;
  std::function<TensorPair(Graph &, const Tensor &, const Tensor &,
                           const Tensor &, const Tensor &, Sequence &,
                           const Type &)>
      paramGradsFromActs;
  std::function<TensorPair(Graph &, const Tensor &, const Tensor &, Sequence &,
                           const Type &)>
      paramGradsFromWhitened;
  std::function<Tensor(Graph &, const Tensor &, const Tensor &, const Tensor &,
                       const Tensor &, const Tensor &, Sequence &,
                       const Type &)>
      gradsFromActs;
  std::function<Tensor(Graph &, const Tensor &, const Tensor &, const Tensor &,
                       const Tensor &, Sequence &, const Type &)>
      gradsFromWhitened;
  std::function<void(Graph &, const Tensor &, const Tensor &, float, Tensor &,
                     Tensor &, Sequence &)>
      update;
  std::function<void(Graph &, const Tensor &, const Tensor &, const Tensor &,
                     Tensor &, Tensor &, Sequence &)>
      updateWithTensor;
  std::function<TensorPair(Graph &, const Tensor &)> createParams;
};

struct HostNorm {
  std::vector<double> mean, iStdDev, whitened, output;
};

struct HostGradients {
  std::vector<double> acts, gamma, beta;
};

constexpr float kEps = 1e-3f;

std::string shapeName(const std::vector<std::size_t> &shape);

/// Deterministic values in [-1, 1) from `seed`, rounded to `type`.
std::vector<double> values(std::size_t count, unsigned seed, const Type &type,
                           double scale = 1, double offset = 0);
/// Activations with a different mean per channel.
std::vector<double> activations(const std::vector<std::size_t> &shape,
                                unsigned seed, const Type &type);

HostNorm hostNorm(const std::vector<double> &acts,
                  const std::vector<double> &gamma,
                  const std::vector<double> &beta,
                  const std::vector<std::size_t> &shape,
                  const Grouping &grouping, double eps, bool unbiased);

/// d(Σ gradsIn · output)/d(acts, gamma, beta) by central differences, with
/// the biased statistics of the forward pass.
HostGradients hostGradients(const std::vector<double> &acts,
                            const std::vector<double> &gamma,
                            const std::vector<double> &beta,
                            const std::vector<double> &gradsIn,
                            const std::vector<std::size_t> &shape,
                            const Grouping &grouping, double eps);

void requireClose(const std::vector<double> &actual,
                  const std::vector<double> &expected, double rel,
                  double absOfLargest, const std::string &what);

/// Runs every function of `api` on `shape` activations of `type` and
/// compares each result with the host.
void checkAgainstHost(const NormApi &api, const Grouping &grouping,
                      const Type &type, const std::vector<std::size_t> &shape,
                      bool unbiased, bool stable,
                      const Type &partialsType = poplar::FLOAT);

} // namespace norms_test

#endif
