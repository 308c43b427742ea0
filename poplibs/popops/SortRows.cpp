// Rows to tiles, tiles' rows to workers, and the sort vertices. A row short
// enough to sort on one tile is one segment; a longer row is cut into
// chunks (segments) of about a sixteenth of a tile's memory. Each segment is
// sorted on the tile that holds most of it; then the chunks of a long row
// go through as many rounds of odd-even merge-split as it has chunks
// (chunks 0-1, 2-3, ... then 1-2, 3-4, ...), each merge on the lower
// chunk's tile, which leaves the whole row sorted. Merge-splits are stable,
// so the sort is too.
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

/// Elements [begin, end) of row `row`, sorted on `tile`.
struct Segment {
  std::size_t row, begin, end;
  std::optional<unsigned> tile;
};

/// What one sort needs to know to add its vertices.
struct SortJob {
  Tensor keys;                  // {rows, n}
  std::optional<Tensor> values; // {rows, n}, reinterpreted as bits
  Type keyType;
  std::optional<Type> valueType;
  bool descending;
  bool valuesArePositions;
  DebugContext debugContext;
  std::string name;
};

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

/// The longest segment sorted on one tile.
std::size_t maxSegment(const Graph &graph, const SortJob &job) {
  const Target &target = graph.getTarget();
  const std::size_t bytes =
      target.getTypeSize(job.keyType) +
      (job.valueType ? target.getTypeSize(*job.valueType) : 0);
  return std::max<std::size_t>(1, target.getBytesPerTile() / 16 / bytes);
}

/// Every row as one segment, or as chunks when it is longer than `limit`.
std::vector<Segment> cutRows(std::size_t rows, std::size_t n,
                             std::size_t limit) {
  const std::size_t chunks = (n + limit - 1) / limit;
  const std::size_t chunk = (n + chunks - 1) / chunks;
  std::vector<Segment> segments;
  for (std::size_t row = 0; row < rows; ++row)
    for (std::size_t begin = 0; begin < n; begin += chunk)
      segments.push_back({row, begin, std::min(n, begin + chunk), {}});
  return segments;
}

/// Sets each segment's tile: the tile holding most of its elements (ties
/// to the lower tile), none when it is all unmapped.
void placeSegments(const Graph &graph, const Tensor &keys,
                   std::vector<Segment> &segments) {
  const std::size_t n = keys.dim(1);
  bool complete = true;
  const Graph::TileToTensorMapping mapping =
      graph.getTileMapping(keys, &complete);
  std::vector<std::pair<Interval, unsigned>> owners;
  for (unsigned tile = 0; tile < mapping.size(); ++tile)
    for (const Interval &iv : mapping[tile])
      owners.emplace_back(iv, tile);
  std::sort(owners.begin(), owners.end(), [](const auto &a, const auto &b) {
    return a.first.begin() < b.first.begin();
  });
  std::size_t first = 0;
  for (Segment &s : segments) {
    const std::size_t begin = s.row * n + s.begin, end = s.row * n + s.end;
    while (first < owners.size() && owners[first].first.end() <= begin)
      ++first;
    std::map<unsigned, std::size_t> onTile;
    for (std::size_t i = first;
         i < owners.size() && owners[i].first.begin() < end; ++i)
      onTile[owners[i].second] += std::min(end, owners[i].first.end()) -
                                  std::max(begin, owners[i].first.begin());
    std::size_t best = 0;
    for (const auto &[tile, count] : onTile)
      if (count > best) {
        best = count;
        s.tile = tile;
      }
  }
}

Tensor keysOf(const SortJob &job, const Segment &s) {
  return job.keys[s.row].slice(s.begin, s.end);
}
Tensor valuesOf(const SortJob &job, const Segment &s) {
  return (*job.values)[s.row].slice(s.begin, s.end).reinterpret(*job.valueType);
}

/// A scratch variable of `size` elements on `tile`.
Tensor scratchOn(Graph &graph, const Type &type, std::size_t size,
                 const std::optional<unsigned> &tile,
                 const DebugContext &debugContext) {
  Tensor scratch = graph.addVariable(type, {size}, debugContext);
  if (tile)
    graph.setTileMapping(scratch, *tile);
  return scratch;
}

