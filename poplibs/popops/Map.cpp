// popops::map, mapInPlace and mapWithOutput: type the expression, work out
// the numpy broadcast shape, create or check the output, then evaluate --
// one prebuilt vertex for a single operator, one generated codelet for a
// larger tree (option enableGenerateCodelet, default true), or one
// operator at a time into temporaries when fusion is off.
#include <popops/ElementWise.hpp>

#include "MapCodelet.hpp"
#include "MapCompute.hpp"
#include "MapExpression.hpp"
#include "OperationPlacement.hpp"

#include <poplar/exceptions.hpp>
#include <poputil/Broadcast.hpp>
#include <poputil/TileMapping.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <sstream>

using namespace poplar;
using namespace poplar::program;

namespace popops {

namespace {

using detail::MapOperand;
using detail::TypedNode;

struct MapOptions {
  bool enableGenerateCodelet = true;
  bool forceGenerateCodelet = false;
};

bool parseBool(const std::string &option, const std::string &value) {
  if (value == "true")
    return true;
  if (value == "false")
    return false;
  throw invalid_option("popops::map: option " + option + " must be true or " +
                       "false, not '" + value + "'");
}

MapOptions parseOptions(const OptionFlags &options) {
  MapOptions parsed;
  for (const auto &[option, value] : options) {
    if (option == "enableGenerateCodelet")
      parsed.enableGenerateCodelet = parseBool(option, value);
    else if (option == "forceGenerateCodelet")
      parsed.forceGenerateCodelet = parseBool(option, value);
    else if (option == "enableVectorBroadcastOptimisations" ||
             option == "enableExpressionOptimizations")
      parseBool(option, value);
    else
      throw invalid_option(
          "popops::map: unknown option '" + option +
          "' (known: enableGenerateCodelet, forceGenerateCodelet, "
          "enableVectorBroadcastOptimisations, enableExpressionOptimizations)");
  }
  return parsed;
}

std::string shapeString(const std::vector<std::size_t> &shape) {
  std::string s = "[";
  for (std::size_t i = 0; i != shape.size(); ++i)
    s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

/// The numpy broadcast of the shapes of `ts`.
std::vector<std::size_t> broadcastShape(const std::vector<Tensor> &ts,
                                        const std::string &name) {
  std::vector<std::size_t> shape;
  for (const Tensor &t : ts) {
    std::vector<std::size_t> s = t.shape();
    if (s.size() > shape.size())
      shape.insert(shape.begin(), s.size() - shape.size(), 1);
    s.insert(s.begin(), shape.size() - s.size(), 1);
    for (std::size_t d = 0; d != shape.size(); ++d) {
      if (s[d] == shape[d] || s[d] == 1)
        continue;
      if (shape[d] != 1) {
        std::string all;
        for (const Tensor &u : ts)
          all += (all.empty() ? "" : " and ") + u.shapeToString();
        throw poputil::poplibs_error(
            name + ": cannot broadcast the operand shapes " + all +
            " to one shape (dimension sizes must match or be 1, counting "
            "from the last)");
      }
      shape[d] = s[d];
    }
  }
  return shape;
}

Tensor broadcastTo(Tensor t, const std::vector<std::size_t> &shape) {
  poputil::broadcastToMatch(t, shape);
  return t;
}

/// Where the output is laid out: like the first input of the output's
/// shape with most elements, else linearly.
Tensor createOutput(Graph &graph, const Type &type,
                    const std::vector<std::size_t> &shape,
                    const std::vector<Tensor> &ts,
                    const DebugContext &debugContext) {
  for (const Tensor &t : ts)
    if (t.shape() == shape && !t.containsConstant())
      return graph.clone(type, t, {debugContext, "out"});
  for (const Tensor &t : ts)
    if (t.shape() == shape)
      return graph.clone(type, t, {debugContext, "out"});
  Tensor out = graph.addVariable(type, shape, {debugContext, "out"});
  poputil::mapTensorLinearly(graph, out);
  return out;
}

/// Inputs the output overlaps (other than `exempt`) are copied first, so no
/// element is overwritten before every vertex has read it.
std::vector<Tensor> separateFromOutput(Graph &graph,
                                       const std::vector<Tensor> &ts,
                                       const Tensor &out, int exempt,
                                       Sequence &prog,
                                       const DebugContext &debugContext) {
  std::vector<Tensor> separate = ts;
  for (std::size_t k = 0; k != ts.size(); ++k)
    if (int(k) != exempt && ts[k].intersectsWith(out)) {
      separate[k] = graph.clone(ts[k], {debugContext, "aliasedInput"});
      prog.add(Copy(ts[k], separate[k], false, {debugContext}));
    }
  return separate;
}

class MapEvaluation {
public:
  MapEvaluation(Graph &graph, const std::vector<Tensor> &ts, Sequence &prog,
                const DebugContext &debugContext, const std::string &name,
                const MapOptions &options, std::string description)
      : graph(graph), prog(prog), debugContext(debugContext), name(name),
        options(options), description(std::move(description)) {
    for (const Tensor &t : ts)
      inputs.push_back(t);
  }

  void run(const TypedNode &root, const Tensor &out) {
    shape = out.shape();
    if (root.isLeaf()) {
      prog.add(Copy(leafTensor(root), out, false, {debugContext}));
    } else if (options.forceGenerateCodelet ||
               (options.enableGenerateCodelet && root.numOperators() > 1)) {
      runFusedTree(root, out);
    } else {
      evaluateInto(root, out);
    }
  }

private:
  MapOperand operandOf(const Tensor &t) { return {broadcastTo(t, shape), t}; }

  Tensor constantTensor(const TypedNode &leaf) {
    const double v = detail::constantValue(*leaf.constant, leaf.type, name);
    Tensor c = graph.addConstant(leaf.type, {}, v, {debugContext, "const"});
    graph.setTileMapping(c, 0);
    return c;
  }

  Tensor leafTensor(const TypedNode &leaf) {
    if (leaf.kind == TypedNode::Kind::Constant)
      return broadcastTo(constantTensor(leaf), shape);
    return broadcastTo(inputs[leaf.input], shape);
  }

  void runFusedTree(const TypedNode &root, const Tensor &out) {
    std::vector<MapOperand> operands;
    for (const Tensor &t : inputs)
      operands.push_back(operandOf(t));
    detail::runFused(graph, root, operands, out, prog, debugContext,
                     description);
  }

  /// Evaluates `node` into `out` one operator at a time.
  void evaluateInto(const TypedNode &node, const Tensor &out) {
    std::vector<MapOperand> operands;
    TypedNode flat = node;
    for (std::size_t i = 0; i != node.args.size(); ++i) {
      const TypedNode &arg = node.args[i];
      Tensor value;
      if (arg.kind == TypedNode::Kind::Input)
        value = inputs[arg.input];
      else if (arg.kind == TypedNode::Kind::Constant)
        value = constantTensor(arg);
      else {
        value = graph.clone(arg.type, out, {debugContext, "temporary"});
        evaluateInto(arg, value);
      }
      TypedNode leaf;
      leaf.input = unsigned(operands.size());
      leaf.type = arg.type;
      flat.args[i] = leaf;
      operands.push_back(operandOf(value));
    }
    if (node.kind == TypedNode::Kind::Cast)
      detail::runFused(graph, flat, operands, out, prog, debugContext,
                       description);
    else
      detail::runSingleOperator(graph, flat, operands, out, prog, debugContext,
                                name);
  }

  Graph &graph;
  Sequence &prog;
  const DebugContext &debugContext;
  const std::string &name;
  MapOptions options;
  std::string description;
  std::vector<Tensor> inputs;
  std::vector<std::size_t> shape;
};

std::vector<Type> typesOf(const std::vector<Tensor> &ts) {
  std::vector<Type> types;
  for (const Tensor &t : ts)
    types.push_back(t.elementType());
  return types;
}

std::string describe(const expr::Expr &e) {
  std::ostringstream os;
  os << e;
  return os.str();
}

void requireTensors(const std::vector<Tensor> &ts, const std::string &name) {
  for (std::size_t k = 0; k != ts.size(); ++k)
    if (!ts[k].valid())
      throw poputil::poplibs_error(name + ": tensor " + std::to_string(k + 1) +
                                   " (for _" + std::to_string(k + 1) +
                                   ") is not a valid tensor");
}

} // namespace

Tensor map(Graph &graph, const expr::Expr &expr, const std::vector<Tensor> &ts,
           Sequence &prog, const DebugContext &debugContext,
           const OptionFlags &options) {
  const std::string name = detail::operationName(debugContext, "popops::map");
  const MapOptions parsed = parseOptions(options);
  requireTensors(ts, name);
  const TypedNode root = detail::typeExpression(expr, typesOf(ts), name);
  const std::vector<std::size_t> shape = broadcastShape(ts, name);
  Tensor out = createOutput(graph, root.type, shape, ts, debugContext);
  MapEvaluation(graph, ts, prog, debugContext, name, parsed, describe(expr))
      .run(root, out);
  return out;
}

void mapInPlace(Graph &graph, const expr::Expr &expr,
                const std::vector<Tensor> &ts, Sequence &prog,
                const DebugContext &debugContext, const OptionFlags &options) {
  const std::string name =
      detail::operationName(debugContext, "popops::mapInPlace");
  const MapOptions parsed = parseOptions(options);
  requireTensors(ts, name);
  if (ts.empty())
    throw poputil::poplibs_error(
        name + ": needs at least one tensor, the one to update");
  const TypedNode root = detail::typeExpression(expr, typesOf(ts), name);
  const std::vector<std::size_t> shape = broadcastShape(ts, name);
  const Tensor &out = ts[0];
  if (root.type != out.elementType())
    throw poputil::poplibs_error(
        name + ": the expression's result is of type " + root.type.toString() +
        " but the tensor updated in place is of type " +
        out.elementType().toString() + "; use map or mapWithOutput instead");
  if (out.shape() != shape)
    throw poputil::poplibs_error(
        name + ": the tensor updated in place has shape " +
        out.shapeToString() + " but the operands broadcast to " +
        shapeString(shape) + "; it must have the broadcast shape");
  if (out.containsConstant() || !out.isParallelWriteable())
    throw poputil::poplibs_error(
        name + ": the tensor updated in place (shape " + out.shapeToString() +
        ") is a constant or has elements aliasing each other, so it "
        "cannot be written; copy it to a new variable first");
  const std::vector<Tensor> separate =
      separateFromOutput(graph, ts, out, 0, prog, debugContext);
  MapEvaluation(graph, separate, prog, debugContext, name, parsed,
                describe(expr))
      .run(root, out);
}

void mapWithOutput(Graph &graph, const expr::Expr &expr,
                   const std::vector<Tensor> &ts, const Tensor &out,
                   Sequence &prog, const DebugContext &debugContext,
                   const OptionFlags &options) {
  const std::string name =
      detail::operationName(debugContext, "popops::mapWithOutput");
  const MapOptions parsed = parseOptions(options);
  requireTensors(ts, name);
  const TypedNode root = detail::typeExpression(expr, typesOf(ts), name);
  const std::vector<std::size_t> shape = broadcastShape(ts, name);
  if (out.elementType() != root.type)
    throw poputil::poplibs_error(
        name + ": the expression's result is of type " + root.type.toString() +
        " but the output tensor is of type " + out.elementType().toString());
  if (out.shape() != shape)
    throw poputil::poplibs_error(
        name + ": the output tensor has shape " + out.shapeToString() +
        " but the operands broadcast to " + shapeString(shape));
  if (out.containsConstant() || !out.isParallelWriteable())
    throw poputil::poplibs_error(
        name + ": the output tensor (shape " + out.shapeToString() +
        ") is a constant or has elements aliasing each other, so it "
        "cannot be written");
  const std::vector<Tensor> separate =
      separateFromOutput(graph, ts, out, -1, prog, debugContext);
  MapEvaluation(graph, separate, prog, debugContext, name, parsed,
                describe(expr))
      .run(root, out);
}

std::vector<Tensor> map(Graph &graph, const std::vector<expr::Any> &exprs,
                        const std::vector<Tensor> &ts, Sequence &prog,
                        const DebugContext &debugContext,
                        const OptionFlags &options) {
  std::vector<Tensor> outs;
  for (const expr::Any &e : exprs)
    outs.push_back(map(graph, e, ts, prog, debugContext, options));
  return outs;
}

void mapInPlace(Graph &graph, const std::vector<expr::Any> &exprs,
                const std::vector<Tensor> &ts, Sequence &prog,
                const DebugContext &debugContext, const OptionFlags &options) {
  // Every expression reads the inputs as they were: compute all results
  // first, then write them back.
  const std::vector<Tensor> results =
      map(graph, exprs, ts, prog, debugContext, options);
  for (std::size_t i = 0; i != results.size() && i != ts.size(); ++i)
    prog.add(Copy(results[i], ts[i], false, {debugContext}));
}

void mapWithOutput(Graph &graph, const std::vector<expr::Any> &exprs,
                   const std::vector<Tensor> &ts,
                   const std::vector<Tensor> &outs, Sequence &prog,
                   const DebugContext &debugContext,
                   const OptionFlags &options) {
  const std::string name =
      detail::operationName(debugContext, "popops::mapWithOutput");
  if (exprs.size() != outs.size())
    throw poputil::poplibs_error(name + ": " + std::to_string(exprs.size()) +
                                 " expressions but " +
                                 std::to_string(outs.size()) + " outputs");
  for (std::size_t i = 0; i != exprs.size(); ++i)
    mapWithOutput(graph, exprs[i], ts, outs[i], prog, debugContext, options);
}

void outputGeneratedCodelet(const Target &, const expr::Expr &expr,
                            const std::vector<Tensor> &ts,
                            const OptionFlags &options, std::ostream &os) {
  const std::string name = "popops::outputGeneratedCodelet";
  parseOptions(options);
  const TypedNode root = detail::typeExpression(expr, typesOf(ts), name);
  std::vector<detail::MapInput> inputs;
  for (const Tensor &t : ts)
    inputs.push_back({t.elementType(), t.numElements() == 1, true});
  os << detail::generateMapCodelet(root, inputs, describe(expr)).source;
}

} // namespace popops
