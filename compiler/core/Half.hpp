// IEEE 754 binary16 conversions, exact and rounding to nearest even.
#ifndef TESSEL_COMPILER_CORE_HALF_HPP
#define TESSEL_COMPILER_CORE_HALF_HPP

#include <cstdint>

namespace tessel {

std::uint16_t floatToHalf(float value);
std::uint16_t doubleToHalf(double value);
float halfToFloat(std::uint16_t bits);

} // namespace tessel

#endif
