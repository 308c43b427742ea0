// ScaledAdd vertices: A = a * A + b * B (or A - a * A + b * B, or with b
// subtracted) in place. Floating data is computed in float and rounded
// once to A's type; integer data wraps modulo 2^32 (computed unsigned, so
// overflow is defined).
#include <poplar/HalfFloat.hpp>
#include <poplar/Vertex.hpp>

#include <type_traits>

using namespace poplar;

namespace popops {

namespace {

template <typename T, typename S, bool Subtract, bool XMinusAX>
T scaledSum(T a, T b, S scaleA, S scaleB) {
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, half>) {
    const float x = float(a), y = float(b);
    const float sa = float(scaleA), sb = float(scaleB);
    const float scaledX = XMinusAX ? x - sa * x : sa * x;
    return T(Subtract ? scaledX - sb * y : scaledX + sb * y);
  } else {
    using U = std::make_unsigned_t<T>;
    const U x = U(a), y = U(b), sa = U(scaleA), sb = U(scaleB);
    const U scaledX = XMinusAX ? U(x - sa * x) : U(sa * x);
    return T(Subtract ? U(scaledX - sb * y) : U(scaledX + sb * y));
  }
}

} // namespace

/// A[i] = scaleA * A[i] + scaleB * B[i] (see the file comment for the
/// variants); worker w updates the w-th of numWorkers() contiguous chunks.
template <typename T, typename S, bool Subtract, bool XMinusAX>
class ScaledAdd : public MultiVertex {
public:
  InOut<Vector<T>> A;
  Input<Vector<T>> B;
  Input<S> scaleA;
  Input<S> scaleB;

  void compute(unsigned workerId) {
    const unsigned size = A.size();
    const unsigned chunk = (size + numWorkers() - 1) / numWorkers();
    const unsigned begin = workerId * chunk;
    const unsigned end = begin + chunk < size ? begin + chunk : size;
    const S sa = *scaleA, sb = *scaleB;
    for (unsigned i = begin; i < end; ++i)
      A[i] = scaledSum<T, S, Subtract, XMinusAX>(A[i], B[i], sa, sb);
  }
};

#define TESSEL_SCALED_ADD(T, S)                                                \
  template class ScaledAdd<T, S, false, false>;                                \
  template class ScaledAdd<T, S, true, false>;                                 \
  template class ScaledAdd<T, S, false, true>;
TESSEL_SCALED_ADD(float, float)
TESSEL_SCALED_ADD(float, half)
TESSEL_SCALED_ADD(half, half)
TESSEL_SCALED_ADD(half, float)
TESSEL_SCALED_ADD(int, int)
TESSEL_SCALED_ADD(unsigned int, unsigned int)
#undef TESSEL_SCALED_ADD

} // namespace popops
