// Argument checks shared by popnn's batch, group and layer norms.
#include "NormChecks.hpp"

#include <poplar/exceptions.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;

namespace popnn {

std::string normOperationName(const DebugContext &debugContext,
                              const std::string &operation) {
  const std::string path = debugContext.getPathName();
  return path.empty() ? operation : operation + " (" + path + ")";
}

void checkNormActs(const Tensor &acts, const std::string &what,
                   const std::string &name) {
  if (acts.rank() < 2 || acts.numElements() == 0)
    throw poputil::poplibs_error(
        name + ": " + what +
        " must be a non-empty tensor of rank 2 or more, [N][C][..F..], "
        "but its shape is " +
        acts.shapeToString());
  if (acts.elementType() != FLOAT && acts.elementType() != HALF)
    throw poputil::poplibs_error(name + ": " + what +
                                 " must be FLOAT or HALF, not " +
                                 acts.elementType().toString());
}

void checkNormVector(const Tensor &v, std::size_t size, const std::string &what,
                     const std::string &meaning, const std::string &name) {
  if (v.rank() != 1 || v.dim(0) != size)
    throw poputil::poplibs_error(name + ": " + what + " must have shape {" +
                                 std::to_string(size) + "} (" + meaning +
                                 "), but its shape is " + v.shapeToString());
  if (v.elementType() != FLOAT && v.elementType() != HALF)
    throw poputil::poplibs_error(name + ": " + what +
                                 " must be FLOAT or HALF, not " +
                                 v.elementType().toString());
}

void checkNormSameShape(const Tensor &a, const std::string &whatA,
                        const Tensor &b, const std::string &whatB,
                        const std::string &name) {
  if (a.shape() != b.shape())
    throw poputil::poplibs_error(
        name + ": " + whatB + " has shape " + b.shapeToString() + " but " +
        whatA + " has shape " + a.shapeToString() + "; they must be the same");
}

void checkNoNormOptions(const OptionFlags &options, const std::string &name) {
  if (options.begin() != options.end())
    throw invalid_option(name + ": unknown option '" + options.begin()->first +
                         "'; batch norm takes no options");
}

bool stridedChannelGrouping(const OptionFlags &options,
                            const std::string &name) {
  bool strided = true;
  for (const auto &[key, value] : options) {
    if (key != "groupNormStridedChannelGrouping")
      throw invalid_option(name + ": unknown option '" + key +
                           "'; the only group norm option is "
                           "groupNormStridedChannelGrouping");
    if (value != "true" && value != "false")
      throw invalid_option(name +
                           ": groupNormStridedChannelGrouping must be true "
                           "or false, not '" +
                           value + "'");
    strided = value == "true";
  }
  return strided;
}

} // namespace popnn
