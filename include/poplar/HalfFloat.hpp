// The device-side `half`: IEEE 754 binary16 storage with arithmetic done in
// float and rounded back to half (round to nearest even) after every
// operation, which gives the correctly rounded half result because float
// carries more than twice half's precision. Mixed half/float arithmetic
// promotes to float, as on the IPU.
#ifndef POPLAR_HALFFLOAT_HPP
#define POPLAR_HALFFLOAT_HPP

#include <cstdint>
#include <type_traits>

namespace poplar {
namespace detail {

constexpr std::uint16_t floatBitsToHalfBits(std::uint32_t f) {
  const std::uint32_t sign = (f >> 16) & 0x8000u;
  const std::uint32_t absBits = f & 0x7fffffffu;
  if (absBits > 0x7f800000u) // NaN stays a quiet NaN
    return static_cast<std::uint16_t>(sign | 0x7e00u |
                                      ((absBits >> 13) & 0x1ffu));
  if (absBits >= 0x477ff000u) // rounds to 65520 or more: infinity
    return static_cast<std::uint16_t>(sign | 0x7c00u);
  if (absBits < 0x38800000u) { // half subnormal or zero
    if (absBits < 0x33000000u)
      return static_cast<std::uint16_t>(sign);
    const std::uint32_t exponent = absBits >> 23;
    const std::uint32_t mantissa = (absBits & 0x7fffffu) | 0x800000u;
    const std::uint32_t shift = 126 - exponent;
    std::uint32_t bits = mantissa >> shift;
    const std::uint32_t rest = mantissa & ((1u << shift) - 1);
    const std::uint32_t halfway = 1u << (shift - 1);
    if (rest > halfway || (rest == halfway && (bits & 1u)))
      ++bits;
    return static_cast<std::uint16_t>(sign | bits);
  }
  std::uint32_t bits = (absBits - 0x38000000u) >> 13;
  const std::uint32_t rest = absBits & 0x1fffu;
  if (rest > 0x1000u || (rest == 0x1000u && (bits & 1u)))
    ++bits;
  return static_cast<std::uint16_t>(sign | bits);
}

constexpr std::uint32_t halfBitsToFloatBits(std::uint16_t h) {
  // The magnitude's bits shifted into a float's place read as
  // 2^-112 x the half's value (a float subnormal for a half subnormal), so
  // one exact multiply by 2^112 converts every finite half. Infinity and NaN
  // keep an all-ones exponent. Selects rather than branches, so loops that
  // convert vectorise.
  const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
  const std::uint32_t shifted = static_cast<std::uint32_t>(h & 0x7fffu) << 13;
  const std::uint32_t finite = __builtin_bit_cast(
      std::uint32_t, __builtin_bit_cast(float, shifted) * 0x1p112f);
  const bool special = (h & 0x7c00u) == 0x7c00u;
  return sign | (special ? (shifted | 0x7f800000u) : finite);
}

} // namespace detail

/// IEEE binary16. Converts implicitly to and from float.
class half {
public:
  half() = default;
  constexpr half(float value)
      : bits(detail::floatBitsToHalfBits(
            __builtin_bit_cast(std::uint32_t, value))) {}
  template <class T, typename = std::enable_if_t<std::is_arithmetic_v<T> &&
                                                 !std::is_same_v<T, float>>>
  constexpr half(T value) : half(static_cast<float>(value)) {}

  constexpr operator float() const {
    return __builtin_bit_cast(float, detail::halfBitsToFloatBits(bits));
  }

  static constexpr half fromBits(std::uint16_t b) {
    half h;
    h.bits = b;
    return h;
  }
  constexpr std::uint16_t toBits() const { return bits; }

  // half op half stays half; a float operand promotes through operator float.
  template <class T, typename = std::enable_if_t<std::is_same_v<T, half>>>
  friend constexpr half operator+(T a, T b) {
    return half(float(a) + float(b));
  }
  template <class T, typename = std::enable_if_t<std::is_same_v<T, half>>>
  friend constexpr half operator-(T a, T b) {
    return half(float(a) - float(b));
  }
  template <class T, typename = std::enable_if_t<std::is_same_v<T, half>>>
  friend constexpr half operator*(T a, T b) {
    return half(float(a) * float(b));
  }
  template <class T, typename = std::enable_if_t<std::is_same_v<T, half>>>
  friend constexpr half operator/(T a, T b) {
    return half(float(a) / float(b));
  }
  constexpr half operator-() const { return fromBits(bits ^ 0x8000u); }
  constexpr half operator+() const { return *this; }
  template <class T> constexpr half &operator+=(T other) {
    return *this = half(float(*this) + float(other));
  }
  template <class T> constexpr half &operator-=(T other) {
    return *this = half(float(*this) - float(other));
  }
  template <class T> constexpr half &operator*=(T other) {
    return *this = half(float(*this) * float(other));
  }
  template <class T> constexpr half &operator/=(T other) {
    return *this = half(float(*this) / float(other));
  }

private:
  std::uint16_t bits = 0;
};

static_assert(sizeof(half) == 2 && alignof(half) == 2,
              "half must be two bytes, as on the device");

} // namespace poplar

/// Half literals, 1.5_h, on the host and in codelets alike.
constexpr poplar::half operator""_h(long double value) {
  return poplar::half(static_cast<float>(value));
}

#ifdef __POPC__
// Codelets name the type `half` unqualified, as on the IPU.
using poplar::half;
#endif

#endif
