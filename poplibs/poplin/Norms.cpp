// poplin normalisation steps from popops: per-channel sums with
// popops::reduce over every dimension but 1, and one fused popops::map per
// element-wise step, with {C} vectors broadcast as {C, 1, ..., 1}.
#include <poplin/Norms.hpp>

#include <popops/Cast.hpp>
#include <popops/ElementWise.hpp>
#include <popops/Expr.hpp>
#include <popops/Reduce.hpp>
#include <poputil/TileMapping.hpp>
#include <poputil/exceptions.hpp>

#include <numeric>

using namespace poplar;
using namespace poplar::program;
namespace pe = popops::expr;

namespace poplin {

namespace {

std::string operationName(const DebugContext &debugContext,
                          const std::string &operation) {
  const std::string path = debugContext.getPathName();
  return path.empty() ? operation : operation + " (" + path + ")";
}

void checkActs(const Tensor &acts, const std::string &what,
               const std::string &name) {
  if (acts.rank() < 2 || acts.numElements() == 0)
    throw poputil::poplibs_error(
        name + ": " + what +
        " must be a non-empty tensor of rank 2 or more, [N][C][..F..], "
        "but its shape is " +
        acts.shapeToString());
  if (acts.elementType() != FLOAT && acts.elementType() != HALF)
    throw poputil::poplibs_error(name + ": " + what +
                                 " must be FLOAT or HALF, not " +
                                 acts.elementType().toString());
}

void checkSameShape(const Tensor &a, const std::string &whatA, const Tensor &b,
                    const std::string &whatB, const std::string &name) {
  if (a.shape() != b.shape())
    throw poputil::poplibs_error(
        name + ": " + whatB + " has shape " + b.shapeToString() + " but " +
        whatA + " has shape " + a.shapeToString() + "; they must be the same");
}

void checkChannelVector(const Tensor &v, std::size_t channels,
                        const std::string &what, const std::string &name) {
  if (v.rank() != 1 || v.dim(0) != channels)
    throw poputil::poplibs_error(
        name + ": " + what + " must have shape {" + std::to_string(channels) +
        "} (one element per channel, dimension 1 of the activations), but "
        "its shape is " +
        v.shapeToString());
  if (v.elementType() != FLOAT && v.elementType() != HALF)
    throw poputil::poplibs_error(name + ": " + what +
                                 " must be FLOAT or HALF, not " +
                                 v.elementType().toString());
}

// The type sums are kept in: `partialsType`, but never narrower than the
// data, as Poplar documents.
Type sumType(const Type &partialsType, const Type &dataType,
             const std::string &name) {
  if (partialsType != FLOAT && partialsType != HALF)
    throw poputil::poplibs_error(name +
                                 ": the partials type must be FLOAT or HALF, "
                                 "not " +
                                 partialsType.toString());
  return dataType == FLOAT ? FLOAT : partialsType;
}

// Every dimension but the channels'.
std::vector<std::size_t> nonChannelDims(const Tensor &acts) {
  std::vector<std::size_t> dims(acts.rank() - 1);
  std::iota(dims.begin(), dims.end(), 1);
  dims[0] = 0;
  return dims;
}

std::size_t elementsPerChannel(const Tensor &acts) {
  return acts.numElements() / acts.dim(1);
}

// A {C} vector viewed as {C, 1, ..., 1} so that it broadcasts along the
// channel dimension of a tensor of rank `rank`.
Tensor perChannel(const Tensor &v, std::size_t rank) {
  std::vector<std::size_t> shape(rank - 1, 1);
  shape[0] = v.dim(0);
  return v.reshape(shape);
}

unsigned replicaGroupSize(const Tensor &acts, unsigned normSize,
                          const DistributedNormReduceCallback &callback,
                          const std::string &name) {
  if (!callback)
    throw poputil::poplibs_error(name + ": the reduce callback is empty");
  if (normSize == 0 || normSize % acts.dim(0) != 0)
    throw poputil::poplibs_error(
        name + ": normSize " + std::to_string(normSize) +
        " must be a non-zero multiple of the batch size " +
        std::to_string(acts.dim(0)) + " of the activations " +
        acts.shapeToString());
  return normSize / acts.dim(0);
}

// Sums added over the replicas of a distributed norm, or as they are.
struct ReplicaSum {
  const DistributedNormReduceCallback *callback;
  unsigned groupSize;

