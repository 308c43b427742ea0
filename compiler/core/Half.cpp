// IEEE 754 binary16 <-> binary32/64 by bit manipulation, so results never
// depend on the host's floating-point environment.
#include "compiler/core/Half.hpp"

#include <cmath>
#include <cstring>

namespace tessel {

std::uint16_t floatToHalf(float value) {
  std::uint32_t f;
  std::memcpy(&f, &value, 4);
  const std::uint32_t sign = (f >> 16) & 0x8000u;
  const std::uint32_t absBits = f & 0x7fffffffu;
  if (absBits > 0x7f800000u) // NaN: keep it quiet and keep top payload bits
    return static_cast<std::uint16_t>(sign | 0x7e00u |
                                      ((absBits >> 13) & 0x1ffu));
  if (absBits >= 0x477ff000u) // rounds to >= 65520: infinity
    return static_cast<std::uint16_t>(sign | 0x7c00u);
  if (absBits < 0x38800000u) {
    // Below the smallest normal half (2^-14): a subnormal or zero. Scale
    // the value so its half-ulp multiples become integers, then round.
    if (absBits < 0x33000000u) // below 2^-25: rounds to zero
      return static_cast<std::uint16_t>(sign);
    const std::uint32_t exponent = absBits >> 23;
    const std::uint32_t mantissa = (absBits & 0x7fffffu) | 0x800000u;
    const std::uint32_t shift = 126 - exponent; // 14..24 bits dropped
    std::uint32_t half = mantissa >> shift;
    const std::uint32_t rest = mantissa & ((1u << shift) - 1);
    const std::uint32_t halfway = 1u << (shift - 1);
    if (rest > halfway || (rest == halfway && (half & 1u)))
      ++half;
    return static_cast<std::uint16_t>(sign | half);
  }
  // Normal: rebias the exponent and round the mantissa to 10 bits.
  std::uint32_t half = ((absBits - 0x38000000u) >> 13);
  const std::uint32_t rest = absBits & 0x1fffu;
  if (rest > 0x1000u || (rest == 0x1000u && (half & 1u)))
    ++half; // may carry into the exponent, which is still correct
  return static_cast<std::uint16_t>(sign | half);
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
  const std::uint32_t sign = (bits & 0x8000u) << 16;
  std::uint32_t exponent = (bits >> 10) & 0x1fu;
  std::uint32_t mantissa = bits & 0x3ffu;
  std::uint32_t f;
  if (exponent == 0x1f) {
    f = sign | 0x7f800000u | (mantissa << 13);
  } else if (exponent == 0) {
    if (mantissa == 0) {
      f = sign;
    } else { // subnormal: normalise
      exponent = 113;
      while (!(mantissa & 0x400u)) {
        mantissa <<= 1;
        --exponent;
      }
      f = sign | (exponent << 23) | ((mantissa & 0x3ffu) << 13);
    }
  } else {
    f = sign | ((exponent + 112) << 23) | (mantissa << 13);
  }
  float value;
  std::memcpy(&value, &f, 4);
  return value;
}

} // namespace tessel
