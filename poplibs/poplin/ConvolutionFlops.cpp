// poplin::getFwdFlops and getFwdPerfectCycleCount: the work a convolution
// must do, counted one field dimension at a time (the count separates), and
// the cycles it takes at the conv units' peak rate.
#include <poplin/Convolution.hpp>

#include <poputil/exceptions.hpp>

namespace poplin {

namespace {

// Whether position `pos` of a transformed field is an element of the
// original field rather than a padding or dilation zero.
bool isOriginalElement(std::size_t pos, std::size_t transformedSize,
                       std::size_t truncatedSize,
                       const ConvParams::InputTransform &t, unsigned dim) {
  if (t.flip[dim])
    pos = transformedSize - 1 - pos;
  if (pos < t.paddingLower[dim])
    return false;
  pos -= t.paddingLower[dim];
  const std::size_t dilatedSize =
      truncatedSize == 0 ? 0 : (truncatedSize - 1) * t.dilation[dim] + 1;
  return pos < dilatedSize && pos % t.dilation[dim] == 0;
}

// (output, kernel tap) pairs of one field dimension that do work.
std::uint64_t workingPairs(const ConvParams &p, unsigned dim) {
  const ConvParams::OutputTransform &ot = p.outputTransform;
  const std::size_t inSize = p.getTransformedInputSize(dim);
  const std::size_t kernelSize = p.getTransformedKernelSize(dim);
  const std::size_t end =
      p.getUntransformedOutputSize(dim) - ot.truncationUpper[dim];
  std::uint64_t pairs = 0;
  for (std::size_t o = ot.truncationLower[dim]; o < end; o += ot.stride[dim])
    for (std::size_t k = 0; k < kernelSize; ++k)
      pairs += isOriginalElement(k, kernelSize, p.getTruncatedKernelSize(dim),
                                 p.kernelTransform, dim) &&
               isOriginalElement(o + k, inSize, p.getTruncatedInputSize(dim),
                                 p.inputTransform, dim);
  return pairs;
}

} // namespace

uint64_t getFwdFlops(const ConvParams &params) {
  params.validate();
  std::uint64_t macs = std::uint64_t(params.batchSize) * params.numConvGroups *
                       params.inputChannelsPerConvGroup *
                       params.outputChannelsPerConvGroup;
  for (unsigned d = 0; d < params.getNumFieldDims(); ++d)
    macs *= workingPairs(params, d);
  return 2 * macs;
}

double getFwdPerfectCycleCount(const poplar::Graph &graph,
                               const ConvParams &params) {
  const poplar::Target &target = graph.getTarget();
  const std::uint64_t macsPerTileCycle =
      std::uint64_t(target.getNumConvUnits(params.inputType, poplar::FLOAT)) *
      target.getConvUnitInputLoadElemsPerCycle(params.inputType);
  if (macsPerTileCycle == 0)
    throw poputil::poplibs_error(
        "poplin::getFwdPerfectCycleCount: the conv units of this target do "
        "not take input type " +
        params.inputType.toString() + "; use FLOAT or HALF");
  return double(getFwdFlops(params)) /
         (2.0 * double(macsPerTileCycle) * target.getNumTiles());
}

} // namespace poplin
