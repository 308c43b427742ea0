// Stage 1 of a reduction: each tile reduces the elements it holds. A
// tile's memory-contiguous regions are cut into pieces a ReducePartial
// vertex reads straight from memory: some whole rows of equal length
// (row-major), or some consecutive rows interleaved element by element
// (columns, as when reducing an outer dimension). Pieces larger than the
// tile's share per worker are split, so the tile's workers are busy.
#include "ReduceStages.hpp"

#include "OperationPlacement.hpp"
#include "ReduceLayout.hpp"

#include <poputil/VertexTemplates.hpp>

#include <algorithm>
#include <map>
#include <optional>

using namespace poplar;

namespace popops::detail {

namespace {

/// Part of one row: flat elements [begin, begin + size) of row `row`.
struct Chunk {
  std::size_t row, begin, size;
};

/// A ReducePartial's work: `rows` outputs from `firstRow`, `blocks`
/// elements each. With `firstBlock` it is a box of the [outputs,
/// reduceSize] view (elements firstBlock onwards of each row, transposed
/// for `columns`), else the flat intervals `data` in order.
struct Piece {
  std::size_t firstRow, rows, blocks;
  bool columns;
  std::optional<std::size_t> firstBlock;
  Region data;
  /// The rows it writes, from firstRow + ownBegin: a column piece shared
  /// by several vertices reads all its rows but each writes some.
  std::size_t ownBegin = 0, ownRows = 0;
  std::size_t writes() const { return ownRows ? ownRows : rows; }
};

std::vector<Chunk> chunksOf(const Region &region, std::size_t reduceSize) {
  std::vector<Chunk> chunks;
  for (const Interval &iv : region)
    for (std::size_t b = iv.begin(); b < iv.end();) {
      const std::size_t row = b / reduceSize;
      const std::size_t end = std::min(iv.end(), (row + 1) * reduceSize);
      chunks.push_back({row, b, end - b});
      b = end;
    }
  return chunks;
}

void append(Region &region, std::size_t begin, std::size_t size) {
  if (!region.empty() && region.back().end() == begin)
    region.back() = Interval(region.back().begin(), begin + size);
  else
    region.emplace_back(begin, begin + size);
}

/// How many rows from chunks[at] form a column block: single elements of
/// consecutive rows at the same position.
std::size_t columnRun(const std::vector<Chunk> &chunks, std::size_t at,
                      std::size_t reduceSize) {
  std::size_t n = 1;
  while (at + n < chunks.size() && chunks[at + n].size == 1 &&
         chunks[at + n].row == chunks[at].row + n &&
         chunks[at + n].begin - chunks[at + n].row * reduceSize ==
             chunks[at].begin - chunks[at].row * reduceSize)
    ++n;
  return n;
}

/// Whether chunks[at, at + n) repeat the column block at `first`, one
/// position further per block.
bool repeatsBlock(const std::vector<Chunk> &chunks, std::size_t first,
                  std::size_t at, std::size_t n, std::size_t block) {
  if (at + n > chunks.size())
    return false;
  for (std::size_t t = 0; t < n; ++t) {
    const Chunk &c = chunks[at + t], &f = chunks[first + t];
    if (c.size != 1 || c.row != f.row || c.begin != f.begin + block)
      return false;
  }
  return true;
}

/// Appends `p`, or extends the last piece by it when `p` holds the next
/// row with the same elements of it (row-major pieces only).
void mergeOrAppend(std::vector<Piece> &pieces, Piece p) {
  Piece *last = pieces.empty() ? nullptr : &pieces.back();
  if (last && !last->columns && !p.columns && last->blocks == p.blocks &&
      last->firstRow + last->rows == p.firstRow &&
      last->firstBlock == p.firstBlock) {
    ++last->rows;
    for (const Interval &iv : p.data)
      append(last->data, iv.begin(), iv.size());
  } else {
    pieces.push_back(std::move(p));
  }
}

/// Pieces of one memory-contiguous region, in memory order.
std::vector<Piece> piecesOf(const Region &region, std::size_t reduceSize) {
  const std::vector<Chunk> chunks = chunksOf(region, reduceSize);
  std::vector<Piece> pieces;
  for (std::size_t i = 0; i < chunks.size();) {
    const Chunk &c = chunks[i];
    const std::size_t n =
        c.size == 1 ? columnRun(chunks, i, reduceSize) : std::size_t(1);
    if (n > 1) {
      std::size_t m = 1;
      while (repeatsBlock(chunks, i, i + m * n, n, m))
        ++m;
      pieces.push_back({c.row, n, m, true, c.begin - c.row * reduceSize, {}});
      i += n * m;
      continue;
    }
    Piece p{c.row, 1, 0, false, c.begin - c.row * reduceSize, {}};
    for (; i < chunks.size() && chunks[i].row == c.row; ++i) {
      if (!p.data.empty() && p.data.back().end() != chunks[i].begin)
        p.firstBlock.reset(); // the row's elements are not in order
      append(p.data, chunks[i].begin, chunks[i].size);
      p.blocks += chunks[i].size;
    }
    if (p.firstBlock)
      p.data.clear();
    mergeOrAppend(pieces, std::move(p));
  }
  return pieces;
}

/// `p` cut into pieces of about `limit` elements or fewer: by rows when it
/// has several, else by blocks (several partials of the same rows).
void splitPiece(const Piece &p, std::size_t limit, std::vector<Piece> &out) {
  const std::size_t size = p.rows * p.blocks;
  const std::size_t wanted = (size + limit - 1) / limit;
  if (wanted <= 1) {
    out.push_back(p);
    return;
  }
  if (p.columns && p.rows > 1) {
    // Each part reads the whole piece and writes some of its rows, so the
    // tile still has one partial per output.
    const std::size_t parts = std::min(p.rows, wanted);
    const std::size_t per = (p.rows + parts - 1) / parts;
    for (std::size_t r = 0; r < p.rows; r += per) {
      Piece part = p;
      part.ownBegin = r;
      part.ownRows = std::min(per, p.rows - r);
      out.push_back(std::move(part));
    }
    return;
  }
  if (!p.columns && p.rows > 1) {
    const std::size_t parts = std::min(p.rows, wanted);
    const std::size_t per = (p.rows + parts - 1) / parts;
    for (std::size_t r = 0; r < p.rows; r += per) {
      const std::size_t rows = std::min(per, p.rows - r);
      Piece part{p.firstRow + r, rows, p.blocks, false, p.firstBlock, {}};
      if (!p.firstBlock)
        part.data = subRegion(p.data, r * p.blocks, (r + rows) * p.blocks);
      out.push_back(std::move(part));
    }
    return;
  }
  const std::size_t parts = std::min(p.blocks, wanted);
  const std::size_t per = (p.blocks + parts - 1) / parts;
  for (std::size_t j = 0; j < p.blocks; j += per) {
    const std::size_t blocks = std::min(per, p.blocks - j);
    Piece part{p.firstRow, p.rows, blocks, p.columns, std::nullopt, {}};
    if (p.firstBlock)
      part.firstBlock = *p.firstBlock + j;
    else
      part.data = subRegion(p.data, j * p.rows, (j + blocks) * p.rows);
    out.push_back(std::move(part));
  }
}

/// One row-major piece per row (rows of equal length merged), from all of
/// a tile's regions: for layouts that cut into tiny pieces, gathering each
/// row (an on-tile copy the compiler stages) beats a vertex per element.
std::vector<Piece> rowGatheredPieces(const std::vector<Region> &regions,
                                     std::size_t reduceSize) {
  std::map<std::size_t, Region> byRow;
  for (const Region &region : regions)
    for (const Chunk &c : chunksOf(region, reduceSize))
      byRow[c.row].emplace_back(c.begin, c.begin + c.size);
  std::vector<Piece> pieces;
  for (auto &[row, intervals] : byRow) {
    std::sort(intervals.begin(), intervals.end());
    Region data;
    std::size_t size = 0;
    for (const Interval &iv : intervals) {
      append(data, iv.begin(), iv.size());
      size += iv.size();
    }
    mergeOrAppend(pieces, {row, 1, size, false, std::nullopt, std::move(data)});
  }
  return pieces;
}

/// The elements `p` reads, in the order its vertex expects them.
Tensor dataOf(const RowsLayout &layout, const Piece &p) {
  if (p.firstBlock)
    return layout.box(p.firstRow, p.rows, *p.firstBlock, p.blocks, p.columns);
  return layout.region(p.data);
}

std::vector<Piece> piecesOnTile(const std::vector<Region> &regions,
                                std::size_t reduceSize, unsigned numWorkers) {
  std::vector<Piece> whole;
  std::size_t total = 0;
  for (const Region &region : regions)
    for (Piece &p : piecesOf(region, reduceSize)) {
      total += p.rows * p.blocks;
      whole.push_back(std::move(p));
    }
  // Below this many elements per piece, vertex state and calls outweigh
  // the copy that gathering rows costs.
  constexpr std::size_t minPieceSize = 8;
  if (whole.size() > numWorkers && total < minPieceSize * whole.size())
    whole = rowGatheredPieces(regions, reduceSize);
  const std::size_t limit =
      std::max<std::size_t>(1, (total + numWorkers - 1) / numWorkers);
  std::vector<Piece> pieces;
  for (const Piece &p : whole)
    splitPiece(p, limit, pieces);
  return pieces;
}

} // namespace

ComputeSet stageComputeSet(Graph &graph, std::vector<ComputeSet> &css,
                           std::size_t stage,
                           const DebugContext &debugContext) {
  while (css.size() <= stage)
    css.push_back(graph.addComputeSet(
        {debugContext, "reduceStage" + std::to_string(css.size())}));
  return css[stage];
}

Partials addPartialStage(Graph &graph, const Reduction &r,
                         std::vector<ComputeSet> &css,
                         const DebugContext &debugContext) {
  Partials partials;
  partials.ofOutput.resize(r.numOutputs);
  if (r.rows.numElements() == 0)
    return partials;
  const Type inType = r.rows.elementType();
  const std::string vertexType =
      poputil::templateVertex("popops::ReducePartial", inType, r.accType, r.op);
  requireCodelet(graph, vertexType, r.name);
  ComputeSet cs = stageComputeSet(graph, css, 0, debugContext);
  const unsigned numWorkers = graph.getTarget().getNumWorkerContexts();
  const RowsLayout layout(graph, r);
  for (const TileRegions &onTile : layout.regionsByTile()) {
    const std::vector<Piece> pieces =
        piecesOnTile(onTile.regions, r.reduceSize, numWorkers);
    std::size_t numPartials = 0;
    for (const Piece &p : pieces)
      numPartials += p.writes();
    Tensor var =
        graph.addVariable(r.accType, {numPartials}, {debugContext, "partials"});
    if (onTile.tile)
      graph.setTileMapping(var, *onTile.tile);
    const auto varIndex = std::uint32_t(partials.variables.size());
    partials.variables.push_back({var, onTile.tile});
    std::size_t offset = 0;
    for (const Piece &p : pieces) {
      VertexRef v = graph.addVertex(cs, vertexType);
      graph.connect(v["data"], dataOf(layout, p));
      graph.connect(v["out"], var.slice(offset, offset + p.writes()));
      graph.setInitialValue(v["numBlocks"], unsigned(p.blocks));
      graph.setInitialValue(v["columns"], p.columns);
      placeVertex(graph, v, onTile.tile);
      graph.setInitialValue(v["rowStride"], unsigned(p.rows));
      graph.setInitialValue(v["firstRow"], unsigned(p.ownBegin));
      for (std::size_t i = 0; i < p.writes(); ++i)
        partials.ofOutput[p.firstRow + p.ownBegin + i].push_back(
            {varIndex, std::uint32_t(offset + i)});
      offset += p.writes();
    }
  }
  return partials;
}

} // namespace popops::detail
