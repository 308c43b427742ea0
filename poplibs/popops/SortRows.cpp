// Rows to tiles, tiles' rows to workers, and the sort vertices.
#include "SortRows.hpp"

#include "OperationPlacement.hpp"

#include <poputil/VertexTemplates.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <map>
#include <vector>

using namespace poplar;
using namespace poplar::program;

namespace popops::detail {

namespace {

/// For each row of the {rows, n} tensor `keys`, the tile holding most of
/// its elements (ties to the lower tile), or none when it is all unmapped.
std::vector<std::optional<unsigned>> rowTiles(const Graph &graph,
                                              const Tensor &keys) {
  const std::size_t rows = keys.dim(0), n = keys.dim(1);
  std::vector<std::optional<unsigned>> tiles(rows);
  std::vector<std::size_t> best(rows, 0);
  bool complete = true;
  const Graph::TileToTensorMapping mapping =
      graph.getTileMapping(keys, &complete);
  for (unsigned tile = 0; tile < mapping.size(); ++tile) {
    std::map<std::size_t, std::size_t> onTile; // row -> elements
    for (const Interval &iv : mapping[tile])
      for (std::size_t row = iv.begin() / n; row * n < iv.end(); ++row)
        onTile[row] +=
            std::min(iv.end(), (row + 1) * n) - std::max(iv.begin(), row * n);
    for (const auto &[row, count] : onTile)
      if (count > best[row]) {
        best[row] = count;
        tiles[row] = tile;
      }
  }
  return tiles;
}

/// The value type the vertices move `type`'s bits as.
Type bitsTypeOf(const Graph &graph, const Type &type) {
  switch (graph.getTarget().getTypeSize(type)) {
  case 1:
    return UNSIGNED_CHAR;
  case 2:
    return UNSIGNED_SHORT;
  default:
    return UNSIGNED_INT;
  }
}

} // namespace

void checkSortKeyType(const Type &type, const std::string &name) {
  if (type != FLOAT && type != HALF && type != INT && type != UNSIGNED_INT)
    throw poputil::poplibs_error(
        name + ": keys must be of type float, half, int or unsigned int, not " +
        type.toString());
}

void checkSortValueType(const Graph &graph, const Type &type,
                        const std::string &name) {
  const unsigned size = graph.getTarget().getTypeSize(type);
  if (size != 1 && size != 2 && size != 4)
    throw poputil::poplibs_error(
        name + ": values must be of a type of 1, 2 or 4 bytes, not " +
        type.toString() + " (" + std::to_string(size) + " bytes)");
}

void sortRowsInPlace(Graph &graph, const Tensor &keys,
                     const std::optional<Tensor> &values, bool descending,
                     Sequence &prog, const DebugContext &debugContext,
                     const std::string &name) {
  const Type keyType = keys.elementType();
  const std::optional<Type> valueType =
      values ? std::optional(bitsTypeOf(graph, values->elementType()))
             : std::nullopt;
  const std::string vertexType =
      values
          ? poputil::templateVertex("popops::SortKeyValue", keyType, *valueType)
          : poputil::templateVertex("popops::Sort", keyType);
  requireCodelet(graph, vertexType, name);
  const std::size_t rows = keys.dim(0), n = keys.dim(1);
  if (rows == 0 || n <= 1)
    return;
  const std::vector<std::optional<unsigned>> tiles = rowTiles(graph, keys);
  std::map<std::optional<unsigned>, std::vector<std::size_t>> rowsOfTile;
  for (std::size_t row = 0; row < rows; ++row)
    rowsOfTile[tiles[row]].push_back(row);
  const std::size_t workers = graph.getTarget().getNumWorkerContexts();
  ComputeSet cs = graph.addComputeSet({debugContext, "sortRows"});
  for (const auto &[tile, tileRows] : rowsOfTile) {
    const std::size_t perWorker = (tileRows.size() + workers - 1) / workers;
    for (std::size_t first = 0; first < tileRows.size(); first += perWorker) {
      const std::size_t last = std::min(tileRows.size(), first + perWorker);
      std::vector<Tensor> keyRows, valueRows;
      for (std::size_t i = first; i < last; ++i) {
        keyRows.push_back(keys[tileRows[i]]);
        if (values)
          valueRows.push_back((*values)[tileRows[i]].reinterpret(*valueType));
      }
      VertexRef v = graph.addVertex(cs, vertexType);
      graph.connect(v["keys"], keyRows);
      Tensor keyScratch =
          graph.addVariable(keyType, {n}, {debugContext, "keyScratch"});
      graph.connect(v["keyScratch"], keyScratch);
      if (values) {
        graph.connect(v["values"], valueRows);
        Tensor valueScratch =
            graph.addVariable(*valueType, {n}, {debugContext, "valueScratch"});
        graph.connect(v["valueScratch"], valueScratch);
        if (tile)
          graph.setTileMapping(valueScratch, *tile);
      }
      graph.setInitialValue(v["descending"], descending);
      if (tile)
        graph.setTileMapping(keyScratch, *tile);
      placeVertex(graph, v, tile);
    }
  }
  prog.add(Execute(cs, {debugContext, "sortRows"}));
}

} // namespace popops::detail
