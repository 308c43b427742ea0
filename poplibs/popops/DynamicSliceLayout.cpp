// Layouts for slicing: the rows view of a tensor, its column pieces and row
// parts per tile, tensors laid out piece by piece, the partial slices of
// tensors split by rows, and the tensor-creating functions of
// popops/DynamicSlice.hpp. A sliceable tensor keeps every position along
// its sliced dimensions with the columns it belongs to (split by rows over
// further tiles only when too big), so each tile slices its own part with
// no exchange of the tensor.
#include <popops/DynamicSlice.hpp>

#include "DynamicSliceInternal.hpp"
#include "OperationPlacement.hpp"

#include <poplar/exceptions.hpp>
#include <poputil/TileMapping.hpp>
#include <poputil/VertexTemplates.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <functional>
#include <numeric>

using namespace poplar;

namespace popops {
namespace detail {

namespace {

/// dims followed by the other dimensions of a rank-`rank` tensor.
std::vector<unsigned> rowsPermutation(std::size_t rank,
                                      const std::vector<std::size_t> &dims) {
  std::vector<unsigned> perm(dims.begin(), dims.end());
  for (unsigned d = 0; d < rank; ++d)
    if (std::find(dims.begin(), dims.end(), d) == dims.end())
      perm.push_back(d);
  return perm;
}

} // namespace

namespace {

bool isIdentity(const std::vector<unsigned> &perm) {
  for (unsigned i = 0; i < perm.size(); ++i)
    if (perm[i] != i)
      return false;
  return true;
}

/// `t` shuffled and reshaped, skipping steps that change nothing (each
/// rebuilds the view, which costs time for tensors of many regions).
Tensor shuffledAndReshaped(const Tensor &t, const std::vector<unsigned> &perm,
                           const std::vector<std::size_t> &shape) {
  const Tensor shuffled = isIdentity(perm) ? t : t.dimShuffle(perm);
  return shuffled.shape() == shape ? shuffled : shuffled.reshape(shape);
}

} // namespace

Tensor toRows(const Tensor &t, const std::vector<std::size_t> &dims) {
  const std::vector<std::size_t> shape = t.shape();
  std::size_t rows = 1, rest = 1;
  for (unsigned d = 0; d < shape.size(); ++d)
    (std::find(dims.begin(), dims.end(), d) != dims.end() ? rows : rest) *=
        shape[d];
  return shuffledAndReshaped(t, rowsPermutation(shape.size(), dims),
                             {rows, rest});
}

Tensor fromRows(const Tensor &rows, const std::vector<std::size_t> &shape,
                const std::vector<std::size_t> &dims) {
  const std::vector<unsigned> perm = rowsPermutation(shape.size(), dims);
  std::vector<std::size_t> permutedShape;
  for (unsigned d : perm)
    permutedShape.push_back(shape[d]);
  std::vector<unsigned> inverse(perm.size());
  for (unsigned i = 0; i < perm.size(); ++i)
    inverse[perm[i]] = i;
  const Tensor shaped =
      rows.shape() == permutedShape ? rows : rows.reshape(permutedShape);
  return isIdentity(inverse) ? shaped : shaped.dimShuffle(inverse);
}

std::vector<ColumnPiece> columnPieces(const Graph &graph,
                                      const Tensor &rows2d) {
  std::vector<ColumnPiece> pieces;
  if (rows2d.dim(0) == 0 || rows2d.dim(1) == 0)
    return pieces;
  // Whole regions only: a piece's columns of a row part are then one
  // contiguous run of the part's memory (workers split rows or indices).
  for (const TileRegions &onTile : regionsByTile(graph, rows2d[0]))
    for (const Region &region : onTile.regions)
      pieces.push_back({onTile.tile, region});
  return pieces;
}

std::vector<RowPart> rowParts(const Graph &graph, const Tensor &pieceColumns,
                              const std::optional<unsigned> &tile) {
  const std::size_t numRows = pieceColumns.dim(0);
  const std::vector<RowPart> whole{{tile, 0, numRows}};
  if (numRows < 2 || pieceColumns.dim(1) == 0)
    return whole;
  bool complete = true;
  const auto mapping =
      graph.getTileMapping(pieceColumns.slice(0, 1, 1), &complete);
  if (!complete)
    return whole;
  std::vector<RowPart> parts;
  for (unsigned tile = 0; tile < mapping.size(); ++tile)
    for (const Interval &iv : mapping[tile])
      parts.push_back({tile, iv.begin(), iv.end()});
  if (parts.size() < 2)
    return whole;
  std::sort(parts.begin(), parts.end(), [](const RowPart &a, const RowPart &b) {
    return a.begin < b.begin;
  });
  return parts;
}

std::vector<Tensor>
SlicePartials::targets(const Tensor &slice, const std::vector<RowPart> &parts,
                       const std::optional<unsigned> &tile) {
  if (parts.size() == 1)
    return {slice};
  Combined c{{}, slice, tile};
  for (const RowPart &part : parts) {
    Tensor partial = graph.addVariable(
        slice.elementType(), {slice.numElements()}, {debugContext, "partial"});
    if (part.tile)
      graph.setTileMapping(partial, *part.tile);
    c.partials.push_back(partial);
  }
  combined.push_back(c);
  return combined.back().partials;
}

void SlicePartials::combine(program::Sequence &prog, const std::string &name) {
  if (combined.empty())
    return;
  const std::string vertexType = poputil::templateVertex(
      "popops::CombineSlices", combined.front().slice.elementType());
  requireCodelet(graph, vertexType, name);
  ComputeSet cs = graph.addComputeSet({debugContext, "combine"});
  for (const Combined &c : combined) {
    VertexRef v = graph.addVertex(cs, vertexType);
    graph.connect(v["partials"], concat(c.partials));
    graph.connect(v["out"], c.slice);
    graph.setInitialValue(v["numPartials"], unsigned(c.partials.size()));
    placeVertex(graph, v, c.tile);
  }
  prog.add(program::Execute(cs, {debugContext, "combine"}));
}

std::vector<std::pair<std::size_t, std::size_t>>
splitRange(std::size_t begin, std::size_t end, std::size_t pieces) {
  std::vector<std::pair<std::size_t, std::size_t>> result;
  const std::size_t n = end - begin;
  pieces = std::max<std::size_t>(1, std::min(pieces, n));
  for (std::size_t i = 0; i < pieces; ++i)
    result.emplace_back(begin + n * i / pieces, begin + n * (i + 1) / pieces);
  return result;
}

Tensor columnsOf(const Tensor &rows2d, const ColumnPiece &piece) {
  if (piece.columns.size() == 1)
    return rows2d.slice(piece.columns.front(), 1);
  return concat(rows2d.slices(piece.columns, 1), 1);
}

/// A [numRows, width] variable for one piece, whole on `tile` or split by
/// rows over tiles firstTile, firstTile + 1, ...
static Tensor pieceVariable(Graph &graph, const Type &type, std::size_t numRows,
                            std::size_t width,
                            const std::optional<unsigned> &tile,
                            std::size_t rowSplit, std::size_t firstTile,
                            const DebugContext &debugContext) {
  if (rowSplit <= 1) {
    Tensor var = graph.addVariable(type, {numRows, width}, debugContext);
    if (tile)
      graph.setTileMapping(var, *tile);
    return var;
  }
  std::vector<Tensor> parts;
  for (std::size_t p = 0; p < rowSplit; ++p) {
    const std::size_t begin = numRows * p / rowSplit;
    const std::size_t end = numRows * (p + 1) / rowSplit;
    Tensor var = graph.addVariable(type, {end - begin, width}, debugContext);
    graph.setTileMapping(var, unsigned(firstTile + p));
    parts.push_back(var);
  }
  return concat(parts, 0);
}

Tensor createLaidOutLike(Graph &graph, const Type &type, std::size_t numRows,
                         std::size_t numColumns,
                         const std::vector<ColumnPiece> &pieces,
                         const DebugContext &debugContext,
                         std::size_t rowSplit) {
  if (numRows == 0 || numColumns == 0 || pieces.empty())
    return graph.addVariable(type, {numRows, numColumns}, debugContext);
  // Each piece's variable, then its column intervals in column order.
  std::vector<std::pair<std::size_t, Tensor>> byColumn;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const ColumnPiece &piece = pieces[i];
    std::size_t width = 0;
    for (const Interval &iv : piece.columns)
      width += iv.size();
    Tensor var = pieceVariable(graph, type, numRows, width, piece.tile,
                               rowSplit, i * rowSplit, debugContext);
    std::size_t at = 0;
    for (const Interval &iv : piece.columns) {
      byColumn.emplace_back(iv.begin(), var.slice(at, at + iv.size(), 1));
      at += iv.size();
    }
  }
  std::sort(byColumn.begin(), byColumn.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
  std::vector<Tensor> parts;
  for (auto &[column, part] : byColumn)
    parts.push_back(part);
  return concat(parts, 1);
}

std::vector<ColumnPiece> spreadColumns(const Graph &graph, const Type &type,
                                       std::size_t numColumns,
                                       std::size_t minGrain) {
  std::vector<ColumnPiece> pieces;
  const Target &target = graph.getTarget();
  const std::size_t grain =
      std::max<std::size_t>({minGrain, 1, target.getVectorWidth(type)});
  const std::size_t tiles = target.getNumTiles();
  std::size_t perTile = (numColumns + tiles - 1) / tiles;
  perTile = std::max(grain, (perTile + grain - 1) / grain * grain);
  for (std::size_t begin = 0, tile = 0; begin < numColumns;
       begin += perTile, ++tile)
    pieces.push_back(
        {unsigned(tile),
         {Interval(begin, std::min(numColumns, begin + perTile))}});
  return pieces;
}

Type copyType(const Graph &graph, const Type &type,
              const std::string &operation) {
  switch (graph.getTarget().getTypeSize(type)) {
  case 1:
    return UNSIGNED_CHAR;
  case 2:
    return UNSIGNED_SHORT;
  case 4:
    return UNSIGNED_INT;
  case 8:
    return UNSIGNED_LONGLONG;
  default:
    throw poputil::poplibs_error(operation + ": tensors of type " +
                                 type.toString() + " cannot be sliced");
  }
}

std::string listString(const std::vector<std::size_t> &values) {
  std::string s = "{";
  for (std::size_t i = 0; i < values.size(); ++i)
    s += (i ? "," : "") + std::to_string(values[i]);
  return s + "}";
}

void checkDimsAndSizes(const std::vector<std::size_t> &shape,
                       const std::vector<std::size_t> &dims,
                       const std::vector<std::size_t> &sizes,
                       const std::string &name) {
  const std::string shapeText = "a tensor of shape " + listString(shape);
  if (dims.size() != sizes.size())
    throw poputil::poplibs_error(
        name + ": dims " + listString(dims) + " and sizes " +
        listString(sizes) + " must have one entry each per sliced dimension");
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] >= shape.size())
      throw poputil::poplibs_error(name + ": dimension " +
                                   std::to_string(dims[i]) +
                                   " does not exist in " + shapeText);
    if (std::count(dims.begin(), dims.end(), dims[i]) > 1)
      throw poputil::poplibs_error(
          name + ": dimension " + std::to_string(dims[i]) +
          " is listed twice in dims " + listString(dims));
    if (sizes[i] > shape[dims[i]])
      throw poputil::poplibs_error(
          name + ": a slice of " + std::to_string(sizes[i]) +
          " elements does not fit dimension " + std::to_string(dims[i]) +
          " of " + shapeText);
  }
}

