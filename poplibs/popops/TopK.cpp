// popops top-k: each innermost slice is copied and sorted whole (stably,
// largest first when the largest are wanted), the first k kept, and those k
// sorted once more when the requested order is the other way round.
#include <popops/TopK.hpp>

#include "OperationPlacement.hpp"
#include "SortRows.hpp"

#include <poputil/TileMapping.hpp>
#include <poputil/exceptions.hpp>

#include <optional>
#include <ostream>

using namespace poplar;
using namespace poplar::program;

namespace popops {

std::ostream &operator<<(std::ostream &os, const SortOrder &o) {
  switch (o) {
  case SortOrder::NONE:
    return os << "none";
  case SortOrder::ASCENDING:
    return os << "ascending";
  case SortOrder::DESCENDING:
    return os << "descending";
  }
  return os << "SortOrder(" << int(o) << ")";
}

TopKParams::TopKParams(unsigned k, bool largest, SortOrder sortOrder,
                       bool stableSort) noexcept
    : k(k), largest(largest), sortOrder(sortOrder), stableSort(stableSort) {}

std::ostream &operator<<(std::ostream &os, const TopKParams &p) {
  return os << "{k=" << p.k << ", largest=" << (p.largest ? "true" : "false")
            << ", sortOrder=" << p.sortOrder
            << ", stableSort=" << (p.stableSort ? "true" : "false") << "}";
}

namespace {

/// `t` viewed as {rows, innermost dimension}.
Tensor innermostRows(const Tensor &t) {
  const std::size_t n = t.dim(t.rank() - 1);
  return t.reshape({n == 0 ? 0 : t.numElements() / n, n});
}

std::string shapeString(const std::vector<std::size_t> &shape) {
  std::string text = "{";
  for (std::size_t i = 0; i < shape.size(); ++i)
    text += (i ? "," : "") + std::to_string(shape[i]);
  return text + "}";
}

void checkTopK(const Type &type, const std::vector<std::size_t> &shape,
               const TopKParams &params, const std::string &name) {
  if (shape.empty())
    throw poputil::poplibs_error(name + ": the tensor must have at least one "
                                        "dimension, but it is a scalar");
  detail::checkSortKeyType(type, name);
  if (params.k > shape.back())
    throw poputil::poplibs_error(
        name + ": cannot select k=" + std::to_string(params.k) +
        " elements from innermost slices of " + std::to_string(shape.back()) +
        " elements (shape " + shapeString(shape) + ")");
}

void checkTopK(const Tensor &t, const TopKParams &params,
               const std::string &name) {
  checkTopK(t.elementType(), t.shape(), params, name);
}

/// The top k of the working copies `keys` (and `values`), which it sorts.
/// With `valuesArePositions` the values start as the keys' positions.
std::pair<Tensor, std::optional<Tensor>>
selectTopK(Graph &graph, const Tensor &keys,
           const std::optional<Tensor> &values, const TopKParams &params,
           Sequence &prog, const DebugContext &debugContext,
           const std::string &name, bool valuesArePositions = false) {
  const std::optional<Tensor> valueRows =
      values ? std::optional(innermostRows(*values)) : std::nullopt;
  detail::sortRowsInPlace(graph, innermostRows(keys), valueRows, params.largest,
                          prog, {debugContext, "select"}, name,
                          valuesArePositions);
  const unsigned last = keys.rank() - 1;
  Tensor topKeys = keys.slice(0, params.k, last);
  std::optional<Tensor> topValues =
      values ? std::optional(values->slice(0, params.k, last)) : std::nullopt;
  const bool reorder =
      params.sortOrder ==
      (params.largest ? SortOrder::ASCENDING : SortOrder::DESCENDING);
  if (reorder)
    detail::sortRowsInPlace(
        graph, innermostRows(topKeys),
        topValues ? std::optional(innermostRows(*topValues)) : std::nullopt,
        !params.largest, prog, {debugContext, "order"}, name);
  return {topKeys, topValues};
}

/// A working copy of `t`, laid out like it.
Tensor copyOf(Graph &graph, const Tensor &t, Sequence &prog,
              const DebugContext &debugContext) {
  Tensor copy = graph.clone(t, debugContext);
  prog.add(Copy(t, copy, false, debugContext));
  return copy;
}

} // namespace

Tensor createTopKInput(Graph &graph, const Type &type,
                       const std::vector<std::size_t> &shape,
                       const TopKParams &params,
                       const DebugContext &debugContext) {
  const std::string name =
      detail::operationName(debugContext, "popops::createTopKInput");
  checkTopK(type, shape, params, name);
  Tensor t = graph.addVariable(type, shape, {debugContext, "topKInput"});
  const std::size_t n = shape.back();
  if (t.numElements() != 0)
    poputil::mapTensorLinearly(graph, t, unsigned(n), unsigned(n));
  return t;
}

Tensor topK(Graph &graph, Sequence &prog, const Tensor &t,
            const TopKParams &params, const DebugContext &debugContext) {
  const std::string name = detail::operationName(debugContext, "popops::topK");
  checkTopK(t, params, name);
  Tensor keys = copyOf(graph, t, prog, {debugContext, "keys"});
  return selectTopK(graph, keys, std::nullopt, params, prog, debugContext, name)
      .first;
}

std::pair<Tensor, Tensor> topKKeyValue(Graph &graph, Sequence &prog,
                                       const Tensor &keys, const Tensor &values,
                                       const TopKParams &params,
                                       const DebugContext &debugContext) {
  const std::string name =
      detail::operationName(debugContext, "popops::topKKeyValue");
  checkTopK(keys, params, name);
  detail::checkSortValueType(graph, values.elementType(), name);
  if (keys.shape() != values.shape())
    throw poputil::poplibs_error(name + ": the keys (shape " +
                                 keys.shapeToString() + ") and values (shape " +
                                 values.shapeToString() +
                                 ") must have the same shape");
  Tensor workKeys = copyOf(graph, keys, prog, {debugContext, "keys"});
  Tensor workValues = copyOf(graph, values, prog, {debugContext, "values"});
  auto [topKeys, topValues] =
      selectTopK(graph, workKeys, workValues, params, prog, debugContext, name);
  return {topKeys, *topValues};
}

std::pair<Tensor, Tensor>
topKWithPermutation(Graph &graph, Sequence &prog, const Tensor &t,
                    const TopKParams &params,
                    const DebugContext &debugContext) {
  const std::string name =
      detail::operationName(debugContext, "popops::topKWithPermutation");
  checkTopK(t, params, name);
  Tensor keys = copyOf(graph, t, prog, {debugContext, "keys"});
  // The sort vertices write each key's position before sorting.
  Tensor indices = graph.clone(UNSIGNED_INT, t, {debugContext, "indices"});
  auto [topKeys, topIndices] =
      selectTopK(graph, keys, indices, params, prog, debugContext, name, true);
  return {topKeys, *topIndices};
}

} // namespace popops
