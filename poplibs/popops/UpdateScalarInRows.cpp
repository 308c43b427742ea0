// popops::updateScalarInRows: rows are grouped by the tile holding their
// first element, and each group's vertex updates its rows there in place.
#include <popops/UpdateScalarInRows.hpp>

#include "DynamicSliceInternal.hpp"
#include "OperationPlacement.hpp"
#include "ScalarInRowsChecks.hpp"

#include <poputil/VertexTemplates.hpp>

using namespace poplar;
using namespace poplar::program;
using namespace popops::detail;

namespace popops {

void updateScalarInRows(Graph &graph, const Tensor &params,
                        const Tensor &indices, Sequence &program,
                        const DebugContext &debugContext) {
  const std::string name =
      operationName(debugContext, "popops::updateScalarInRows");
  checkScalarInRowsOperands(params, indices, name);
  if (!params.isParallelWriteable())
    throw poputil::poplibs_error(
        name + ": params of shape " + params.shapeToString() +
        " cannot be updated in place: it aliases itself or holds constants");
  const std::string vertexType = poputil::templateVertex(
      "popops::UpdateScalarInRows", params.elementType());
  requireCodelet(graph, vertexType, name);
  if (params.numElements() == 0)
    return;
  const Tensor byColumn = params.transpose();
  ComputeSet cs = graph.addComputeSet({debugContext, "update"});
  for (const ColumnPiece &piece : columnPieces(graph, byColumn)) {
    VertexRef v = graph.addVertex(cs, vertexType);
    graph.connect(v["params"],
                  columnsOf(byColumn, piece).transpose().flatten());
    graph.connect(v["indices"],
                  columnsOf(indices.expand({0}), piece).flatten());
    graph.setInitialValue(v["width"], unsigned(params.dim(1)));
    placeVertex(graph, v, piece.tile);
  }
  program.add(Execute(cs, {debugContext, "update"}));
}

} // namespace popops
