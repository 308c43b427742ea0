// Partitionable tensors and grouping detection (poputil/VarStructure.hpp).
#include <poputil/VarStructure.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <numeric>

using namespace poplar;

namespace poputil {

static std::size_t ceilDiv(std::size_t a, std::size_t b) {
  return (a + b - 1) / b;
}

static std::string listString(const std::vector<std::size_t> &v) {
  std::string s = "{";
  for (std::size_t i = 0; i != v.size(); ++i)
    s += (i ? "," : "") + std::to_string(v[i]);
  return s + "}";
}

/// The extent [begin, end) of partition p of a dimension of `size` indices.
static Interval partExtent(std::size_t size, std::size_t parts, std::size_t p) {
  const std::size_t step = ceilDiv(size, parts);
  return {std::min(p * step, size), std::min((p + 1) * step, size)};
}

static void checkPartitions(const char *function, std::size_t rank,
                            const std::vector<std::size_t> &nPartitions,
                            const std::string &shape) {
  if (nPartitions.size() != rank)
    throw poplibs_error(std::string("poputil::") + function + ": " +
                        std::to_string(nPartitions.size()) +
                        " partition counts " + listString(nPartitions) +
                        " for shape " + shape + " of rank " +
                        std::to_string(rank));
  for (std::size_t d = 0; d != rank; ++d)
    if (nPartitions[d] == 0)
      throw poplibs_error(std::string("poputil::") + function + ": dimension " +
                          std::to_string(d) + " of shape " + shape +
                          " has 0 partitions; it needs at least 1");
}

Tensor createPartitionableTensor(Graph &graph, const Type &type,
                                 const std::vector<std::size_t> &shape,
                                 const std::vector<std::size_t> &nPartitions,
                                 const DebugContext &debugContext) {
  checkPartitions("createPartitionableTensor", shape.size(), nPartitions,
                  listString(shape));
  const std::size_t numElements = std::accumulate(
      shape.begin(), shape.end(), std::size_t(1), std::multiplies<>());
  if (numElements == 0 || shape.empty())
    return graph.addVariable(type, shape, debugContext);
  // Non-empty parts per dimension; blocks are carved from one variable in
  // row-major order of their partition indices.
  const std::size_t rank = shape.size();
  std::vector<std::size_t> parts(rank);
  for (std::size_t d = 0; d != rank; ++d)
    parts[d] = ceilDiv(shape[d], ceilDiv(shape[d], nPartitions[d]));
  Tensor flat = graph.addVariable(type, {numElements}, debugContext);
  std::vector<Tensor> blocks;
  std::vector<std::size_t> index(rank, 0);
  for (std::size_t offset = 0; offset != numElements;) {
    std::vector<std::size_t> blockShape(rank);
    std::size_t size = 1;
    for (std::size_t d = 0; d != rank; ++d) {
      blockShape[d] = partExtent(shape[d], nPartitions[d], index[d]).size();
      size *= blockShape[d];
    }
    blocks.push_back(flat.slice(offset, offset + size).reshape(blockShape));
    offset += size;
    for (std::size_t d = rank; d-- != 0;) // the last index varies fastest
      if (++index[d] != parts[d])
        break;
      else
        index[d] = 0;
  }
  // Join runs of blocks along each dimension, innermost first.
  for (std::size_t d = rank; d-- != 0;) {
    std::vector<Tensor> joined;
    for (std::size_t i = 0; i < blocks.size(); i += parts[d])
      joined.push_back(
          concat(std::vector<Tensor>(blocks.begin() + i,
                                     blocks.begin() + i + parts[d]),
                 d));
    blocks = std::move(joined);
  }
  return blocks.front();
}

void iterateTensorPartitions(
    const Tensor &t, const std::vector<std::size_t> &nPartitions,
    const std::function<void(const std::vector<std::size_t> &, const Tensor &)>
        &f) {
  const std::vector<std::size_t> shape = t.shape();
  checkPartitions("iterateTensorPartitions", shape.size(), nPartitions,
                  t.shapeToString());
  std::vector<std::size_t> index(shape.size(), 0);
  while (true) {
    Tensor slice = t;
    for (unsigned d = 0; d != shape.size(); ++d)
      slice = slice.slice(partExtent(shape[d], nPartitions[d], index[d]), d);
    f(index, slice);
    std::size_t d = 0; // the first index varies fastest
    for (; d != shape.size(); ++d) {
      if (++index[d] != nPartitions[d])
        break;
      index[d] = 0;
    }
    if (d == shape.size())
      return;
  }
}

unsigned detectInnermostGrouping(const Graph &graph, const Tensor &t) {
  if (t.rank() == 0)
    throw poplibs_error("poputil::detectInnermostGrouping: the tensor has "
                        "rank 0; a grouping needs an innermost dimension");
  if (t.numElements() == 0)
    return 1;
  Tensor row = t;
  while (row.rank() != 1)
    row = row[0];
  const std::size_t contiguous = row.getContiguousRegions().front().size();
  std::size_t largestOnTile = 0;
  for (const auto &regions : graph.getTileMapping(row))
    for (const Interval &i : regions)
      largestOnTile = std::max(largestOnTile, i.size());
  std::size_t grouping = std::gcd(largestOnTile, contiguous);
  if (grouping == 0 || row.numElements() % grouping != 0)
    grouping = 1;
  return static_cast<unsigned>(grouping);
}

std::vector<GroupingInfo> detectDimGroupings(const Graph &graph,
                                             const Tensor &t) {
  if (t.rank() == 0)
    throw poplibs_error("poputil::detectDimGroupings: the tensor has rank 0");
  std::vector<GroupingInfo> groupings;
  const unsigned rank = t.rank();
  Tensor grouped = t;
  unsigned total = 1;
  while (true) {
    unsigned best = 1, bestDim = 0;
    for (unsigned d = 0; d != rank; ++d) {
      if (grouped.dim(d) == 1)
        continue;
      // Dimension d innermost, followed by the groupings found so far.
      const Tensor candidate =
          grouped.dimRoll(d, rank - 1).flatten(rank - 1, grouped.rank());
      const unsigned g = detectInnermostGrouping(graph, candidate);
      unsigned here = g % total ? 1u : g / total;
      here = std::gcd<unsigned>(here, grouped.dim(d));
      if (here > best) {
        best = here;
        bestDim = d;
      }
    }
    if (best == 1)
      return groupings;
    groupings.emplace_back(bestDim, best);
    total *= best;
    grouped = grouped
                  .reshapePartial(bestDim, bestDim + 1,
                                  {grouped.dim(bestDim) / best, best})
                  .dimRoll(bestDim + 1, grouped.rank());
  }
}

} // namespace poputil
