// Normalisation (poplin/Norms.hpp, popnn batch, group and layer norm)
// against a host computation in double: statistics (biased and unbiased,
// both algorithms), whitening, the affine step, parameter updates, and the
// gradients against central finite differences of a host loss, on 2-D and
// 4-D activations in FLOAT and HALF (errors are in NormsErrorsTest.cpp).
#include "NormsTestSupport.hpp"

#include <poplin/Norms.hpp>
#include <popnn/BatchNorm.hpp>
#include <popnn/GroupNorm.hpp>
#include <popnn/LayerNorm.hpp>
#include <popnn/Norms.hpp>
#include <popops/ElementWise.hpp>
#include <popops/ScaledAdd.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;
using namespace norms_test;
using popops_test::errorOf;
using popops_test::TestGraph;

namespace {

// poplin's steps composed into a batch norm, so that every poplin function
// is checked against the host.
NormApi poplinApi() {
  NormApi api;
  api.statistics = [](Graph &g, const Tensor &acts, float eps, Sequence &prog,
                      bool unbiased, bool stable, const Type &partials) {
    return poplin::normStatistics(g, acts, eps, prog, unbiased, stable,
                                  partials);
  };
  api.whiten = [](Graph &g, const Tensor &acts, const Tensor &mean,
                  const Tensor &iStdDev, Sequence &prog) {
    return poplin::normWhiten(g, acts, mean, iStdDev, prog);
  };
  api.normalise = [](Graph &g, const Tensor &acts, const Tensor &gamma,
                     const Tensor &beta, const Tensor &mean,
                     const Tensor &iStdDev, Sequence &prog) {
    const Tensor whitened = poplin::normWhiten(g, acts, mean, iStdDev, prog);
    return std::make_pair(poplin::normalise(g, whitened, gamma, beta, prog),
                          whitened);
  };
  api.paramGradsFromActs = [](Graph &g, const Tensor &acts, const Tensor &grads,
                              const Tensor &mean, const Tensor &iStdDev,
                              Sequence &prog, const Type &partials) {
    return poplin::normParamGradients(
        g, poplin::normWhiten(g, acts, mean, iStdDev, prog), grads, prog,
        partials);
  };
  api.paramGradsFromWhitened = [](Graph &g, const Tensor &whitened,
                                  const Tensor &grads, Sequence &prog,
                                  const Type &partials) {
    return poplin::normParamGradients(g, whitened, grads, prog, partials);
  };
  api.gradsFromActs = [](Graph &g, const Tensor &acts, const Tensor &grads,
                         const Tensor &mean, const Tensor &iStdDev,
                         const Tensor &gamma, Sequence &prog,
                         const Type &partials) {
    const Tensor whitened = poplin::normWhiten(g, acts, mean, iStdDev, prog);
    return poplin::normStatisticsGradients(
        g, whitened, poplin::normGradients(g, grads, gamma, prog), iStdDev,
        prog, partials);
  };
  api.gradsFromWhitened = [](Graph &g, const Tensor &whitened,
                             const Tensor &grads, const Tensor &iStdDev,
                             const Tensor &gamma, Sequence &prog,
                             const Type &partials) {
    return poplin::normStatisticsGradients(
        g, whitened, poplin::normGradients(g, grads, gamma, prog), iStdDev,
        prog, partials);
  };
  api.update = [](Graph &g, const Tensor &gammaDelta, const Tensor &betaDelta,
                  float scale, Tensor &gamma, Tensor &beta, Sequence &prog) {
    popops::scaledAddTo(g, gamma, gammaDelta, scale, prog);
    popops::scaledAddTo(g, beta, betaDelta, scale, prog);
  };
  api.updateWithTensor = [](Graph &g, const Tensor &gammaDelta,
                            const Tensor &betaDelta, const Tensor &scale,
                            Tensor &gamma, Tensor &beta, Sequence &prog) {
    popops::scaledAddTo(g, gamma, gammaDelta, scale, prog);
    popops::scaledAddTo(g, beta, betaDelta, scale, prog);
  };
  api.createParams = [](Graph &g, const Tensor &acts) {
    return poplin::createNormParams(g, acts);
  };
  return api;
}

NormApi batchNormApi() {
  using namespace popnn::bn;
  NormApi api;
  api.statistics = [](Graph &g, const Tensor &acts, float eps, Sequence &prog,
                      bool unbiased, bool stable, const Type &partials) {
    return batchNormStatistics(g, acts, eps, prog, unbiased, stable, partials);
  };
  api.whiten = [](Graph &g, const Tensor &acts, const Tensor &mean,
                  const Tensor &iStdDev, Sequence &prog) {
    return batchNormWhiten(g, acts, mean, iStdDev, prog);
  };
  api.normalise = [](Graph &g, const Tensor &acts, const Tensor &gamma,
                     const Tensor &beta, const Tensor &mean,
                     const Tensor &iStdDev, Sequence &prog) {
    return batchNormalise(g, acts, gamma, beta, mean, iStdDev, prog);
  };
  api.paramGradsFromActs = [](Graph &g, const Tensor &acts, const Tensor &grads,
                              const Tensor &mean, const Tensor &iStdDev,
                              Sequence &prog, const Type &partials) {
    return batchNormParamGradients(g, acts, grads, mean, iStdDev, prog,
                                   partials);
  };
  api.paramGradsFromWhitened = [](Graph &g, const Tensor &whitened,
                                  const Tensor &grads, Sequence &prog,
                                  const Type &partials) {
    return batchNormParamGradients(g, whitened, grads, prog, partials);
  };
  api.gradsFromActs = [](Graph &g, const Tensor &acts, const Tensor &grads,
                         const Tensor &mean, const Tensor &iStdDev,
                         const Tensor &gamma, Sequence &prog,
                         const Type &partials) {
    return batchNormGradients(g, acts, grads, mean, iStdDev, gamma, prog,
                              partials);
  };
  api.gradsFromWhitened = [](Graph &g, const Tensor &whitened,
                             const Tensor &grads, const Tensor &iStdDev,
                             const Tensor &gamma, Sequence &prog,
                             const Type &partials) {
    return batchNormGradients(g, whitened, grads, iStdDev, gamma, prog,
                              partials);
  };
  api.update = [](Graph &g, const Tensor &gammaDelta, const Tensor &betaDelta,
                  float scale, Tensor &gamma, Tensor &beta, Sequence &prog) {
    batchNormParamUpdate(g, gammaDelta, betaDelta, scale, gamma, beta, prog);
  };
  api.updateWithTensor = [](Graph &g, const Tensor &gammaDelta,
                            const Tensor &betaDelta, const Tensor &scale,
                            Tensor &gamma, Tensor &beta, Sequence &prog) {
    batchNormParamUpdate(g, gammaDelta, betaDelta, scale, gamma, beta, prog);
  };
  api.createParams = [](Graph &g, const Tensor &acts) {
    return createBatchNormParams(g, acts);
  };
  return api;
}

NormApi groupNormApi(unsigned groups, bool strided) {
  using namespace popnn::gn;
  const OptionFlags options{
      {"groupNormStridedChannelGrouping", strided ? "true" : "false"}};
  NormApi api;
  api.statistics = [=](Graph &g, const Tensor &acts, float eps, Sequence &prog,
                       bool unbiased, bool stable, const Type &partials) {
    return groupNormStatistics(g, acts, eps, prog, groups, unbiased, stable,
                               partials, {}, options);
  };
  api.whiten = [=](Graph &g, const Tensor &acts, const Tensor &mean,
                   const Tensor &iStdDev, Sequence &prog) {
    return groupNormWhiten(g, acts, mean, iStdDev, prog, {}, options);
  };
  api.normalise = [=](Graph &g, const Tensor &acts, const Tensor &gamma,
                      const Tensor &beta, const Tensor &mean,
                      const Tensor &iStdDev, Sequence &prog) {
    return groupNormalise(g, acts, gamma, beta, mean, iStdDev, prog, {},
                          options);
  };
  api.paramGradsFromActs =
      [=](Graph &g, const Tensor &acts, const Tensor &grads, const Tensor &mean,
          const Tensor &iStdDev, Sequence &prog, const Type &partials) {
        return groupNormParamGradients(g, acts, grads, mean, iStdDev, prog,
                                       partials, {}, options);
      };
  api.paramGradsFromWhitened = [=](Graph &g, const Tensor &whitened,
                                   const Tensor &grads, Sequence &prog,
                                   const Type &partials) {
    return groupNormParamGradients(g, whitened, grads, prog, partials, {},
                                   options);
  };
  api.gradsFromActs = [=](Graph &g, const Tensor &acts, const Tensor &grads,
                          const Tensor &mean, const Tensor &iStdDev,
                          const Tensor &gamma, Sequence &prog,
                          const Type &partials) {
    return groupNormGradients(g, acts, grads, mean, iStdDev, gamma, prog,
                              partials, {}, options);
  };
  api.gradsFromWhitened = [=](Graph &g, const Tensor &whitened,
                              const Tensor &grads, const Tensor &iStdDev,
                              const Tensor &gamma, Sequence &prog,
                              const Type &partials) {
    return groupNormGradients(g, whitened, grads, iStdDev, gamma, prog,
                              partials, {}, options);
  };
  api.update = [=](Graph &g, const Tensor &gammaDelta, const Tensor &betaDelta,
                   float scale, Tensor &gamma, Tensor &beta, Sequence &prog) {
    groupNormParamUpdate(g, gammaDelta, betaDelta, scale, gamma, beta, prog, {},
                         options);
  };
  api.updateWithTensor = [=](Graph &g, const Tensor &gammaDelta,
                             const Tensor &betaDelta, const Tensor &scale,
                             Tensor &gamma, Tensor &beta, Sequence &prog) {
    groupNormParamUpdate(g, gammaDelta, betaDelta, scale, gamma, beta, prog, {},
                         options);
  };
  api.createParams = [](Graph &g, const Tensor &acts) {
    return createGroupNormParams(g, acts);
  };
  return api;
}

NormApi layerNormApi() {
  using namespace popnn::ln;
  NormApi api;
  api.statistics = [](Graph &g, const Tensor &acts, float eps, Sequence &prog,
                      bool unbiased, bool stable, const Type &partials) {
    return layerNormStatistics(g, acts, eps, prog, unbiased, stable, partials);
  };
  api.whiten = [](Graph &g, const Tensor &acts, const Tensor &mean,
                  const Tensor &iStdDev, Sequence &prog) {
    return layerNormWhiten(g, acts, mean, iStdDev, prog);
  };
  api.normalise = [](Graph &g, const Tensor &acts, const Tensor &gamma,
                     const Tensor &beta, const Tensor &mean,
                     const Tensor &iStdDev, Sequence &prog) {
    return layerNormalise(g, acts, gamma, beta, mean, iStdDev, prog);
  };
  api.paramGradsFromActs = [](Graph &g, const Tensor &acts, const Tensor &grads,
                              const Tensor &mean, const Tensor &iStdDev,
                              Sequence &prog, const Type &partials) {
    return layerNormParamGradients(g, acts, grads, mean, iStdDev, prog,
                                   partials);
  };
  api.paramGradsFromWhitened = [](Graph &g, const Tensor &whitened,
                                  const Tensor &grads, Sequence &prog,
                                  const Type &partials) {
    return layerNormParamGradients(g, whitened, grads, prog, partials);
  };
  api.gradsFromActs = [](Graph &g, const Tensor &acts, const Tensor &grads,
                         const Tensor &mean, const Tensor &iStdDev,
                         const Tensor &gamma, Sequence &prog,
                         const Type &partials) {
    return layerNormGradients(g, acts, grads, mean, iStdDev, gamma, prog,
                              partials);
  };
  api.gradsFromWhitened = [](Graph &g, const Tensor &whitened,
                             const Tensor &grads, const Tensor &iStdDev,
                             const Tensor &gamma, Sequence &prog,
                             const Type &partials) {
    return layerNormGradients(g, whitened, grads, iStdDev, gamma, prog,
                              partials);
  };
  api.update = [](Graph &g, const Tensor &gammaDelta, const Tensor &betaDelta,
                  float scale, Tensor &gamma, Tensor &beta, Sequence &prog) {
    layerNormParamUpdate(g, gammaDelta, betaDelta, scale, gamma, beta, prog);
  };
  api.updateWithTensor = [](Graph &g, const Tensor &gammaDelta,
                            const Tensor &betaDelta, const Tensor &scale,
                            Tensor &gamma, Tensor &beta, Sequence &prog) {
    layerNormParamUpdate(g, gammaDelta, betaDelta, scale, gamma, beta, prog);
  };
  api.createParams = [](Graph &g, const Tensor &acts) {
    return createLayerNormParams(g, acts);
  };
  return api;
}

// The batch repeated `times` along dimension 0.
std::vector<double> repeated(const std::vector<double> &v, unsigned times) {
  std::vector<double> r;
  for (unsigned i = 0; i < times; ++i)
    r.insert(r.end(), v.begin(), v.end());
  return r;
}

void checkDistributed(bool fromWhitened) {
  const std::vector<std::size_t> shape{2, 3, 2};
  const std::vector<double> x = activations(shape, 5, FLOAT);
  const std::vector<double> dy = values(x.size(), 6, FLOAT);
  const std::vector<double> gamma0 = values(3, 7, FLOAT, 0.5, 1.0);
  TestGraph g(4);
  const Tensor acts = g.variable(FLOAT, shape, "acts");
  const Tensor grads = g.variable(FLOAT, shape, "grads");
  const Tensor gamma = g.variable(FLOAT, {3}, "gamma");
  std::vector<unsigned> groupSizes;
  poplin::DistributedNormReduceCallback twoReplicas =
      [&](Graph &graph, const std::vector<Tensor> &inputs, Sequence &prog,
          unsigned groupSize, const DebugContext &, const OptionFlags &) {
        groupSizes.push_back(groupSize);
        std::vector<Tensor> sums;
        for (const Tensor &t : inputs)
          sums.push_back(popops::mul(graph, t, 2.0f, prog));
        return sums;
      };
  Sequence prog;
  const auto [mean, iStdDev] = popnn::bn::distributedBatchNormStatistics(
      g.graph, acts, kEps, prog, true, twoReplicas, 4, /*stableAlgo=*/true);
  const auto [biasedMean, biasedISD] =
      popnn::bn::distributedBatchNormStatistics(g.graph, acts, kEps, prog,
                                                false, twoReplicas, 4);
  const Tensor dx =
      fromWhitened ? popnn::bn::distributedBatchNormGradients(
                         g.graph,
                         popnn::bn::batchNormWhiten(g.graph, acts, biasedMean,
                                                    biasedISD, prog),
                         grads, biasedISD, gamma, prog, twoReplicas, 4)
                   : popnn::bn::distributedBatchNormGradients(
                         g.graph, acts, grads, biasedMean, biasedISD, gamma,
                         prog, twoReplicas, 4);
  CHECK(groupSizes == std::vector<unsigned>(groupSizes.size(), 2));
  CHECK(groupSizes.size() == 4);
  popops_test::Runner r(g);
  r.input("acts", acts, x);
  r.input("grads", grads, dy);
  r.input("gamma", gamma, gamma0);
  r.output("mean", mean);
  r.output("iStdDev", iStdDev);
  r.output("dx", dx);
  r.run(prog);

  const std::vector<std::size_t> twice{4, 3, 2};
  const std::vector<double> zeros(3, 0.0);
  const HostNorm h = hostNorm(repeated(x, 2), gamma0, zeros, twice,
                              Grouping::batch(), kEps, true);
  requireClose(r.read("mean"), h.mean, 1e-5, 1e-6, "mean");
  requireClose(r.read("iStdDev"), h.iStdDev, 1e-5, 1e-6, "iStdDev");
  const HostGradients d =
      hostGradients(repeated(x, 2), gamma0, zeros, repeated(dy, 2), twice,
                    Grouping::batch(), kEps);
  const std::vector<double> firstReplica(d.acts.begin(),
                                         d.acts.begin() + x.size());
  requireClose(r.read("dx"), firstReplica, 1e-4, 1e-5, "dx");
}

} // namespace

