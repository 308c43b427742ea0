// IEEE 754 binary16 <-> binary32/64 by bit manipulation, so results never
// depend on the host's floating-point environment. The float conversions are
// the device `half`'s own (poplar/HalfFloat.hpp), so host and codelets agree.
#include "compiler/core/Half.hpp"

#include <poplar/HalfFloat.hpp>

#include <cmath>
#include <cstring>

namespace tessel {

std::uint16_t floatToHalf(float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, 4);
  return poplar::detail::floatBitsToHalfBits(bits);
}

std::uint16_t doubleToHalf(double value) {
  // Rounding a double to float first could round twice; instead round the
  // double directly when it is not exactly a float.
  float f = static_cast<float>(value);
  if (static_cast<double>(f) == value || std::isnan(value))
    return floatToHalf(f);
  // The double lies strictly between two floats; nudge the float toward the
  // double by one ulp-bit so the later half rounding sees the right side of
  // any halfway point (floats have 13 more mantissa bits than halves).
  float toward = std::nextafter(f, value > f ? INFINITY : -INFINITY);
  std::uint32_t a, b;
  std::memcpy(&a, &f, 4);
  std::memcpy(&b, &toward, 4);
  // Choose the one whose low bit is 1 (sticky), which cannot be a halfway
  // point for the half rounding.
  return floatToHalf((a & 1u) ? f : toward);
}

float halfToFloat(std::uint16_t bits) {
  const std::uint32_t f = poplar::detail::halfBitsToFloatBits(bits);
  float value;
  std::memcpy(&value, &f, 4);
  return value;
}

} // namespace tessel
