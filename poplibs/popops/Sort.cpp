// popops::sort and friends: the sort dimension is moved last and the tensor
// viewed as {rows, n}, whose rows SortRows sorts in place. The copying forms
// copy into a clone (laid out like the input) and sort that.
#include <popops/Sort.hpp>

#include "OperationPlacement.hpp"
#include "SortRows.hpp"

#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;

namespace popops {

namespace {

void checkDimension(const Tensor &t, unsigned dim, const std::string &name) {
  if (dim >= t.rank())
    throw poputil::poplibs_error(
        name + ": cannot sort along dimension " + std::to_string(dim) +
        " of a tensor of shape " + t.shapeToString() +
        "; the dimension must be less than " + std::to_string(t.rank()));
}

void checkWritable(const Tensor &t, const char *what, const std::string &name) {
  if (!t.isParallelWriteable())
    throw poputil::poplibs_error(
        name + ": cannot sort " + what + " of shape " + t.shapeToString() +
        " in place: it holds constants or elements aliased to each other "
        "(e.g. a broadcast); sort a copy instead");
}

void checkKeyValue(const Graph &graph, const Tensor &k, const Tensor &v,
                   unsigned dim, const std::string &name) {
  checkDimension(k, dim, name);
  detail::checkSortKeyType(k.elementType(), name);
  detail::checkSortValueType(graph, v.elementType(), name);
  if (k.shape() != v.shape())
    throw poputil::poplibs_error(name + ": the keys (shape " +
                                 k.shapeToString() + ") and values (shape " +
                                 v.shapeToString() +
                                 ") must have the same shape");
}

/// `t` with dimension `dim` last, viewed as {rows, t.dim(dim)}.
Tensor rowsAlong(const Tensor &t, unsigned dim) {
  const std::size_t n = t.dim(dim);
  const Tensor rolled = t.dimRoll(dim, t.rank() - 1);
  return rolled.reshape({n == 0 ? 0 : t.numElements() / n, n});
}

} // namespace

void sortInPlace(Graph &graph, const Tensor &t, unsigned dim, Sequence &prog,
                 const DebugContext &debugContext) {
  const std::string name =
      detail::operationName(debugContext, "popops::sortInPlace");
  checkDimension(t, dim, name);
  detail::checkSortKeyType(t.elementType(), name);
  checkWritable(t, "a tensor", name);
  detail::sortRowsInPlace(graph, rowsAlong(t, dim), std::nullopt, false, prog,
                          {debugContext, "sort"}, name);
}

Tensor sort(Graph &graph, const Tensor &t, unsigned dim, Sequence &prog,
            const DebugContext &debugContext) {
  const std::string name = detail::operationName(debugContext, "popops::sort");
  checkDimension(t, dim, name);
  detail::checkSortKeyType(t.elementType(), name);
  Tensor sorted = graph.clone(t, {debugContext, "sorted"});
  prog.add(Copy(t, sorted, false, {debugContext, "sort"}));
  detail::sortRowsInPlace(graph, rowsAlong(sorted, dim), std::nullopt, false,
                          prog, {debugContext, "sort"}, name);
  return sorted;
}

void sortKeyValueInPlace(Graph &graph, const Tensor &k, const Tensor &v,
                         unsigned dim, Sequence &prog,
                         const DebugContext &debugContext) {
  const std::string name =
      detail::operationName(debugContext, "popops::sortKeyValueInPlace");
  checkKeyValue(graph, k, v, dim, name);
  checkWritable(k, "keys", name);
  checkWritable(v, "values", name);
  detail::sortRowsInPlace(graph, rowsAlong(k, dim), rowsAlong(v, dim), false,
                          prog, {debugContext, "sortKeyValue"}, name);
}

Tensor sortKeyValue(Graph &graph, const Tensor &k, const Tensor &v,
                    unsigned dim, Sequence &prog,
                    const DebugContext &debugContext) {
  const std::string name =
      detail::operationName(debugContext, "popops::sortKeyValue");
  checkKeyValue(graph, k, v, dim, name);
  Tensor keys = graph.clone(k, {debugContext, "keys"});
  Tensor values = graph.clone(v, {debugContext, "sorted"});
  prog.add(Copy(k, keys, false, {debugContext, "sortKeyValue"}));
  prog.add(Copy(v, values, false, {debugContext, "sortKeyValue"}));
  detail::sortRowsInPlace(graph, rowsAlong(keys, dim), rowsAlong(values, dim),
                          false, prog, {debugContext, "sortKeyValue"}, name);
  return values;
}

} // namespace popops
