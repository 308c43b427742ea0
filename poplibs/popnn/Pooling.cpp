// popnn pooling: one compute set of Pool vertices placed where the output
// lives, and for the gradients an optional scaling compute set (AVG, scaled
// MAX) followed by one of input-gradient vertices placed where the input
// gradient lives. Every vertex covers a run of one [batch][channel] plane.
#include <popnn/Pooling.hpp>

#include <poplar/exceptions.hpp>
#include <poputil/TileMapping.hpp>
#include <poputil/VertexTemplates.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <functional>
#include <optional>
#include <sstream>

using namespace poplar;
using namespace poplar::program;

namespace poputil {
template <> struct VertexTemplateToString<popnn::PoolingType> {
  static std::string to_string(popnn::PoolingType type) {
    return std::string("popnn::PoolingType::") + popnn::asString(type);
  }
};
} // namespace poputil

namespace popnn {
namespace pooling {

namespace {

template <typename T> std::string listOf(const std::vector<T> &v) {
  std::ostringstream os;
  os << '{';
  for (std::size_t i = 0; i < v.size(); ++i)
    os << (i ? "," : "") << v[i];
  os << '}';
  return os.str();
}

std::string nameOf(const std::string &operation,
                   const std::string &debugPrefix) {
  return debugPrefix.empty() ? operation : operation + " (" + debugPrefix + ")";
}

std::string describe(const PoolParams &params) {
  std::ostringstream os;
  os << params;
  return os.str();
}

// Throws unless `params` describe a non-empty pooling; returns the output
// field shape.
std::vector<std::size_t> checkedOutputShape(const PoolParams &params,
                                            const std::string &name) {
  const std::size_t n = params.getNumFieldDims();
  auto fail = [&](const std::string &why) {
    throw poputil::poplibs_error(name + ": " + why + " (" + describe(params) +
                                 ")");
  };
  if (n == 0)
    fail("the input field needs at least one dimension");
  if (params.kernelShape.size() != n || params.stride.size() != n ||
      params.inputTruncationOrPaddingLower.size() != n ||
      params.inputTruncationOrPaddingUpper.size() != n)
    fail("kernelShape, stride and the paddings need one entry per field "
         "dimension (" +
         std::to_string(n) + ")");
  if (params.dType != FLOAT && params.dType != HALF)
    fail("dType must be FLOAT or HALF, not " + params.dType.toString());
  if (int(params.poolingType) < int(PoolingType::MAX) ||
      int(params.poolingType) > int(PoolingType::SUM))
    fail("unknown PoolingType value " +
         std::to_string(int(params.poolingType)));
  std::vector<std::size_t> out;
  for (std::size_t d = 0; d < n; ++d) {
    const long padded = long(params.inputFieldShape[d]) +
                        params.inputTruncationOrPaddingLower[d] +
                        params.inputTruncationOrPaddingUpper[d];
    if (params.stride[d] == 0)
      fail("stride " + std::to_string(d) + " is 0; strides must be positive");
    if (params.kernelShape[d] == 0)
      fail("kernel dimension " + std::to_string(d) + " is 0");
    if (padded < long(params.kernelShape[d]))
      fail("the kernel (" + std::to_string(params.kernelShape[d]) +
           ") is larger than the padded input (" + std::to_string(padded) +
           ") in field dimension " + std::to_string(d) +
           "; pad the input or shrink the kernel");
    out.push_back(std::size_t(padded - long(params.kernelShape[d])) /
                      params.stride[d] +
                  1);
  }
  std::size_t elements = params.batchSize * params.numChannels;
  for (std::size_t s : params.inputFieldShape)
    elements *= s;
  if (elements == 0)
    fail("the input is empty, so the output would be");
  return out;
}

std::vector<std::size_t> fullShape(const PoolParams &params,
                                   const std::vector<std::size_t> &field) {
  std::vector<std::size_t> shape{params.batchSize, params.numChannels};
  shape.insert(shape.end(), field.begin(), field.end());
  return shape;
}

void checkTensor(const Tensor &t, const std::vector<std::size_t> &shape,
                 const Type &type, const std::string &what,
                 const std::string &name, const PoolParams &params) {
  if (t.shape() != shape || t.elementType() != type)
    throw poputil::poplibs_error(
        name + ": " + what + " is " + t.elementType().toString() + " " +
        t.shapeToString() + " but the parameters need " + type.toString() +
        " " + listOf(shape) + " ([batch][channels][field...]; " +
        describe(params) + ")");
}

void checkOptions(const OptionFlags &options, const std::string &name) {
  for (const auto &[key, value] : options) {
    if (key != "poolUseIntrospectiveMapping")
      throw invalid_option(name + ": unknown option '" + key +
                           "'; the only pooling option is "
                           "poolUseIntrospectiveMapping");
    if (value != "true" && value != "false")
      throw invalid_option(name +
                           ": poolUseIntrospectiveMapping must be "
                           "true or false, not '" +
                           value + "'");
  }
}

void requireVertex(const Graph &graph, const std::string &vertexType,
                   const std::string &name) {
  if (!graph.hasCodelet(vertexType))
    throw unknown_vertex_type(name + ": the graph has no vertex type '" +
                              vertexType +
                              "'; call popnn::addCodelets(graph) once before "
                              "using popnn");
}

std::vector<unsigned> geometryOf(const PoolParams &params,
                                 const std::vector<std::size_t> &outField) {
  std::vector<unsigned> g;
  for (std::size_t d = 0; d < params.getNumFieldDims(); ++d) {
    g.push_back(unsigned(params.inputFieldShape[d]));
    g.push_back(unsigned(outField[d]));
    g.push_back(unsigned(params.kernelShape[d]));
    g.push_back(params.stride[d]);
    g.push_back(unsigned(params.inputTruncationOrPaddingLower[d]));
  }
  return g;
}

std::size_t product(const std::vector<std::size_t> &v) {
  std::size_t n = 1;
  for (std::size_t x : v)
    n *= x;
  return n;
}

// Calls `addRun(tile, plane, begin, end)` for every run [begin, end) of
// plane elements of `t` (flattened [planes][planeSize]) held by one tile
// (nullopt: unmapped).
void forEachPlaneRun(
    const Graph &graph, const Tensor &flat, std::size_t planeSize,
    const std::function<void(std::optional<unsigned>, std::size_t, std::size_t,
                             std::size_t)> &addRun) {
  auto split = [&](std::optional<unsigned> tile, std::size_t b, std::size_t e) {
    while (b < e) {
      const std::size_t plane = b / planeSize;
      const std::size_t planeEnd = std::min(e, (plane + 1) * planeSize);
      addRun(tile, plane, b - plane * planeSize, planeEnd - plane * planeSize);
      b = planeEnd;
    }
  };
  bool complete = true;
  const auto mapping = graph.getTileMapping(flat, &complete);
  std::vector<Interval> mapped;
  for (unsigned tile = 0; tile < mapping.size(); ++tile)
    for (const Interval &run : mapping[tile]) {
      split(tile, run.begin(), run.end());
      mapped.push_back(run);
    }
  if (complete)
    return;
  std::sort(mapped.begin(), mapped.end());
  std::size_t next = 0;
  for (const Interval &run : mapped) {
    if (run.begin() > next)
      split(std::nullopt, next, run.begin());
    next = std::max<std::size_t>(next, run.end());
  }
  if (next < flat.numElements())
    split(std::nullopt, next, flat.numElements());
}

// Rows (outermost field index) of a plane: elements [row * rowSize, ...).
struct RowRange {
  std::size_t begin, end; // element offsets within the plane
};

// The input elements the windows of outputs [begin, end) of a plane can
// read, whole outermost rows at a time, or one element when none.
RowRange inputRows(const PoolParams &params,
                   const std::vector<std::size_t> &outField, std::size_t begin,
                   std::size_t end) {
  const std::size_t outRow = product(outField) / outField[0];
  const std::size_t inRow =
      product(params.inputFieldShape) / params.inputFieldShape[0];
  const long first = long(begin / outRow) * params.stride[0] -
                     params.inputTruncationOrPaddingLower[0];
  const long last = long((end - 1) / outRow) * params.stride[0] -
                    params.inputTruncationOrPaddingLower[0] +
                    long(params.kernelShape[0]) - 1;
  const long lo = std::max(first, 0L);
  const long hi = std::min(last, long(params.inputFieldShape[0]) - 1);
  if (lo > hi)
    return {0, 1};
  return {std::size_t(lo) * inRow, std::size_t(hi + 1) * inRow};
}

// The output elements whose windows can hold inputs [begin, end) of a
// plane, whole outermost rows at a time, or one element when none.
RowRange outputRows(const PoolParams &params,
                    const std::vector<std::size_t> &outField, std::size_t begin,
                    std::size_t end) {
  const std::size_t outRow = product(outField) / outField[0];
  const std::size_t inRow =
      product(params.inputFieldShape) / params.inputFieldShape[0];
  const long s = params.stride[0];
  const long pad = params.inputTruncationOrPaddingLower[0];
  const long k = long(params.kernelShape[0]);
  const long firstIn = long(begin / inRow), lastIn = long((end - 1) / inRow);
  // o covers row i when o * s - pad <= i <= o * s - pad + k - 1.
  const long numer = firstIn + pad - k + 1;
  const long lo = std::max(0L, numer <= 0 ? 0L : (numer + s - 1) / s);
  const long hiRaw = lastIn + pad;
  const long hi = hiRaw < 0 ? -1 : std::min(hiRaw / s, long(outField[0]) - 1);
  if (lo > hi)
    return {0, 1};
  return {std::size_t(lo) * outRow, std::size_t(hi + 1) * outRow};
}

void place(Graph &graph, VertexRef v, std::optional<unsigned> tile) {
  if (tile)
    graph.setTileMapping(v, *tile);
}

Tensor planes(const Tensor &t) { return t.flatten(); }

} // namespace

std::vector<std::size_t> PoolParams::getOutputFieldShape() const {
  return checkedOutputShape(*this, "popnn::pooling::getOutputFieldShape");
}

std::ostream &operator<<(std::ostream &o, const PoolParams &params) {
  return o << "poolingType " << popnn::asString(params.poolingType)
           << ", inputFieldShape " << listOf(params.inputFieldShape)
           << ", kernelShape " << listOf(params.kernelShape) << ", stride "
           << listOf(params.stride) << ", inputTruncationOrPaddingLower "
           << listOf(params.inputTruncationOrPaddingLower)
           << ", inputTruncationOrPaddingUpper "
           << listOf(params.inputTruncationOrPaddingUpper) << ", numChannels "
           << params.numChannels << ", batchSize " << params.batchSize
           << ", dType " << params.dType.toString();
}

const char *asString(const PoolingType &method) {
  return popnn::asString(method);
}

std::vector<std::size_t> getOutputFieldShape(const PoolParams &params) {
  return params.getOutputFieldShape();
}

namespace {
// In-bounds kernel elements summed over all output elements.
uint64_t windowElements(const PoolParams &params) {
  const std::vector<std::size_t> outField = params.getOutputFieldShape();
  uint64_t total = params.batchSize * params.numChannels;
  for (std::size_t d = 0; d < outField.size(); ++d) {
    uint64_t dimTotal = 0;
    for (std::size_t o = 0; o < outField[d]; ++o)
      for (std::size_t k = 0; k < params.kernelShape[d]; ++k) {
        const long i = long(o * params.stride[d]) -
                       params.inputTruncationOrPaddingLower[d] + long(k);
        dimTotal += i >= 0 && i < long(params.inputFieldShape[d]);
      }
    total *= dimTotal;
  }
  return total;
}

double perfectCycles(const Graph &graph, const PoolParams &params,
                     uint64_t flops) {
  const Target &target = graph.getTarget();
  return double(flops) /
         (double(target.getNumTiles()) * target.getVectorWidth(params.dType));
}
} // namespace

uint64_t getFwdFlops(const PoolParams &params) {
  return windowElements(params);
}

uint64_t getBwdFlops(const PoolParams &params) {
  uint64_t flops = windowElements(params);
  if (params.poolingType == PoolingType::AVG)
    flops += params.batchSize * params.numChannels *
             product(params.getOutputFieldShape());
  return flops;
}

double getFwdPerfectCycleCount(const Graph &graph, const PoolParams &params) {
  return perfectCycles(graph, params, getFwdFlops(params));
}

double getBwdPerfectCycleCount(const Graph &graph, const PoolParams &params) {
  return perfectCycles(graph, params, getBwdFlops(params));
}

Tensor pool(Graph &graph, const PoolParams &params, const Tensor &in,
            Sequence &prog, const std::string &debugPrefix,
            const OptionFlags &options) {
  const std::string name = nameOf("popnn::pooling::pool", debugPrefix);
  checkOptions(options, name);
  const std::vector<std::size_t> outField = checkedOutputShape(params, name);
  checkTensor(in, fullShape(params, params.inputFieldShape), params.dType,
              "the input", name, params);
  const std::string vertexType =
      poputil::templateVertex("popnn::Pool", params.dType, params.poolingType);
  requireVertex(graph, vertexType, name);

  Tensor out = graph.addVariable(params.dType, fullShape(params, outField),
                                 {debugPrefix + "/pooled"});
  poputil::mapTensorLinearly(graph, out);
  const Tensor inFlat = planes(in), outFlat = planes(out);
  const std::size_t inPlane = product(params.inputFieldShape);
  const std::size_t outPlane = product(outField);
  const std::vector<unsigned> geometry = geometryOf(params, outField);
  ComputeSet cs = graph.addComputeSet(debugPrefix + "/Pool");
  forEachPlaneRun(
      graph, outFlat, outPlane,
      [&](std::optional<unsigned> tile, std::size_t plane, std::size_t b,
          std::size_t e) {
        const RowRange rows = inputRows(params, outField, b, e);
        VertexRef v = graph.addVertex(cs, vertexType);
        graph.connect(v["in"], inFlat.slice(plane * inPlane + rows.begin,
                                            plane * inPlane + rows.end));
        graph.connect(v["out"], outFlat.slice(plane * outPlane + b,
                                              plane * outPlane + e));
        graph.setInitialValue(v["geometry"], ArrayRef<unsigned>(geometry));
        graph.setInitialValue(v["inBegin"], unsigned(rows.begin));
        graph.setInitialValue(v["outBegin"], unsigned(b));
        place(graph, v, tile);
      });
  prog.add(Execute(cs));
  return out;
}

namespace {

// The shared gradient: `inGrad` already created and mapped; `in` and
// `pooled` are used only for MAX.
Tensor inputGradient(Graph &graph, const PoolParams &params,
                     const std::vector<std::size_t> &outField, const Tensor &in,
                     const Tensor &pooled, const Tensor &pooledGradient,
                     bool useScaledGradient, Tensor inGrad, Sequence &prog,
                     const std::string &debugPrefix, const std::string &name) {
  const bool isMax = params.poolingType == PoolingType::MAX;
  const std::size_t inPlane = product(params.inputFieldShape);
  const std::size_t outPlane = product(outField);
  const std::vector<unsigned> geometry = geometryOf(params, outField);
  const Tensor gradFlat = planes(pooledGradient);
  Tensor scaled = pooledGradient;
  const bool scale =
      params.poolingType == PoolingType::AVG || (isMax && useScaledGradient);
  if (scale) {
    const std::string vertexType = poputil::templateVertex(
        isMax ? "popnn::MaxPoolGradientScale" : "popnn::AvgPoolGradientScale",
        params.dType);
    requireVertex(graph, vertexType, name);
    scaled = graph.clone(pooledGradient, {debugPrefix + "/scaledGradient"});
    const Tensor scaledFlat = planes(scaled);
    ComputeSet cs = graph.addComputeSet(debugPrefix + "/PoolGradientScale");
    forEachPlaneRun(
        graph, scaledFlat, outPlane,
        [&](std::optional<unsigned> tile, std::size_t plane, std::size_t b,
            std::size_t e) {
          VertexRef v = graph.addVertex(cs, vertexType);
          const std::size_t o = plane * outPlane;
          graph.connect(v["grad"], gradFlat.slice(o + b, o + e));
          graph.connect(v["out"], scaledFlat.slice(o + b, o + e));
          if (isMax) {
            const RowRange rows = inputRows(params, outField, b, e);
            const std::size_t i = plane * inPlane;
            graph.connect(v["in"],
                          planes(in).slice(i + rows.begin, i + rows.end));
            graph.connect(v["pooled"], planes(pooled).slice(o + b, o + e));
            graph.setInitialValue(v["inBegin"], unsigned(rows.begin));
          }
          graph.setInitialValue(v["geometry"], ArrayRef<unsigned>(geometry));
          graph.setInitialValue(v["outBegin"], unsigned(b));
          place(graph, v, tile);
        });
    prog.add(Execute(cs));
  }
  const std::string vertexType = poputil::templateVertex(
      isMax ? "popnn::MaxPoolInputGradient" : "popnn::SumPoolInputGradient",
      params.dType);
  requireVertex(graph, vertexType, name);
  const Tensor scaledFlat = planes(scaled), inGradFlat = planes(inGrad);
  ComputeSet cs = graph.addComputeSet(debugPrefix + "/PoolInputGradient");
  forEachPlaneRun(
      graph, inGradFlat, inPlane,
      [&](std::optional<unsigned> tile, std::size_t plane, std::size_t b,
          std::size_t e) {
        const RowRange rows = outputRows(params, outField, b, e);
        VertexRef v = graph.addVertex(cs, vertexType);
        const std::size_t o = plane * outPlane, i = plane * inPlane;
        graph.connect(v["grad"],
                      scaledFlat.slice(o + rows.begin, o + rows.end));
        graph.connect(v["out"], inGradFlat.slice(i + b, i + e));
        if (isMax) {
          graph.connect(v["in"], planes(in).slice(i + b, i + e));
          graph.connect(v["pooled"],
                        planes(pooled).slice(o + rows.begin, o + rows.end));
        }
        graph.setInitialValue(v["geometry"], ArrayRef<unsigned>(geometry));
        graph.setInitialValue(v["inBegin"], unsigned(b));
        graph.setInitialValue(v["outBegin"], unsigned(rows.begin));
        place(graph, v, tile);
      });
  prog.add(Execute(cs));
  return inGrad;
}

} // namespace

Tensor poolInputGradient(Graph &graph, const PoolParams &params,
                         const Tensor &in, const Tensor &pooled,
                         const Tensor &pooledGradient, bool useScaledGradient,
                         Sequence &prog, const std::string &debugPrefix,
                         const OptionFlags &options) {
  const std::string name =
      nameOf("popnn::pooling::poolInputGradient", debugPrefix);
  checkOptions(options, name);
  const std::vector<std::size_t> outField = checkedOutputShape(params, name);
  checkTensor(in, fullShape(params, params.inputFieldShape), params.dType,
              "the forward input", name, params);
  checkTensor(pooled, fullShape(params, outField), params.dType,
              "the pooled output", name, params);
  checkTensor(pooledGradient, fullShape(params, outField), params.dType,
              "the pooled gradient", name, params);
  // Mapped like the forward input, so each tile's gradient lands where the
  // forward pass kept its data.
  Tensor inGrad = graph.clone(in, {debugPrefix + "/inputGradient"});
  return inputGradient(graph, params, outField, in, pooled, pooledGradient,
                       useScaledGradient, inGrad, prog, debugPrefix, name);
}

Tensor poolInputGradient(Graph &graph, const PoolParams &params,
                         const unsigned fwdChansPerGroup,
                         const Tensor &pooledGradient, Sequence &prog,
                         const std::string &debugPrefix,
                         const OptionFlags &options) {
  const std::string name =
      nameOf("popnn::pooling::poolInputGradient", debugPrefix);
  checkOptions(options, name);
  const std::vector<std::size_t> outField = checkedOutputShape(params, name);
  if (params.poolingType == PoolingType::MAX)
    throw poputil::poplibs_error(
        name +
        ": MAX pooling's gradient needs the forward input and output; "
        "use the overload taking them (" +
        describe(params) + ")");
  if (fwdChansPerGroup == 0 || params.numChannels % fwdChansPerGroup != 0)
    throw poputil::poplibs_error(name + ": fwdChansPerGroup " +
                                 std::to_string(fwdChansPerGroup) +
                                 " must be positive and divide numChannels " +
                                 std::to_string(params.numChannels));
  checkTensor(pooledGradient, fullShape(params, outField), params.dType,
              "the pooled gradient", name, params);
  Tensor inGrad =
      graph.addVariable(params.dType, fullShape(params, params.inputFieldShape),
                        {debugPrefix + "/inputGradient"});
  poputil::mapTensorLinearly(graph, inGrad);
  return inputGradient(graph, params, outField, Tensor(), Tensor(),
                       pooledGradient, false, inGrad, prog, debugPrefix, name);
}

} // namespace pooling
} // namespace popnn