/// One compute set sorting every segment, each tile's segments shared among
/// its workers.
void sortSegments(Graph &graph, const SortJob &job,
                  const std::vector<Segment> &segments, Sequence &prog) {
  const std::string vertexType =
      job.values ? poputil::templateVertex("popops::SortKeyValue", job.keyType,
                                           *job.valueType)
                 : poputil::templateVertex("popops::Sort", job.keyType);
  requireCodelet(graph, vertexType, job.name);
  std::map<std::optional<unsigned>, std::vector<const Segment *>> onTile;
  for (const Segment &s : segments)
    onTile[s.tile].push_back(&s);
  const std::size_t workers = graph.getTarget().getNumWorkerContexts();
  ComputeSet cs = graph.addComputeSet({job.debugContext, "sortRows"});
  for (const auto &[tile, tileSegments] : onTile) {
    const std::size_t perWorker = (tileSegments.size() + workers - 1) / workers;
    for (std::size_t first = 0; first < tileSegments.size();
         first += perWorker) {
      const std::size_t last = std::min(tileSegments.size(), first + perWorker);
      std::vector<Tensor> keyRows, valueRows;
      std::vector<unsigned> firstPositions;
      std::size_t longest = 0;
      for (std::size_t i = first; i < last; ++i) {
        keyRows.push_back(keysOf(job, *tileSegments[i]));
        firstPositions.push_back(unsigned(tileSegments[i]->begin));
        if (job.values)
          valueRows.push_back(valuesOf(job, *tileSegments[i]));
        longest = std::max(longest, keyRows.back().numElements());
      }
      VertexRef v = graph.addVertex(cs, vertexType);
      graph.connect(v["keys"], keyRows);
      graph.connect(v["keyScratch"],
                    scratchOn(graph, job.keyType, longest, tile,
                              {job.debugContext, "keyScratch"}));
      if (job.values) {
        graph.connect(v["values"], valueRows);
        graph.connect(v["valueScratch"],
                      scratchOn(graph, *job.valueType, longest, tile,
                                {job.debugContext, "valueScratch"}));
        graph.setInitialValue(v["firstPosition"],
                              ArrayRef<unsigned>(firstPositions));
        graph.setInitialValue(v["writePositions"], job.valuesArePositions);
      }
      graph.setInitialValue(v["descending"], job.descending);
      placeVertex(graph, v, tile);
    }
  }
  prog.add(Execute(cs, {job.debugContext, "sortRows"}));
}

/// The merge-split rounds that sort the rows cut into `chunksPerRow` sorted
/// chunks each (consecutive in `segments`).
void mergeChunks(Graph &graph, const SortJob &job,
                 const std::vector<Segment> &segments, std::size_t chunksPerRow,
                 Sequence &prog) {
  const std::string vertexType =
      job.values ? poputil::templateVertex("popops::MergeSplitKeyValue",
                                           job.keyType, *job.valueType)
                 : poputil::templateVertex("popops::MergeSplit", job.keyType);
  requireCodelet(graph, vertexType, job.name);
  for (std::size_t round = 0; round < chunksPerRow; ++round) {
    ComputeSet cs = graph.addComputeSet({job.debugContext, "mergeChunks"});
    for (std::size_t first = 0; first < segments.size(); first += chunksPerRow)
      for (std::size_t i = round % 2; i + 1 < chunksPerRow; i += 2) {
        const Segment &lower = segments[first + i];
        const Segment &upper = segments[first + i + 1];
        const std::size_t size =
            lower.end - lower.begin + upper.end - upper.begin;
        VertexRef v = graph.addVertex(cs, vertexType);
        graph.connect(v["lowerKeys"], keysOf(job, lower));
        graph.connect(v["upperKeys"], keysOf(job, upper));
        graph.connect(v["keyScratch"],
                      scratchOn(graph, job.keyType, size, lower.tile,
                                {job.debugContext, "keyScratch"}));
        if (job.values) {
          graph.connect(v["lowerValues"], valuesOf(job, lower));
          graph.connect(v["upperValues"], valuesOf(job, upper));
          graph.connect(v["valueScratch"],
                        scratchOn(graph, *job.valueType, size, lower.tile,
                                  {job.debugContext, "valueScratch"}));
        }
        graph.setInitialValue(v["descending"], job.descending);
        placeVertex(graph, v, lower.tile);
      }
    prog.add(Execute(cs, {job.debugContext, "mergeChunks"}));
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
                     const std::string &name, bool valuesArePositions) {
  const std::optional<Type> valueType =
      values ? std::optional(bitsTypeOf(graph, values->elementType()))
             : std::nullopt;
  const SortJob job{
      keys,         values,     keys.elementType(),
      valueType,    descending, valuesArePositions && values.has_value(),
      debugContext, name};
  const std::size_t rows = keys.dim(0), n = keys.dim(1);
  if (rows == 0 || n == 0 || (n == 1 && !job.valuesArePositions)) {
    requireCodelet(graph, poputil::templateVertex("popops::Sort", job.keyType),
                   name);
    return;
  }
  std::vector<Segment> segments = cutRows(rows, n, maxSegment(graph, job));
  placeSegments(graph, keys, segments);
  sortSegments(graph, job, segments, prog);
  const std::size_t chunksPerRow = segments.size() / rows;
  if (chunksPerRow > 1)
    mergeChunks(graph, job, segments, chunksPerRow, prog);
}

} // namespace popops::detail
