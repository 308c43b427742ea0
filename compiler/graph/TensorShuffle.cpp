// Views that reorder dimensions: dimShuffle, dimShufflePartial, dimRoll and
// transpose. Singleton dimensions are dropped and source dimensions that
// stay adjacent and in order are merged before the runs are generated, so a
// permutation that keeps elements in order costs one run and a general one
// costs one run per contiguous piece of its result.
#include "compiler/graph/TensorImpl.hpp"
#include "compiler/graph/TensorViewSupport.hpp"

#include <poplar/exceptions.hpp>

using namespace poplar;
using tessel::ElementRun;
using tessel::TensorAccess;
using tessel::TensorImpl;

namespace {

/// Source dimensions that stay adjacent and in order in the result, seen as
/// one dimension of `size` elements, `stride` source elements apart.
struct DimGroup {
  std::uint64_t size = 1;
  std::uint64_t stride = 1;
};

/// The result's dimensions, in result order, as groups of source dimensions
/// (singletons dropped). perm[i] is the source dimension of result dim i.
std::vector<DimGroup> groupDimensions(const std::vector<std::size_t> &shape,
                                      const std::vector<unsigned> &perm) {
  const std::size_t rank = shape.size();
  std::vector<std::uint64_t> stride(rank, 1);
  for (std::size_t d = rank; d-- > 1;)
    stride[d - 1] = stride[d] * shape[d];
  // Position of each source dimension among the non-singleton ones.
  std::vector<std::size_t> position(rank, 0);
  std::size_t count = 0;
  for (std::size_t d = 0; d < rank; ++d)
    position[d] = shape[d] == 1 ? count : count++;

  std::vector<DimGroup> groups;
  std::size_t lastPosition = 0;
  for (unsigned d : perm) {
    if (shape[d] == 1)
      continue;
    if (!groups.empty() && position[d] == lastPosition + 1) {
      groups.back().size *= shape[d];
      groups.back().stride = stride[d];
    } else {
      groups.push_back({shape[d], stride[d]});
    }
    lastPosition = position[d];
  }
  return groups;
}

/// Result dimension i is source dimension perm[i] (perm already checked).
Tensor shuffleDimensions(const TensorImpl &t,
                         const std::vector<unsigned> &perm) {
  std::vector<std::size_t> shape(perm.size());
  for (std::size_t i = 0; i < perm.size(); ++i)
    shape[i] = t.shape[perm[i]];
  if (t.numElements() == 0)
    return tessel::viewOfRuns({&t}, std::move(shape), {});
  std::vector<DimGroup> groups = groupDimensions(t.shape, perm);
  // The innermost group, when it ends at the source's innermost element
  // stride, is one run; the others are counted by an odometer.
  std::uint64_t runLength = 1;
  if (!groups.empty() && groups.back().stride == 1) {
    runLength = groups.back().size;
    groups.pop_back();
  }
  std::vector<ElementRun> runs;
  std::vector<std::uint64_t> odometer(groups.size(), 0);
  std::uint64_t begin = 0;
  while (true) {
    tessel::appendRun(runs, {0, begin, runLength});
    std::size_t g = groups.size();
    // Step the odometer, keeping `begin` equal to sum(odometer * stride).
    while (g > 0) {
      DimGroup &group = groups[g - 1];
      if (++odometer[g - 1] < group.size) {
        begin += group.stride;
        break;
      }
      begin -= (group.size - 1) * group.stride;
      odometer[--g] = 0;
    }
    if (g == 0)
      break;
  }
  return tessel::viewOfRuns({&t}, std::move(shape), runs);
}

void checkPermutation(const Tensor &t, ArrayRef<unsigned> perm) {
  const std::size_t rank = t.rank();
  std::vector<bool> seen(rank, false);
  bool valid = perm.size() == rank;
  for (unsigned p : perm) {
    valid = valid && p < rank && !seen[p];
    if (p < rank)
      seen[p] = true;
  }
  if (!valid)
    throw tensor_creation_error(
        tessel::viewError("dimShuffle", t) + ": " + tessel::listText(perm) +
        " is not a permutation of its " + std::to_string(rank) +
        " dimensions; list each of 0.." +
        (rank ? std::to_string(rank - 1) : std::string("-1")) +
        " exactly once");
}

} // namespace

namespace poplar {

Tensor Tensor::dimShuffle(ArrayRef<unsigned> permutation) const {
  checkPermutation(*this, permutation);
  return shuffleDimensions(get(), permutation.cloneAsVector());
}

Tensor Tensor::dimShufflePartial(ArrayRef<unsigned> source,
                                 ArrayRef<unsigned> destination) const {
  const unsigned rank = this->rank();
  if (source.size() != destination.size())
    throw tensor_creation_error(tessel::viewError("dimShufflePartial", *this) +
                                ": source " + tessel::listText(source) +
                                " and destination " +
                                tessel::listText(destination) +
                                " must list the same number of dimensions");
  std::vector<int> perm(rank, -1);
  std::vector<bool> moved(rank, false);
  for (std::size_t i = 0; i < source.size(); ++i) {
    tessel::checkDimension("dimShufflePartial", *this, source[i]);
    tessel::checkDimension("dimShufflePartial", *this, destination[i]);
    if (moved[source[i]] || perm[destination[i]] != -1)
      throw tensor_creation_error(
          tessel::viewError("dimShufflePartial", *this) + ": source " +
          tessel::listText(source) + " and destination " +
          tessel::listText(destination) +
          " must each list distinct dimensions");
    perm[destination[i]] = static_cast<int>(source[i]);
    moved[source[i]] = true;
  }
  // The dimensions that do not move fill the free places in order.
  std::vector<unsigned> full(rank);
  unsigned next = 0;
  for (unsigned i = 0; i < rank; ++i) {
    if (perm[i] >= 0) {
      full[i] = static_cast<unsigned>(perm[i]);
      continue;
    }
    while (moved[next])
      ++next;
    full[i] = next++;
  }
  return shuffleDimensions(get(), full);
}

Tensor Tensor::dimRoll(unsigned dimIdx, unsigned newIdx) const {
  tessel::checkDimension("dimRoll", *this, dimIdx);
  tessel::checkDimension("dimRoll", *this, newIdx);
  return dimShufflePartial({dimIdx}, {newIdx});
}

Tensor Tensor::transpose() const {
  if (rank() != 2)
    throw tensor_creation_error(
        tessel::viewError("transpose", *this) +
        ": transpose needs exactly 2 dimensions; use dimShuffle or dimRoll "
        "for tensors of rank " +
        std::to_string(rank()));
  return shuffleDimensions(get(), {1, 0});
}

} // namespace poplar
