// poplin::ConvParams: constructors, the sizes each transform gives, and
// validation that names the inconsistent field.
#include <poplin/ConvParams.hpp>

#include <poputil/exceptions.hpp>

#include <sstream>
#include <string>
#include <tuple>

namespace poplin {

namespace {

template <typename T> std::string listOf(const std::vector<T> &values) {
  std::ostringstream os;
  os << '{';
  for (std::size_t i = 0; i < values.size(); ++i)
    os << (i ? ", " : "") << values[i];
  os << '}';
  return os.str();
}

template <typename T>
void checkLength(const std::vector<T> &v, std::size_t numFieldDims,
                 const std::string &name) {
  if (v.size() != numFieldDims)
    throw poputil::poplibs_error(
        "poplin::ConvParams: " + name + " " + listOf(v) + " has " +
        std::to_string(v.size()) + " entries but the input field has " +
        std::to_string(numFieldDims) +
        " dimensions; give one entry per field dimension");
}

void checkNonZero(const std::vector<unsigned> &v, const std::string &name) {
  for (unsigned x : v)
    if (x == 0)
      throw poputil::poplibs_error("poplin::ConvParams: " + name + " " +
                                   listOf(v) +
                                   " has a 0 entry; every entry must be >= 1");
}

void checkInputTransform(const ConvParams::InputTransform &t,
                         const std::vector<std::size_t> &shape,
                         const std::string &name) {
  const std::size_t n = shape.size();
  checkLength(t.truncationLower, n, name + ".truncationLower");
  checkLength(t.truncationUpper, n, name + ".truncationUpper");
  checkLength(t.dilation, n, name + ".dilation");
  checkLength(t.paddingLower, n, name + ".paddingLower");
  checkLength(t.paddingUpper, n, name + ".paddingUpper");
  checkLength(t.flip, n, name + ".flip");
  checkNonZero(t.dilation, name + ".dilation");
  for (std::size_t d = 0; d < n; ++d)
    if (std::size_t(t.truncationLower[d]) + t.truncationUpper[d] > shape[d])
      throw poputil::poplibs_error(
          "poplin::ConvParams: " + name + " truncates " +
          std::to_string(t.truncationLower[d]) + " + " +
          std::to_string(t.truncationUpper[d]) + " elements of dimension " +
          std::to_string(d) + " of size " + std::to_string(shape[d]) +
          "; truncate at most the size");
}

unsigned transformedSize(std::size_t truncated,
                         const ConvParams::InputTransform &t, unsigned dim) {
  const std::size_t dilated =
      truncated == 0 ? 0 : (truncated - 1) * t.dilation[dim] + 1;
  return unsigned(dilated + t.paddingLower[dim] + t.paddingUpper[dim]);
}

auto tieOf(const ConvParams::InputTransform &t) {
  return std::tie(t.truncationLower, t.truncationUpper, t.dilation,
                  t.paddingLower, t.paddingUpper, t.flip);
}
auto tieOf(const ConvParams::OutputTransform &t) {
  return std::tie(t.truncationLower, t.truncationUpper, t.stride,
                  t.paddingLower, t.paddingUpper);
}
auto tieOf(const ConvParams &p) {
  return std::tie(p.inputType, p.outputType, p.batchSize, p.inputFieldShape,
                  p.kernelShape, p.inputChannelsPerConvGroup,
                  p.outputChannelsPerConvGroup, p.numConvGroups,
                  p.inputTransform, p.kernelTransform, p.outputTransform);
}

} // namespace

ConvParams::InputTransform::InputTransform(const std::size_t size)
    : truncationLower(size), truncationUpper(size), dilation(size, 1),
      paddingLower(size), paddingUpper(size), flip(size) {}

ConvParams::InputTransform::InputTransform(
    std::vector<unsigned> truncationLower,
    std::vector<unsigned> truncationUpper, std::vector<unsigned> dilation,
    std::vector<unsigned> paddingLower, std::vector<unsigned> paddingUpper,
    std::vector<bool> flip)
    : truncationLower(std::move(truncationLower)),
      truncationUpper(std::move(truncationUpper)),
      dilation(std::move(dilation)), paddingLower(std::move(paddingLower)),
      paddingUpper(std::move(paddingUpper)), flip(std::move(flip)) {}

ConvParams::OutputTransform::OutputTransform(const std::size_t size)
    : truncationLower(size), truncationUpper(size), stride(size, 1),
      paddingLower(size), paddingUpper(size) {}

ConvParams::OutputTransform::OutputTransform(
    std::vector<unsigned> truncationLower,
    std::vector<unsigned> truncationUpper, std::vector<unsigned> striding,
    std::vector<unsigned> paddingLower, std::vector<unsigned> paddingUpper)
    : truncationLower(std::move(truncationLower)),
      truncationUpper(std::move(truncationUpper)), stride(std::move(striding)),
      paddingLower(std::move(paddingLower)),
      paddingUpper(std::move(paddingUpper)) {}

bool operator<(const ConvParams::InputTransform &a,
               const ConvParams::InputTransform &b) {
  return tieOf(a) < tieOf(b);
}
bool operator==(const ConvParams::InputTransform &a,
                const ConvParams::InputTransform &b) {
  return tieOf(a) == tieOf(b);
}
bool operator!=(const ConvParams::InputTransform &a,
                const ConvParams::InputTransform &b) {
  return !(a == b);
}
bool operator<(const ConvParams::OutputTransform &a,
               const ConvParams::OutputTransform &b) {
  return tieOf(a) < tieOf(b);
}
bool operator==(const ConvParams::OutputTransform &a,
                const ConvParams::OutputTransform &b) {
  return tieOf(a) == tieOf(b);
}
bool operator!=(const ConvParams::OutputTransform &a,
                const ConvParams::OutputTransform &b) {
  return !(a == b);
}
bool operator<(const ConvParams &a, const ConvParams &b) {
  return tieOf(a) < tieOf(b);
}
bool operator==(const ConvParams &a, const ConvParams &b) {
  return tieOf(a) == tieOf(b);
}
bool operator!=(const ConvParams &a, const ConvParams &b) { return !(a == b); }

ConvParams::ConvParams(poplar::Type dataType, std::size_t batchSize,
                       std::vector<std::size_t> inputFieldShape,
                       std::vector<std::size_t> kernelShape,
                       std::size_t inputChannels, std::size_t outputChannels,
                       std::size_t numConvGroups)
    : ConvParams(dataType, dataType, batchSize, std::move(inputFieldShape),
                 std::move(kernelShape), inputChannels, outputChannels,
                 numConvGroups) {}

ConvParams::ConvParams(poplar::Type inputType, poplar::Type outputType,
                       std::size_t batchSize,
                       std::vector<std::size_t> inputFieldShape,
                       std::vector<std::size_t> kernelShape,
                       std::size_t inputChannels, std::size_t outputChannels,
                       std::size_t numConvGroups)
    : ConvParams(inputType, outputType, batchSize, inputFieldShape, kernelShape,
                 inputChannels, outputChannels, numConvGroups,
                 InputTransform(inputFieldShape.size()),
                 InputTransform(inputFieldShape.size()),
                 OutputTransform(inputFieldShape.size())) {}

ConvParams::ConvParams(poplar::Type inputType, poplar::Type outputType,
                       std::size_t batchSize,
                       std::vector<std::size_t> inputFieldShape,
                       std::vector<std::size_t> kernelShape,
                       std::size_t inputChannels, std::size_t outputChannels,
                       std::size_t numConvGroups, InputTransform inputTransform,
                       InputTransform kernelTransform,
                       OutputTransform outputTransform)
    : inputType(inputType), outputType(outputType), batchSize(batchSize),
      inputFieldShape(std::move(inputFieldShape)),
      kernelShape(std::move(kernelShape)),
      inputChannelsPerConvGroup(inputChannels),
      outputChannelsPerConvGroup(outputChannels), numConvGroups(numConvGroups),
      inputTransform(std::move(inputTransform)),
      kernelTransform(std::move(kernelTransform)),
      outputTransform(std::move(outputTransform)) {}

unsigned ConvParams::getTruncatedInputSize(unsigned dim) const {
  return unsigned(inputFieldShape[dim] - inputTransform.truncationLower[dim] -
                  inputTransform.truncationUpper[dim]);
}

unsigned ConvParams::getTruncatedKernelSize(unsigned dim) const {
  return unsigned(kernelShape[dim] - kernelTransform.truncationLower[dim] -
                  kernelTransform.truncationUpper[dim]);
}

unsigned ConvParams::getTransformedInputSize(unsigned dim) const {
  return transformedSize(getTruncatedInputSize(dim), inputTransform, dim);
}

unsigned ConvParams::getTransformedKernelSize(unsigned dim) const {
  return transformedSize(getTruncatedKernelSize(dim), kernelTransform, dim);
}

std::size_t ConvParams::getUntransformedOutputSize(unsigned dim) const {
  const unsigned in = getTransformedInputSize(dim);
  const unsigned kernel = getTransformedKernelSize(dim);
  return in < kernel ? 0 : in - kernel + 1;
}

std::size_t ConvParams::getOutputSize(unsigned dim) const {
  const std::size_t full = getUntransformedOutputSize(dim);
  const std::size_t cut = std::size_t(outputTransform.truncationLower[dim]) +
                          outputTransform.truncationUpper[dim];
  const std::size_t truncated = full < cut ? 0 : full - cut;
  const std::size_t strided = (truncated + outputTransform.stride[dim] - 1) /
                              outputTransform.stride[dim];
  return strided + outputTransform.paddingLower[dim] +
         outputTransform.paddingUpper[dim];
}

std::vector<size_t> ConvParams::getOutputFieldShape() const {
  std::vector<size_t> shape;
  for (unsigned d = 0; d < getNumFieldDims(); ++d)
    shape.push_back(getOutputSize(d));
  return shape;
}

void ConvParams::validate() const {
  const std::size_t n = inputFieldShape.size();
  checkLength(kernelShape, n, "kernelShape");
  checkInputTransform(inputTransform, inputFieldShape, "inputTransform");
  checkInputTransform(kernelTransform, kernelShape, "kernelTransform");
  const OutputTransform &ot = outputTransform;
  checkLength(ot.truncationLower, n, "outputTransform.truncationLower");
  checkLength(ot.truncationUpper, n, "outputTransform.truncationUpper");
  checkLength(ot.stride, n, "outputTransform.stride");
  checkLength(ot.paddingLower, n, "outputTransform.paddingLower");
  checkLength(ot.paddingUpper, n, "outputTransform.paddingUpper");
  checkNonZero(ot.stride, "outputTransform.stride");
  auto emptyOutput = [&](const std::string &why) {
    std::ostringstream os;
    os << "poplin::ConvParams: the output would be empty: " << why
       << " (params " << *this << "); every size must be at least 1";
    throw poputil::poplibs_error(os.str());
  };
  if (batchSize == 0)
    emptyOutput("batchSize is 0");
  if (numConvGroups == 0)
    emptyOutput("numConvGroups is 0");
  if (outputChannelsPerConvGroup == 0)
    emptyOutput("outputChannelsPerConvGroup is 0");
  for (unsigned d = 0; d < n; ++d) {
    if (getTransformedKernelSize(d) == 0)
      emptyOutput("the transformed kernel size of dimension " +
                  std::to_string(d) + " is 0");
    const std::size_t full = getUntransformedOutputSize(d);
    if (full == 0)
      emptyOutput("dimension " + std::to_string(d) +
                  ": transformed input size " +
                  std::to_string(getTransformedInputSize(d)) +
                  " is smaller than transformed kernel size " +
                  std::to_string(getTransformedKernelSize(d)));
    if (std::size_t(ot.truncationLower[d]) + ot.truncationUpper[d] >= full)
      emptyOutput("dimension " + std::to_string(d) +
                  ": outputTransform truncates " +
                  std::to_string(ot.truncationLower[d]) + " + " +
                  std::to_string(ot.truncationUpper[d]) +
                  " of an output of size " + std::to_string(full));
  }
}

std::ostream &operator<<(std::ostream &os, const ConvParams &p) {
  os << "{inputType " << p.inputType << ", outputType " << p.outputType
     << ", batchSize " << p.batchSize << ", inputFieldShape "
     << listOf(p.inputFieldShape) << ", kernelShape " << listOf(p.kernelShape)
     << ", inputChannelsPerConvGroup " << p.inputChannelsPerConvGroup
     << ", outputChannelsPerConvGroup " << p.outputChannelsPerConvGroup
     << ", numConvGroups " << p.numConvGroups << "}";
  return os;
}

} // namespace poplin