void checkDimsAndSizes(const Tensor &t, const std::vector<std::size_t> &dims,
                       const std::vector<std::size_t> &sizes,
                       const std::string &name) {
  checkDimsAndSizes(t.shape(), dims, sizes, name);
}

std::vector<std::size_t> slicedShape(std::vector<std::size_t> shape,
                                     const std::vector<std::size_t> &dims,
                                     const std::vector<std::size_t> &sizes) {
  for (std::size_t i = 0; i < dims.size(); ++i)
    shape[dims[i]] = sizes[i];
  return shape;
}

} // namespace detail

using namespace detail;

Tensor createSliceableTensor(Graph &graph, const Type &type,
                             const std::vector<size_t> &shape,
                             const std::vector<size_t> &dims,
                             const std::vector<size_t> &sizes,
                             std::size_t minGrainSize,
                             const DebugContext &debugContext) {
  const std::string name =
      operationName(debugContext, "popops::createSliceableTensor");
  checkDimsAndSizes(shape, dims, sizes, name);
  std::size_t rows = 1, columns = 1;
  for (unsigned d = 0; d < shape.size(); ++d)
    (std::find(dims.begin(), dims.end(), d) != dims.end() ? rows : columns) *=
        shape[d];
  const std::vector<ColumnPiece> pieces =
      spreadColumns(graph, type, columns, minGrainSize);
  // Rows are split over further tiles when a piece would otherwise hold
  // more than a tenth of a tile's memory.
  std::size_t rowSplit = 1;
  if (!pieces.empty() && rows > 1) {
    const Target &target = graph.getTarget();
    const std::size_t pieceBytes =
        rows * pieces.front().columns.front().size() * target.getTypeSize(type);
    const std::size_t budget = target.getBytesPerTile() / 10;
    rowSplit = std::min({rows, target.getNumTiles() / pieces.size(),
                         (pieceBytes + budget - 1) / budget});
    rowSplit = std::max<std::size_t>(rowSplit, 1);
  }
  Tensor rows2d = createLaidOutLike(graph, type, rows, columns, pieces,
                                    debugContext, rowSplit);
  return fromRows(rows2d, shape, dims);
}

