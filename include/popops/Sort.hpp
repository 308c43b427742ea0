// popops sorting: the 1-D slices of a tensor along one dimension put in
// ascending order, by their own values or by a tensor of keys. Sorts are
// stable (equal keys keep their order) and exact; NaN keys go after every
// number, in their original order, and -0 and +0 are equal.
#ifndef POPOPS_SORT_HPP
#define POPOPS_SORT_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

namespace popops {

/// A new tensor holding `t` (FLOAT, HALF, INT or UNSIGNED_INT) with every
/// slice along dimension `dim` sorted into ascending order.
poplar::Tensor sort(poplar::Graph &graph, const poplar::Tensor &t, unsigned dim,
                    poplar::program::Sequence &prog,
                    const poplar::DebugContext &debugContext = {});

/// Sorts every slice of `t` along dimension `dim` in place.
void sortInPlace(poplar::Graph &graph, const poplar::Tensor &t, unsigned dim,
                 poplar::program::Sequence &prog,
                 const poplar::DebugContext &debugContext = {});

/// A new tensor holding `v` with the elements of every slice along `dim`
/// permuted as sorting the same slice of the keys `k` (same shape, FLOAT,
/// HALF, INT or UNSIGNED_INT) permutes them. `v` may be of any type of 1, 2
/// or 4 bytes. `k` and `v` must not alias.
poplar::Tensor sortKeyValue(poplar::Graph &graph, const poplar::Tensor &k,
                            const poplar::Tensor &v, unsigned dim,
                            poplar::program::Sequence &prog,
                            const poplar::DebugContext &debugContext = {});

/// Sorts the keys `k` in place and permutes `v` in place with them.
void sortKeyValueInPlace(poplar::Graph &graph, const poplar::Tensor &k,
                         const poplar::Tensor &v, unsigned dim,
                         poplar::program::Sequence &prog,
                         const poplar::DebugContext &debugContext = {});

} // namespace popops

#endif
