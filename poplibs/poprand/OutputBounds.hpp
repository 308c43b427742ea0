// The values an output type can hold inside an interval, so generated
// values rounded to that type never leave the interval a user asked for.
#ifndef POPRAND_OUTPUTBOUNDS_HPP
#define POPRAND_OUTPUTBOUNDS_HPP

#include <poplar/Type.hpp>

namespace poprand::detail {

/// The least and greatest values of `type` (float, half or int) in
/// [minVal, maxVal], as floats; lo > hi when there are none.
struct OutputBounds {
  float lo, hi;
  bool empty() const { return !(lo <= hi); }
};

OutputBounds representableBounds(const poplar::Type &type, double minVal,
                                 double maxVal);

} // namespace poprand::detail

#endif
