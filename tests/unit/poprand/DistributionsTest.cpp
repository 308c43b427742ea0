// Each distribution on the simulated IPU, 10^5 samples against its known
// moments (bounds about five standard errors wide; the seeds are fixed, so
// the checks are deterministic), its range, and the host evaluation of
// the same element functions.
#include "Distributions.hpp"
#include "PoprandHarness.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

using namespace poplar;
using namespace poplar::program;
using namespace poprand_test;

namespace {

constexpr double kPi = 3.14159265358979323846;

/// Variance of a standard normal truncated to [-a, a].
double truncatedVariance(double a) {
  const double density = std::exp(-0.5 * a * a) / std::sqrt(2 * kPi);
  return 1 - 2 * a * density / std::erf(a / std::sqrt(2.0));
}

} // namespace

TEST_CASE("uniform float and half fill the interval evenly",
          "[poprand][distributions]") {
  TestGraph g;
  Tensor ref = g.reference({kSamples});
  Tensor seed = g.seed(11, 22);
  Sequence prog;
  Tensor f = poprand::uniform(g.graph, &seed, 0, ref, FLOAT, -2.0, 3.0, prog);
  Tensor h = poprand::uniform(g.graph, &seed, 0, ref, HALF, 0.0, 1.0, prog);
  CHECK(f.elementType() == FLOAT);
  CHECK(h.elementType() == HALF);
  CHECK(f.shape() == ref.shape());
  CHECK(g.graph.getTileMapping(f) == g.graph.getTileMapping(ref));
  Run run(g, prog, {{"f", f}, {"h", h}});

  const Moments mf = momentsOf(run.read<float>("f"));
  CHECK(mf.mean == Approx(0.5).margin(0.025));
  CHECK(mf.variance == Approx(25.0 / 12).margin(0.03));
  CHECK(mf.min >= -2.0);
  CHECK(mf.max <= 3.0);
  CHECK(mf.min < -1.99);
  CHECK(mf.max > 2.99);

  const Moments mh = momentsOf(run.read<float>("h"));
  CHECK(mh.mean == Approx(0.5).margin(0.005));
  CHECK(mh.variance == Approx(1.0 / 12).margin(0.002));
  CHECK(mh.min >= 0.0);
  CHECK(mh.max <= 1.0);
}

TEST_CASE("uniform int includes both bounds, each value equally often",
          "[poprand][distributions]") {
  TestGraph g;
  Tensor ref = g.reference({kSamples}, INT);
  Tensor seed = g.seed(3, 4);
  Sequence prog;
  Tensor out = poprand::uniform(g.graph, &seed, 9, ref, INT, -3, 4, prog);
  Run run(g, prog, {{"out", out}});
  std::map<int, std::size_t> counts;
  for (int v : run.read<int>("out"))
    ++counts[v];
  REQUIRE(counts.size() == 8);
  CHECK(counts.begin()->first == -3);
  CHECK(counts.rbegin()->first == 4);
  for (const auto &[value, count] : counts)
    CHECK(double(count) / kSamples == Approx(0.125).margin(0.006));
}

TEST_CASE("logUniform has a uniform logarithm and stays in range",
          "[poprand][distributions]") {
  TestGraph g;
  Tensor ref = g.reference({kSamples});
  Tensor seed = g.seed(5, 6);
  Sequence prog;
  Tensor f =
      poprand::logUniform(g.graph, &seed, 0, ref, FLOAT, 1.0, 1000.0, prog);
  Tensor i =
      poprand::logUniform(g.graph, &seed, 1, ref, INT, 1.5, 100.5, prog, 10.0);
  Tensor h =
      poprand::logUniform(g.graph, &seed, 2, ref, HALF, 0.01, 4.0, prog, 2.0);
  Run run(g, prog, {{"f", f}, {"i", i}, {"h", h}});

  std::vector<double> logs;
  for (float v : run.read<float>("f"))
    logs.push_back(std::log(double(v)));
  const Moments m = momentsOf(logs);
  CHECK(m.mean == Approx(std::log(1000.0) / 2).margin(0.03));
  CHECK(m.variance ==
        Approx(std::log(1000.0) * std::log(1000.0) / 12).margin(0.05));
  CHECK(m.min >= 0.0);
  CHECK(m.max <= std::log(1000.0) + 1e-6);

  const Moments mi = momentsOf(run.read<int>("i"));
  CHECK(mi.min == 2);
  CHECK(mi.max == 100);
  const Moments mh = momentsOf(run.read<float>("h"));
  CHECK(mh.min >= 0.01);
  CHECK(mh.max <= 4.0);
}

