// The compute sets popops::map adds: one operator through a prebuilt
// vertex, or a whole fused expression through a generated codelet. Either
// way the vertices follow the output: one vertex per memory-contiguous
// region of it on each tile, its workers sharing the elements.
#ifndef TESSEL_POPLIBS_POPOPS_MAPCOMPUTE_HPP
#define TESSEL_POPLIBS_POPOPS_MAPCOMPUTE_HPP

#include "MapExpression.hpp"

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>

#include <vector>

namespace popops::detail {

/// A tensor an expression reads: `full` is it broadcast to the output's
/// shape, `original` the tensor as given (a single element is connected as
/// a scalar field, not copied per element).
struct MapOperand {
  poplar::Tensor full;
  poplar::Tensor original;
  bool isScalar() const { return original.numElements() == 1; }
};

/// Runs `node`, an operator whose operands are leaves, with its prebuilt
/// vertex: out = node(operands). Constant leaves must already be operands
/// (Kind::Input nodes).
void runSingleOperator(poplar::Graph &graph, const TypedNode &node,
                       const std::vector<MapOperand> &operands,
                       const poplar::Tensor &out,
                       poplar::program::Sequence &prog,
                       const poplar::DebugContext &debugContext,
                       const std::string &name);

/// Runs the whole of `root` in one compute set with a generated codelet.
void runFused(poplar::Graph &graph, const TypedNode &root,
              const std::vector<MapOperand> &operands,
              const poplar::Tensor &out, poplar::program::Sequence &prog,
              const poplar::DebugContext &debugContext,
              const std::string &description);

} // namespace popops::detail

#endif
