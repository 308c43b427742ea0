// popops::selectScalarFromRows: rows are grouped by the tile holding their
// first element, and each group's vertex picks its rows' elements there,
// writing a result laid out like params' first column.
#include <popops/SelectScalarFromRows.hpp>

#include "DynamicSliceInternal.hpp"
#include "OperationPlacement.hpp"
#include "ScalarInRowsChecks.hpp"

#include <poputil/VertexTemplates.hpp>

using namespace poplar;
using namespace poplar::program;
using namespace popops::detail;

namespace popops {

Tensor selectScalarFromRows(Graph &graph, const Tensor &params,
                            const Tensor &indices, Sequence &prog,
                            const DebugContext &debugContext) {
  const std::string name =
      operationName(debugContext, "popops::selectScalarFromRows");
  checkScalarInRowsOperands(params, indices, name);
  const std::string vertexType =
      poputil::templateVertex("popops::SelectFromRows", params.elementType());
  requireCodelet(graph, vertexType, name);
  const std::size_t rows = params.dim(0), width = params.dim(1);
  const Tensor byColumn = params.transpose(); // row 0: params' first column
  const std::vector<ColumnPiece> pieces = columnPieces(graph, byColumn);
  Tensor out = createLaidOutLike(graph, params.elementType(), 1, rows, pieces,
                                 {debugContext, "output"})
                   .reshape({rows});
  ComputeSet cs = graph.addComputeSet({debugContext, "select"});
  for (const ColumnPiece &piece : pieces) {
    VertexRef v = graph.addVertex(cs, vertexType);
    graph.connect(v["params"],
                  columnsOf(byColumn, piece).transpose().flatten());
    graph.connect(v["indices"],
                  columnsOf(indices.expand({0}), piece).flatten());
    graph.connect(v["out"], columnsOf(out.expand({0}), piece).flatten());
    graph.setInitialValue(v["width"], unsigned(width));
    placeVertex(graph, v, piece.tile);
  }
  prog.add(Execute(cs, {debugContext, "select"}));
  return out;
}

} // namespace popops
