// popops::dynamicSlice and dynamicUpdate: one slice at offsets read on the
// device. A slice over several dimensions is taken one dimension at a time;
// each step runs one vertex per tile-local column piece of the tensor,
// which reads the offset and copies its own columns, so a tensor from
// createSliceableTensor is sliced with no exchange of its elements.
#include <popops/DynamicSlice.hpp>

#include "DynamicSliceInternal.hpp"
#include "OperationPlacement.hpp"

#include <poplar/exceptions.hpp>
#include <poputil/VertexTemplates.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;
using namespace popops::detail;

namespace popops {

namespace {

void checkOffset(const Tensor &offset, const std::vector<std::size_t> &dims,
                 const std::string &name) {
  if (offset.elementType() != UNSIGNED_INT)
    throw poputil::poplibs_error(name +
                                 ": the offset tensor must be of type "
                                 "unsigned int, not " +
                                 offset.elementType().toString());
  const bool scalarForOneDim =
      dims.size() == 1 && offset.numElements() == 1 && offset.rank() <= 1;
  if (!scalarForOneDim && (offset.rank() != 1 || offset.dim(0) != dims.size()))
    throw poputil::poplibs_error(
        name + ": the offset tensor must have shape {" +
        std::to_string(dims.size()) + "} (one offset per sliced dimension " +
        listString(dims) + "), not " + offset.shapeToString());
}

/// Copies between `base` rows [offset, offset + size) (wrapping) and `sub`,
/// slicing along dimension `dim`: one vertex per column piece of base.
void sliceOneDim(Graph &graph, const Tensor &base, const Tensor &sub,
                 const Tensor &offset, std::size_t dim, bool update, bool remap,
                 Sequence &prog, const DebugContext &debugContext,
                 const std::string &name) {
  const Tensor base2d = toRows(base, {dim});
  const Tensor sub2d = toRows(sub, {dim});
  if (base2d.numElements() == 0 || sub2d.numElements() == 0)
    return;
  const Type type = copyType(graph, base.elementType(), name);
  const std::string vertexType = poputil::templateVertex(
      update ? "popops::DynamicUpdateSlice2D" : "popops::DynamicSlice2D", type);
  requireCodelet(graph, vertexType, name);
  ComputeSet cs =
      graph.addComputeSet({debugContext, update ? "update" : "slice"});
  SlicePartials partials(graph, debugContext);
  const unsigned workers = graph.getTarget().getNumWorkerContexts();
  for (const ColumnPiece &piece : columnPieces(graph, base2d)) {
    const Tensor baseCols = columnsOf(base2d, piece).reinterpret(type);
    const Tensor subCols = columnsOf(sub2d, piece).reinterpret(type).flatten();
    const std::vector<RowPart> parts = rowParts(graph, baseCols, piece.tile);
    const std::vector<Tensor> targets =
        update ? std::vector<Tensor>(parts.size(), subCols)
               : partials.targets(subCols, parts, piece.tile);
    for (std::size_t p = 0; p < parts.size(); ++p) {
      // Updates spread a part's rows over the workers; a slice's rows may
      // come from anywhere in the part, so one vertex writes them.
      for (const auto &[rowBegin, rowEnd] :
           update ? splitRange(parts[p].begin, parts[p].end, workers)
                  : splitRange(parts[p].begin, parts[p].end, 1)) {
        VertexRef v = graph.addVertex(cs, vertexType);
        graph.connect(v["offset"], offset.reshape({}));
        graph.connect(v["baseT"], baseCols.slice(rowBegin, rowEnd).flatten());
        graph.connect(v["subT"], targets[p]);
        graph.setInitialValue(v["numBaseElements"], unsigned(base2d.dim(0)));
        graph.setInitialValue(v["baseOffset"], unsigned(rowBegin));
        graph.setInitialValue(v["numHeldRows"], unsigned(rowEnd - rowBegin));
        graph.setInitialValue(v["numSubElements"], unsigned(sub2d.dim(0)));
        graph.setInitialValue(v["regionSize"], unsigned(baseCols.dim(1)));
        graph.setInitialValue(v["remapOutOfBound"], remap);
        placeVertex(graph, v, parts[p].tile);
      }
    }
  }
  prog.add(Execute(cs, {debugContext, update ? "update" : "slice"}));
  partials.combine(prog, name);
}

/// A new tensor for `t` sliced to `size` along `dim`, every slice row laid
/// out as t's first.
Tensor createStep(Graph &graph, const Tensor &t, std::size_t dim,
                  std::size_t size, const DebugContext &debugContext) {
  const Tensor t2d = toRows(t, {dim});
  const Tensor rows2d =
      createLaidOutLike(graph, t.elementType(), size, t2d.dim(1),
                        columnPieces(graph, t2d), debugContext);
  return fromRows(rows2d, slicedShape(t.shape(), {dim}, {size}), {dim});
}

Tensor offsetOf(const Tensor &offset, std::size_t i) {
  return offset.flatten()[i];
}

void checkSlice(const Tensor &t, const Tensor &offset,
                const std::vector<std::size_t> &dims,
                const std::vector<std::size_t> &sizes,
                const std::string &name) {
  checkOffset(offset, dims, name);
  checkDimsAndSizes(t, dims, sizes, name);
}

void checkSliceShape(const Tensor &t, const Tensor &s,
                     const std::vector<std::size_t> &dims,
                     const std::vector<std::size_t> &sizes,
                     const std::string &what, const std::string &name) {
  if (s.elementType() != t.elementType())
    throw poputil::poplibs_error(
        name + ": the " + what + " has type " + s.elementType().toString() +
        " but the sliced tensor has type " + t.elementType().toString());
  const std::vector<std::size_t> want = slicedShape(t.shape(), dims, sizes);
  if (s.shape() != want)
    throw poputil::poplibs_error(
        name + ": the " + what + " has shape " + s.shapeToString() +
        " but slices of sizes " + listString(sizes) + " along dims " +
        listString(dims) + " of a tensor of shape " + t.shapeToString() +
        " have shape " + listString(want));
}

} // namespace

void dynamicSliceWithOutput(Graph &graph, const Tensor &output, const Tensor &t,
                            const Tensor &offset,
                            const std::vector<std::size_t> &dims,
                            const std::vector<std::size_t> &sizes,
                            Sequence &prog, const DebugContext &debugContext,
                            const OptionFlags &options) {
  const std::string name =
      operationName(debugContext, "popops::dynamicSliceWithOutput");
  checkSlice(t, offset, dims, sizes, name);
  checkSliceShape(t, output, dims, sizes, "output", name);
  const bool remap = parseSliceOptions(options, name).remapOutOfBoundIndices;
  if (dims.empty()) {
    prog.add(Copy(t, output, false, debugContext));
    return;
  }
  Tensor current = t;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    const bool last = i + 1 == dims.size();
    Tensor next = last ? output
                       : createStep(graph, current, dims[i], sizes[i],
                                    {debugContext, "partial"});
    sliceOneDim(graph, current, next, offsetOf(offset, i), dims[i], false,
                remap, prog, debugContext, name);
    current = next;
  }
}

