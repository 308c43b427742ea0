// Whether a host value survives a cast between FLOAT and HALF
// (poputil/Util.hpp): used to choose the type of scalar operands.
#include <poplar/HalfFloat.hpp>
#include <poputil/Util.hpp>

#include <cmath>

using namespace poplar;

namespace poputil {

double castToDeviceHalfValue(const Target &, double input) {
  return static_cast<float>(half(static_cast<float>(input)));
}

bool checkAccuracyWhenCast(const Target &target, double input, Type inputType,
                           Type outputType, double tolerance) {
  if (inputType == FLOAT && outputType == HALF) {
    const float value = static_cast<float>(input);
    const double asHalf = castToDeviceHalfValue(target, value);
    return std::fabs(value) * tolerance > std::fabs(asHalf - value);
  }
  if (inputType == HALF && outputType == FLOAT)
    return true;
  throw poplibs_error("poputil::checkAccuracyWhenCast: casts from " +
                      inputType.toString() + " to " + outputType.toString() +
                      " are not checked; only float to half and half to "
                      "float are");
}

} // namespace poputil
