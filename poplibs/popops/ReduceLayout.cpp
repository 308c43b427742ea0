// Regions and slices of a reduction's row view, by index arithmetic on a
// contiguous input (see ReduceLayout.hpp), else by Graph queries.
#include "ReduceLayout.hpp"

#include <algorithm>

using namespace poplar;

namespace popops::detail {

namespace {

std::vector<std::size_t> rowMajorStrides(const std::vector<std::size_t> &s) {
  std::vector<std::size_t> strides(s.size(), 1);
  for (std::size_t d = s.size(); d-- > 1;)
    strides[d - 1] = strides[d] * s[d];
  return strides;
}

bool isIdentity(const std::vector<unsigned> &order) {
  for (unsigned d = 0; d < order.size(); ++d)
    if (order[d] != d)
      return false;
  return true;
}

} // namespace

RowsLayout::RowsLayout(const Graph &graph, const Reduction &r)
    : graph(graph), r(r) {
  direct = r.in.rank() >= 2 && !isIdentity(r.order) && r.in.isContiguous();
  if (!direct)
    return;
  inFlat = r.in.flatten();
  shape = r.in.shape();
  inStrides = rowMajorStrides(shape);
  for (unsigned d : r.order)
    shuffledShape.push_back(shape[d]);
  const std::vector<std::size_t> shuffledStrides =
      rowMajorStrides(shuffledShape);
  rowStrides.resize(shape.size());
  for (std::size_t d = 0; d < r.order.size(); ++d)
    rowStrides[r.order[d]] = shuffledStrides[d];
}

std::size_t RowsLayout::inputIndexOf(std::size_t f) const {
  std::size_t index = 0;
  for (std::size_t d = shuffledShape.size(); d-- > 0;) {
    index += (f % shuffledShape[d]) * inStrides[r.order[d]];
    f /= shuffledShape[d];
  }
  return index;
}

Region RowsLayout::rowRegionOf(const Interval &inputInterval) const {
  // Walk the input's elements with an odometer over its dimensions,
  // tracking each one's flat index in the row view.
  const std::size_t rank = shape.size();
  std::vector<std::size_t> digit(rank);
  std::size_t f = 0;
  for (std::size_t d = 0, rest = inputInterval.begin(); d < rank; ++d) {
    digit[d] = rest / inStrides[d];
    rest %= inStrides[d];
    f += digit[d] * rowStrides[d];
  }
  Region region;
  for (std::size_t i = inputInterval.begin(); i < inputInterval.end(); ++i) {
    if (!region.empty() && region.back().end() == f)
      region.back() = Interval(region.back().begin(), f + 1);
    else
      region.emplace_back(f, f + 1);
    for (std::size_t d = rank; d-- > 0;) {
      f += rowStrides[d];
      if (++digit[d] < shape[d])
        break;
      f -= shape[d] * rowStrides[d];
      digit[d] = 0;
    }
  }
  return region;
}

std::vector<TileRegions> RowsLayout::regionsByTile() const {
  if (!direct)
    return detail::regionsByTile(graph, r.rows);
  std::vector<TileRegions> result;
  bool complete = true;
  const Graph::TileToTensorMapping mapping =
      graph.getTileMapping(inFlat, &complete);
  std::vector<Interval> mapped;
  for (unsigned tile = 0; tile < mapping.size(); ++tile) {
    if (mapping[tile].empty())
      continue;
    std::vector<Interval> intervals = mapping[tile];
    std::sort(intervals.begin(), intervals.end());
    TileRegions onTile{tile, {}};
    for (const Interval &iv : intervals) {
      onTile.regions.push_back(rowRegionOf(iv));
      mapped.push_back(iv);
    }
    result.push_back(std::move(onTile));
  }
  if (!complete) {
    std::sort(mapped.begin(), mapped.end());
    TileRegions loose{std::nullopt, {}};
    std::size_t next = 0;
    for (const Interval &iv : mapped) {
      if (iv.begin() > next)
        loose.regions.push_back(rowRegionOf(Interval(next, iv.begin())));
      next = std::max<std::size_t>(next, iv.end());
    }
    if (next < inFlat.numElements())
      loose.regions.push_back(
          rowRegionOf(Interval(next, inFlat.numElements())));
    if (!loose.regions.empty())
      result.push_back(std::move(loose));
  }
  return result;
}

Tensor RowsLayout::box(std::size_t firstRow, std::size_t rows,
                       std::size_t firstBlock, std::size_t blocks,
                       bool columns) const {
  if (direct) {
    // Box pieces come from memory-contiguous runs, which are contiguous
    // in the input's index order, starting at the box's first element.
    const std::size_t begin =
        inputIndexOf(firstRow * r.reduceSize + firstBlock);
    return inFlat.slice(begin, begin + rows * blocks);
  }
  const Tensor boxView = r.rows.reshape({r.numOutputs, r.reduceSize})
                             .slice({firstRow, firstBlock},
                                    {firstRow + rows, firstBlock + blocks});
  return (columns ? boxView.transpose() : boxView).flatten();
}

Tensor RowsLayout::region(const Region &region) const {
  return regionOf(r.rows, region);
}

} // namespace popops::detail
