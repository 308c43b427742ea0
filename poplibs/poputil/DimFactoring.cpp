// factorDims and unfactorDims of poputil/Util.hpp: split dimensions into an
// outer part and a factor, the factors moved inside all the outer parts.
#include <poputil/Util.hpp>

using namespace poplar;

namespace poputil {

Tensor factorDims(const Tensor &t, const std::vector<std::size_t> &factors,
                  unsigned startDim) {
  const unsigned n = factors.size();
  if (startDim + n > t.rank())
    throw poplibs_error("poputil::factorDims: " + std::to_string(n) +
                        " factors from dimension " + std::to_string(startDim) +
                        " do not fit a tensor of shape " + t.shapeToString());
  std::vector<std::size_t> split;
  std::vector<unsigned> from, to;
  for (unsigned d = 0; d != n; ++d) {
    const std::size_t size = t.dim(startDim + d);
    if (factors[d] == 0 || size % factors[d] != 0)
      throw poplibs_error("poputil::factorDims: factor " +
                          std::to_string(factors[d]) + " does not divide " +
                          "dimension " + std::to_string(startDim + d) +
                          " of shape " + t.shapeToString());
    split.push_back(size / factors[d]);
    split.push_back(factors[d]);
    from.push_back(startDim + 2 * d);
    to.push_back(startDim + d);
    from.push_back(startDim + 2 * d + 1);
    to.push_back(startDim + n + d);
  }
  return t.reshapePartial(startDim, startDim + n, split)
      .dimShufflePartial(from, to);
}

Tensor unfactorDims(const Tensor &t, unsigned numDims, unsigned startDim) {
  if (startDim + 2 * numDims > t.rank())
    throw poplibs_error("poputil::unfactorDims: " + std::to_string(numDims) +
                        " factored dimensions from dimension " +
                        std::to_string(startDim) +
                        " need twice as many dimensions; the tensor has "
                        "shape " +
                        t.shapeToString());
  std::vector<unsigned> from, to;
  std::vector<std::size_t> merged;
  for (unsigned d = 0; d != numDims; ++d) {
    from.push_back(startDim + d);
    to.push_back(startDim + 2 * d);
    from.push_back(startDim + numDims + d);
    to.push_back(startDim + 2 * d + 1);
    merged.push_back(t.dim(startDim + d) * t.dim(startDim + numDims + d));
  }
  return t.dimShufflePartial(from, to).reshapePartial(
      startDim, startDim + 2 * numDims, merged);
}

} // namespace poputil
