// popops::multiSlice and the multiUpdate family: many single-element-wide
// slices at offsets read on the device. The sliced dimensions become the
// rows of a 2-D view; every tile-local column piece gets one vertex that
// reads all offsets and moves its own columns of every slice, in index
// order, so repeated indices accumulate (add, max) or the last one wins.
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

enum class Kind { Slice, Update, Add, Max };

/// offsets as [numIndices, dims.size()], after checking its type and shape.
Tensor checkedOffsets(const Tensor &offsets,
                      const std::vector<std::size_t> &dims,
                      const std::string &name) {
  if (offsets.elementType() != UNSIGNED_INT)
    throw poputil::poplibs_error(name +
                                 ": the offsets tensor must be of type "
                                 "unsigned int, not " +
                                 offsets.elementType().toString());
  if (offsets.rank() == 1 && dims.size() == 1)
    return offsets.expand({1});
  if (offsets.rank() != 2 || offsets.dim(1) != dims.size())
    throw poputil::poplibs_error(
        name + ": the offsets tensor must have shape {numIndices," +
        std::to_string(dims.size()) + "} (one offset per sliced dimension " +
        listString(dims) + "), not " + offsets.shapeToString());
  return offsets;
}

void checkSizes(const Tensor &t, const std::vector<std::size_t> &dims,
                const std::vector<std::size_t> &sizes,
                const std::string &name) {
  checkDimsAndSizes(t, dims, sizes, name);
  if (dims.empty())
    throw poputil::poplibs_error(name + ": at least one dimension to slice "
                                        "must be given");
  for (std::size_t size : sizes)
    if (size != 1)
      throw poputil::poplibs_error(
          name + ": every slice size must be 1, but sizes are " +
          listString(sizes) + "; use dynamicSlice for wider slices");
}

/// The shape of multiSlice's result.
std::vector<std::size_t> slicesShape(const Tensor &t,
                                     const std::vector<std::size_t> &dims,
                                     std::size_t numIndices) {
  std::vector<std::size_t> shape =
      slicedShape(t.shape(), dims, std::vector<std::size_t>(dims.size(), 1));
  shape.insert(shape.begin(), numIndices);
  return shape;
}

/// The rows view [numIndices, columns] of a tensor of slicesShape.
Tensor slicesRows(const Tensor &s, const std::vector<std::size_t> &dims) {
  std::vector<std::size_t> outDims{0};
  for (std::size_t d : dims)
    outDims.push_back(d + 1);
  return toRows(s, outDims);
}

std::string vertexTypeOf(Kind kind, const Type &dataType,
                         const Type &copyTypeValue, const Type &scaleType) {
  switch (kind) {
  case Kind::Slice:
    return poputil::templateVertex("popops::MultiSlice", copyTypeValue);
  case Kind::Update:
    return poputil::templateVertex("popops::MultiUpdate", copyTypeValue);
  case Kind::Add:
    return poputil::templateVertex("popops::MultiUpdateAdd", dataType,
                                   scaleType);
  case Kind::Max:
    return poputil::templateVertex("popops::MultiUpdateMax", dataType);
  }
  return "";
}

/// One vertex per column piece of t's rows view, moving between t and the
/// slices `s` (rows view [numIndices, columns]).
void addSliceVertices(Graph &graph, Kind kind, const Tensor &t,
                      const Tensor &s2d, const Tensor &offsets,
                      const std::vector<std::size_t> &dims, const Tensor *scale,
                      bool remap, Sequence &prog,
                      const DebugContext &debugContext,
                      const std::string &name) {
  const Tensor t2d = toRows(t, dims);
  if (t2d.numElements() == 0 || s2d.numElements() == 0)
    return;
  const bool copies = kind == Kind::Slice || kind == Kind::Update;
  const Type moved =
      copies ? copyType(graph, t.elementType(), name) : t.elementType();
  const std::string vertexType = vertexTypeOf(
      kind, t.elementType(), moved, scale ? scale->elementType() : FLOAT);
  requireCodelet(graph, vertexType, name);
  std::vector<unsigned> dimSizes;
  for (std::size_t d : dims)
    dimSizes.push_back(unsigned(t.dim(d)));
  ComputeSet cs = graph.addComputeSet({debugContext, "multi"});
  SlicePartials partials(graph, debugContext);
  const Tensor flatOffsets = offsets.flatten();
  const unsigned workers = graph.getTarget().getNumWorkerContexts();
  for (const ColumnPiece &piece : columnPieces(graph, t2d)) {
    const Tensor baseCols = columnsOf(t2d, piece).reinterpret(moved);
    const Tensor subCols = columnsOf(s2d, piece).reinterpret(moved).flatten();
    const std::vector<RowPart> parts = rowParts(graph, baseCols, piece.tile);
    const std::vector<Tensor> targets =
        kind == Kind::Slice ? partials.targets(subCols, parts, piece.tile)
                            : std::vector<Tensor>(parts.size(), subCols);
    for (std::size_t p = 0; p < parts.size(); ++p) {
      // Workers share a part: slices split the indices (each writes its
      // own slice rows), updates split the rows (each writes its own).
      const bool byIndex = kind == Kind::Slice;
      const std::size_t numIndices = offsets.dim(0), k = offsets.dim(1);
      const auto chunks =
          byIndex ? splitRange(0, numIndices, workers)
                  : splitRange(parts[p].begin, parts[p].end, workers);
      for (const auto &[b, e] : chunks) {
        const std::size_t rowBegin = byIndex ? parts[p].begin : b;
        const std::size_t rowEnd = byIndex ? parts[p].end : e;
        const std::size_t width = baseCols.dim(1);
        VertexRef v = graph.addVertex(cs, vertexType);
        graph.connect(v["offsets"],
                      byIndex ? flatOffsets.slice(b * k, e * k) : flatOffsets);
        graph.connect(v["baseT"], baseCols.slice(rowBegin, rowEnd).flatten());
        graph.connect(v["subT"], byIndex
                                     ? targets[p].slice(b * width, e * width)
                                     : targets[p]);
        if (scale)
          graph.connect(v["scale"], scale->reshape({}));
        graph.setInitialValue(v["dimSizes"], ArrayRef<unsigned>(dimSizes));
        graph.setInitialValue(v["numBaseElements"], unsigned(t2d.dim(0)));
        graph.setInitialValue(v["baseOffset"], unsigned(rowBegin));
        graph.setInitialValue(v["numHeldRows"], unsigned(rowEnd - rowBegin));
        graph.setInitialValue(v["regionSize"], unsigned(width));
        graph.setInitialValue(v["remapOutOfBound"], remap);
        placeVertex(graph, v, parts[p].tile);
      }
    }
  }
  prog.add(Execute(cs, {debugContext, "multi"}));
  partials.combine(prog, name);
}