  std::vector<Tensor> operator()(Graph &graph, std::vector<Tensor> sums,
                                 Sequence &prog, const DebugContext &dc,
                                 const std::string &name) const {
    if (!callback)
      return sums;
    std::vector<Tensor> reduced =
        (*callback)(graph, sums, prog, groupSize, {dc, "allReduce"}, {});
    if (reduced.size() != sums.size())
      throw poputil::poplibs_error(name + ": the reduce callback returned " +
                                   std::to_string(reduced.size()) +
                                   " tensors for " +
                                   std::to_string(sums.size()) + " inputs");
    for (std::size_t i = 0; i < sums.size(); ++i)
      if (reduced[i].shape() != sums[i].shape())
        throw poputil::poplibs_error(name +
                                     ": the reduce callback returned "
                                     "shape " +
                                     reduced[i].shapeToString() + " for " +
                                     sums[i].shapeToString());
    return reduced;
  }
};

std::pair<Tensor, Tensor>
statistics(Graph &graph, const Tensor &acts, float eps, Sequence &prog,
           bool unbiasedVarEstimate, bool stableAlgo, const Type &partialsType,
           const ReplicaSum &replicaSum, const DebugContext &dc,
           const std::string &name) {
  using namespace pe;
  checkActs(acts, "the activations", name);
  const Type type = acts.elementType();
  const Type sums = sumType(partialsType, type, name);
  const double count =
      double(elementsPerChannel(acts)) * double(replicaSum.groupSize);
  if (unbiasedVarEstimate && count < 2)
    throw poputil::poplibs_error(
        name +
        ": an unbiased variance estimate needs at least 2 elements per "
        "channel, but the activations " +
        acts.shapeToString() + " have " + std::to_string(std::size_t(count)));
  const std::vector<std::size_t> dims = nonChannelDims(acts);
  const float rCount = float(1.0 / count);
  // With the unbiased estimate var·n/(n−1) = (Σ…)/(n−1).
  const float rVarCount =
      float(1.0 / (unbiasedVarEstimate ? count - 1 : count));

  Tensor mean, variance;
  if (stableAlgo) {
    Tensor sum = popops::reduce(graph, acts, sums, dims, popops::Operation::ADD,
                                prog, {dc, "sum"});
    sum = replicaSum(graph, {sum}, prog, dc, name)[0];
    mean = popops::map(graph, _1 * Const(rCount), {sum}, prog, {dc, "mean"});
    const Tensor centredSquares = popops::map(
        graph, Square(Cast(_1, sums) - _2),
        {acts, perChannel(mean, acts.rank())}, prog, {dc, "centredSquares"});
    Tensor sumSquares =
        popops::reduce(graph, centredSquares, sums, dims,
                       popops::Operation::ADD, prog, {dc, "sumCentredSquares"});
    sumSquares = replicaSum(graph, {sumSquares}, prog, dc, name)[0];
    variance = popops::map(graph, _1 * Const(rVarCount), {sumSquares}, prog,
                           {dc, "variance"});
  } else {
    std::vector<Tensor> sumAndSquares;
    popops::reduceMany(
        graph,
        {popops::SingleReduceOp(acts, dims, popops::Operation::ADD, sums,
                                "sum"),
         popops::SingleReduceOp(acts, dims, popops::Operation::SQUARE_ADD, sums,
                                "sumSquares")},
        sumAndSquares, prog, {dc, "sums"});
    sumAndSquares = replicaSum(graph, sumAndSquares, prog, dc, name);
    mean = popops::map(graph, _1 * Const(rCount), {sumAndSquares[0]}, prog,
                       {dc, "mean"});
    // Σx² − n·mean², clamped at 0 against rounding.
    variance =
        popops::map(graph,
                    Max((_2 - _1 * _1 * Const(float(count))) * Const(rVarCount),
                        Const(0.0f)),
                    {mean, sumAndSquares[1]}, prog, {dc, "variance"});
  }
  const Tensor invStdDev =
      popops::map(graph, Cast(Rsqrt(_1 + Const(eps)), type), {variance}, prog,
                  {dc, "invStdDev"});
  if (mean.elementType() != type)
    mean = popops::cast(graph, mean, type, prog, {dc, "meanCast"});
  return {mean, invStdDev};
}

// Per-channel Σ gradsIn·actsWhitened and Σ gradsIn in `sums`.
std::pair<Tensor, Tensor> paramSums(Graph &graph, const Tensor &actsWhitened,
                                    const Tensor &gradsIn, const Type &sums,
                                    Sequence &prog, const DebugContext &dc) {
  using namespace pe;
  const Tensor products =
      popops::map(graph, Cast(_1, sums) * Cast(_2, sums),
                  {gradsIn, actsWhitened}, prog, {dc, "gradsTimesWhitened"});
  const std::vector<std::size_t> dims = nonChannelDims(gradsIn);
  std::vector<Tensor> deltas;
  popops::reduceMany(
      graph,
      {popops::SingleReduceOp(products, dims, popops::Operation::ADD, sums,
                              "gammaDelta"),
       popops::SingleReduceOp(gradsIn, dims, popops::Operation::ADD, sums,
                              "betaDelta")},
      deltas, prog, {dc, "deltas"});
  return {deltas[0], deltas[1]};
}

void checkWhitenedAndGrads(const Tensor &actsWhitened, const Tensor &gradsIn,
                           const std::string &name) {
  checkActs(actsWhitened, "the whitened activations", name);
  checkActs(gradsIn, "the gradients", name);
  checkSameShape(actsWhitened, "the whitened activations", gradsIn,
                 "the gradients", name);
}

Tensor statisticsGradients(Graph &graph, const Tensor &actsWhitened,
                           const Tensor &gradsIn, const Tensor &invStdDev,
                           Sequence &prog, const Type &partialsType,
                           const ReplicaSum &replicaSum, const DebugContext &dc,
                           const std::string &name) {
  using namespace pe;
  checkWhitenedAndGrads(actsWhitened, gradsIn, name);
  checkChannelVector(invStdDev, gradsIn.dim(1),
                     "the inverse standard deviation", name);
  const Type sums = sumType(partialsType, gradsIn.elementType(), name);
  auto [sumGradsWhitened, sumGrads] =
      paramSums(graph, actsWhitened, gradsIn, sums, prog, dc);
  const std::vector<Tensor> reduced =
      replicaSum(graph, {sumGradsWhitened, sumGrads}, prog, dc, name);
  const double count =
      double(elementsPerChannel(gradsIn)) * double(replicaSum.groupSize);
  const std::size_t rank = gradsIn.rank();
  // iStdDev · (g − Σg/n − x̂ · Σ(g·x̂)/n)
  return popops::map(
      graph,
      Cast(Cast(_3, sums) * (Cast(_1, sums) - _5 * Const(float(1.0 / count)) -
                             Cast(_2, sums) * _4 * Const(float(1.0 / count))),
           gradsIn.elementType()),
      {gradsIn, actsWhitened, perChannel(invStdDev, rank),
       perChannel(reduced[0], rank), perChannel(reduced[1], rank)},
      prog, {dc, "gradients"});
}

Tensor createParam(Graph &graph, const Tensor &acts, const Type &type,
                   const DebugContext &debugContext, const std::string &param,
                   const std::string &operation) {
  const std::string name = operationName(debugContext, operation);
  checkActs(acts, "the activations", name);
  if (type != FLOAT && type != HALF)
    throw poputil::poplibs_error(name + ": the " + param +
                                 " type must be FLOAT or HALF, not " +
                                 type.toString());
  const Tensor t =
      graph.addVariable(type, {acts.dim(1)}, {debugContext, param});
  poputil::mapTensorLinearly(graph, t);
  return t;
}

} // namespace

Tensor createNormGamma(Graph &graph, const Tensor &acts, const Type &type,
                       const DebugContext &debugContext) {
  return createParam(graph, acts, type, debugContext, "gamma",
                     "poplin::createNormGamma");
}

Tensor createNormGamma(Graph &graph, const Tensor &acts,
                       const DebugContext &debugContext) {
  return createNormGamma(graph, acts, acts.elementType(), debugContext);
}

Tensor createNormBeta(Graph &graph, const Tensor &acts, const Type &type,
                      const DebugContext &debugContext) {
  return createParam(graph, acts, type, debugContext, "beta",
                     "poplin::createNormBeta");
}

Tensor createNormBeta(Graph &graph, const Tensor &acts,
                      const DebugContext &debugContext) {
  return createNormBeta(graph, acts, acts.elementType(), debugContext);
}

std::pair<Tensor, Tensor> createNormParams(Graph &graph, const Tensor &acts,
                                           const DebugContext &debugContext) {
  return {createNormGamma(graph, acts, debugContext),
          createNormBeta(graph, acts, debugContext)};
}

std::pair<Tensor, Tensor>
normStatistics(Graph &graph, const Tensor &actsUngrouped, float eps,
               Sequence &prog, bool unbiasedVarEstimate, bool stableAlgo,
               const Type &partialsType, const DebugContext &debugContext) {
  const std::string name =
      operationName(debugContext, "poplin::normStatistics");
  return statistics(graph, actsUngrouped, eps, prog, unbiasedVarEstimate,
                    stableAlgo, partialsType, ReplicaSum{nullptr, 1},
                    debugContext, name);
}

std::pair<Tensor, Tensor>
distributedNormStatistics(Graph &replicatedGraph, const Tensor &actsUngrouped,
                          float eps, Sequence &prog, bool unbiasedVarEstimate,
                          DistributedNormReduceCallback allReduceCallback,
                          unsigned normSize, bool stableAlgo,
                          const Type &partialsType,
                          const DebugContext &debugContext) {
  const std::string name =
      operationName(debugContext, "poplin::distributedNormStatistics");
  checkActs(actsUngrouped, "the activations", name);
  const unsigned groupSize =
      replicaGroupSize(actsUngrouped, normSize, allReduceCallback, name);
  return statistics(replicatedGraph, actsUngrouped, eps, prog,
                    unbiasedVarEstimate, stableAlgo, partialsType,
                    ReplicaSum{&allReduceCallback, groupSize}, debugContext,
                    name);
}

Tensor normWhiten(Graph &graph, const Tensor &acts, const Tensor &mean,
                  const Tensor &iStdDev, Sequence &prog,
                  const DebugContext &debugContext) {
  using namespace pe;
  const std::string name = operationName(debugContext, "poplin::normWhiten");
  checkActs(acts, "the activations", name);
  checkChannelVector(mean, acts.dim(1), "the mean", name);
  checkChannelVector(iStdDev, acts.dim(1), "the inverse standard deviation",
                     name);
  const Type type = acts.elementType();
  return popops::map(
      graph, Cast((Cast(_1, FLOAT) - Cast(_2, FLOAT)) * Cast(_3, FLOAT), type),
      {acts, perChannel(mean, acts.rank()), perChannel(iStdDev, acts.rank())},
      prog, {debugContext, "whiten"});
}

Tensor normalise(Graph &graph, const Tensor &actsWhitened, const Tensor &gamma,
                 const Tensor &beta, Sequence &prog,
                 const DebugContext &debugContext) {
  using namespace pe;
  const std::string name = operationName(debugContext, "poplin::normalise");
  checkActs(actsWhitened, "the whitened activations", name);
  checkChannelVector(gamma, actsWhitened.dim(1), "gamma", name);
  checkChannelVector(beta, actsWhitened.dim(1), "beta", name);
  const std::size_t rank = actsWhitened.rank();
  return popops::map(
      graph,
      Cast(Cast(_1, FLOAT) * Cast(_2, FLOAT) + Cast(_3, FLOAT),
           actsWhitened.elementType()),
      {actsWhitened, perChannel(gamma, rank), perChannel(beta, rank)}, prog,
      {debugContext, "normalise"});
}

std::pair<Tensor, Tensor>
normParamGradients(Graph &graph, const Tensor &actsWhitened,
                   const Tensor &gradsIn, Sequence &prog,
                   const Type &partialsType, const DebugContext &debugContext) {
  const std::string name =
      operationName(debugContext, "poplin::normParamGradients");
  checkWhitenedAndGrads(actsWhitened, gradsIn, name);
  const Type type = gradsIn.elementType();
  auto [gammaDelta, betaDelta] =
      paramSums(graph, actsWhitened, gradsIn, sumType(partialsType, type, name),
                prog, debugContext);
  if (gammaDelta.elementType() != type) {
    gammaDelta = popops::cast(graph, gammaDelta, type, prog,
                              {debugContext, "gammaDeltaCast"});
    betaDelta = popops::cast(graph, betaDelta, type, prog,
                             {debugContext, "betaDeltaCast"});
  }
  return {gammaDelta, betaDelta};
}

Tensor normGradients(Graph &graph, const Tensor &gradsIn, const Tensor &gamma,
                     Sequence &prog, const DebugContext &debugContext) {
  using namespace pe;
  const std::string name = operationName(debugContext, "poplin::normGradients");
  checkActs(gradsIn, "the gradients", name);
  checkChannelVector(gamma, gradsIn.dim(1), "gamma", name);
  return popops::map(
      graph, Cast(Cast(_1, FLOAT) * Cast(_2, FLOAT), gradsIn.elementType()),
      {gradsIn, perChannel(gamma, gradsIn.rank())}, prog,
      {debugContext, "normGradients"});
}

Tensor normStatisticsGradients(Graph &graph, const Tensor &actsWhitened,
                               const Tensor &gradsIn, const Tensor &invStdDev,
                               Sequence &prog, const Type &partialsType,
                               const DebugContext &debugContext) {
  const std::string name =
      operationName(debugContext, "poplin::normStatisticsGradients");
  return statisticsGradients(graph, actsWhitened, gradsIn, invStdDev, prog,
                             partialsType, ReplicaSum{nullptr, 1}, debugContext,
                             name);
}

Tensor distributedNormStatisticsGradients(
    Graph &replicatedGraph, const Tensor &actsWhitened, const Tensor &gradsIn,
    const Tensor &invStdDev, Sequence &prog,
    DistributedNormReduceCallback reduceCallback, unsigned normSize,
    const Type &partialsType, const DebugContext &debugContext) {
  const std::string name =
      operationName(debugContext, "poplin::distributedNormStatisticsGradients");
  checkWhitenedAndGrads(actsWhitened, gradsIn, name);
  const unsigned groupSize =
      replicaGroupSize(gradsIn, normSize, reduceCallback, name);
  return statisticsGradients(
      replicatedGraph, actsWhitened, gradsIn, invStdDev, prog, partialsType,
      ReplicaSum{&reduceCallback, groupSize}, debugContext, name);
}

} // namespace poplin
