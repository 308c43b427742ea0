// Host references for the element-wise tests: values rounded to a device
// type, integer results wrapped to a type's width, and a comparison that
// treats NaN as equal to NaN.
#ifndef TESSEL_TESTS_UNIT_POPOPS_ELEMENTWISETESTSUPPORT_HPP
#define TESSEL_TESTS_UNIT_POPOPS_ELEMENTWISETESTSUPPORT_HPP

#include "PopopsHarness.hpp"

#include <cmath>
#include <cstdint>

namespace popops_test {

/// `v` as a value of device type `type` holds it (half rounds).
inline double asType(const poplar::Type &type, double v) {
  return fromDevice(type, toDevice(type, {v}))[0];
}

/// An integer result wrapped modulo 2^bits into `type`'s range.
inline double wrapTo(const poplar::Type &type, long long v) {
  if (type == poplar::INT)
    return double(std::int32_t(std::uint32_t(v)));
  if (type == poplar::UNSIGNED_INT)
    return double(std::uint32_t(v));
  if (type == poplar::SHORT)
    return double(std::int16_t(std::uint16_t(v)));
  if (type == poplar::UNSIGNED_SHORT)
    return double(std::uint16_t(v));
  if (type == poplar::UNSIGNED_CHAR)
    return double(std::uint8_t(v));
  if (type == poplar::BOOL)
    return double(v != 0);
  return double(std::int8_t(std::uint8_t(v)));
}

inline unsigned bitsOf(const poplar::Type &type) {
  if (type == poplar::INT || type == poplar::UNSIGNED_INT)
    return 32;
  if (type == poplar::SHORT || type == poplar::UNSIGNED_SHORT)
    return 16;
  return 8;
}

inline bool isSignedType(const poplar::Type &type) {
  return type == poplar::INT || type == poplar::SHORT || type == poplar::CHAR ||
         type == poplar::SIGNED_CHAR;
}

/// Equal, both NaN, or within `relative` of `want`.
inline bool close(double got, double want, double relative = 0) {
  if (std::isnan(want))
    return std::isnan(got);
  if (got == want)
    return true;
  return relative > 0 && std::fabs(got - want) <= relative * std::fabs(want);
}

} // namespace popops_test

#endif
