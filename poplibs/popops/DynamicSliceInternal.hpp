// What the slicing operations share: the 2-D "rows" view of a tensor (the
// sliced dimensions flattened into rows, the others into columns), the
// column pieces each tile's vertices work on, tensors laid out column piece
// by column piece, the slice options, and the plan's internal record.
#ifndef TESSEL_POPLIBS_POPOPS_DYNAMICSLICEINTERNAL_HPP
#define TESSEL_POPLIBS_POPOPS_DYNAMICSLICEINTERNAL_HPP

#include <poplar/Graph.hpp>
#include <poplar/Interval.hpp>
#include <poplar/OptionFlags.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace popops {

/// What a SlicePlan records. A null plan (the default) leaves every choice
/// to the operation; embedding::plan fills in the sizes it was made for.
class SlicePlanInternal {
public:
  bool isNull = true;
  std::string dataType;
  std::size_t groupSize = 1;
  std::size_t numEntries = 0;
  std::size_t outputSize = 0;
  std::vector<std::size_t> numLookups;
  bool usedForSlice = true;
  bool usedForUpdate = true;
  std::string operationForUpdate = "add";
  bool validateIndices = false;

  std::unique_ptr<SlicePlanInternal> clone() const {
    return std::make_unique<SlicePlanInternal>(*this);
  }
  auto key() const {
    return std::tie(isNull, dataType, groupSize, numEntries, outputSize,
                    numLookups, usedForSlice, usedForUpdate, operationForUpdate,
                    validateIndices);
  }
};

namespace detail {

/// The options every slicing operation accepts. Options that only steer
/// planning are checked and otherwise ignored: they change no result.
struct SliceOptions {
  bool remapOutOfBoundIndices = false;
  bool paddingIndexUsed = false;
  bool validateIndices = false;
  bool usedForSlice = true;
  bool usedForUpdate = true;
  std::string operationForUpdate = "add";
};

/// Parses `options`; an unknown name or a bad value is
/// poplar::invalid_option naming `operation` and the option.
SliceOptions parseSliceOptions(const poplar::OptionFlags &options,
                               const std::string &operation);

/// `t` with `dims` moved to the front (in that order) and the rest after
/// them in order, as [product of dims' sizes, product of the rest].
poplar::Tensor toRows(const poplar::Tensor &t,
                      const std::vector<std::size_t> &dims);

/// The inverse of toRows for a tensor of `shape` whose rows view is
/// `rows`: `rows` reshaped and shuffled back to `shape`.
poplar::Tensor fromRows(const poplar::Tensor &rows,
                        const std::vector<std::size_t> &shape,
                        const std::vector<std::size_t> &dims);

/// Columns one vertex works on: intervals of a rows view's columns, all on
/// one tile (or unmapped).
struct ColumnPiece {
  std::optional<unsigned> tile;
  std::vector<poplar::Interval> columns;
};

/// The columns of rows view `rows2d` by the tile holding them in its first
/// row: one piece per memory-contiguous region of the row on a tile.
std::vector<ColumnPiece> columnPieces(const poplar::Graph &graph,
                                      const poplar::Tensor &rows2d);

/// Rows [begin, end) of a rows view that one tile holds (for all columns
/// of a piece).
struct RowPart {
  std::optional<unsigned> tile;
  std::size_t begin, end;
};

/// The row ranges of a piece's columns ([rows, width], from columnsOf)
/// held by different tiles, judged by its first column: one part of every
/// row, on `tile`, when they share a tile (or are not all mapped).
std::vector<RowPart> rowParts(const poplar::Graph &graph,
                              const poplar::Tensor &pieceColumns,
                              const std::optional<unsigned> &tile);

/// Where the vertices of a piece's row parts write their slice rows: the
/// slice itself when there is one part, else one partial per part on the
/// part's tile, ORed into the slice by a second compute set (combine()).
class SlicePartials {
public:
  SlicePartials(poplar::Graph &graph, const poplar::DebugContext &debugContext)
      : graph(graph), debugContext(debugContext) {}
  /// The tensor each part's vertex writes; `slice` is flat, of the copy type.
  std::vector<poplar::Tensor> targets(const poplar::Tensor &slice,
                                      const std::vector<RowPart> &parts,
                                      const std::optional<unsigned> &tile);
  /// Adds the compute set combining the partials, if any were made.
  void combine(poplar::program::Sequence &prog, const std::string &name);

private:
  struct Combined {
    std::vector<poplar::Tensor> partials;
    poplar::Tensor slice;
    std::optional<unsigned> tile;
  };
  poplar::Graph &graph;
  poplar::DebugContext debugContext;
  std::vector<Combined> combined;
};

/// [begin, end) cut into at most `pieces` non-empty ranges of near-equal
/// size (one empty range when begin == end).
std::vector<std::pair<std::size_t, std::size_t>>
splitRange(std::size_t begin, std::size_t end, std::size_t pieces);

/// The columns `piece` names of every row of `rows2d`: [rows, width].
poplar::Tensor columnsOf(const poplar::Tensor &rows2d,
                         const ColumnPiece &piece);

/// A new [numRows, numColumns] tensor of `type` whose columns of each piece
/// are one variable on the piece's tile, stored row after row, so a vertex
/// sees them as one contiguous run. With rowSplit > 1 each piece's rows are
/// cut into that many ranges instead, piece i's range p on tile
/// i * rowSplit + p.
poplar::Tensor createLaidOutLike(poplar::Graph &graph, const poplar::Type &type,
                                 std::size_t numRows, std::size_t numColumns,
                                 const std::vector<ColumnPiece> &pieces,
                                 const poplar::DebugContext &debugContext,
                                 std::size_t rowSplit = 1);

/// Pieces splitting `numColumns` columns evenly over the graph's tiles in
/// whole grains of at least `minGrain` elements.
std::vector<ColumnPiece> spreadColumns(const poplar::Graph &graph,
                                       const poplar::Type &type,
                                       std::size_t numColumns,
                                       std::size_t minGrain);

/// The unsigned integer type of `type`'s size, which copying vertices move.
poplar::Type copyType(const poplar::Graph &graph, const poplar::Type &type,
                      const std::string &operation);

/// "{a,b,c}".
std::string listString(const std::vector<std::size_t> &values);

/// Checks dims are distinct dimensions of `shape` and sizes fit them.
void checkDimsAndSizes(const std::vector<std::size_t> &shape,
                       const std::vector<std::size_t> &dims,
                       const std::vector<std::size_t> &sizes,
                       const std::string &name);
/// The same for t's shape.
void checkDimsAndSizes(const poplar::Tensor &t,
                       const std::vector<std::size_t> &dims,
                       const std::vector<std::size_t> &sizes,
                       const std::string &name);

/// `shape` with sizes[i] along dims[i].
std::vector<std::size_t> slicedShape(std::vector<std::size_t> shape,
                                     const std::vector<std::size_t> &dims,
                                     const std::vector<std::size_t> &sizes);

} // namespace detail
} // namespace popops

#endif
