// Every error path of the norms: poplin/Norms.hpp and popnn batch, group
// and layer norm reject bad shapes, types, group counts, callbacks and
// options with typed errors that name the function and the tensor's shape.
#include "../popops/PopopsHarness.hpp"

#include <poplin/Norms.hpp>
#include <popnn/BatchNorm.hpp>
#include <popnn/GroupNorm.hpp>
#include <popnn/LayerNorm.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;
using popops_test::errorOf;
using popops_test::TestGraph;

TEST_CASE("poplin norms reject bad arguments", "[popnn][norms][poplin]") {
  TestGraph g(2);
  Graph &graph = g.graph;
  Sequence prog;
  const Tensor acts = g.variable(FLOAT, {2, 3, 4}, "acts");
  const Tensor vector3 = g.variable(FLOAT, {3}, "v3");
  const Tensor vector2 = g.variable(FLOAT, {2}, "v2");
  using poputil::poplibs_error;

  std::string e = errorOf<poplibs_error>([&] {
    poplin::normStatistics(graph, g.variable(FLOAT, {6}), 1e-5f, prog, false);
  });
  CHECK_THAT(e, Catch::Contains("poplin::normStatistics") &&
                    Catch::Contains("rank 2 or more") &&
                    Catch::Contains("{6}"));
  e = errorOf<poplibs_error>([&] {
    poplin::normStatistics(graph, g.variable(INT, {2, 3}), 1e-5f, prog, false);
  });
  CHECK_THAT(e, Catch::Contains("FLOAT or HALF, not int"));
  e = errorOf<poplibs_error>([&] {
    poplin::normStatistics(graph, acts, 1e-5f, prog, false, false, INT);
  });
  CHECK_THAT(e, Catch::Contains("partials type"));
  e = errorOf<poplibs_error>([&] {
    poplin::normStatistics(graph, g.variable(FLOAT, {1, 2}), 1e-5f, prog, true);
  });
  CHECK_THAT(e, Catch::Contains("unbiased") && Catch::Contains("{1,2}"));
  e = errorOf<poplibs_error>([&] {
    poplin::normWhiten(graph, acts, vector2, vector3, prog, {"layer1"});
  });
  CHECK_THAT(e, Catch::Contains("poplin::normWhiten (layer1)") &&
                    Catch::Contains("the mean must have shape {3}") &&
                    Catch::Contains("{2}"));
  e = errorOf<poplibs_error>(
      [&] { poplin::normWhiten(graph, acts, vector3, vector2, prog); });
  CHECK_THAT(e, Catch::Contains("inverse standard deviation"));
  e = errorOf<poplibs_error>(
      [&] { poplin::normalise(graph, acts, vector2, vector3, prog); });
  CHECK_THAT(e, Catch::Contains("poplin::normalise") &&
                    Catch::Contains("gamma must have shape {3}"));
  e = errorOf<poplibs_error>(
      [&] { poplin::normalise(graph, acts, vector3, vector2, prog); });
  CHECK_THAT(e, Catch::Contains("beta must have shape {3}"));
  e = errorOf<poplibs_error>([&] {
    poplin::normParamGradients(graph, acts, g.variable(FLOAT, {2, 3, 5}), prog);
  });
  CHECK_THAT(e, Catch::Contains("poplin::normParamGradients") &&
                    Catch::Contains("{2,3,5}") && Catch::Contains("{2,3,4}"));
  e = errorOf<poplibs_error>(
      [&] { poplin::normGradients(graph, acts, vector2, prog); });
  CHECK_THAT(e, Catch::Contains("poplin::normGradients") &&
                    Catch::Contains("gamma"));
  e = errorOf<poplibs_error>([&] {
    poplin::normStatisticsGradients(graph, acts, acts, vector2, prog);
  });
  CHECK_THAT(e, Catch::Contains("poplin::normStatisticsGradients") &&
                    Catch::Contains("inverse standard deviation"));
  e = errorOf<poplibs_error>(
      [&] { poplin::createNormGamma(graph, g.variable(FLOAT, {3})); });
  CHECK_THAT(e, Catch::Contains("poplin::createNormGamma") &&
                    Catch::Contains("{3}"));
  e = errorOf<poplibs_error>([&] { poplin::createNormBeta(graph, acts, INT); });
  CHECK_THAT(e, Catch::Contains("poplin::createNormBeta") &&
                    Catch::Contains("beta type"));

  poplin::DistributedNormReduceCallback same =
      [](Graph &, const std::vector<Tensor> &inputs, Sequence &, unsigned,
         const DebugContext &, const OptionFlags &) { return inputs; };
  e = errorOf<poplibs_error>([&] {
    poplin::distributedNormStatistics(graph, acts, 1e-5f, prog, false, same, 3);
  });
  CHECK_THAT(e, Catch::Contains("poplin::distributedNormStatistics") &&
                    Catch::Contains("normSize 3") &&
                    Catch::Contains("batch size 2"));
  e = errorOf<poplibs_error>([&] {
    poplin::distributedNormStatistics(graph, acts, 1e-5f, prog, false, {}, 2);
  });
  CHECK_THAT(e, Catch::Contains("callback is empty"));
  poplin::DistributedNormReduceCallback dropsOne =
      [](Graph &, const std::vector<Tensor> &inputs, Sequence &, unsigned,
         const DebugContext &, const OptionFlags &) {
        return std::vector<Tensor>(inputs.begin(), inputs.end() - 1);
      };
  e = errorOf<poplibs_error>([&] {
    poplin::distributedNormStatisticsGradients(graph, acts, acts, vector3, prog,
                                               dropsOne, 4);
  });
  CHECK_THAT(e, Catch::Contains("returned 1 tensors for 2 inputs"));
}

