// What each popops::Operation does to elements in the reduction vertices:
// how an input element enters the accumulator (`lift`: SQUARE_ADD squares
// it), how two accumulators combine, and the identity an empty reduction
// gives. Integer ADD and MUL wrap modulo 2^32 (computed unsigned, so
// overflow is defined).
#ifndef TESSEL_POPLIBS_POPOPS_CODELETS_REDUCEOPS_HPP
#define TESSEL_POPLIBS_POPOPS_CODELETS_REDUCEOPS_HPP

#include <popops/OperationDef.hpp>

#include <poplar/HalfFloat.hpp>

#include <cmath>
#include <limits>
#include <type_traits>

namespace popops::detail {

/// The type integer arithmetic is done in: unsigned, so it wraps.
template <class T, bool = std::is_integral_v<T> && !std::is_same_v<T, bool>>
struct Wrapping {
  using type = T;
};
template <class T> struct Wrapping<T, true> {
  using type = std::make_unsigned_t<T>;
};

template <class Acc, Operation Op> struct ReduceOp {
  using Wide = typename Wrapping<Acc>::type;

  static Acc identity() {
    using Limits = std::numeric_limits<Acc>;
    if constexpr (Op == Operation::MUL || Op == Operation::LOGICAL_AND) {
      return Acc(1);
    } else if constexpr (Op == Operation::MIN) {
      if constexpr (Limits::has_infinity)
        return Limits::infinity();
      else
        return Limits::max();
    } else if constexpr (Op == Operation::MAX || Op == Operation::LOG_ADD) {
      if constexpr (Limits::has_infinity)
        return -Limits::infinity();
      else
        return Limits::lowest();
    } else {
      return Acc(0);
    }
  }

  template <class In> static Acc lift(In x) {
    const Acc a = Acc(x);
    if constexpr (Op == Operation::SQUARE_ADD)
      return Acc(Wide(a) * Wide(a));
    return a;
  }

  static Acc combine(Acc a, Acc b) {
    if constexpr (Op == Operation::ADD || Op == Operation::SQUARE_ADD) {
      return Acc(Wide(a) + Wide(b));
    } else if constexpr (Op == Operation::MUL) {
      return Acc(Wide(a) * Wide(b));
    } else if constexpr (Op == Operation::MIN) {
      return b < a ? b : a;
    } else if constexpr (Op == Operation::MAX) {
      return a < b ? b : a;
    } else if constexpr (Op == Operation::LOGICAL_AND) {
      return a && b;
    } else if constexpr (Op == Operation::LOGICAL_OR) {
      return a || b;
    } else {
      static_assert(Op == Operation::LOG_ADD, "every operation is handled");
      const Acc high = a < b ? b : a, low = a < b ? a : b;
      if (high == -std::numeric_limits<Acc>::infinity())
        return high;
      return high + std::log1p(std::exp(low - high));
    }
  }
};

/// Partial results of later stages combine as ADD when the first stage
/// squared (SQUARE_ADD), as their own operation otherwise.
constexpr Operation combiningOperation(Operation op) {
  return op == Operation::SQUARE_ADD ? Operation::ADD : op;
}

} // namespace popops::detail

#endif
