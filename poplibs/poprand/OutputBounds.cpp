// Squeezing an interval to the values of float, half or int inside it.
#include "OutputBounds.hpp"

#include <poplar/HalfFloat.hpp>

#include <cmath>
#include <limits>

using namespace poplar;

namespace poprand::detail {

namespace {

float floatAtLeast(double v) {
  float f = static_cast<float>(v);
  if (double(f) < v)
    f = std::nextafter(f, std::numeric_limits<float>::infinity());
  return f;
}

float floatAtMost(double v) {
  float f = static_cast<float>(v);
  if (double(f) > v)
    f = std::nextafter(f, -std::numeric_limits<float>::infinity());
  return f;
}

/// The next half towards +infinity (or -infinity when `up` is false).
half nextHalf(half h, bool up) {
  const std::uint16_t bits = h.toBits();
  const bool negative = (bits & 0x8000u) != 0;
  if ((bits & 0x7FFFu) == 0) // +0 or -0
    return half::fromBits(up ? 0x0001u : 0x8001u);
  return half::fromBits(std::uint16_t(negative == up ? bits - 1 : bits + 1));
}

float halfAtLeast(double v) {
  half h(floatAtLeast(v));
  if (double(float(h)) < v)
    h = nextHalf(h, true);
  return float(h);
}

float halfAtMost(double v) {
  half h(floatAtMost(v));
  if (double(float(h)) > v)
    h = nextHalf(h, false);
  return float(h);
}

} // namespace

OutputBounds representableBounds(const Type &type, double minVal,
                                 double maxVal) {
  if (type == HALF)
    return {halfAtLeast(minVal), halfAtMost(maxVal)};
  if (type == INT)
    return {static_cast<float>(std::ceil(minVal)),
            static_cast<float>(std::floor(maxVal))};
  return {floatAtLeast(minVal), floatAtMost(maxVal)};
}

} // namespace poprand::detail