TEST_CASE("poplin norms match the host", "[popnn][norms][poplin]") {
  const NormApi api = poplinApi();
  for (const Type &type : {FLOAT, HALF})
    for (const std::vector<std::size_t> &shape :
         {std::vector<std::size_t>{5, 3}, std::vector<std::size_t>{2, 3, 2, 2}})
      for (bool unbiased : {false, true})
        for (bool stable : {false, true}) {
          INFO(type.toString() << " " << shapeName(shape) << " unbiased "
                               << unbiased << " stable " << stable);
          checkAgainstHost(api, Grouping::batch(), type, shape, unbiased,
                           stable);
        }
}

TEST_CASE("batch norm matches the host", "[popnn][norms][bn]") {
  const NormApi api = batchNormApi();
  for (const Type &type : {FLOAT, HALF})
    for (const std::vector<std::size_t> &shape :
         {std::vector<std::size_t>{4, 3}, std::vector<std::size_t>{2, 3, 2, 2}})
      for (bool unbiased : {false, true}) {
        INFO(type.toString()
             << " " << shapeName(shape) << " unbiased " << unbiased);
        checkAgainstHost(api, Grouping::batch(), type, shape, unbiased,
                         /*stable=*/unbiased);
      }
}

TEST_CASE("group norm matches the host", "[popnn][norms][gn]") {
  for (bool strided : {true, false}) {
    const NormApi api = groupNormApi(2, strided);
    for (const Type &type : {FLOAT, HALF})
      for (const std::vector<std::size_t> &shape :
           {std::vector<std::size_t>{3, 8}, std::vector<std::size_t>{2, 4, 3},
            std::vector<std::size_t>{2, 6, 2, 2}})
        for (bool unbiased : {false, true}) {
          INFO(type.toString() << " " << shapeName(shape) << " strided "
                               << strided << " unbiased " << unbiased);
          checkAgainstHost(api, Grouping::group(2, strided), type, shape,
                           unbiased, /*stable=*/!unbiased);
        }
  }
  // One channel per group: instance norm.
  checkAgainstHost(groupNormApi(3, true), Grouping::group(3, true), FLOAT,
                   {2, 3, 2, 2}, false, false);
}