TEST_CASE("batch norm rejects bad arguments and any option",
          "[popnn][norms][bn]") {
  using namespace popnn::bn;
  using poputil::poplibs_error;
  TestGraph g(2);
  Graph &graph = g.graph;
  Sequence prog;
  const Tensor acts = g.variable(FLOAT, {2, 3, 4}, "acts");
  const Tensor grads = g.variable(FLOAT, {2, 3, 4}, "grads");
  const Tensor v3 = g.variable(FLOAT, {3}, "v3");
  const Tensor v4 = g.variable(FLOAT, {4}, "v4");
  Tensor gamma = g.variable(FLOAT, {3}, "gamma");
  Tensor beta = g.variable(FLOAT, {3}, "beta");

  std::string e = errorOf<poplibs_error>([&] {
    batchNormStatistics(graph, g.variable(FLOAT, {5}), 1e-5f, prog, false);
  });
  CHECK_THAT(e, Catch::Contains("popnn::bn::batchNormStatistics") &&
                    Catch::Contains("{5}"));
  e = errorOf<poplar::invalid_option>([&] {
    batchNormStatistics(graph, acts, 1e-5f, prog, false, false, FLOAT, {},
                        {{"groupNormStridedChannelGrouping", "true"}});
  });
  CHECK_THAT(e, Catch::Contains("groupNormStridedChannelGrouping") &&
                    Catch::Contains("no options"));
  e = errorOf<poplibs_error>(
      [&] { batchNormalise(graph, acts, v4, v3, v3, v3, prog, {"bn1"}); });
  CHECK_THAT(e, Catch::Contains("popnn::bn::batchNormalise (bn1)") &&
                    Catch::Contains("gamma must have shape {3}") &&
                    Catch::Contains("{4}"));
  e = errorOf<poplibs_error>(
      [&] { batchNormalise(graph, acts, v3, v4, v3, v3, prog); });
  CHECK_THAT(e, Catch::Contains("beta must have shape {3}"));
  e = errorOf<poplibs_error>(
      [&] { batchNormalise(graph, acts, v4, v3, prog); });
  CHECK_THAT(e, Catch::Contains("combined multiplicand"));
  e = errorOf<poplibs_error>(
      [&] { batchNormWhiten(graph, acts, v4, v3, prog); });
  CHECK_THAT(e, Catch::Contains("popnn::bn::batchNormWhiten") &&
                    Catch::Contains("the mean"));
  e = errorOf<poplibs_error>([&] {
    batchNormGradients(graph, acts, g.variable(FLOAT, {2, 3}), v3, v3, gamma,
                       prog);
  });
  CHECK_THAT(e, Catch::Contains("popnn::bn::batchNormGradients") &&
                    Catch::Contains("{2,3}") && Catch::Contains("{2,3,4}"));
  e = errorOf<poplibs_error>(
      [&] { batchNormGradients(graph, acts, grads, v3, v4, prog); });
  CHECK_THAT(e, Catch::Contains("gamma must have shape {3}"));
  e = errorOf<poplibs_error>(
      [&] { batchNormParamGradients(graph, acts, grads, v3, v4, prog); });
  CHECK_THAT(e, Catch::Contains("popnn::bn::batchNormParamGradients") &&
                    Catch::Contains("inverse standard deviation"));
  e = errorOf<poplibs_error>(
      [&] { batchNormParamUpdate(graph, v4, v3, 0.5f, gamma, beta, prog); });
  CHECK_THAT(e, Catch::Contains("popnn::bn::batchNormParamUpdate") &&
                    Catch::Contains("gammaDelta must have shape {3}"));
  e = errorOf<poplibs_error>(
      [&] { batchNormParamUpdate(graph, v3, v3, v3, gamma, beta, prog); });
  CHECK_THAT(e, Catch::Contains("scale must be one FLOAT or HALF element"));
  e = errorOf<poplibs_error>([&] {
    distributedBatchNormStatistics(
        graph, acts, 1e-5f, prog, false,
        [](Graph &, const std::vector<Tensor> &in, Sequence &, unsigned,
           const DebugContext &, const OptionFlags &) { return in; },
        5);
  });
  CHECK_THAT(e, Catch::Contains("normSize 5"));
}

