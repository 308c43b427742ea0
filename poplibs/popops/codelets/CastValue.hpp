// The element conversion every popops cast uses, shared by the Cast and
// ScaledAdd codelets: to bool is != 0; floating to integer truncates
// toward zero and saturates (NaN gives 0), so no conversion is undefined
// behaviour; integer to integer wraps as C++ does; half is reached through
// float, whose rounding to half is to nearest even.
#ifndef TESSEL_POPLIBS_POPOPS_CODELETS_CASTVALUE_HPP
#define TESSEL_POPLIBS_POPOPS_CODELETS_CASTVALUE_HPP

#include <poplar/HalfFloat.hpp>

#include <limits>
#include <type_traits>

namespace popops::detail {

template <class T>
constexpr bool isFloating =
    std::is_same_v<T, float> || std::is_same_v<T, poplar::half>;

/// `x` truncated toward zero into the integer type `To`, clamped to its
/// range; NaN gives 0. The bounds are powers of two, exact in float.
template <class To> To saturatingFromFloat(float x) {
  using Limits = std::numeric_limits<To>;
  constexpr float lowest = float(Limits::min());
  constexpr float pastHighest =
      float(Limits::max() / 2 + 1) * 2.0f; // 2^bits or 2^(bits-1)
  if (!(x == x))
    return To(0);
  if (x < lowest)
    return Limits::min();
  if (x >= pastHighest)
    return Limits::max();
  return To(x);
}

template <class To, class From> To castValue(From x) {
  if constexpr (std::is_same_v<To, From>) {
    return x;
  } else if constexpr (std::is_same_v<To, bool>) {
    if constexpr (isFloating<From>)
      return float(x) != 0.0f;
    else
      return x != From(0);
  } else if constexpr (isFloating<To>) {
    return To(float(x));
  } else if constexpr (isFloating<From>) {
    return saturatingFromFloat<To>(float(x));
  } else {
    return To(x);
  }
}

} // namespace popops::detail

#endif
