// HasNaNOrInf: whether some element of floating-point regions is a NaN (or,
// with CheckInf, an infinity). One runs per worker where the data lives; the
// flags are combined by AnyTrue (AllTrue.cpp).
#include <poplar/HalfFloat.hpp>
#include <poplar/Vertex.hpp>

using namespace poplar;

namespace popops {

template <typename FPType, bool CheckInf> class HasNaNOrInf : public Vertex {
public:
  Vector<Input<Vector<FPType>>> in;
  Output<bool> out;

  void compute() {
    bool found = false;
    for (unsigned r = 0; r < in.size(); ++r)
      for (unsigned i = 0; i < in[r].size(); ++i) {
        const float x = float(in[r][i]);
        // x - x is NaN exactly when x is a NaN or an infinity.
        found = found || (CheckInf ? (x - x) != (x - x) : x != x);
      }
    *out = found;
  }
};
template class HasNaNOrInf<float, false>;
template class HasNaNOrInf<float, true>;
template class HasNaNOrInf<half, false>;
template class HasNaNOrInf<half, true>;

} // namespace popops