TEST_CASE("layer norm matches the host", "[popnn][norms][ln]") {
  const NormApi api = layerNormApi();
  for (const Type &type : {FLOAT, HALF})
    for (const std::vector<std::size_t> &shape :
         {std::vector<std::size_t>{3, 5}, std::vector<std::size_t>{2, 3, 2, 2}})
      for (bool unbiased : {false, true}) {
        INFO(type.toString()
             << " " << shapeName(shape) << " unbiased " << unbiased);
        checkAgainstHost(api, Grouping::layer(), type, shape, unbiased,
                         /*stable=*/unbiased);
      }
}

TEST_CASE("poplin norms keep sums in float for half data",
          "[popnn][norms][poplin]") {
  // HALF partials are ignored for FLOAT data, as Poplar documents; HALF
  // partials with HALF data still give results within half precision.
  checkAgainstHost(poplinApi(), Grouping::batch(), FLOAT, {3, 2, 3},
                   /*unbiased=*/false, /*stable=*/false, HALF);
  checkAgainstHost(poplinApi(), Grouping::batch(), HALF, {3, 2, 3},
                   /*unbiased=*/false, /*stable=*/true, HALF);
}

TEST_CASE("poplin norm parameters have the channels' size and the asked type",
          "[popnn][norms][poplin]") {
  TestGraph g(2);
  const Tensor acts = g.variable(HALF, {2, 5, 3});
  CHECK(poplin::createNormGamma(g.graph, acts).shape() ==
        std::vector<std::size_t>{5});
  CHECK(poplin::createNormGamma(g.graph, acts).elementType() == HALF);
  CHECK(poplin::createNormBeta(g.graph, acts, FLOAT).elementType() == FLOAT);
  CHECK(poplin::createNormGamma(g.graph, acts, FLOAT).elementType() == FLOAT);
  const auto [gamma, beta] = poplin::createNormParams(g.graph, acts);
  CHECK(beta.shape() == std::vector<std::size_t>{5});
  CHECK(popnn::bn::createBatchNormGamma(g.graph, acts).shape() ==
        std::vector<std::size_t>{5});
  CHECK(popnn::bn::createBatchNormBeta(g.graph, acts).elementType() == HALF);
  CHECK(g.graph.getTileMapping(gamma).size() == 2);
}

