// What every popops element-wise operator computes on one element. The
// prebuilt vertices (ElementWise.cpp) and the codelets popops::map
// generates for fused expressions (whose source embeds this file) both
// call these functions, so fused and unfused results agree.
//
// Values travel in their compute type: half as float (rounded to half once,
// when stored), every other type as itself. Integer arithmetic wraps
// modulo 2^bits. Integer division by zero gives all bits set (-1 for
// signed types) and the remainder the dividend, as RISC-V defines it; the
// overflowing INT_MIN / -1 gives INT_MIN and remainder 0. Shift counts at
// or beyond the type's width (or negative) give 0 for left and logical
// right shifts and the sign fill for SHIFT_RIGHT_SIGN_EXTEND. Float to
// integer casts saturate, NaN giving 0.
#ifndef TESSEL_POPLIBS_POPOPS_CODELETS_ELEMENTWISEOPS_HPP
#define TESSEL_POPLIBS_POPOPS_CODELETS_ELEMENTWISEOPS_HPP

#include <poplar/HalfFloat.hpp>
#include <popops/ExprOp.hpp>

#include <cmath>
#include <limits>
#include <type_traits>

namespace popops {
namespace elementwise {

using expr::BinaryOpType;
using expr::TernaryOpType;
using expr::UnaryOpType;
using poplar::half;

/// The type a value of element type T is computed in.
template <class T>
using Compute = std::conditional_t<std::is_same_v<T, half>, float, T>;

template <UnaryOpType op>
constexpr bool isPredicate =
    op == UnaryOpType::IS_FINITE || op == UnaryOpType::IS_INF ||
    op == UnaryOpType::IS_NAN;

template <BinaryOpType op>
constexpr bool isComparison =
    op == BinaryOpType::EQUAL || op == BinaryOpType::NOT_EQUAL ||
    op == BinaryOpType::LESS_THAN || op == BinaryOpType::LESS_THAN_EQUAL ||
    op == BinaryOpType::GREATER_THAN || op == BinaryOpType::GREATER_THAN_EQUAL;

/// The element type of the result of `op` on elements of type T.
template <UnaryOpType op, class T>
using UnaryOut = std::conditional_t<isPredicate<op>, bool, T>;
template <BinaryOpType op, class T>
using BinaryOut = std::conditional_t<isComparison<op>, bool, T>;

/// Unsigned arithmetic at least as wide as unsigned int, so products of
/// narrow types cannot overflow a promoted int.
template <class T>
using Wide = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned,
                                std::make_unsigned_t<T>>;

template <class C> inline C wrapAdd(C a, C b) {
  if constexpr (std::is_integral_v<C>)
    return C(Wide<C>(a) + Wide<C>(b));
  else
    return a + b;
}
template <class C> inline C wrapSub(C a, C b) {
  if constexpr (std::is_integral_v<C>)
    return C(Wide<C>(a) - Wide<C>(b));
  else
    return a - b;
}
template <class C> inline C wrapMul(C a, C b) {
  if constexpr (std::is_integral_v<C>)
    return C(Wide<C>(a) * Wide<C>(b));
  else
    return a * b;
}

template <class C> inline C maxOf(C a, C b) {
  if constexpr (std::is_floating_point_v<C>)
    return std::fmax(a, b);
  else
    return a < b ? b : a;
}
template <class C> inline C minOf(C a, C b) {
  if constexpr (std::is_floating_point_v<C>)
    return std::fmin(a, b);
  else
    return b < a ? b : a;
}

template <class C> inline C divide(C a, C b) {
  if constexpr (std::is_floating_point_v<C>) {
    return a / b;
  } else {
    if (b == 0)
      return C(-1);
    if constexpr (std::is_signed_v<C>)
      if (a == std::numeric_limits<C>::min() && b == C(-1))
        return a;
    return C(a / b);
  }
}

template <class C> inline C remainder(C a, C b) {
  if constexpr (std::is_floating_point_v<C>) {
    return std::fmod(a, b);
  } else {
    if (b == 0)
      return a;
    if constexpr (std::is_signed_v<C>)
      if (b == C(-1))
        return 0;
    return C(a % b);
  }
}

template <class C> constexpr unsigned bitsOf = 8 * sizeof(C);

template <class C> inline C shiftLeft(C a, C b) {
  const auto count = std::make_unsigned_t<C>(b);
  return count >= bitsOf<C> ? C(0) : C(Wide<C>(a) << count);
}
template <class C> inline C shiftRight(C a, C b) {
  const auto count = std::make_unsigned_t<C>(b);
  return count >= bitsOf<C> ? C(0) : C(std::make_unsigned_t<C>(a) >> count);
}
template <class C> inline C shiftRightSignExtend(C a, C b) {
  const auto count = std::make_unsigned_t<C>(b);
  if (count >= bitsOf<C>)
    return a < 0 ? C(-1) : C(0);
  return C(a >> count);
}

template <class C> inline C sigmoid(C x) {
  // exp of a non-positive argument only: no overflow for any x.
  if (x >= 0)
    return 1.0f / (1.0f + std::exp(-x));
  const C e = std::exp(x);
  return e / (1.0f + e);
}

template <class C> inline C signum(C x) {
  if constexpr (std::is_floating_point_v<C>)
    return x > 0 ? C(1) : x < 0 ? C(-1) : x; // keeps +-0 and NaN
  else
    return C((x > 0) - (x < 0));
}

template <class C> inline C countLeadingZeros(C x) {
  return x == 0 ? C(32) : C(__builtin_clz(unsigned(x)));
}

/// `op` on x, an element of type T in its compute type.
template <UnaryOpType op, class T>
inline auto unary(Compute<T> x) -> Compute<UnaryOut<op, T>> {
  using C = Compute<T>;
  if constexpr (op == UnaryOpType::ABSOLUTE) {
    if constexpr (std::is_floating_point_v<C>)
      return std::fabs(x);
    else
      return x < 0 ? wrapSub(C(0), x) : x;
  } else if constexpr (op == UnaryOpType::ASIN) {
    return std::asin(x);
  } else if constexpr (op == UnaryOpType::BITWISE_NOT) {
    return C(~x);
  } else if constexpr (op == UnaryOpType::CBRT) {
    return std::cbrt(x);
  } else if constexpr (op == UnaryOpType::CEIL) {
    return std::ceil(x);
  } else if constexpr (op == UnaryOpType::COS) {
    return std::cos(x);
  } else if constexpr (op == UnaryOpType::COUNT_LEADING_ZEROS) {
    return countLeadingZeros(x);
  } else if constexpr (op == UnaryOpType::ERF) {
    return std::erf(x);
  } else if constexpr (op == UnaryOpType::EXPONENT) {
    return std::exp(x);
  } else if constexpr (op == UnaryOpType::EXPONENT_MINUS_ONE) {
    return std::expm1(x);
  } else if constexpr (op == UnaryOpType::EXPONENT2) {
    return std::exp2(x);
  } else if constexpr (op == UnaryOpType::FLOOR) {
    return std::floor(x);
  } else if constexpr (op == UnaryOpType::GELU_ERF) {
    return 0.5f * x * (1.0f + std::erf(x * 0.707106781186547524f));
  } else if constexpr (op == UnaryOpType::INVERSE) {
    return 1.0f / x;
  } else if constexpr (op == UnaryOpType::IS_FINITE) {
    return std::isfinite(x);
  } else if constexpr (op == UnaryOpType::IS_INF) {
    return std::isinf(x);
  } else if constexpr (op == UnaryOpType::IS_NAN) {
    return std::isnan(x);
  } else if constexpr (op == UnaryOpType::LOGARITHM) {
    return std::log(x);
  } else if constexpr (op == UnaryOpType::LOGARITHM_ONE_PLUS) {
    return std::log1p(x);
  } else if constexpr (op == UnaryOpType::LOGICAL_NOT) {
    return !x;
  } else if constexpr (op == UnaryOpType::NEGATE) {
    return wrapSub(C(0), x);
  } else if constexpr (op == UnaryOpType::POPCOUNT) {
    return C(__builtin_popcount(unsigned(x)));
  } else if constexpr (op == UnaryOpType::SIGNUM) {
    return signum(x);
  } else if constexpr (op == UnaryOpType::SIN) {
    return std::sin(x);
  } else if constexpr (op == UnaryOpType::TAN) {
    return std::tan(x);
  } else if constexpr (op == UnaryOpType::TANH) {
    return std::tanh(x);
  } else if constexpr (op == UnaryOpType::ROUND) {
    return std::round(x);
  } else if constexpr (op == UnaryOpType::SQRT) {
    return std::sqrt(x);
  } else if constexpr (op == UnaryOpType::SQUARE) {
    return wrapMul(x, x);
  } else if constexpr (op == UnaryOpType::SIGMOID) {
    return sigmoid(x);
  } else {
    static_assert(op == UnaryOpType::RSQRT, "unhandled unary operator");
    return 1.0f / std::sqrt(x);
  }
}

/// `op` on a and b, elements of type T in their compute type.
template <BinaryOpType op, class T>
inline auto binary(Compute<T> a, Compute<T> b) -> Compute<BinaryOut<op, T>> {
  using C = Compute<T>;
  if constexpr (op == BinaryOpType::ADD) {
    return wrapAdd(a, b);
  } else if constexpr (op == BinaryOpType::ATAN2) {
    return std::atan2(a, b);
  } else if constexpr (op == BinaryOpType::BITWISE_AND) {
    return C(a & b);
  } else if constexpr (op == BinaryOpType::BITWISE_OR) {
    return C(a | b);
  } else if constexpr (op == BinaryOpType::BITWISE_XOR) {
    return C(a ^ b);
  } else if constexpr (op == BinaryOpType::BITWISE_XNOR) {
    return C(~(a ^ b));
  } else if constexpr (op == BinaryOpType::DIVIDE) {
    return divide(a, b);
  } else if constexpr (op == BinaryOpType::EQUAL) {
    return a == b;
  } else if constexpr (op == BinaryOpType::GREATER_THAN_EQUAL) {
    return a >= b;
  } else if constexpr (op == BinaryOpType::GREATER_THAN) {
    return a > b;
  } else if constexpr (op == BinaryOpType::INV_STD_DEV_TO_VARIANCE) {
    return 1.0f / (a * a) - b;
  } else if constexpr (op == BinaryOpType::LESS_THAN_EQUAL) {
    return a <= b;
  } else if constexpr (op == BinaryOpType::LOGICAL_AND) {
    return a && b;
  } else if constexpr (op == BinaryOpType::LOGICAL_OR) {
    return a || b;
  } else if constexpr (op == BinaryOpType::LESS_THAN) {
    return a < b;
  } else if constexpr (op == BinaryOpType::MAXIMUM) {
    return maxOf(a, b);
  } else if constexpr (op == BinaryOpType::MINIMUM) {
    return minOf(a, b);
  } else if constexpr (op == BinaryOpType::MULTIPLY) {
    return wrapMul(a, b);
  } else if constexpr (op == BinaryOpType::NOT_EQUAL) {
    return a != b;
  } else if constexpr (op == BinaryOpType::POWER) {
    return std::pow(a, b);
  } else if constexpr (op == BinaryOpType::REMAINDER) {
    return remainder(a, b);
  } else if constexpr (op == BinaryOpType::SHIFT_LEFT) {
    return shiftLeft(a, b);
  } else if constexpr (op == BinaryOpType::SHIFT_RIGHT) {
    return shiftRight(a, b);
  } else if constexpr (op == BinaryOpType::SHIFT_RIGHT_SIGN_EXTEND) {
    return shiftRightSignExtend(a, b);
  } else if constexpr (op == BinaryOpType::SUBTRACT) {
    return wrapSub(a, b);
  } else {
    static_assert(op == BinaryOpType::VARIANCE_TO_INV_STD_DEV,
                  "unhandled binary operator");
    return 1.0f / std::sqrt(a + b);
  }
}

/// SELECT(a, b, condition) and CLAMP(x, lower, upper) on elements of type T
/// (the condition is bool).
template <TernaryOpType op, class T, class Third>
inline Compute<T> ternary(Compute<T> a, Compute<T> b, Third c) {
  if constexpr (op == TernaryOpType::SELECT)
    return c ? a : b;
  else {
    // min(max(x, lower), upper), as std::min and std::max order them: a
    // NaN x stays NaN.
    const Compute<T> low = a < b ? b : a;
    return c < low ? c : low;
  }
}

/// x, of element type From in its compute type, converted to element type
/// To (in To's compute type).
template <class From, class To> inline Compute<To> cast(Compute<From> x) {
  using F = Compute<From>;
  using C = Compute<To>;
  if constexpr (std::is_same_v<To, half>) {
    return float(half(x));
  } else if constexpr (std::is_same_v<To, bool>) {
    return x != F(0);
  } else if constexpr (std::is_floating_point_v<F> && std::is_integral_v<C>) {
    if (std::isnan(x))
      return 0;
    if (x <= F(std::numeric_limits<C>::min()))
      return std::numeric_limits<C>::min();
    if (x >= F(std::numeric_limits<C>::max()))
      return std::numeric_limits<C>::max();
    return C(x);
  } else {
    return C(x);
  }
}

/// The share [begin, end) of n elements that worker `worker` of `workers`
/// computes: contiguous runs of whole 8-element groups, so no two workers
/// write one 64-bit word.
struct WorkerRange {
  unsigned begin, end;
};
inline WorkerRange workerRange(unsigned n, unsigned worker, unsigned workers) {
  const unsigned groups = (n + 7) / 8;
  const unsigned perWorker = (groups + workers - 1) / workers;
  const unsigned begin = worker * perWorker * 8;
  const unsigned end = begin + perWorker * 8;
  return {begin < n ? begin : n, end < n ? end : n};
}

} // namespace elementwise
} // namespace popops

#endif
