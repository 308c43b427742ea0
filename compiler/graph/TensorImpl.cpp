// The region-list machinery under every tensor view: construction, element
// lookup by binary search and gathering runs of elements into regions.
#include "compiler/graph/TensorImpl.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>

namespace tessel {

std::uint64_t TensorImpl::numElements() const {
  std::uint64_t n = 1;
  for (std::size_t d : shape)
    n *= d;
  return n;
}

const TensorImpl &TensorAccess::impl(const poplar::Tensor &t) {
  return t.get();
}

poplar::Tensor TensorAccess::make(TensorImpl impl) {
  impl.starts.resize(impl.regions.size());
  std::uint64_t at = 0;
  for (std::size_t i = 0; i < impl.regions.size(); ++i) {
    impl.starts[i] = at;
    at += impl.regions[i].size();
  }
  return poplar::Tensor(std::make_shared<const TensorImpl>(std::move(impl)));
}

/// Appends r to regions, merging it into the last region if it continues it.
static void appendRegion(std::vector<ElementRegion> &regions,
                         const ElementRegion &r) {
  if (r.begin == r.end)
    return;
  if (!regions.empty() && regions.back().var == r.var &&
      regions.back().end == r.begin)
    regions.back().end = r.end;
  else
    regions.push_back(r);
}

std::vector<ElementRegion>
gatherRuns(const std::vector<const TensorImpl *> &sources,
           const std::vector<ElementRun> &runs) {
  std::vector<ElementRegion> result;
  result.reserve(runs.size());
  for (const ElementRun &run : runs) {
    const TensorImpl &src = *sources[run.source];
    std::uint64_t at = run.begin;
    std::uint64_t left = run.length;
    // The region holding element `at`: the last start <= at.
    auto it = std::upper_bound(src.starts.begin(), src.starts.end(), at);
    std::size_t i = static_cast<std::size_t>(it - src.starts.begin()) - 1;
    while (left) {
      const ElementRegion &r = src.regions[i];
      std::uint64_t offset = at - src.starts[i];
      std::uint64_t take = std::min(left, r.size() - offset);
      appendRegion(result, {r.var, r.begin + offset, r.begin + offset + take});
      at += take;
      left -= take;
      ++i;
    }
  }
  return result;
}

} // namespace tessel
