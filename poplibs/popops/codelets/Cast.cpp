// Cast vertices: element-wise type conversion (see CastValue.hpp for the
// rules), and the check whether a float scale survives conversion to half.
#include "CastValue.hpp"

#include <poplar/HalfFloat.hpp>
#include <poplar/Vertex.hpp>

using namespace poplar;

namespace popops {

/// out[i] = in[i] converted; worker w converts the w-th of numWorkers()
/// contiguous chunks, so each worker streams through memory.
template <typename In, typename Out> class Cast : public MultiVertex {
public:
  Input<Vector<In>> in;
  Output<Vector<Out>> out;

  void compute(unsigned workerId) {
    const unsigned size = out.size();
    const unsigned chunk = (size + numWorkers() - 1) / numWorkers();
    const unsigned begin = workerId * chunk;
    const unsigned end = begin + chunk < size ? begin + chunk : size;
    for (unsigned i = begin; i < end; ++i)
      out[i] = detail::castValue<Out>(in[i]);
  }
};

#define TESSEL_CAST_FROM(In)                                                   \
  template class Cast<In, float>;                                              \
  template class Cast<In, half>;                                               \
  template class Cast<In, int>;                                                \
  template class Cast<In, unsigned int>;                                       \
  template class Cast<In, short>;                                              \
  template class Cast<In, unsigned short>;                                     \
  template class Cast<In, char>;                                               \
  template class Cast<In, signed char>;                                        \
  template class Cast<In, unsigned char>;                                      \
  template class Cast<In, bool>;
TESSEL_CAST_FROM(float)
TESSEL_CAST_FROM(half)
TESSEL_CAST_FROM(int)
TESSEL_CAST_FROM(unsigned int)
TESSEL_CAST_FROM(short)
TESSEL_CAST_FROM(unsigned short)
TESSEL_CAST_FROM(char)
TESSEL_CAST_FROM(signed char)
TESSEL_CAST_FROM(unsigned char)
TESSEL_CAST_FROM(bool)
#undef TESSEL_CAST_FROM

/// out = |half(in) - in| <= tolerance * |in|.
class CheckAccuracyWhenCast : public Vertex {
public:
  Input<float> in;
  Output<bool> out;
  float tolerance;

  void compute() {
    const float x = *in;
    const float error = float(half(x)) - x;
    const float magnitude = x < 0 ? -x : x;
    *out = (error < 0 ? -error : error) <= tolerance * magnitude;
  }
};

} // namespace popops
