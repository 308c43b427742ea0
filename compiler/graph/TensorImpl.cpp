// The region-list machinery under every tensor view: the Tensor handle
// itself, building an impl with its prefix sums of region starts, and
// gathering runs of elements into merged regions by binary search over
// those starts, so a view costs O(log R + regions it produces).
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

namespace {

/// Appends r to regions, merging it into the last region if it continues it.
void appendRegion(std::vector<ElementRegion> &regions, const ElementRegion &r) {
  if (r.begin == r.end)
    return;
  if (!regions.empty() && regions.back().var == r.var &&
      regions.back().end == r.begin)
    regions.back().end = r.end;
  else
    regions.push_back(r);
}

bool regionHolds(const TensorImpl &t, std::size_t i, std::uint64_t element) {
  return i < t.regions.size() && t.starts[i] <= element &&
         element < t.starts[i] + t.regions[i].size();
}

/// Index of the region of t holding `element`. Views usually walk their
/// source in order, so the region after the previous lookup (`hint`) is
/// tried before the binary search.
std::size_t regionOf(const TensorImpl &t, std::uint64_t element,
                     std::size_t hint) {
  if (regionHolds(t, hint, element))
    return hint;
  if (regionHolds(t, hint + 1, element))
    return hint + 1;
  auto it = std::upper_bound(t.starts.begin(), t.starts.end(), element);
  return static_cast<std::size_t>(it - t.starts.begin()) - 1;
}

} // namespace

std::vector<ElementRegion>
gatherRuns(const std::vector<const TensorImpl *> &sources,
           const std::vector<ElementRun> &runs) {
  std::vector<ElementRegion> result;
  result.reserve(runs.size());
  std::vector<std::size_t> hints(sources.size(), 0);
  for (const ElementRun &run : runs) {
    if (run.length == 0)
      continue;
    const TensorImpl &src = *sources[run.source];
    if (run.begin + run.length > src.numElements())
      throw poplar::poplar_error(
          "internal error: a view reads elements [" +
          std::to_string(run.begin) + ", " +
          std::to_string(run.begin + run.length) + ") of a tensor of " +
          std::to_string(src.numElements()) + " elements");
    std::uint64_t at = run.begin;
    std::uint64_t left = run.length;
    std::size_t i = regionOf(src, at, hints[run.source]);
    while (true) {
      const ElementRegion &r = src.regions[i];
      const std::uint64_t offset = at - src.starts[i];
      const std::uint64_t take = std::min(left, r.size() - offset);
      appendRegion(result, {r.var, r.begin + offset, r.begin + offset + take});
      at += take;
      left -= take;
      if (!left)
        break;
      ++i;
    }
    hints[run.source] = i;
  }
  return result;
}

} // namespace tessel

namespace poplar {

Tensor::Tensor() = default;
Tensor::Tensor(const Tensor &) = default;
Tensor::Tensor(Tensor &&) noexcept = default;
Tensor &Tensor::operator=(const Tensor &) = default;
Tensor &Tensor::operator=(Tensor &&) noexcept = default;
Tensor::~Tensor() = default;
Tensor::Tensor(std::shared_ptr<const tessel::TensorImpl> impl)
    : impl(std::move(impl)) {}

const tessel::TensorImpl &Tensor::get() const {
  if (!impl)
    throw poplar_error("Tensor: this tensor is not valid (it was default "
                       "constructed); assign it a tensor made by a Graph, "
                       "e.g. graph.addVariable(FLOAT, {4}, \"x\"), before "
                       "using it");
  return *impl;
}

} // namespace poplar