Tensor dynamicSlice(Graph &graph, const Tensor &t, const Tensor &offset,
                    const std::vector<std::size_t> &dims,
                    const std::vector<std::size_t> &sizes, Sequence &prog,
                    const DebugContext &debugContext,
                    const OptionFlags &options) {
  const std::string name = operationName(debugContext, "popops::dynamicSlice");
  checkSlice(t, offset, dims, sizes, name);
  parseSliceOptions(options, name);
  Tensor output =
      createSliceTensor(graph, t, dims, sizes, 1, {debugContext, "output"})
          .squeeze({0});
  dynamicSliceWithOutput(graph, output, t, offset, dims, sizes, prog,
                         debugContext, options);
  return output;
}

Graph::TileToTensorMapping
getSliceMapping(Graph &graph, const Tensor &t,
                const std::vector<std::size_t> &dims,
                const std::vector<std::size_t> &sizes) {
  checkDimsAndSizes(t, dims, sizes, "popops::getSliceMapping");
  // Every element of the slice goes where its column lives in t's first
  // slice: walk the slice's elements in its own row-major order.
  const Tensor t2d = toRows(t, dims);
  const std::size_t columns = t2d.dim(1);
  std::vector<int> tileOfColumn(columns, -1);
  for (const ColumnPiece &piece : columnPieces(graph, t2d))
    if (piece.tile)
      for (const Interval &iv : piece.columns)
        for (std::size_t c = iv.begin(); c < iv.end(); ++c)
          tileOfColumn[c] = int(*piece.tile);
  const std::vector<std::size_t> shape = slicedShape(t.shape(), dims, sizes);
  std::size_t numElements = 1;
  for (std::size_t d : shape)
    numElements *= d;
  Graph::TileToTensorMapping mapping(graph.getTarget().getNumTiles());
  std::vector<std::size_t> index(shape.size(), 0);
  for (std::size_t e = 0; e < numElements; ++e) {
    std::size_t column = 0;
    for (std::size_t d = 0; d < shape.size(); ++d)
      if (std::find(dims.begin(), dims.end(), d) == dims.end())
        column = column * shape[d] + index[d];
    if (tileOfColumn[column] >= 0) {
      auto &intervals = mapping[unsigned(tileOfColumn[column])];
      if (!intervals.empty() && intervals.back().end() == e)
        intervals.back() = Interval(intervals.back().begin(), e + 1);
      else
        intervals.emplace_back(e, e + 1);
    }
    for (std::size_t d = shape.size(); d-- > 0;)
      if (++index[d] < shape[d])
        break;
      else
        index[d] = 0;
  }
  return mapping;
}

void dynamicUpdate(Graph &graph, const Tensor &t, const Tensor &s,
                   const Tensor &offset, const std::vector<std::size_t> &dims,
                   const std::vector<std::size_t> &sizes, Sequence &prog,
                   const DebugContext &debugContext,
                   const OptionFlags &options) {
  const std::string name = operationName(debugContext, "popops::dynamicUpdate");
  checkSlice(t, offset, dims, sizes, name);
  checkSliceShape(t, s, dims, sizes, "update", name);
  const bool remap = parseSliceOptions(options, name).remapOutOfBoundIndices;
  if (dims.empty()) {
    prog.add(Copy(s, t, false, debugContext));
    return;
  }
  // Slice down to the innermost dimension, update it, then write each
  // partial slice back into the one it came from.
  std::vector<Tensor> partials{t};
  for (std::size_t i = 0; i + 1 < dims.size(); ++i) {
    Tensor next = createStep(graph, partials.back(), dims[i], sizes[i],
                             {debugContext, "partial"});
    sliceOneDim(graph, partials.back(), next, offsetOf(offset, i), dims[i],
                false, remap, prog, debugContext, name);
    partials.push_back(next);
  }
  Tensor update = s;
  for (std::size_t i = dims.size(); i-- > 0;) {
    sliceOneDim(graph, partials[i], update, offsetOf(offset, i), dims[i], true,
                remap, prog, debugContext, name);
    update = partials[i];
  }
}

} // namespace popops
