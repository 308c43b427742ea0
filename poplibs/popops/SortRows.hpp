// Sorting the rows of a matrix in place on the device, shared by popops::sort
// and popops::topK. A row that fits is sorted whole on the tile holding most
// of it (the compiler brings the rest there and back), each tile's rows
// shared among its workers; a longer row is sorted in chunks on their own
// tiles and then merged across tiles (SortRows.cpp).
#ifndef TESSEL_POPLIBS_POPOPS_SORTROWS_HPP
#define TESSEL_POPLIBS_POPOPS_SORTROWS_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

#include <optional>
#include <string>

namespace popops::detail {

/// Throws unless `type` is a key type the sort vertices compare.
void checkSortKeyType(const poplar::Type &type, const std::string &name);

/// Throws unless `type` can be permuted as values (1, 2 or 4 bytes).
void checkSortValueType(const poplar::Graph &graph, const poplar::Type &type,
                        const std::string &name);

/// Sorts every row of the {rows, n} tensor `keys` in place, stably, and
/// permutes the same rows of `values` (same shape) with their keys. With
/// `valuesArePositions`, `values` (UNSIGNED_INT) need not be initialised:
/// they start as the positions 0, 1, ... of the keys in their rows.
void sortRowsInPlace(poplar::Graph &graph, const poplar::Tensor &keys,
                     const std::optional<poplar::Tensor> &values,
                     bool descending, poplar::program::Sequence &prog,
                     const poplar::DebugContext &debugContext,
                     const std::string &name, bool valuesArePositions = false);

} // namespace popops::detail

#endif