/// When `validate` (and indices are not remapped), programs that stop the
/// run naming `name` if an index vector of `offsets` is out of range.
void addIndexValidation(Graph &graph, const Tensor &t, const Tensor &offsets,
                        const std::vector<std::size_t> &dims,
                        const SliceOptions &options, bool validate,
                        program::Sequence &prog,
                        const DebugContext &debugContext,
                        const std::string &name) {
  if (!validate || options.remapOutOfBoundIndices || offsets.numElements() == 0)
    return;
  requireCodelet(graph, "popops::CheckIndices", name);
  std::vector<unsigned> dimSizes;
  for (std::size_t d : dims)
    dimSizes.push_back(unsigned(t.dim(d)));
  Tensor invalid = graph.addVariable(BOOL, {}, {debugContext, "invalid"});
  graph.setTileMapping(invalid, 0);
  ComputeSet cs = graph.addComputeSet({debugContext, "validateIndices"});
  VertexRef v =
      graph.addVertex(cs, "popops::CheckIndices",
                      {{"offsets", offsets.flatten()}, {"invalid", invalid}});
  graph.setInitialValue(v["dimSizes"], ArrayRef<unsigned>(dimSizes));
  graph.setInitialValue(v["allowPadding"], options.paddingIndexUsed);
  graph.setTileMapping(v, 0);
  prog.add(program::Execute(cs, {debugContext, "validateIndices"}));
  prog.add(program::AbortOnCondition(
      invalid,
      name + ": an index is out of range for a tensor of shape " +
          t.shapeToString() + " sliced along dims " + listString(dims),
      {debugContext, "validateIndices"}));
}

void checkUpdateOperand(const Tensor &t, const Tensor &s,
                        const std::vector<std::size_t> &dims,
                        std::size_t numIndices, const std::string &name) {
  if (s.elementType() != t.elementType())
    throw poputil::poplibs_error(
        name + ": the slices have type " + s.elementType().toString() +
        " but the updated tensor has type " + t.elementType().toString());
  const std::vector<std::size_t> want = slicesShape(t, dims, numIndices);
  if (s.shape() != want)
    throw poputil::poplibs_error(
        name + ": the slices have shape " + s.shapeToString() + " but " +
        std::to_string(numIndices) + " indices into a tensor of shape " +
        t.shapeToString() + " along dims " + listString(dims) + " need " +
        listString(want));
}

void checkArithmeticType(const Tensor &t, const std::string &name) {
  const Type type = t.elementType();
  if (type != FLOAT && type != HALF && type != INT && type != UNSIGNED_INT)
    throw poputil::poplibs_error(name + ": tensors of type " + type.toString() +
                                 " are not supported; use float, half, int "
                                 "or unsigned int");
}

void multiUpdateOp(Graph &graph, Kind kind, const Tensor &t, const Tensor &s,
                   const Tensor &offsets, const Tensor *scale,
                   const std::vector<std::size_t> &dims,
                   const std::vector<std::size_t> &sizes, Sequence &prog,
                   const SlicePlan &plan, const OptionFlags &options,
                   const DebugContext &debugContext, const std::string &name) {
  const Tensor offsets2d = checkedOffsets(offsets, dims, name);
  checkSizes(t, dims, sizes, name);
  checkUpdateOperand(t, s, dims, offsets2d.dim(0), name);
  if (kind == Kind::Add || kind == Kind::Max)
    checkArithmeticType(t, name);
  const SliceOptions parsed = parseSliceOptions(options, name);
  addIndexValidation(graph, t, offsets2d, dims, parsed,
                     parsed.validateIndices || plan.getImpl().validateIndices,
                     prog, debugContext, name);
  addSliceVertices(graph, kind, t, slicesRows(s, dims), offsets2d, dims, scale,
                   parsed.remapOutOfBoundIndices, prog, debugContext, name);
}

