// popnn group norm: poplin's per-channel norm steps on a view of the
// activations whose "channels" are the (batch element, group) pairs,
// [C / G][N * G][..F..], so that no data is copied to regroup it.
#include <popnn/GroupNorm.hpp>

#include "NormCommon.hpp"

#include <poplin/Norms.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;

namespace popnn {
namespace gn {

namespace {

void checkGroups(const Tensor &acts, std::size_t numGroups,
                 const std::string &name) {
  if (numGroups == 0 || acts.dim(1) % numGroups != 0)
    throw poputil::poplibs_error(
        name + ": the number of groups " + std::to_string(numGroups) +
        " must divide the " + std::to_string(acts.dim(1)) +
        " channels (dimension 1) of the activations " + acts.shapeToString());
}

// The number of groups the {N * G} statistics stand for.
std::size_t groupsOf(const Tensor &acts, const Tensor &statistic,
                     const std::string &what, const std::string &name) {
  const std::size_t batch = acts.dim(0);
  if (statistic.rank() != 1 || statistic.dim(0) == 0 ||
      statistic.dim(0) % batch != 0)
    throw poputil::poplibs_error(
        name + ": " + what + " must have shape {N * numGroups} with N = " +
        std::to_string(batch) + " (the batch size of " + acts.shapeToString() +
        "), but its shape is " + statistic.shapeToString());
  const std::size_t groups = statistic.dim(0) / batch;
  checkGroups(acts, groups, name);
  return groups;
}

// [N][C][..F..] viewed as [C / G][N * G][..F..]; element [k][n * G + g]
// is channel k * G + g when strided, g * C / G + k otherwise.
Tensor groupedView(const Tensor &acts, std::size_t groups, bool strided) {
  const std::size_t batch = acts.dim(0), perGroup = acts.dim(1) / groups;
  const Tensor split =
      strided ? acts.reshapePartial(1, 2, {perGroup, groups}).dimRoll(2, 1)
              : acts.reshapePartial(1, 2, {groups, perGroup});
  return split.reshapePartial(0, 2, {batch * groups}).dimRoll(1, 0);
}

Tensor ungroupedView(const Tensor &grouped, std::size_t batch,
                     std::size_t groups, bool strided) {
  const std::size_t perGroup = grouped.dim(0);
  const Tensor split =
      grouped.dimRoll(0, 1).reshapePartial(0, 1, {batch, groups});
  return (strided ? split.dimRoll(1, 2) : split)
      .reshapePartial(1, 3, {perGroup * groups});
}

struct Checked {
  std::string name;
  bool strided;
};

Checked begin(const DebugContext &debugContext, const std::string &operation,
              const OptionFlags &options) {
  const std::string name = normOperationName(debugContext, operation);
  return {name, stridedChannelGrouping(options, name)};
}

const char *const kPerChannel = "one element per channel, dimension 1 of the "
                                "activations";

Tensor whiten(Graph &graph, const Tensor &acts, const Tensor &mean,
              const Tensor &invStdDev, Sequence &prog, bool strided,
              const DebugContext &debugContext, const std::string &name) {
  const std::size_t groups = groupsOf(acts, mean, "the mean", name);
  if (invStdDev.shape() != mean.shape())
    throw poputil::poplibs_error(
        name + ": the inverse standard deviation has shape " +
        invStdDev.shapeToString() + " but the mean has shape " +
        mean.shapeToString() + "; they must be the same");
  const Tensor whitened =
      poplin::normWhiten(graph, groupedView(acts, groups, strided), mean,
                         invStdDev, prog, debugContext);
  return ungroupedView(whitened, acts.dim(0), groups, strided);
}

Tensor gradients(Graph &graph, const Tensor &actsWhitened,
                 const Tensor &gradsIn, const Tensor &invStdDev,
                 const Tensor &gamma, Sequence &prog, const Type &partialsType,
                 bool strided, const DebugContext &debugContext,
                 const std::string &name) {
  const std::size_t groups =
      groupsOf(actsWhitened, invStdDev, "the inverse standard deviation", name);
  checkNormVector(gamma, gradsIn.dim(1), "gamma", kPerChannel, name);
  const Tensor gradsWhitened =
      poplin::normGradients(graph, gradsIn, gamma, prog, debugContext);
  const Tensor grads = poplin::normStatisticsGradients(
      graph, groupedView(actsWhitened, groups, strided),
      groupedView(gradsWhitened, groups, strided), invStdDev, prog,
      partialsType, debugContext);
  return ungroupedView(grads, gradsIn.dim(0), groups, strided);
}

} // namespace

Tensor createGroupNormGamma(Graph &graph, const Tensor &acts,
                            const DebugContext &debugContext) {
  checkNormActs(
      acts, "the activations",
      normOperationName(debugContext, "popnn::gn::createGroupNormGamma"));
  return poplin::createNormGamma(graph, acts, debugContext);
}

Tensor createGroupNormBeta(Graph &graph, const Tensor &acts,
                           const DebugContext &debugContext) {
  checkNormActs(
      acts, "the activations",
      normOperationName(debugContext, "popnn::gn::createGroupNormBeta"));
  return poplin::createNormBeta(graph, acts, debugContext);
}

std::pair<Tensor, Tensor>
createGroupNormParams(Graph &graph, const Tensor &acts,
                      const DebugContext &debugContext) {
  checkNormActs(
      acts, "the activations",
      normOperationName(debugContext, "popnn::gn::createGroupNormParams"));
  return poplin::createNormParams(graph, acts, debugContext);
}

std::pair<Tensor, Tensor>
groupNormStatistics(Graph &graph, const Tensor acts, float eps, Sequence &prog,
                    unsigned numGroups, bool unbiasedVarEstimate,
                    bool stableAlgo, const Type &partialsType,
                    const DebugContext &debugContext,
                    const OptionFlags &options) {
  const Checked c =
      begin(debugContext, "popnn::gn::groupNormStatistics", options);
  checkNormActs(acts, "the activations", c.name);
  checkGroups(acts, numGroups, c.name);
  return poplin::normStatistics(graph, groupedView(acts, numGroups, c.strided),
                                eps, prog, unbiasedVarEstimate, stableAlgo,
                                partialsType, debugContext);
}

Tensor groupNormWhiten(Graph &graph, const Tensor &acts, const Tensor &mean,
                       const Tensor &invStdDev, Sequence &prog,
                       const DebugContext &debugContext,
                       const OptionFlags &options) {
  const Checked c = begin(debugContext, "popnn::gn::groupNormWhiten", options);
  checkNormActs(acts, "the activations", c.name);
  return whiten(graph, acts, mean, invStdDev, prog, c.strided, debugContext,
                c.name);
}

std::pair<Tensor, Tensor>
groupNormalise(Graph &graph, const Tensor &acts, const Tensor &gamma,
               const Tensor &beta, const Tensor &mean, const Tensor &invStdDev,
               Sequence &prog, const DebugContext &debugContext,
               const OptionFlags &options) {
  const Checked c = begin(debugContext, "popnn::gn::groupNormalise", options);
  checkNormActs(acts, "the activations", c.name);
  checkNormVector(gamma, acts.dim(1), "gamma", kPerChannel, c.name);
  checkNormVector(beta, acts.dim(1), "beta", kPerChannel, c.name);
  const Tensor whitened = whiten(graph, acts, mean, invStdDev, prog, c.strided,
                                 debugContext, c.name);
  return {poplin::normalise(graph, whitened, gamma, beta, prog, debugContext),
          whitened};
}

std::pair<Tensor, Tensor> groupNormParamGradients(
    Graph &graph, const Tensor &acts, const Tensor &gradsIn, const Tensor &mean,
    const Tensor &iStdDev, Sequence &prog, const Type &partialsType,
    const DebugContext &debugContext, const OptionFlags &options) {
  const Checked c =
      begin(debugContext, "popnn::gn::groupNormParamGradients", options);
  checkNormActsAndGradients(acts, "the activations", gradsIn, c.name);
  const Tensor whitened =
      whiten(graph, acts, mean, iStdDev, prog, c.strided, debugContext, c.name);
  return poplin::normParamGradients(graph, whitened, gradsIn, prog,
                                    partialsType, debugContext);
}

std::pair<Tensor, Tensor> groupNormParamGradients(
    Graph &graph, const Tensor &actsWhitened, const Tensor &gradsIn,
    Sequence &prog, const Type &partialsType, const DebugContext &debugContext,
    const OptionFlags &options) {
  const Checked c =
      begin(debugContext, "popnn::gn::groupNormParamGradients", options);
  checkNormActsAndGradients(actsWhitened, "the whitened activations", gradsIn,
                            c.name);
  return poplin::normParamGradients(graph, actsWhitened, gradsIn, prog,
                                    partialsType, debugContext);
}

Tensor groupNormGradients(Graph &graph, const Tensor &acts,
                          const Tensor &gradsIn, const Tensor &mean,
                          const Tensor &invStdDev, const Tensor &gamma,
                          Sequence &prog, const Type &partialsType,
                          const DebugContext &debugContext,
                          const OptionFlags &options) {
  const Checked c =
      begin(debugContext, "popnn::gn::groupNormGradients", options);
  checkNormActsAndGradients(acts, "the activations", gradsIn, c.name);
  const Tensor whitened = whiten(graph, acts, mean, invStdDev, prog, c.strided,
                                 debugContext, c.name);
  return gradients(graph, whitened, gradsIn, invStdDev, gamma, prog,
                   partialsType, c.strided, debugContext, c.name);
}

Tensor groupNormGradients(Graph &graph, const Tensor &actsWhitened,
                          const Tensor &gradsIn, const Tensor &invStdDev,
                          const Tensor &gamma, Sequence &prog,
                          const Type &partialsType,
                          const DebugContext &debugContext,
                          const OptionFlags &options) {
  const Checked c =
      begin(debugContext, "popnn::gn::groupNormGradients", options);
  checkNormActsAndGradients(actsWhitened, "the whitened activations", gradsIn,
                            c.name);
  return gradients(graph, actsWhitened, gradsIn, invStdDev, gamma, prog,
                   partialsType, c.strided, debugContext, c.name);
}

void groupNormParamUpdate(Graph &graph, const Tensor &gammaDelta,
                          const Tensor &betaDelta, float scale, Tensor &gamma,
                          Tensor &beta, Sequence &prog,
                          const DebugContext &debugContext,
                          const OptionFlags &options) {
  const Checked c =
      begin(debugContext, "popnn::gn::groupNormParamUpdate", options);
  updateNormParams(graph, gammaDelta, betaDelta, scale, gamma, beta, prog,
                   debugContext, c.name);
}

void groupNormParamUpdate(Graph &graph, const Tensor &gammaDelta,
                          const Tensor &betaDelta, const Tensor &scale,
                          Tensor &gamma, Tensor &beta, Sequence &prog,
                          const DebugContext &debugContext,
                          const OptionFlags &options) {
  const Checked c =
      begin(debugContext, "popnn::gn::groupNormParamUpdate", options);
  updateNormParams(graph, gammaDelta, betaDelta, scale, gamma, beta, prog,
                   debugContext, c.name);
}

} // namespace gn
} // namespace popnn
