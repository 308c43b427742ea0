// Vertices for popops::map: prebuilt single-operator vertices and
// generated fused codelets, placed where the output lives.
#include "MapCompute.hpp"

#include "ExprOpNames.hpp"
#include "MapCodelet.hpp"
#include "OperationPlacement.hpp"

#include <poputil/VertexTemplates.hpp>
#include <poputil/exceptions.hpp>

#include <sstream>

using namespace poplar;
using namespace poplar::program;

namespace popops::detail {

namespace {

/// How one operand is connected to each vertex.
struct FieldOperand {
  std::string field;
  const MapOperand *operand;
  bool asScalar;
};

/// One vertex of `vertexType` per contiguous region of `out` on each tile.
void addVerticesFollowingOutput(Graph &graph, ComputeSet cs,
                                const std::string &vertexType,
                                const Tensor &out,
                                const std::vector<FieldOperand> &fields) {
  const Tensor outFlat = out.flatten();
  std::vector<Tensor> flats;
  for (const FieldOperand &f : fields)
    flats.push_back(f.asScalar ? f.operand->original.flatten().slice(0, 1)
                               : f.operand->full.flatten());
  for (const TileRegions &onTile : regionsByTile(graph, outFlat))
    for (const Region &region : onTile.regions) {
      VertexRef v = graph.addVertex(cs, vertexType);
      graph.connect(v["out"], regionOf(outFlat, region));
      for (std::size_t i = 0; i != fields.size(); ++i)
        graph.connect(v[fields[i].field], fields[i].asScalar
                                              ? flats[i][0]
                                              : regionOf(flats[i], region));
      placeVertex(graph, v, onTile.tile);
    }
}

/// The operator `op` with its operands swapped, when there is one.
bool swappedOperator(expr::BinaryOpType op, expr::BinaryOpType &swapped) {
  using B = expr::BinaryOpType;
  switch (op) {
  case B::ADD:
  case B::MULTIPLY:
  case B::MAXIMUM:
  case B::MINIMUM:
  case B::EQUAL:
  case B::NOT_EQUAL:
  case B::LOGICAL_AND:
  case B::LOGICAL_OR:
  case B::BITWISE_AND:
  case B::BITWISE_OR:
  case B::BITWISE_XOR:
  case B::BITWISE_XNOR:
    swapped = op;
    return true;
  case B::LESS_THAN:
    swapped = B::GREATER_THAN;
    return true;
  case B::GREATER_THAN:
    swapped = B::LESS_THAN;
    return true;
  case B::LESS_THAN_EQUAL:
    swapped = B::GREATER_THAN_EQUAL;
    return true;
  case B::GREATER_THAN_EQUAL:
    swapped = B::LESS_THAN_EQUAL;
    return true;
  default:
    return false;
  }
}

void runBinary(Graph &graph, const TypedNode &node,
               const std::vector<MapOperand> &operands, ComputeSet cs,
               const Tensor &out, const std::string &name) {
  const MapOperand &a = operands[node.args[0].input];
  const MapOperand &b = operands[node.args[1].input];
  const Type &type = node.args[0].type;
  expr::BinaryOpType op = node.binaryOp;
  const MapOperand *vector = &a, *scalar = nullptr;
  if (b.isScalar() && !(a.isScalar() && out.numElements() == 1)) {
    scalar = &b;
  } else if (a.isScalar() && swappedOperator(node.binaryOp, op)) {
    vector = &b;
    scalar = &a;
  }
  if (scalar) {
    const std::string vertexType =
        poputil::templateVertex("popops::BinaryOpScalar", op, type);
    requireCodelet(graph, vertexType, name);
    addVerticesFollowingOutput(
        graph, cs, vertexType, out,
        {{"in", vector, false}, {"scalar", scalar, true}});
    return;
  }
  const std::string vertexType =
      poputil::templateVertex("popops::BinaryOp", node.binaryOp, type);
  requireCodelet(graph, vertexType, name);
  addVerticesFollowingOutput(graph, cs, vertexType, out,
                             {{"in1", &a, false}, {"in2", &b, false}});
}

} // namespace

void runSingleOperator(Graph &graph, const TypedNode &node,
                       const std::vector<MapOperand> &operands,
                       const Tensor &out, Sequence &prog,
                       const DebugContext &debugContext,
                       const std::string &name) {
  ComputeSet cs = graph.addComputeSet({debugContext, node.label()});
  const Type &type = node.args[0].type;
  if (node.kind == TypedNode::Kind::Unary) {
    const std::string vertexType =
        poputil::templateVertex("popops::UnaryOp", node.unaryOp, type);
    requireCodelet(graph, vertexType, name);
    addVerticesFollowingOutput(graph, cs, vertexType, out,
                               {{"in", &operands[node.args[0].input], false}});
  } else if (node.kind == TypedNode::Kind::Binary) {
    runBinary(graph, node, operands, cs, out, name);
  } else {
    const std::string vertexType =
        poputil::templateVertex("popops::TernaryOp", node.ternaryOp, type);
    requireCodelet(graph, vertexType, name);
    std::vector<FieldOperand> fields;
    for (unsigned i = 0; i != 3; ++i)
      fields.push_back(
          {"in" + std::to_string(i + 1), &operands[node.args[i].input], false});
    addVerticesFollowingOutput(graph, cs, vertexType, out, fields);
  }
  prog.add(Execute(cs, {debugContext, node.label()}));
}

namespace {

void markUsed(const TypedNode &n, std::vector<MapInput> &inputs) {
  if (n.kind == TypedNode::Kind::Input)
    inputs[n.input].isUsed = true;
  for (const TypedNode &a : n.args)
    markUsed(a, inputs);
}

} // namespace

void runFused(Graph &graph, const TypedNode &root,
              const std::vector<MapOperand> &operands, const Tensor &out,
              Sequence &prog, const DebugContext &debugContext,
              const std::string &description) {
  std::vector<MapInput> inputs;
  for (const MapOperand &o : operands)
    inputs.push_back({o.original.elementType(), o.isScalar(), false});
  markUsed(root, inputs);
  const MapCodelet codelet = generateMapCodelet(root, inputs, description);
  if (!graph.hasCodelet(codelet.vertexName)) {
    std::stringstream source(codelet.source);
    graph.addCodelets(source);
  }
  std::vector<FieldOperand> fields;
  for (std::size_t k = 0; k != inputs.size(); ++k)
    if (inputs[k].isUsed)
      fields.push_back(
          {"in" + std::to_string(k + 1), &operands[k], inputs[k].isScalar});
  ComputeSet cs = graph.addComputeSet({debugContext, "fused"});
  addVerticesFollowingOutput(graph, cs, codelet.vertexName, out, fields);
  prog.add(Execute(cs, {debugContext, "fused"}));
}

} // namespace popops::detail
