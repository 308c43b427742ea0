// popops::reduce and friends: argument checks, the output's shape, type
// and mapping, and the stages of ReduceStages.hpp run into compute sets.
#include <popops/Reduce.hpp>

#include "OperationPlacement.hpp"
#include "ReduceStages.hpp"

#include <poplar/exceptions.hpp>
#include <popops/Cast.hpp>

#include <algorithm>
#include <limits>
#include <sstream>

using namespace poplar;
using namespace poplar::program;

namespace popops {

namespace {

std::string opName(Operation op) {
  std::ostringstream s;
  s << op;
  return s.str();
}

std::string dimsToString(const std::vector<std::size_t> &dims) {
  std::string s = "{";
  for (std::size_t i = 0; i < dims.size(); ++i)
    s += (i ? "," : "") + std::to_string(dims[i]);
  return s + "}";
}

bool isFloating(const Type &t) { return t == FLOAT || t == HALF; }

/// Whether `op` reduces `in` into `out`, as the header lists.
bool supports(Operation op, const Type &in, const Type &out) {
  switch (op) {
  case Operation::LOGICAL_AND:
  case Operation::LOGICAL_OR:
    return in == BOOL && out == BOOL;
  case Operation::LOG_ADD:
    return isFloating(in) && isFloating(out);
  default:
    return (isFloating(in) && isFloating(out)) ||
           ((in == INT || in == UNSIGNED_INT) && out == in);
  }
}

void checkOptions(const OptionFlags &options, const std::string &name) {
  for (const auto &[key, value] : options) {
    if (key != "accumType.interTile" && key != "accumType.inVertex")
      throw invalid_option(name + ": unknown option '" + key +
                           "'; reduce accepts accumType.interTile and "
                           "accumType.inVertex");
    if (value != "float" && value != "half")
      throw invalid_option(name + ": option " + key +
                           " must be float or half, not '" + value + "'");
  }
}

/// The output shape of reducing `in` over `dims`, after checking them.
std::vector<std::size_t> checkedOutShape(const Tensor &in,
                                         const std::vector<std::size_t> &dims,
                                         const std::string &name) {
  std::vector<bool> reduced(in.rank(), false);
  for (std::size_t d : dims) {
    if (d >= in.rank())
      throw poputil::poplibs_error(
          name + ": dimension " + std::to_string(d) + " of dims " +
          dimsToString(dims) + " is out of range for the input of shape " +
          in.shapeToString() + " (rank " + std::to_string(in.rank()) + ")");
    if (reduced[d])
      throw poputil::poplibs_error(name + ": dimension " + std::to_string(d) +
                                   " appears twice in dims " +
                                   dimsToString(dims));
    reduced[d] = true;
  }
  std::vector<std::size_t> shape;
  for (unsigned d = 0; d < in.rank(); ++d)
    if (!reduced[d])
      shape.push_back(in.dim(d));
  return shape;
}

void checkParams(const ReduceParams &params, const Type &inType,
                 const Type &outType, const std::string &name) {
  const bool scalable = params.op == Operation::ADD ||
                        params.op == Operation::SQUARE_ADD ||
                        params.op == Operation::LOG_ADD;
  if ((params.update || params.useScale) && !scalable)
    throw poputil::poplibs_error(name + ": " + opName(params.op) + " cannot " +
                                 (params.update ? "update" : "scale") +
                                 " its output; only ADD, SQUARE_ADD and "
                                 "LOG_ADD can");
  if (!supports(params.op, inType, outType))
    throw poputil::poplibs_error(
        name + ": " + opName(params.op) + " does not reduce " +
        inType.toString() + " into " + outType.toString() +
        "; see popops/Reduce.hpp for the supported types");
  if (params.useScale) {
    const Tensor &s = params.scale;
    if (!s.valid() || s.numElements() != 1 || !isFloating(s.elementType()))
      throw poputil::poplibs_error(
          name +
          ": the scale must be a one-element float or half tensor, "
          "not " +
          (s.valid()
               ? s.elementType().toString() + " of shape " + s.shapeToString()
               : std::string("an empty tensor")));
  }
}

/// The identity of `op` on `type`, for reductions of no elements.
double identity(Operation op, const Type &type) {
  const double inf = std::numeric_limits<double>::infinity();
  switch (op) {
  case Operation::MUL:
  case Operation::LOGICAL_AND:
    return 1;
  case Operation::MIN:
    return type == FLOAT ? inf
           : type == INT ? double(std::numeric_limits<int>::max())
                         : double(std::numeric_limits<unsigned>::max());
  case Operation::MAX:
    return type == FLOAT ? -inf
           : type == INT ? double(std::numeric_limits<int>::min())
                         : 0.0;
  case Operation::LOG_ADD:
    return -inf;
  default:
    return 0;
  }
}

/// Checks one reduction into `out` and adds its stages to `css`.
void reduceInto(Graph &graph, const Tensor &in, const Tensor &out,
                const std::vector<std::size_t> &dims,
                const ReduceParams &params, std::vector<ComputeSet> &css,
                const DebugContext &debugContext, const OptionFlags &options,
                const std::string &name, bool mapOutput) {
  checkOptions(options, name);
  const std::vector<std::size_t> shape = checkedOutShape(in, dims, name);
  checkParams(params, in.elementType(), out.elementType(), name);
  if (out.shape() != shape)
    throw poputil::poplibs_error(
        name + ": the output's shape " + out.shapeToString() +
        " is not the shape of the input " + in.shapeToString() +
        " reduced over dims " + dimsToString(dims) + ", which is " +
        dimsToString(shape));
  if (!out.isParallelWriteable())
    throw poputil::poplibs_error(name + ": the output of shape " +
                                 out.shapeToString() +
                                 " has aliased or constant elements");

  detail::Reduction r;
  r.op = params.op;
  r.update = params.update;
  r.name = name;
  r.accType = isFloating(in.elementType()) ? FLOAT : in.elementType();
  std::vector<unsigned> order;
  for (unsigned d = 0; d < in.rank(); ++d)
    if (std::find(dims.begin(), dims.end(), d) == dims.end())
      order.push_back(d);
  r.numOutputs = out.numElements();
  for (std::size_t d : dims)
    order.push_back(unsigned(d));
  r.in = in;
  r.order = order;
  r.rows = in.dimShuffle(order).flatten();
  r.reduceSize = r.numOutputs ? in.numElements() / r.numOutputs : 0;
  r.out = out.flatten();
  if (r.numOutputs == 0)
    return;
  if (params.useScale)
    r.scale = params.scale.elementType() == FLOAT
                  ? params.scale.flatten()[0]
                  : cast(graph, params.scale.flatten()[0], FLOAT,
                         detail::stageComputeSet(graph, css, 0, debugContext),
                         {debugContext, "scale"});

  detail::Partials partials =
      detail::addPartialStage(graph, r, css, debugContext);
  if (r.reduceSize == 0) {
    Tensor id = graph.addConstant(r.accType, {1}, identity(r.op, r.accType),
                                  {debugContext, "identity"});
    graph.setTileMapping(id, 0);
    partials.variables.push_back({id, 0u});
    for (auto &refs : partials.ofOutput)
      refs.push_back({std::uint32_t(partials.variables.size() - 1), 0});
  }
  if (mapOutput)
    graph.setTileMapping(out.flatten(), detail::outputMapping(graph, partials));
  detail::addCombineAndFinalStages(graph, r, std::move(partials), css,
                                   debugContext);
}

bool mappingComplete(const Graph &graph, const Tensor &t) {
  bool complete = true;
  graph.getTileMapping(t, &complete);
  return complete;
}

Tensor newOutput(Graph &graph, const Tensor &in, const Type &outType,
                 const std::vector<std::size_t> &dims,
                 const ReduceParams &params, const DebugContext &debugContext,
                 const std::string &name) {
  if (params.update)
    throw poputil::poplibs_error(name +
                                 ": an update adds to an existing output; use "
                                 "reduceWithOutput to give one");
  return graph.addVariable(outType, checkedOutShape(in, dims, name),
                           {debugContext, "output"});
}

void execute(Sequence &prog, const std::vector<ComputeSet> &css,
             const DebugContext &debugContext) {
  for (const ComputeSet &cs : css)
    prog.add(Execute(cs, {debugContext, "reduce"}));
}

const char *const reduceName = "popops::reduce";
const char *const withOutputName = "popops::reduceWithOutput";

} // namespace

Tensor reduce(Graph &graph, const Tensor &in, const Type &outType,
              const std::vector<std::size_t> &dims, ReduceParams params,
              std::vector<ComputeSet> &css, const DebugContext &debugContext,
              const OptionFlags &options) {
  const std::string name = detail::operationName(debugContext, reduceName);
  Tensor out = newOutput(graph, in, outType, dims, params, debugContext, name);
  reduceInto(graph, in, out, dims, params, css, debugContext, options, name,
             true);
  return out;
}

Tensor reduce(Graph &graph, const Tensor &in,
              const std::vector<std::size_t> &dims, ReduceParams params,
              std::vector<ComputeSet> &css, const DebugContext &debugContext,
              const OptionFlags &options) {
  return reduce(graph, in, in.elementType(), dims, params, css, debugContext,
                options);
}

void reduceWithOutput(Graph &graph, const Tensor &in, const Tensor &out,
                      const std::vector<std::size_t> &dims, ReduceParams params,
                      std::vector<ComputeSet> &css,
                      const DebugContext &debugContext,
                      const OptionFlags &options) {
  const std::string name = detail::operationName(debugContext, withOutputName);
  reduceInto(graph, in, out, dims, params, css, debugContext, options, name,
             !mappingComplete(graph, out));
}

Tensor reduce(Graph &graph, const Tensor &in, const Type &outType,
              const std::vector<std::size_t> &dims, ReduceParams params,
              Sequence &prog, const DebugContext &debugContext,
              const OptionFlags &options) {
  std::vector<ComputeSet> css;
  Tensor out =
      reduce(graph, in, outType, dims, params, css, debugContext, options);
  execute(prog, css, debugContext);
  return out;
}

Tensor reduce(Graph &graph, const Tensor &in,
              const std::vector<std::size_t> &dims, ReduceParams params,
              Sequence &prog, const DebugContext &debugContext,
              const OptionFlags &options) {
  return reduce(graph, in, in.elementType(), dims, params, prog, debugContext,
                options);
}

void reduceWithOutput(Graph &graph, const Tensor &in, const Tensor &out,
                      const std::vector<std::size_t> &dims, ReduceParams params,
                      Sequence &prog, const DebugContext &debugContext,
                      const OptionFlags &options) {
  std::vector<ComputeSet> css;
  reduceWithOutput(graph, in, out, dims, params, css, debugContext, options);
  execute(prog, css, debugContext);
}

void reduceMany(Graph &graph, const std::vector<SingleReduceOp> &reductions,
                std::vector<Tensor> &outputs, Sequence &prog,
                const DebugContext &debugContext, const OptionFlags &options) {
  const std::string name =
      detail::operationName(debugContext, "popops::reduceMany");
  if (!outputs.empty() && outputs.size() != reductions.size())
    throw poputil::poplibs_error(
        name + ": " + std::to_string(outputs.size()) +
        " outputs were given "
        "for " +
        std::to_string(reductions.size()) +
        " reductions; give one each, or none to have them created");
  const bool create = outputs.empty();
  std::vector<ComputeSet> css;
  for (std::size_t i = 0; i < reductions.size(); ++i) {
    const SingleReduceOp &op = reductions[i];
    const DebugContext each(debugContext, op.debugName.empty()
                                              ? "reduce" + std::to_string(i)
                                              : op.debugName);
    const std::string eachName =
        name + " reduction " + std::to_string(i) +
        (op.debugName.empty() ? "" : " (" + op.debugName + ")");
    if (create) {
      outputs.push_back(newOutput(
          graph, op.in, op.useOutType ? op.outType : op.in.elementType(),
          op.dims, op.params, each, eachName));
      reduceInto(graph, op.in, outputs.back(), op.dims, op.params, css, each,
                 options, eachName, true);
    } else {
      reduceInto(graph, op.in, outputs[i], op.dims, op.params, css, each,
                 options, eachName, !mappingComplete(graph, outputs[i]));
    }
  }
  execute(prog, css, debugContext);
}

} // namespace popops