TEST_CASE("group norm rejects bad groups, shapes and options",
          "[popnn][norms][gn]") {
  using namespace popnn::gn;
  using poputil::poplibs_error;
  TestGraph g(2);
  Graph &graph = g.graph;
  Sequence prog;
  const Tensor acts = g.variable(FLOAT, {2, 6, 2}, "acts");
  const Tensor grads = g.variable(FLOAT, {2, 6, 2}, "grads");
  const Tensor stats = g.variable(FLOAT, {4}, "stats");
  const Tensor v6 = g.variable(FLOAT, {6}, "v6");
  const Tensor v5 = g.variable(FLOAT, {5}, "v5");
  Tensor gamma = g.variable(FLOAT, {6}, "gamma");
  Tensor beta = g.variable(FLOAT, {6}, "beta");

  std::string e = errorOf<poplibs_error>(
      [&] { groupNormStatistics(graph, acts, 1e-5f, prog, 4, false); });
  CHECK_THAT(e, Catch::Contains("popnn::gn::groupNormStatistics") &&
                    Catch::Contains("number of groups 4 must divide the 6") &&
                    Catch::Contains("{2,6,2}"));
  e = errorOf<poplibs_error>(
      [&] { groupNormStatistics(graph, acts, 1e-5f, prog, 0, false); });
  CHECK_THAT(e, Catch::Contains("number of groups 0"));
  e = errorOf<poplibs_error>([&] {
    groupNormStatistics(graph, g.variable(FLOAT, {6}), 1e-5f, prog, 2, false);
  });
  CHECK_THAT(e, Catch::Contains("rank 2 or more") && Catch::Contains("{6}"));
  e = errorOf<poplar::invalid_option>([&] {
    groupNormStatistics(graph, acts, 1e-5f, prog, 2, false, false, FLOAT, {},
                        {{"groupNormStridedChannelGrouping", "yes"}});
  });
  CHECK_THAT(e, Catch::Contains("must be true or false, not 'yes'"));
  e = errorOf<poplar::invalid_option>([&] {
    groupNormWhiten(graph, acts, stats, stats, prog, {},
                    {{"stridedGroups", "true"}});
  });
  CHECK_THAT(e, Catch::Contains("popnn::gn::groupNormWhiten") &&
                    Catch::Contains("unknown option 'stridedGroups'"));
  e = errorOf<poplibs_error>([&] {
    groupNormWhiten(graph, acts, g.variable(FLOAT, {5}), stats, prog);
  });
  CHECK_THAT(e, Catch::Contains("the mean must have shape {N * numGroups}") &&
                    Catch::Contains("{5}"));
  e = errorOf<poplibs_error>([&] {
    groupNormWhiten(graph, acts, g.variable(FLOAT, {8}), g.variable(FLOAT, {8}),
                    prog);
  });
  CHECK_THAT(e, Catch::Contains("number of groups 4 must divide"));
  e = errorOf<poplibs_error>([&] {
    groupNormWhiten(graph, acts, stats, g.variable(FLOAT, {6}), prog);
  });
  CHECK_THAT(e, Catch::Contains("inverse standard deviation has shape {6}"));
  e = errorOf<poplibs_error>([&] {
    groupNormalise(graph, acts, v5, v6, stats, stats, prog, {"gn1"});
  });
  CHECK_THAT(e, Catch::Contains("popnn::gn::groupNormalise (gn1)") &&
                    Catch::Contains("gamma must have shape {6}"));
  e = errorOf<poplibs_error>(
      [&] { groupNormGradients(graph, acts, grads, stats, stats, v5, prog); });
  CHECK_THAT(e, Catch::Contains("popnn::gn::groupNormGradients") &&
                    Catch::Contains("gamma"));
  e = errorOf<poplibs_error>([&] {
    groupNormParamGradients(graph, acts, g.variable(FLOAT, {2, 6}), prog);
  });
  CHECK_THAT(e, Catch::Contains("popnn::gn::groupNormParamGradients") &&
                    Catch::Contains("{2,6}"));
  e = errorOf<poplibs_error>(
      [&] { groupNormParamUpdate(graph, v6, v5, 1.0f, gamma, beta, prog); });
  CHECK_THAT(e, Catch::Contains("popnn::gn::groupNormParamUpdate") &&
                    Catch::Contains("betaDelta must have shape {6}"));
}