TEST_CASE("distributed batch norm adds the replicas' sums through the callback",
          "[popnn][norms][bn]") {
  // A callback that doubles its inputs stands for two replicas holding the
  // same data: the statistics and gradients must then equal the host's on
  // the batch repeated twice.
  checkDistributed(/*fromWhitened=*/false);
  checkDistributed(/*fromWhitened=*/true);
}

TEST_CASE("norm flop counts add up their steps", "[popnn][norms]") {
  // 12 statistics over 96 elements: sums, whitening and the affine step at
  // 2 flops an element each, 5 a statistic for mean and variance.
  CHECK(popnn::getNormFwdFlops(12, 96) == 6 * 96 + 5 * 12);
  CHECK(popnn::getNormFwdFlops(12, 96, false) == 2 * 96);
  CHECK(popnn::getNormBwdFlops(12, 96) == 8 * 96 + 2 * 12);
  CHECK(popnn::getNormWuFlops(3, 96) == 3 * 96 + 4 * 3);
  CHECK(popnn::getNormFwdFlops(1, std::size_t(1) << 40) ==
        (std::uint64_t(6) << 40) + 5);
  TestGraph g(2);
  const Tensor acts = g.variable(FLOAT, {2, 7}, "acts");
  CHECK(popnn::createNormParams(g.graph, acts).second.shape() ==
        std::vector<std::size_t>{7});
  CHECK(popnn::createNormGamma(g.graph, acts).elementType() == FLOAT);
  CHECK(popnn::createNormBeta(g.graph, acts).shape() ==
        std::vector<std::size_t>{7});
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popnn::createNormGamma(g.graph, g.variable(FLOAT, {7}));
             }),
             Catch::Contains("popnn::createNormGamma") &&
                 Catch::Contains("{7}"));
}