Tensor createSliceableTensor(Graph &graph, const Type &type,
                             const std::vector<size_t> &shape,
                             const std::vector<size_t> &dims,
                             const std::vector<size_t> &sizes,
                             const SlicePlan &, const OptionFlags &options,
                             const DebugContext &debugContext) {
  parseSliceOptions(options, "popops::createSliceableTensor");
  return createSliceableTensor(graph, type, shape, dims, sizes, 0,
                               debugContext);
}

/// [numIndices, sliced shape] with every slice's rows laid out as `pieces`.
static Tensor createSlices(
    Graph &graph, const Type &type, const std::vector<std::size_t> &shape,
    const std::vector<std::size_t> &dims, const std::vector<std::size_t> &sizes,
    std::size_t numIndices, const std::vector<ColumnPiece> &pieces,
    std::size_t columns, const DebugContext &debugContext) {
  std::size_t sliceRows = 1;
  for (std::size_t s : sizes)
    sliceRows *= s;
  Tensor rows2d = createLaidOutLike(graph, type, numIndices * sliceRows,
                                    columns, pieces, debugContext);
  // One more outer dimension for the indices, sliced like dimension 0.
  std::vector<std::size_t> outShape = slicedShape(shape, dims, sizes);
  outShape.insert(outShape.begin(), numIndices);
  std::vector<std::size_t> outDims{0};
  for (std::size_t d : dims)
    outDims.push_back(d + 1);
  return fromRows(rows2d, outShape, outDims);
}

