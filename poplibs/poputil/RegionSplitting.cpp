// Region helpers of poputil/Util.hpp: merging, flattening and the balanced
// split of regions (or sequences of regions) into partitions of whole
// grains that tile mapping and worker splitting are built on.
#include <poputil/Util.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <numeric>

using poplar::Interval;

namespace poputil {

void mergeAdjacentRegions(std::vector<Interval> &regions) {
  std::sort(regions.begin(), regions.end());
  std::vector<Interval> merged;
  for (const Interval &region : regions) {
    if (region.size() == 0)
      continue;
    if (!merged.empty() && merged.back().end() >= region.begin())
      merged.back() = {merged.back().begin(),
                       std::max(merged.back().end(), region.end())};
    else
      merged.push_back(region);
  }
  regions = std::move(merged);
}

void mergeAdjacentRegions(std::vector<std::vector<Interval>> &mapping) {
  for (auto &regions : mapping)
    mergeAdjacentRegions(regions);
}

std::vector<Interval>
flattenIntervals(const std::vector<std::vector<Interval>> &intervals) {
  std::vector<Interval> flat;
  for (const auto &group : intervals)
    flat.insert(flat.end(), group.begin(), group.end());
  return flat;
}

static std::size_t sizeOf(const Interval &i) { return i.size(); }

static std::size_t sizeOf(const std::vector<Interval> &sequence) {
  std::size_t n = 0;
  for (const Interval &i : sequence)
    n += i.size();
  return n;
}

std::size_t
intervalSequenceNumElements(const std::vector<std::vector<Interval>> &seq) {
  std::size_t n = 0;
  for (const auto &sequence : seq)
    n += sizeOf(sequence);
  return n;
}

/// Elements [offset, offset + length) of a region.
static Interval piece(const Interval &region, std::size_t offset,
                      std::size_t length) {
  return {region.begin() + offset, region.begin() + offset + length};
}

/// Elements [offset, offset + length) of a sequence, as its intervals.
static std::vector<Interval> piece(const std::vector<Interval> &sequence,
                                   std::size_t offset, std::size_t length) {
  std::vector<Interval> result;
  for (const Interval &i : sequence) {
    if (length == 0)
      break;
    if (offset >= i.size()) {
      offset -= i.size();
      continue;
    }
    const std::size_t take = std::min(length, i.size() - offset);
    result.push_back(piece(i, offset, take));
    length -= take;
    offset = 0;
  }
  return result;
}

static std::size_t ceilDiv(std::size_t a, std::size_t b) {
  return (a + b - 1) / b;
}

static void checkSplitArguments(unsigned grainSize, unsigned maxPartitions,
                                unsigned maxElementsPerPartition,
                                unsigned maxElementsPerRegion) {
  const std::string what = "poputil::splitRegions: ";
  if (grainSize == 0)
    throw poplibs_error(what + "grainSize is 0; it must be at least 1");
  if (maxPartitions == 0)
    throw poplibs_error(what + "maxPartitions is 0; it must be at least 1");
  if (maxElementsPerPartition < grainSize)
    throw poplibs_error(what + "maxElementsPerPartition (" +
                        std::to_string(maxElementsPerPartition) +
                        ") is smaller than grainSize (" +
                        std::to_string(grainSize) +
                        "), so no partition can hold a grain");
  if (maxElementsPerRegion < grainSize)
    throw poplibs_error(
        what + "maxElementsPerRegion (" + std::to_string(maxElementsPerRegion) +
        ") is smaller than grainSize (" + std::to_string(grainSize) + ")");
}

/// The number of partitions: grains spread over at most maxPartitions, each
/// holding at most maxElementsPerPartition and, when the grains allow it, at
/// least minElementsPerPartition; then as few partitions as give that
/// largest partition.
static std::size_t numPartitionsFor(std::size_t numGrains, unsigned grainSize,
                                    unsigned maxPartitions,
                                    unsigned minElementsPerPartition,
                                    unsigned maxElementsPerPartition) {
  std::size_t grainsPerPartition = ceilDiv(numGrains, maxPartitions);
  grainsPerPartition = std::min<std::size_t>(
      grainsPerPartition, maxElementsPerPartition / grainSize);
  if (minElementsPerPartition != 0) {
    const std::size_t minGrains = ceilDiv(minElementsPerPartition, grainSize);
    const std::size_t mostPartitions =
        std::max<std::size_t>(1, numGrains / minGrains);
    grainsPerPartition =
        std::max(grainsPerPartition, ceilDiv(numGrains, mostPartitions));
  }
  return ceilDiv(numGrains, grainsPerPartition);
}

template <class Item>
static std::vector<std::vector<Item>>
splitItems(const std::vector<Item> &items, unsigned grainSize,
           unsigned maxPartitions, unsigned minElementsPerPartition,
           unsigned maxElementsPerPartition, unsigned maxElementsPerRegion) {
  checkSplitArguments(grainSize, maxPartitions, maxElementsPerPartition,
                      maxElementsPerRegion);
  std::size_t total = 0;
  for (const Item &item : items)
    total += sizeOf(item);
  std::vector<std::vector<Item>> partitions;
  if (total == 0)
    return partitions;
  const std::size_t numGrains = ceilDiv(total, grainSize);
  const std::size_t numPartitions =
      numPartitionsFor(numGrains, grainSize, maxPartitions,
                       minElementsPerPartition, maxElementsPerPartition);
  // A piece never spans more than this many elements, in whole grains.
  const std::size_t maxPiece =
      std::size_t(grainSize) * (maxElementsPerRegion / grainSize);
  partitions.resize(numPartitions);
  std::size_t item = 0, offset = 0;
  for (std::size_t p = 0; p != numPartitions; ++p) {
    // Partition p holds grains [p * G / P, (p + 1) * G / P).
    const std::size_t begin = (p * numGrains / numPartitions) * grainSize;
    const std::size_t end =
        std::min(total, ((p + 1) * numGrains / numPartitions) * grainSize);
    for (std::size_t left = end - begin; left != 0;) {
      while (offset == sizeOf(items[item])) {
        ++item;
        offset = 0;
      }
      const std::size_t take =
          std::min({left, maxPiece, sizeOf(items[item]) - offset});
      partitions[p].push_back(piece(items[item], offset, take));
      offset += take;
      left -= take;
    }
  }
  return partitions;
}

std::vector<std::vector<Interval>>
splitRegions(const std::vector<Interval> &regions, unsigned grainSize,
             unsigned maxPartitions, unsigned minElementsPerPartition,
             unsigned maxElementsPerPartition, unsigned maxElementsPerRegion) {
  return splitItems(regions, grainSize, maxPartitions, minElementsPerPartition,
                    maxElementsPerPartition, maxElementsPerRegion);
}

std::vector<std::vector<std::vector<Interval>>>
splitRegions(const std::vector<std::vector<Interval>> &regions,
             unsigned grainSize, unsigned maxPartitions,
             unsigned minElementsPerPartition, unsigned maxElementsPerPartition,
             unsigned maxElementsPerRegion) {
  return splitItems(regions, grainSize, maxPartitions, minElementsPerPartition,
                    maxElementsPerPartition, maxElementsPerRegion);
}

std::vector<std::vector<Interval>> splitRegionsBetweenWorkers(
    const poplar::Target &target, const std::vector<Interval> &regions,
    unsigned grainSize, unsigned minElementsPerPartition,
    unsigned maxElementsPerPartition, unsigned maxElementsPerRegion) {
  return splitRegions(regions, grainSize, target.getNumWorkerContexts(),
                      minElementsPerPartition, maxElementsPerPartition,
                      maxElementsPerRegion);
}

std::vector<std::vector<std::vector<Interval>>>
splitRegionsBetweenWorkers(const poplar::Target &target,
                           const std::vector<std::vector<Interval>> &regions,
                           unsigned grainSize, unsigned minElementsPerPartition,
                           unsigned maxElementsPerPartition,
                           unsigned maxElementsPerRegion) {
  return splitRegions(regions, grainSize, target.getNumWorkerContexts(),
                      minElementsPerPartition, maxElementsPerPartition,
                      maxElementsPerRegion);
}

std::vector<int> balancedPartition(int rangeUpperBound, int splitCount) {
  if (splitCount <= 0)
    throw poplibs_error("poputil::balancedPartition: splitCount is " +
                        std::to_string(splitCount) + "; it must be at least 1");
  std::vector<int> sizes(splitCount, rangeUpperBound / splitCount);
  for (int i = 0; i < rangeUpperBound % splitCount; ++i)
    ++sizes[i];
  return sizes;
}

std::vector<Interval>
calculateUnshufflingIntervals(const std::vector<Interval> &intervals) {
  // Shuffled position of each interval, then the intervals in source order:
  // each one's shuffled range is a piece of the unshuffling.
  std::vector<std::size_t> order(intervals.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return intervals[a].begin() < intervals[b].begin();
  });
  std::vector<std::size_t> shuffledBegin(intervals.size());
  std::size_t position = 0;
  for (std::size_t i = 0; i != intervals.size(); ++i) {
    shuffledBegin[i] = position;
    position += intervals[i].size();
  }
  std::vector<Interval> unshuffling;
  unshuffling.reserve(intervals.size());
  for (std::size_t i : order)
    unshuffling.emplace_back(shuffledBegin[i],
                             shuffledBegin[i] + intervals[i].size());
  return unshuffling;
}

} // namespace poputil
