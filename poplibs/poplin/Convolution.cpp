// poplin convolutions as grouped matrix products. For conv group g:
//   out_g {outChans, batch * outPositions} =
//       W_g {outChans, inChans * taps} x X_g {inChans * taps, batch *
//       outPositions}
// where X_g, the gathered input, is a view of the input tensor: for every
// kernel tap (an original, untruncated-away kernel element; dilation zeros
// are skipped, not multiplied) and every computed output position, the input
// element the tap meets, or a zero where it meets padding or a dilation
// hole. Building X as a view costs no compute: matMul's product vertices
// gather their blocks of it in the exchange. Output padding is zeroed.
#include <poplin/Convolution.hpp>
#include <poplin/MatMul.hpp>

#include "MatMulPlan.hpp"

#include <poplar/exceptions.hpp>
#include <popops/ElementWise.hpp>
#include <popops/Reduce.hpp>
#include <popops/ScaledAdd.hpp>
#include <popops/Zero.hpp>
#include <poputil/TileMapping.hpp>
#include <poputil/exceptions.hpp>

#include <map>
#include <sstream>

using namespace poplar;
using namespace poplar::program;

namespace poplin {

namespace {

/// {batch, channels, field...}.
std::vector<std::size_t> activationShape(std::size_t batch,
                                         std::size_t channels,
                                         const std::vector<std::size_t> &f) {
  std::vector<std::size_t> shape{batch, channels};
  shape.insert(shape.end(), f.begin(), f.end());
  return shape;
}

std::vector<std::size_t> weightShape(const ConvParams &p) {
  std::vector<std::size_t> shape{p.numConvGroups, p.outputChannelsPerConvGroup,
                                 p.inputChannelsPerConvGroup};
  shape.insert(shape.end(), p.kernelShape.begin(), p.kernelShape.end());
  return shape;
}

/// The output positions a convolution computes in one dimension: those its
/// output truncation and stride keep, without the output padding.
std::size_t computedOutputs(const ConvParams &p, unsigned d) {
  const auto &ot = p.outputTransform;
  return p.getOutputSize(d) - ot.paddingLower[d] - ot.paddingUpper[d];
}

/// Kernel elements the convolution uses in dimension d: the truncated
/// kernel's.
std::size_t kernelTaps(const ConvParams &p, unsigned d) {
  return p.getTruncatedKernelSize(d);
}

/// Kernel elements used in all: the product of kernelTaps.
std::size_t numTaps(const ConvParams &p) {
  std::size_t taps = 1;
  for (unsigned d = 0; d < p.getNumFieldDims(); ++d)
    taps *= kernelTaps(p, d);
  return taps;
}

/// Output positions computed per batch element: the product of
/// computedOutputs.
std::size_t computedPositions(const ConvParams &p) {
  std::size_t positions = 1;
  for (unsigned d = 0; d < p.getNumFieldDims(); ++d)
    positions *= computedOutputs(p, d);
  return positions;
}

bool kernelTruncated(const ConvParams &p) {
  for (unsigned d = 0; d < p.getNumFieldDims(); ++d)
    if (p.kernelTransform.truncationLower[d] ||
        p.kernelTransform.truncationUpper[d])
      return true;
  return false;
}

/// For tap t of dimension d and each computed output position, the input
/// index it reads, or -1 where it reads a padding or dilation zero.
std::vector<long> tapInputs(const ConvParams &p, unsigned d, std::size_t t) {
  const auto &it = p.inputTransform;
  const auto &kt = p.kernelTransform;
  const auto &ot = p.outputTransform;
  long kernelPos = long(kt.paddingLower[d]) + long(t) * kt.dilation[d];
  if (kt.flip[d])
    kernelPos = long(p.getTransformedKernelSize(d)) - 1 - kernelPos;
  const long transformedIn = long(p.getTransformedInputSize(d));
  const long truncatedIn = long(p.getTruncatedInputSize(d));
  const long dilatedIn =
      truncatedIn == 0 ? 0 : (truncatedIn - 1) * it.dilation[d] + 1;
  std::vector<long> inputs(computedOutputs(p, d));
  for (std::size_t q = 0; q < inputs.size(); ++q) {
    long pos = long(ot.truncationLower[d]) + long(q) * ot.stride[d] + kernelPos;
    if (it.flip[d])
      pos = transformedIn - 1 - pos;
    pos -= long(it.paddingLower[d]);
    if (pos < 0 || pos >= dilatedIn || pos % it.dilation[d] != 0)
      inputs[q] = -1;
    else
      inputs[q] = pos / it.dilation[d] + long(it.truncationLower[d]);
  }
  return inputs;
}

/// Zero constants for padding and dilation holes, one per shape (read-only,
/// so every run of that shape can share it), each mapped linearly so no one
/// tile serves every gather.
class Zeros {
public:
  Zeros(Graph &graph, const Type &type) : graph(graph), type(type) {}
  Tensor get(const std::vector<std::size_t> &shape) {
    auto it = made.find(shape);
    if (it != made.end())
      return it->second;
    Tensor z = graph.addConstant(type, shape, 0.0f, "convZeros");
    poputil::mapTensorLinearly(graph, z);
    return made.emplace(shape, z).first->second;
  }

private:
  Graph &graph;
  Type type;
  std::map<std::vector<std::size_t>, Tensor> made;
};

/// t with dimension `dim` replaced by the elements `indices` name (-1: a
/// zero), taken as runs of constant step.
Tensor gatherAlong(Zeros &zeros, const Tensor &t, unsigned dim,
                   const std::vector<long> &indices) {
  std::vector<Tensor> runs;
  for (std::size_t p = 0; p < indices.size();) {
    std::size_t q = p + 1;
    if (indices[p] < 0) {
      while (q < indices.size() && indices[q] < 0)
        ++q;
      std::vector<std::size_t> shape = t.shape();
      shape[dim] = q - p;
      runs.push_back(zeros.get(shape));
    } else {
      long step = 1;
      if (q < indices.size() && indices[q] > indices[p])
        step = indices[q] - indices[p];
      while (q < indices.size() && indices[q] == indices[q - 1] + step &&
             indices[q] >= 0)
        ++q;
      const std::size_t first = std::size_t(indices[p]);
      const std::size_t last = std::size_t(indices[q - 1]);
      runs.push_back(
          t.slice(first, last + 1, dim).subSample(unsigned(step), dim));
    }
    p = q;
  }
  return concat(runs, dim);
}

/// X {G, inChans * taps, batch * positions} for input `in` {B, G*IC, F...}.
Tensor gatheredInput(Graph &graph, const Tensor &in, const ConvParams &p) {
  const unsigned numDims = unsigned(p.getNumFieldDims());
  Zeros zeros(graph, in.elementType());
  // {B, G, IC, F...}, then gathered one field dimension at a time: each
  // tap of dimension d extends every gathered prefix of dimensions < d, so
  // a prefix is built once, not once per tap of the later dimensions. The
  // list stays in row-major tap order.
  std::vector<Tensor> perTap{
      in.reshapePartial(1, 2, {p.numConvGroups, p.inputChannelsPerConvGroup})};
  for (unsigned d = 0; d < numDims; ++d) {
    std::vector<std::vector<long>> inputs;
    for (std::size_t t = 0; t < kernelTaps(p, d); ++t)
      inputs.push_back(tapInputs(p, d, t));
    std::vector<Tensor> extended;
    for (const Tensor &prefix : perTap)
      for (const std::vector<long> &tapInput : inputs)
        extended.push_back(gatherAlong(zeros, prefix, 3 + d, tapInput));
    perTap = std::move(extended);
  }
  for (Tensor &x : perTap)
    x = x.expand({0});
  // {T, B, G, IC, Q...} -> {G, IC, T, B, Q...}
  Tensor stacked = concat(perTap, 0);
  std::vector<unsigned> order{2, 3, 0, 1};
  for (unsigned d = 0; d < numDims; ++d)
    order.push_back(4 + d);
  return stacked.dimShuffle(order).reshape(
      {p.numConvGroups, p.inputChannelsPerConvGroup * numTaps(p),
       p.batchSize * computedPositions(p)});
}

/// Weights {G, OC, IC, K...} as W {G, OC, IC * taps}: the truncated kernel.
Tensor weightMatrix(const Tensor &weights, const ConvParams &p) {
  Tensor w = weights;
  const auto &kt = p.kernelTransform;
  for (unsigned d = 0; d < p.getNumFieldDims(); ++d)
    w = w.slice(kt.truncationLower[d], p.kernelShape[d] - kt.truncationUpper[d],
                3 + d);
  return w.reshape({p.numConvGroups, p.outputChannelsPerConvGroup,
                    p.inputChannelsPerConvGroup * numTaps(p)});
}

/// The computed part of an output {B, G*OC, O...} viewed as {G, OC, B * Q}.
Tensor outputMatrix(const Tensor &out, const ConvParams &p) {
  Tensor computed = out;
  const std::size_t positions = computedPositions(p);
  const auto &ot = p.outputTransform;
  for (unsigned d = 0; d < p.getNumFieldDims(); ++d)
    computed = computed.slice(
        ot.paddingLower[d], ot.paddingLower[d] + computedOutputs(p, d), 2 + d);
  return computed
      .reshape({p.batchSize, p.numConvGroups, p.outputChannelsPerConvGroup,
                positions})
      .dimShuffle({1, 2, 0, 3})
      .reshape({p.numConvGroups, p.outputChannelsPerConvGroup,
                p.batchSize * positions});
}

/// Zeroes the output padding of `out`.
void zeroOutputPadding(Graph &graph, const Tensor &out, const ConvParams &p,
                       Sequence &prog, const DebugNameAndId &debug) {
  const auto &ot = p.outputTransform;
  Tensor rest = out;
  for (unsigned d = 0; d < p.getNumFieldDims(); ++d) {
    const unsigned dim = 2 + d;
    const std::size_t size = rest.dim(dim);
    if (ot.paddingLower[d])
      popops::zero(graph, rest.slice(0, ot.paddingLower[d], dim), prog,
                   {debug, "zeroPadding"});
    if (ot.paddingUpper[d])
      popops::zero(graph, rest.slice(size - ot.paddingUpper[d], size, dim),
                   prog, {debug, "zeroPadding"});
    rest = rest.slice(ot.paddingLower[d], size - ot.paddingUpper[d], dim);
  }
}

bool hasOutputPadding(const ConvParams &p) {
  for (unsigned d = 0; d < p.getNumFieldDims(); ++d)
    if (p.outputTransform.paddingLower[d] || p.outputTransform.paddingUpper[d])
      return true;
  return false;
}

std::size_t gatheredRows(const ConvParams &p) {
  return p.inputChannelsPerConvGroup * numTaps(p);
}

std::size_t gatheredCols(const ConvParams &p) {
  return p.batchSize * computedPositions(p);
}

/// The grouped product's operand shapes: W {G, OC, R} x X {G, R, C}.
std::pair<std::vector<std::size_t>, std::vector<std::size_t>>
productShapes(const ConvParams &p) {
  return {{p.numConvGroups, p.outputChannelsPerConvGroup, gatheredRows(p)},
          {p.numConvGroups, gatheredRows(p), gatheredCols(p)}};
}

void checkTensor(const Tensor &t, const std::vector<std::size_t> &shape,
                 const std::string &what, const std::string &name,
                 const ConvParams &p) {
  if (t.shape() != shape) {
    std::ostringstream os;
    os << name << ": " << what << " is " << shapeString(t.shape())
       << " but the parameters need " << shapeString(shape) << " (" << p << ")";
    throw poputil::poplibs_error(os.str());
  }
}

/// Weights as this convolution uses them ({G, OC, IC, K...}), from the
/// weights given, transposed and flipped if asked.
Tensor usableWeights(const Tensor &weights, const ConvParams &p,
                     bool transposeAndFlip, const std::string &name) {
  if (!transposeAndFlip) {
    checkTensor(weights, weightShape(p), "weights", name, p);
    return weights;
  }
  std::vector<std::size_t> given = weightShape(p);
  std::swap(given[1], given[2]);
  checkTensor(weights, given,
              "weights (transposeAndFlipWeights: {convGroups, "
              "inChansPerGroup, outChansPerGroup, kernel...} of the forward "
              "pass, with this convolution's output channels as their "
              "inputs)",
              name, p);
  std::vector<unsigned> order{0, 2, 1};
  for (unsigned d = 0; d < p.getNumFieldDims(); ++d)
    order.push_back(3 + d);
  Tensor w = weights.dimShuffle(order);
  for (unsigned d = 0; d < p.getNumFieldDims(); ++d)
    w = w.reverse(3 + d);
  return w;
}

void checkTypes(const ConvParams &p, const std::string &name) {
  for (const Type &t : {p.inputType, p.outputType})
    if (t != FLOAT && t != HALF)
      throw poputil::poplibs_error(name +
                                   ": convolutions take float or half, "
                                   "not " +
                                   t.toString());
}

void convolve(Graph &graph, const Tensor &in, const Tensor &weights,
              const Tensor &out, const ConvParams &p, bool transposeAndFlip,
              Sequence &prog, const DebugNameAndId &debug,
              const OptionFlags &options, PlanningCache *cache,
              const std::string &name) {
  p.validate();
  checkTypes(p, name);
  checkTensor(
      in, activationShape(p.batchSize, p.getNumInputChans(), p.inputFieldShape),
      "the input", name, p);
  checkTensor(out,
              activationShape(p.batchSize, p.getNumOutputChans(),
                              p.getOutputFieldShape()),
              "the output", name, p);
  if (in.elementType() != p.inputType || weights.elementType() != p.inputType)
    throw poputil::poplibs_error(
        name + ": the input is " + in.elementType().toString() +
        " and the weights " + weights.elementType().toString() +
        " but the parameters' input type is " + p.inputType.toString());
  Tensor w = usableWeights(weights, p, transposeAndFlip, name);
  if (hasOutputPadding(p))
    zeroOutputPadding(graph, out, p, prog, debug);
  Tensor result = outputMatrix(out, p);
  poplin::matMulGroupedWithOutput(graph, weightMatrix(w, p),
                                  gatheredInput(graph, in, p), result, prog,
                                  {debug, "conv"}, options, cache);
}

Tensor newOutput(Graph &graph, const ConvParams &p,
                 const DebugContext &debugContext, const OptionFlags &options,
                 PlanningCache *cache) {
  const std::vector<std::size_t> shape = activationShape(
      p.batchSize, p.getNumOutputChans(), p.getOutputFieldShape());
  if (hasOutputPadding(p)) {
    Tensor out = graph.addVariable(p.outputType, shape, debugContext);
    poputil::mapTensorLinearly(graph, out);
    return out;
  }
  auto [aShape, bShape] = productShapes(p);
  Tensor m = createMatMulGroupedOutput(graph, p.inputType, p.outputType, aShape,
                                       bShape, debugContext, options, cache);
  // {G, OC, B * Q} -> {B, G * OC, O...}
  std::vector<std::size_t> split{p.numConvGroups, p.outputChannelsPerConvGroup,
                                 p.batchSize};
  for (unsigned d = 0; d < p.getNumFieldDims(); ++d)
    split.push_back(computedOutputs(p, d));
  std::vector<unsigned> order{2, 0, 1};
  for (unsigned d = 0; d < p.getNumFieldDims(); ++d)
    order.push_back(3 + d);
  return m.reshape(split).dimShuffle(order).reshape(shape);
}

/// Maps input {B, G*IC, F...} so that each element lives on a tile whose
/// block of the gathered input reads it: the tile of its conv group's block,
/// of the K block holding its channel's first tap and of the N block holding
/// the output position nearest it. The taps then mostly read their own
/// tile's memory and only the halo crosses the exchange.
void mapInputAsGathered(Graph &graph, const Tensor &in, const ConvParams &p,
                        const OptionFlags &options, PlanningCache *cache) {
  auto [aShape, bShape] = productShapes(p);
  MatMulShape shape;
  shape.groups = p.numConvGroups;
  shape.m = aShape[1];
  shape.k = aShape[2];
  shape.n = bShape[2];
  shape.inputType = p.inputType;
  shape.outputType = p.outputType;
  const MatMulPlan plan =
      planMatMul(graph.getTarget(), shape, parseMatMulOptions(options), cache);
  const unsigned numDims = unsigned(p.getNumFieldDims());
  const std::size_t taps = numTaps(p);
  const std::size_t positions = computedPositions(p);
  std::vector<std::size_t> outputs(numDims);
  for (unsigned d = 0; d < numDims; ++d)
    outputs[d] = computedOutputs(p, d);
  // The output position nearest input index i of dimension d.
  auto nearest = [&](unsigned d, std::size_t i) {
    return std::min(outputs[d] - 1, i * outputs[d] / p.inputFieldShape[d]);
  };
  const std::size_t lastSize = p.inputFieldShape[numDims - 1];
  std::size_t rowsPerImage = 1;
  for (unsigned d = 0; d + 1 < numDims; ++d)
    rowsPerImage *= p.inputFieldShape[d];
  Tensor rows =
      in.reshape({p.batchSize, p.numConvGroups, p.inputChannelsPerConvGroup,
                  rowsPerImage, lastSize});
  std::vector<std::size_t> index(numDims);
  for (std::size_t b = 0; b < p.batchSize; ++b)
    for (std::size_t g = 0; g < p.numConvGroups; ++g)
      for (std::size_t ic = 0; ic < p.inputChannelsPerConvGroup; ++ic) {
        const std::size_t kBlockIndex = ic * taps / plan.kBlock;
        for (std::size_t r = 0; r < rowsPerImage; ++r) {
          std::size_t rest = r, outer = 0;
          for (unsigned d = numDims - 1; d-- > 0;) {
            index[d] = rest % p.inputFieldShape[d];
            rest /= p.inputFieldShape[d];
          }
          for (unsigned d = 0; d + 1 < numDims; ++d)
            outer = outer * outputs[d] + nearest(d, index[d]);
          auto tileOf = [&](std::size_t x) {
            const std::size_t col = b * positions +
                                    outer * outputs[numDims - 1] +
                                    nearest(numDims - 1, x);
            return plan.tile(g / plan.gBlock, (b + ic) % plan.mSplit,
                             col / plan.nBlock, kBlockIndex);
          };
          for (std::size_t x0 = 0; x0 < lastSize;) {
            const unsigned tile = tileOf(x0);
            std::size_t x1 = x0 + 1;
            while (x1 < lastSize && tileOf(x1) == tile)
              ++x1;
            graph.setTileMapping(rows[b][g][ic][r].slice(x0, x1), tile);
            x0 = x1;
          }
        }
      }
}

} // namespace

Tensor createInput(Graph &graph, const ConvParams &params,
                   const DebugContext &debugContext, const OptionFlags &options,
                   PlanningCache *cache) {
  params.validate();
  checkTypes(params, "poplin::createInput");
  Tensor in = graph.addVariable(params.inputType,
                                activationShape(params.batchSize,
                                                params.getNumInputChans(),
                                                params.inputFieldShape),
                                debugContext);
  mapInputAsGathered(graph, in, params, options, cache);
  return in;
}

Tensor createWeights(Graph &graph, const ConvParams &params,
                     const DebugContext &debugContext,
                     const OptionFlags &options, PlanningCache *cache) {
  params.validate();
  checkTypes(params, "poplin::createWeights");
  auto [aShape, bShape] = productShapes(params);
  if (kernelTruncated(params)) {
    matmulValidateOptions(options);
    Tensor w =
        graph.addVariable(params.inputType, weightShape(params), debugContext);
    poputil::mapTensorLinearly(graph, w);
    return w;
  }
  return createMatMulGroupedInputLHS(graph, params.inputType, params.outputType,
                                     aShape, bShape, debugContext, options,
                                     cache)
      .reshape(weightShape(params));
}

Tensor createConvOutput(Graph &graph, const ConvParams &params,
                        const DebugContext &debugContext,
                        const OptionFlags &options, PlanningCache *cache) {
  params.validate();
  checkTypes(params, "poplin::createConvOutput");
  return newOutput(graph, params, debugContext, options, cache);
}

Tensor createBiases(Graph &graph, const Tensor &acts,
                    const DebugContext &debugContext) {
  if (acts.rank() < 2)
    throw poputil::poplibs_error("poplin::createBiases: the activations are " +
                                 shapeString(acts.shape()) +
                                 "; they must be {batch, channels, ...}");
  Tensor b = graph.addVariable(acts.elementType(), {acts.dim(1)}, debugContext);
  poputil::mapTensorLinearly(graph, b);
  return b;
}

Tensor createBiases(Graph &graph, const Tensor &acts, const ConvParams &,
                    const DebugContext &debugContext,
                    const OptionFlags &options, PlanningCache *) {
  matmulValidateOptions(options);
  return createBiases(graph, acts, debugContext);
}

Tensor convolution(Graph &graph, const Tensor &in, const Tensor &weights,
                   const ConvParams &params, bool transposeAndFlipWeights,
                   Sequence &prog, const DebugContext &debugContext,
                   const OptionFlags &options, PlanningCache *cache) {
  DebugInfo info(debugContext, "poplin::convolution");
  params.validate();
  checkTypes(params, "poplin::convolution");
  // The output's layout and the product use one plan: search it once.
  PlanningCache local;
  PlanningCache *plans = cache ? cache : &local;
  Tensor out =
      newOutput(graph, params, {info.getNameAndId(), "output"}, options, plans);
  convolve(graph, in, weights, out, params, transposeAndFlipWeights, prog,
           info.getNameAndId(), options, plans, "poplin::convolution");
  return out;
}

void convolutionWithOutput(Graph &graph, const Tensor &in,
                           const Tensor &weights, const Tensor &out,
                           const ConvParams &params,
                           bool transposeAndFlipWeights, Sequence &prog,
                           const DebugContext &debugContext,
                           const OptionFlags &options, PlanningCache *cache) {
  DebugInfo info(debugContext, "poplin::convolutionWithOutput");
  convolve(graph, in, weights, out, params, transposeAndFlipWeights, prog,
           info.getNameAndId(), options, cache,
           "poplin::convolutionWithOutput");
}

void weightsTransposeChansFlipXY(Graph &graph, const Tensor &weightsIn,
                                 const Tensor &weightsOut, Sequence &prog,
                                 const DebugContext &debugContext) {
  const std::string name = "poplin::weightsTransposeChansFlipXY";
  if (weightsIn.rank() < 3)
    throw poputil::poplibs_error(name + ": weightsIn is " +
                                 shapeString(weightsIn.shape()) +
                                 "; weights are {convGroups, outChans, "
                                 "inChans, kernel...}");
  std::vector<unsigned> order{0, 2, 1};
  for (unsigned d = 3; d < weightsIn.rank(); ++d)
    order.push_back(d);
  Tensor flipped = weightsIn.dimShuffle(order);
  for (unsigned d = 3; d < weightsIn.rank(); ++d)
    flipped = flipped.reverse(d);
  if (weightsOut.shape() != flipped.shape())
    throw poputil::poplibs_error(
        name + ": weightsOut is " + shapeString(weightsOut.shape()) +
        " but weightsIn " + shapeString(weightsIn.shape()) + " transposed is " +
        shapeString(flipped.shape()));
  prog.add(Copy(flipped, weightsOut, false, debugContext));
}

Tensor calculateWeightDeltas(Graph &graph, const Tensor &zDeltas,
                             const Tensor &activations,
                             const ConvParams &params, Sequence &prog,
                             const DebugContext &debugContext,
                             const OptionFlags &options, PlanningCache *cache) {
  const std::string name = "poplin::calculateWeightDeltas";
  DebugInfo info(debugContext, name);
  params.validate();
  checkTypes(params, name);
  checkTensor(activations,
              activationShape(params.batchSize, params.getNumInputChans(),
                              params.inputFieldShape),
              "the activations", name, params);
  checkTensor(zDeltas,
              activationShape(params.batchSize, params.getNumOutputChans(),
                              params.getOutputFieldShape()),
              "zDeltas", name, params);
  Tensor deltas = graph.addVariable(params.inputType, weightShape(params),
                                    {info.getNameAndId(), "weightDeltas"});
  poputil::mapTensorLinearly(graph, deltas);
  if (kernelTruncated(params))
    popops::zero(graph, deltas, prog, {info.getNameAndId(), "zero"});
  // dW_g {OC, IC * taps} = dOut_g {OC, B * Q} x X_g^T {B * Q, IC * taps}
  Tensor result = weightMatrix(deltas, params);
  poplin::matMulGroupedWithOutput(
      graph, outputMatrix(zDeltas, params),
      gatheredInput(graph, activations, params).dimShuffle({0, 2, 1}), result,
      prog, {info.getNameAndId(), "product"}, options, cache);
  return deltas;
}

namespace {

/// weights += scale * deltas, scale a float or a one-element tensor.
template <typename Scale>
void updateWeights(Graph &graph, const Tensor &zDeltas, const Tensor &weights,
                   const Tensor &activations, const ConvParams &params,
                   Scale scale, Sequence &prog,
                   const DebugContext &debugContext, const OptionFlags &options,
                   PlanningCache *cache) {
  DebugInfo info(debugContext, "poplin::convolutionWeightUpdate");
  checkTensor(weights, weightShape(params), "weights",
              "poplin::convolutionWeightUpdate", params);
  Tensor deltas =
      calculateWeightDeltas(graph, zDeltas, activations, params, prog,
                            {info.getNameAndId()}, options, cache);
  popops::scaledAddTo(graph, weights, deltas, scale, prog,
                      {info.getNameAndId(), "update"});
}

} // namespace

void convolutionWeightUpdate(Graph &graph, const Tensor &zDeltas,
                             const Tensor &weights, const Tensor &activations,
                             ConvParams params, const Tensor &scale,
                             Sequence &prog, const DebugContext &debugContext,
                             const OptionFlags &options, PlanningCache *cache) {
  updateWeights(graph, zDeltas, weights, activations, params, scale, prog,
                debugContext, options, cache);
}

void convolutionWeightUpdate(Graph &graph, const Tensor &zDeltas,
                             const Tensor &weights, const Tensor &activations,
                             ConvParams params, float scale, Sequence &prog,
                             const DebugContext &debugContext,
                             const OptionFlags &options, PlanningCache *cache) {
  updateWeights(graph, zDeltas, weights, activations, params, scale, prog,
                debugContext, options, cache);
}

namespace {

/// zDeltas {B, C, F...} summed over all but the channels, as the biases'
/// type.
Tensor biasDeltas(Graph &graph, const Tensor &zDeltas, const Tensor &biases,
                  Sequence &prog, const DebugNameAndId &debug,
                  const std::string &name) {
  if (zDeltas.rank() < 2 || biases.rank() != 1 ||
      biases.dim(0) != zDeltas.dim(1))
    throw poputil::poplibs_error(name + ": zDeltas are " +
                                 shapeString(zDeltas.shape()) + " and biases " +
                                 shapeString(biases.shape()) +
                                 "; biases must be {channels} for zDeltas "
                                 "{batch, channels, field...}");
  std::vector<std::size_t> dims{0};
  for (std::size_t d = 2; d < zDeltas.rank(); ++d)
    dims.push_back(d);
  return popops::reduce(graph, zDeltas, biases.elementType(), dims,
                        popops::ReduceParams(popops::Operation::ADD), prog,
                        {debug, "biasDeltas"});
}

/// biases += scale * their deltas, scale a float or a one-element tensor.
template <typename Scale>
void updateBiases(Graph &graph, const Tensor &zDeltas, const Tensor &biases,
                  Scale scale, const OptionFlags &options, Sequence &prog,
                  const DebugContext &debugContext) {
  DebugInfo info(debugContext, "poplin::convolutionBiasUpdate");
  matmulValidateOptions(options);
  Tensor deltas = biasDeltas(graph, zDeltas, biases, prog, info.getNameAndId(),
                             "poplin::convolutionBiasUpdate");
  popops::scaledAddTo(graph, biases, deltas, scale, prog,
                      {info.getNameAndId(), "update"});
}

} // namespace

void convolutionBiasUpdate(Graph &graph, const Tensor &zDeltas,
                           const Tensor &biases, const Tensor &scale,
                           const OptionFlags &options, Sequence &prog,
                           const DebugContext &debugContext) {
  updateBiases(graph, zDeltas, biases, scale, options, prog, debugContext);
}

void convolutionBiasUpdate(Graph &graph, const Tensor &zDeltas,
                           const Tensor &biases, float scale,
                           const OptionFlags &options, Sequence &prog,
                           const DebugContext &debugContext) {
  updateBiases(graph, zDeltas, biases, scale, options, prog, debugContext);
}

void addBias(Graph &graph, const Tensor &acts, const Tensor &biases,
             Sequence &prog, const DebugContext &debugContext) {
  if (acts.rank() < 2 || biases.rank() != 1 || biases.dim(0) != acts.dim(1))
    throw poputil::poplibs_error(
        "poplin::addBias: the activations are " + shapeString(acts.shape()) +
        " and the biases " + shapeString(biases.shape()) +
        "; biases must be {channels} for activations {batch, channels, "
        "field...}");
  std::vector<std::size_t> shape(acts.rank(), 1);
  shape[1] = acts.dim(1);
  Tensor b = biases.reshape(shape);
  for (unsigned d = 0; d < acts.rank(); ++d)
    if (d != 1)
      b = b.broadcast(unsigned(acts.dim(d)), d);
  popops::addInPlace(graph, acts, b, prog,
                     DebugContext(debugContext, "poplin::addBias"));
}

void reportPlanInfo(std::ostream &out, const Graph &graph,
                    const ConvParams &params, const OptionFlags &options,
                    PlanningCache *cache) {
  params.validate();
  checkTypes(params, "poplin::reportPlanInfo");
  auto [aShape, bShape] = productShapes(params);
  out << "convolution " << params << "\n  as grouped products of weights "
      << shapeString(aShape) << " with the gathered input "
      << shapeString(bShape) << ":\n";
  matMulGroupedReportPlan(out, graph, params.inputType, params.outputType,
                          aShape, bShape, options, cache);
}

ConvParams getGradientParams(const ConvParams &p) {
  // The forward pass is out = O(corr(I(in), K(w))), with I, K and O the
  // input, kernel and output transforms and corr the plain correlation. Its
  // adjoint runs backwards: O's adjoint (drop the output padding, dilate by
  // the stride, pad back what was truncated and the stride's remainder),
  // the full correlation with the reversed transformed kernel (padding of
  // kernel - 1 each side), then I's adjoint (truncate the input padding,
  // stride by the input dilation, pad back the input truncation). The caller
  // reverses the weights (transposeAndFlipWeights), so the kernel transform
  // keeps its dilation and swaps its lower and upper sides. An input flip
  // reverses the whole gradient: the gradient's input is flipped and its
  // kernel flipped once more.
  p.validate();
  ConvParams g = p;
  const std::size_t n = p.getNumFieldDims();
  const auto &it = p.inputTransform;
  const auto &kt = p.kernelTransform;
  const auto &ot = p.outputTransform;
  g.inputFieldShape = p.getOutputFieldShape();
  g.inputChannelsPerConvGroup = p.outputChannelsPerConvGroup;
  g.outputChannelsPerConvGroup = p.inputChannelsPerConvGroup;
  g.inputTransform = ConvParams::InputTransform(n);
  g.kernelTransform = ConvParams::InputTransform(n);
  g.outputTransform = ConvParams::OutputTransform(n);
  for (unsigned d = 0; d < n; ++d) {
    const unsigned kernel = p.getTransformedKernelSize(d);
    const std::size_t truncated = p.getUntransformedOutputSize(d) -
                                  ot.truncationLower[d] - ot.truncationUpper[d];
    const std::size_t computed = computedOutputs(p, d);
    // The outputs a stride skipped at the upper end.
    const std::size_t remainder =
        truncated - ((computed - 1) * ot.stride[d] + 1);
    g.inputTransform.truncationLower[d] = ot.paddingLower[d];
    g.inputTransform.truncationUpper[d] = ot.paddingUpper[d];
    g.inputTransform.dilation[d] = ot.stride[d];
    g.inputTransform.paddingLower[d] = ot.truncationLower[d] + kernel - 1;
    g.inputTransform.paddingUpper[d] =
        unsigned(ot.truncationUpper[d] + remainder + kernel - 1);
    g.inputTransform.flip[d] = it.flip[d];
    g.kernelTransform.truncationLower[d] = kt.truncationUpper[d];
    g.kernelTransform.truncationUpper[d] = kt.truncationLower[d];
    g.kernelTransform.dilation[d] = kt.dilation[d];
    g.kernelTransform.paddingLower[d] = kt.paddingUpper[d];
    g.kernelTransform.paddingUpper[d] = kt.paddingLower[d];
    g.kernelTransform.flip[d] = kt.flip[d] != it.flip[d];
    g.outputTransform.truncationLower[d] = it.paddingLower[d];
    g.outputTransform.truncationUpper[d] = it.paddingUpper[d];
    g.outputTransform.stride[d] = it.dilation[d];
    g.outputTransform.paddingLower[d] = it.truncationLower[d];
    g.outputTransform.paddingUpper[d] = it.truncationUpper[d];
  }
  return g;
}

void preplanConvolutions(const std::set<ConvPlanParams> &convs,
                         PlanningCache &cache) {
  std::set<MatMulPlanParams> products;
  for (const auto &[target, params, options] : convs) {
    params.validate();
    auto [aShape, bShape] = productShapes(params);
    products.insert(
        {target,
         MatMulParams{params.inputType, params.outputType, aShape, bShape},
         options});
  }
  preplanMatMuls(products, cache);
}

} // namespace poplin
