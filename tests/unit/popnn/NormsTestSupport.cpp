// Host reference and the whole-API checker for the norm tests.
#include "NormsTestSupport.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

using namespace poplar;
using namespace poplar::program;
using popops_test::Runner;
using popops_test::TestGraph;

namespace norms_test {

std::size_t Grouping::numStatistics(std::size_t batch,
                                    std::size_t channels) const {
  (void)channels;
  return perChannel ? channels : batch * groups;
}

std::size_t Grouping::statisticOf(std::size_t n, std::size_t c,
                                  std::size_t channels) const {
  if (perChannel)
    return c;
  const std::size_t group = strided ? c % groups : c / (channels / groups);
  return n * groups + group;
}

std::string shapeName(const std::vector<std::size_t> &shape) {
  std::string s = "{";
  for (std::size_t i = 0; i < shape.size(); ++i)
    s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "}";
}

namespace {

double roundTo(const Type &type, double x) {
  return type == HALF ? double(float(poplar::half(float(x))))
                      : double(float(x));
}

std::size_t fieldSize(const std::vector<std::size_t> &shape) {
  return std::accumulate(shape.begin() + 2, shape.end(), std::size_t(1),
                         std::multiplies<std::size_t>());
}

} // namespace

std::vector<double> values(std::size_t count, unsigned seed, const Type &type,
                           double scale, double offset) {
  std::uint32_t state = seed * 2654435761u + 1;
  std::vector<double> v(count);
  for (double &x : v) {
    state = state * 1103515245u + 12345u;
    const double u = double((state >> 8) & 0xffff) / 32768.0 - 1.0;
    x = roundTo(type, offset + scale * u);
  }
  return v;
}

std::vector<double> activations(const std::vector<std::size_t> &shape,
                                unsigned seed, const Type &type) {
  const std::size_t channels = shape[1], field = fieldSize(shape);
  std::vector<double> v = values(shape[0] * channels * field, seed, FLOAT, 1.5);
  for (std::size_t i = 0; i < v.size(); ++i)
    v[i] = roundTo(type, v[i] + 0.5 + 0.3 * double((i / field) % channels));
  return v;
}

HostNorm hostNorm(const std::vector<double> &acts,
                  const std::vector<double> &gamma,
                  const std::vector<double> &beta,
                  const std::vector<std::size_t> &shape,
                  const Grouping &grouping, double eps, bool unbiased) {
  const std::size_t batch = shape[0], channels = shape[1];
  const std::size_t field = fieldSize(shape);
  const std::size_t stats = grouping.numStatistics(batch, channels);
  std::vector<double> sum(stats), count(stats), squares(stats);
  auto forEach = [&](auto f) {
    for (std::size_t n = 0; n < batch; ++n)
      for (std::size_t c = 0; c < channels; ++c)
        for (std::size_t k = 0; k < field; ++k)
          f((n * channels + c) * field + k,
            grouping.statisticOf(n, c, channels), c);
  };
  forEach([&](std::size_t i, std::size_t s, std::size_t) {
    sum[s] += acts[i];
    count[s] += 1;
  });
  HostNorm h;
  h.mean.resize(stats);
  h.iStdDev.resize(stats);
  for (std::size_t s = 0; s < stats; ++s)
    h.mean[s] = sum[s] / count[s];
  forEach([&](std::size_t i, std::size_t s, std::size_t) {
    squares[s] += (acts[i] - h.mean[s]) * (acts[i] - h.mean[s]);
  });
  for (std::size_t s = 0; s < stats; ++s)
    h.iStdDev[s] =
        1 / std::sqrt(squares[s] / (unbiased ? count[s] - 1 : count[s]) + eps);
  h.whitened.resize(acts.size());
  h.output.resize(acts.size());
  forEach([&](std::size_t i, std::size_t s, std::size_t c) {
    h.whitened[i] = (acts[i] - h.mean[s]) * h.iStdDev[s];
    h.output[i] = h.whitened[i] * gamma[c] + beta[c];
  });
  return h;
}

HostGradients hostGradients(const std::vector<double> &acts,
                            const std::vector<double> &gamma,
                            const std::vector<double> &beta,
                            const std::vector<double> &gradsIn,
                            const std::vector<std::size_t> &shape,
                            const Grouping &grouping, double eps) {
  auto loss = [&](const std::vector<double> &x, const std::vector<double> &g,
                  const std::vector<double> &b) {
    const HostNorm h = hostNorm(x, g, b, shape, grouping, eps, false);
    double l = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
      l += gradsIn[i] * h.output[i];
    return l;
  };
  const double step = 1e-5;
  auto derivative = [&](std::vector<double> &v, std::size_t i,
                        auto &&evaluate) {
    const double saved = v[i];
    v[i] = saved + step;
    const double up = evaluate();
    v[i] = saved - step;
    const double down = evaluate();
    v[i] = saved;
    return (up - down) / (2 * step);
  };
  std::vector<double> x = acts, g = gamma, b = beta;
  auto evaluate = [&] { return loss(x, g, b); };
  HostGradients d;
  for (std::size_t i = 0; i < x.size(); ++i)
    d.acts.push_back(derivative(x, i, evaluate));
  for (std::size_t i = 0; i < g.size(); ++i)
    d.gamma.push_back(derivative(g, i, evaluate));
  for (std::size_t i = 0; i < b.size(); ++i)
    d.beta.push_back(derivative(b, i, evaluate));
  return d;
}

void requireClose(const std::vector<double> &actual,
                  const std::vector<double> &expected, double rel,
                  double absOfLargest, const std::string &what) {
  REQUIRE(actual.size() == expected.size());
  double largest = 0;
  for (double e : expected)
    largest = std::max(largest, std::fabs(e));
  for (std::size_t i = 0; i < actual.size(); ++i) {
    INFO(what << " element " << i << ": " << actual[i] << " vs "
              << expected[i]);
    REQUIRE(std::fabs(actual[i] - expected[i]) <=
            rel * std::fabs(expected[i]) + absOfLargest * largest);
  }
}

void checkAgainstHost(const NormApi &api, const Grouping &grouping,
                      const Type &type, const std::vector<std::size_t> &shape,
                      bool unbiased, bool stable, const Type &partialsType) {
  const std::size_t channels = shape[1];
  const std::size_t elements = shape[0] * channels * fieldSize(shape);
  const std::vector<double> x = activations(shape, 1, type);
  const std::vector<double> dy = values(elements, 2, type);
  const std::vector<double> gamma0 = values(channels, 3, type, 0.5, 1.0);
  const std::vector<double> beta0 = values(channels, 4, type, 0.5);

  TestGraph g(4);
  Graph &graph = g.graph;
  const Tensor acts = g.variable(type, shape, "acts");
  const Tensor grads = g.variable(type, shape, "grads");
  auto [gamma, beta] = api.createParams(graph, acts);
  REQUIRE(gamma.shape() == std::vector<std::size_t>{channels});
  REQUIRE(beta.elementType() == type);
  const Tensor scale = g.variable(FLOAT, {1}, "scale");

  Sequence prog;
  const auto [mean, iStdDev] =
      api.statistics(graph, acts, kEps, prog, unbiased, stable, partialsType);
  const Tensor whitenedOnly = api.whiten(graph, acts, mean, iStdDev, prog);
  const auto [output, whitened] =
      api.normalise(graph, acts, gamma, beta, mean, iStdDev, prog);
  // Gradients are those of the biased statistics, as in Poplar.
  const auto [biasedMean, biasedISD] =
      api.statistics(graph, acts, kEps, prog, false, stable, partialsType);
  const Tensor biasedWhitened =
      api.whiten(graph, acts, biasedMean, biasedISD, prog);
  const auto [gammaDelta, betaDelta] = api.paramGradsFromActs(
      graph, acts, grads, biasedMean, biasedISD, prog, partialsType);
  const auto [gammaDelta2, betaDelta2] = api.paramGradsFromWhitened(
      graph, biasedWhitened, grads, prog, partialsType);
  const Tensor gradsFromActs = api.gradsFromActs(
      graph, acts, grads, biasedMean, biasedISD, gamma, prog, partialsType);
  const Tensor gradsFromWhitened = api.gradsFromWhitened(
      graph, biasedWhitened, grads, biasedISD, gamma, prog, partialsType);
  // Read before the update below changes gamma.
  const Tensor gammaBefore = graph.clone(gamma, "gammaBefore");
  prog.add(Copy(gamma, gammaBefore));
  api.update(graph, gammaDelta, betaDelta, 0.5f, gamma, beta, prog);
  api.updateWithTensor(graph, gammaDelta2, betaDelta2, scale, gamma, beta,
                       prog);

  Runner r(g);
  r.input("acts", acts, x);
  r.input("grads", grads, dy);
  r.input("gamma", gamma, gamma0);
  r.input("beta", beta, beta0);
  r.input("scale", scale, {-0.125});
  const std::vector<std::pair<std::string, Tensor>> outputs = {
      {"mean", mean},
      {"iStdDev", iStdDev},
      {"whitenedOnly", whitenedOnly},
      {"output", output},
      {"whitened", whitened},
      {"gammaDelta", gammaDelta},
      {"betaDelta", betaDelta},
      {"gammaDelta2", gammaDelta2},
      {"betaDelta2", betaDelta2},
      {"gradsFromActs", gradsFromActs},
      {"gradsFromWhitened", gradsFromWhitened},
      {"gammaBefore", gammaBefore},
      {"gamma", gamma},
      {"beta", beta}};
  for (const auto &[name, t] : outputs)
    r.output(name, t);
  r.run(prog);

  const HostNorm h =
      hostNorm(x, gamma0, beta0, shape, grouping, kEps, unbiased);
  const HostGradients d =
      hostGradients(x, gamma0, beta0, dy, shape, grouping, kEps);
  const bool isFloat = type == FLOAT;
  const double rel = isFloat ? 1e-5 : 1e-2, abs = isFloat ? 1e-6 : 4e-3;
  const double gradRel = isFloat ? 1e-4 : 2e-2, gradAbs = isFloat ? 3e-5 : 1e-2;
  REQUIRE(mean.elementType() == type);
  REQUIRE(iStdDev.elementType() == type);
  requireClose(r.read("mean"), h.mean, rel, abs, "mean");
  requireClose(r.read("iStdDev"), h.iStdDev, rel, abs, "iStdDev");
  requireClose(r.read("whitenedOnly"), h.whitened, rel, abs, "whitenOnly");
  requireClose(r.read("whitened"), h.whitened, rel, abs, "whitened");
  requireClose(r.read("output"), h.output, rel, abs, "output");
  requireClose(r.read("gammaBefore"), gamma0, 0, 0, "gamma before update");
  for (const char *name : {"gammaDelta", "gammaDelta2"})
    requireClose(r.read(name), d.gamma, gradRel, gradAbs, name);
  for (const char *name : {"betaDelta", "betaDelta2"})
    requireClose(r.read(name), d.beta, gradRel, gradAbs, name);
  for (const char *name : {"gradsFromActs", "gradsFromWhitened"})
    requireClose(r.read(name), d.acts, gradRel, gradAbs, name);
  std::vector<double> gammaAfter(channels), betaAfter(channels);
  for (std::size_t c = 0; c < channels; ++c) {
    gammaAfter[c] = gamma0[c] + 0.375 * d.gamma[c];
    betaAfter[c] = beta0[c] + 0.375 * d.beta[c];
  }
  requireClose(r.read("gamma"), gammaAfter, gradRel, gradAbs, "gamma updated");
  requireClose(r.read("beta"), betaAfter, gradRel, gradAbs, "beta updated");
}

} // namespace norms_test