TEST_CASE("layer norm rejects bad shapes and options", "[popnn][norms][ln]") {
  using namespace popnn::ln;
  using poputil::poplibs_error;
  TestGraph g(2);
  Graph &graph = g.graph;
  Sequence prog;
  const Tensor acts = g.variable(FLOAT, {2, 3, 4}, "acts");
  const Tensor grads = g.variable(FLOAT, {2, 3, 4}, "grads");
  const Tensor v2 = g.variable(FLOAT, {2}, "v2");
  const Tensor v3 = g.variable(FLOAT, {3}, "v3");
  Tensor gamma = g.variable(FLOAT, {3}, "gamma");
  Tensor beta = g.variable(FLOAT, {3}, "beta");

  std::string e = errorOf<poplibs_error>([&] {
    layerNormStatistics(graph, g.variable(HALF, {4}), 1e-5f, prog, false);
  });
  CHECK_THAT(e, Catch::Contains("popnn::ln::layerNormStatistics") &&
                    Catch::Contains("{4}"));
  e = errorOf<poplar::invalid_option>([&] {
    layerNormStatistics(graph, acts, 1e-5f, prog, false, false, FLOAT, {},
                        {{"numGroups", "2"}});
  });
  CHECK_THAT(e, Catch::Contains("popnn::ln::layerNormStatistics") &&
                    Catch::Contains("unknown option 'numGroups'"));
  e = errorOf<poplibs_error>(
      [&] { layerNormWhiten(graph, acts, v3, v2, prog, {"ln1"}); });
  CHECK_THAT(e, Catch::Contains("popnn::ln::layerNormWhiten (ln1)") &&
                    Catch::Contains("the mean must have shape {2}") &&
                    Catch::Contains("one element per batch element"));
  e = errorOf<poplibs_error>(
      [&] { layerNormalise(graph, acts, v2, v3, v2, v2, prog); });
  CHECK_THAT(e, Catch::Contains("gamma must have shape {3}"));
  e = errorOf<poplibs_error>(
      [&] { layerNormalise(graph, acts, v3, v2, v2, v2, prog); });
  CHECK_THAT(e, Catch::Contains("beta must have shape {3}"));
  e = errorOf<poplibs_error>(
      [&] { layerNormGradients(graph, acts, grads, v3, gamma, prog); });
  CHECK_THAT(e, Catch::Contains("popnn::ln::layerNormGradients") &&
                    Catch::Contains("inverse standard deviation must have "
                                    "shape {2}"));
  e = errorOf<poplibs_error>(
      [&] { layerNormGradients(graph, acts, grads, v2, v2, v2, prog); });
  CHECK_THAT(e, Catch::Contains("gamma"));
  e = errorOf<poplibs_error>([&] {
    layerNormParamGradients(graph, acts, g.variable(FLOAT, {2, 4, 3}), prog);
  });
  CHECK_THAT(e, Catch::Contains("popnn::ln::layerNormParamGradients") &&
                    Catch::Contains("{2,4,3}"));
  e = errorOf<poplibs_error>([&] {
    layerNormParamUpdate(graph, v3, v3, g.variable(INT, {1}), gamma, beta,
                         prog);
  });
  CHECK_THAT(e, Catch::Contains("popnn::ln::layerNormParamUpdate") &&
                    Catch::Contains("scale must be one FLOAT or HALF"));
}