TEST_CASE("bernoulli gives ones with probability prob in every type",
          "[poprand][distributions]") {
  TestGraph g;
  Tensor ref = g.reference({kSamples});
  Tensor seed = g.seed(7, 8);
  Sequence prog;
  Tensor f = poprand::bernoulli(g.graph, &seed, 0, ref, FLOAT, 0.3, prog);
  Tensor h = poprand::bernoulli(g.graph, &seed, 1, ref, HALF, 0.75, prog);
  Tensor i = poprand::bernoulli(g.graph, &seed, 2, ref, INT, 0.5, prog);
  Tensor never = poprand::bernoulli(g.graph, &seed, 3, ref, INT, 0.0, prog);
  Tensor always = poprand::bernoulli(g.graph, &seed, 4, ref, INT, 1.0, prog);
  Run run(g, prog,
          {{"f", f}, {"h", h}, {"i", i}, {"never", never}, {"always", always}});
  for (auto [name, p] : std::vector<std::pair<const char *, double>>{
           {"f", 0.3}, {"h", 0.75}, {"i", 0.5}}) {
    INFO(name);
    const std::vector<double> v = run.read<double>(name);
    for (double x : v)
      REQUIRE((x == 0.0 || x == 1.0));
    CHECK(momentsOf(v).mean == Approx(p).margin(0.008));
  }
  CHECK(momentsOf(run.read<int>("never")).max == 0);
  CHECK(momentsOf(run.read<int>("always")).min == 1);
}

TEST_CASE("normal has the requested mean, deviation and shape",
          "[poprand][distributions]") {
  TestGraph g;
  Tensor ref = g.reference({100, 1000});
  Tensor seed = g.seed(9, 10);
  Sequence prog;
  Tensor f = poprand::normal(g.graph, &seed, 0, ref, FLOAT, 1.0, 2.0, prog);
  Tensor h = poprand::normal(g.graph, &seed, 0, ref, HALF, -3.0, 0.5, prog);
  Run run(g, prog, {{"f", f}, {"h", h}});

  const std::vector<float> v = run.read<float>("f");
  const Moments m = momentsOf(v);
  CHECK(m.mean == Approx(1.0).margin(0.035));
  CHECK(m.variance == Approx(4.0).margin(0.1));
  std::size_t withinOneSd = 0;
  for (float x : v)
    withinOneSd += std::fabs(x - 1.0f) <= 2.0f;
  CHECK(double(withinOneSd) / kSamples == Approx(0.6827).margin(0.008));

  const Moments mh = momentsOf(run.read<float>("h"));
  CHECK(mh.mean == Approx(-3.0).margin(0.01));
  CHECK(mh.variance == Approx(0.25).margin(0.007));
}

TEST_CASE("truncatedNormal stays within alpha deviations with the truncated "
          "variance",
          "[poprand][distributions]") {
  TestGraph g;
  Tensor ref = g.reference({kSamples});
  Tensor seed = g.seed(12, 13);
  Sequence prog;
  Tensor wide = poprand::truncatedNormal(g.graph, &seed, 0, ref, FLOAT, 0.0,
                                         1.0, 2.0, prog);
  Tensor narrow = poprand::truncatedNormal(g.graph, &seed, 0, ref, FLOAT, 5.0,
                                           2.0, 0.5, prog);
  Tensor h = poprand::truncatedNormal(g.graph, &seed, 0, ref, HALF, 1.0, 0.1,
                                      1.5, prog);
  Run run(g, prog, {{"wide", wide}, {"narrow", narrow}, {"h", h}});

  const Moments mw = momentsOf(run.read<float>("wide"));
  CHECK(mw.min >= -2.0);
  CHECK(mw.max <= 2.0);
  CHECK(mw.mean == Approx(0.0).margin(0.015));
  CHECK(mw.variance == Approx(truncatedVariance(2.0)).margin(0.015));

  const Moments mn = momentsOf(run.read<float>("narrow"));
  CHECK(mn.min >= 4.0);
  CHECK(mn.max <= 6.0);
  CHECK(mn.mean == Approx(5.0).margin(0.01));
  CHECK(mn.variance == Approx(4 * truncatedVariance(0.5)).margin(0.01));

  const Moments mh = momentsOf(run.read<float>("h"));
  CHECK(mh.min >= 0.85);
  CHECK(mh.max <= 1.15);
}

TEST_CASE("The device computes exactly the host's element functions",
          "[poprand][distributions]") {
  TestGraph g;
  Tensor ref = g.reference({5000});
  Tensor seed = g.seed(0xdeadbeef, 0x12345678);
  Sequence prog;
  Tensor u = poprand::uniform(g.graph, &seed, 77, ref, FLOAT, -1.0, 1.0, prog);
  Tensor n = poprand::normal(g.graph, &seed, 77, ref, FLOAT, 0.0, 1.0, prog);
  Run run(g, prog, {{"u", u}, {"n", n}});
  const std::vector<float> uv = run.read<float>("u");
  const std::vector<float> nv = run.read<float>("n");
  const poprand::philox::Key key{0xdeadbeef, 0x12345678};
  std::size_t uniformMatches = 0, normalMatches = 0;
  for (std::uint64_t i = 0; i < 5000; ++i) {
    uniformMatches += uv[i] == poprand::dist::uniformReal(key, 77, i, -1.0f,
                                                          2.0f, -1.0f, 1.0f);
    normalMatches += nv[i] == poprand::dist::normal(key, 77, i, 0.0f, 1.0f);
  }
  CHECK(uniformMatches == 5000);
  CHECK(normalMatches == 5000);
}