Tensor createSliceTensor(Graph &graph, const Tensor &t,
                         const std::vector<size_t> &dims,
                         const std::vector<size_t> &sizes,
                         std::size_t numIndices,
                         const DebugContext &debugContext) {
  const std::string name =
      operationName(debugContext, "popops::createSliceTensor");
  checkDimsAndSizes(t, dims, sizes, name);
  const Tensor rows2d = toRows(t, dims);
  return createSlices(graph, t.elementType(), t.shape(), dims, sizes,
                      numIndices, columnPieces(graph, rows2d), rows2d.dim(1),
                      debugContext);
}

Tensor createSliceTensor(Graph &graph, const Type &type,
                         const std::vector<std::size_t> &shape,
                         const std::vector<std::size_t> &dims,
                         const std::vector<std::size_t> &sizes,
                         std::size_t numIndices, const SlicePlan &,
                         const OptionFlags &options,
                         const DebugContext &debugContext) {
  const std::string name =
      operationName(debugContext, "popops::createSliceTensor");
  parseSliceOptions(options, name);
  // The same columns as createSliceableTensor gives these arguments.
  std::size_t columns = 1;
  for (unsigned d = 0; d < shape.size(); ++d)
    if (std::find(dims.begin(), dims.end(), d) == dims.end())
      columns *= shape[d];
  checkDimsAndSizes(shape, dims, sizes, name);
  return createSlices(graph, type, shape, dims, sizes, numIndices,
                      spreadColumns(graph, type, columns, 0), columns,
                      debugContext);
}

Tensor createIndicesTensor(Graph &graph, const std::vector<std::size_t> &dims,
                           std::size_t numIndices, const SlicePlan &,
                           const OptionFlags &options,
                           const DebugContext &debugContext) {
  parseSliceOptions(options, "popops::createIndicesTensor");
  Tensor indices =
      graph.addVariable(UNSIGNED_INT, {numIndices, dims.size()}, debugContext);
  poputil::mapTensorLinearly(graph, indices);
  return indices;
}

Tensor createSliceableTensorFromSlice(Graph &graph, const Tensor &s,
                                      const std::vector<std::size_t> &dims,
                                      const std::vector<std::size_t> &numSlices,
                                      const DebugContext &debugContext) {
  const std::string name =
      operationName(debugContext, "popops::createSliceableTensorFromSlice");
  checkDimsAndSizes(s, dims, std::vector<std::size_t>(numSlices.size(), 0),
                    name);
  std::vector<std::size_t> shape = s.shape();
  std::size_t rows = 1;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    shape[dims[i]] *= numSlices[i];
    rows *= shape[dims[i]];
  }
  const Tensor slice2d = toRows(s, dims);
  Tensor rows2d =
      createLaidOutLike(graph, s.elementType(), rows, slice2d.dim(1),
                        columnPieces(graph, slice2d), debugContext);
  return fromRows(rows2d, shape, dims);
}

} // namespace popops