Tensor constantOffsets(Graph &graph, ArrayRef<unsigned> offsets,
                       const DebugContext &debugContext) {
  Tensor c = graph.addConstant(UNSIGNED_INT, {offsets.size(), 1},
                               offsets.data(), {debugContext, "offsets"});
  graph.setTileMapping(c, 0);
  return c;
}

} // namespace

Tensor multiSlice(Graph &graph, const Tensor &t, const Tensor &offsets,
                  const std::vector<std::size_t> &dims,
                  const std::vector<std::size_t> &sizes, Sequence &prog,
                  const SlicePlan &plan, const OptionFlags &options,
                  const DebugContext &debugContext) {
  const std::string name = operationName(debugContext, "popops::multiSlice");
  const Tensor offsets2d = checkedOffsets(offsets, dims, name);
  checkSizes(t, dims, sizes, name);
  const SliceOptions parsed = parseSliceOptions(options, name);
  const bool remap = parsed.remapOutOfBoundIndices;
  addIndexValidation(graph, t, offsets2d, dims, parsed,
                     parsed.validateIndices || plan.getImpl().validateIndices,
                     prog, debugContext, name);
  Tensor out = createSliceTensor(graph, t, dims, sizes, offsets2d.dim(0),
                                 {debugContext, "output"});
  addSliceVertices(graph, Kind::Slice, t, slicesRows(out, dims), offsets2d,
                   dims, nullptr, remap, prog, debugContext, name);
  return out;
}

Tensor multiSlice(Graph &graph, const Tensor &t, ArrayRef<unsigned> offsets,
                  std::size_t dim, Sequence &prog,
                  const DebugContext &debugContext,
                  const OptionFlags &optionFlags) {
  return multiSlice(graph, t, constantOffsets(graph, offsets, debugContext),
                    {dim}, {1}, prog, SlicePlan(), optionFlags, debugContext);
}

void multiUpdate(Graph &graph, const Tensor &t, const Tensor &s,
                 const Tensor &offsets, const std::vector<std::size_t> &dims,
                 const std::vector<std::size_t> &sizes, Sequence &prog,
                 const SlicePlan &plan, const OptionFlags &options,
                 const DebugContext &debugContext) {
  multiUpdateOp(graph, Kind::Update, t, s, offsets, nullptr, dims, sizes, prog,
                plan, options, debugContext,
                operationName(debugContext, "popops::multiUpdate"));
}

void multiUpdateAdd(Graph &graph, const Tensor &t, const Tensor &s,
                    const Tensor &offsets, const Tensor &scale,
                    const std::vector<std::size_t> &dims,
                    const std::vector<std::size_t> &sizes, Sequence &prog,
                    const SlicePlan &plan, const OptionFlags &options,
                    const DebugContext &debugContext) {
  const std::string name =
      operationName(debugContext, "popops::multiUpdateAdd");
  const Type type = t.elementType();
  const bool scaleTypeOk = scale.elementType() == type ||
                           (type == HALF && scale.elementType() == FLOAT);
  if (!scaleTypeOk)
    throw poputil::poplibs_error(
        name + ": the scale has type " + scale.elementType().toString() +
        " but tensors of type " + type.toString() + " need a scale of type " +
        type.toString() + (type == HALF ? " or float" : ""));
  if (scale.numElements() != 1)
    throw poputil::poplibs_error(name +
                                 ": the scale must have one element, "
                                 "but its shape is " +
                                 scale.shapeToString());
  multiUpdateOp(graph, Kind::Add, t, s, offsets, &scale, dims, sizes, prog,
                plan, options, debugContext, name);
}

void multiUpdateAdd(Graph &graph, const Tensor &t, const Tensor &s,
                    ArrayRef<unsigned> offsets, const Tensor &scale,
                    std::size_t dim, Sequence &prog,
                    const DebugContext &debugContext,
                    const OptionFlags &optionFlags) {
  multiUpdateAdd(graph, t, s, constantOffsets(graph, offsets, debugContext),
                 scale, {dim}, {1}, prog, SlicePlan(), optionFlags,
                 debugContext);
}

void multiUpdateMax(Graph &graph, const Tensor &t, const Tensor &s,
                    const Tensor &offsets, const std::vector<std::size_t> &dims,
                    const std::vector<std::size_t> &sizes, Sequence &prog,
                    const SlicePlan &plan, const OptionFlags &options,
                    const DebugContext &debugContext) {
  multiUpdateOp(graph, Kind::Max, t, s, offsets, nullptr, dims, sizes, prog,
                plan, options, debugContext,
                operationName(debugContext, "popops::multiUpdateMax"));
}

} // namespace popops
