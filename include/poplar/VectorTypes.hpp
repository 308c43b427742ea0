// The IPU's short vector types for codelets: float2, float4, half2, half4,
// half8, int2, uint4, ... with the element counts Graphcore's ipudef.h gives
// them. In Tessel's simulation they are GCC/Clang vector extension types
// (vector_size), so they index with v[i], take element-wise + - * / and
// comparisons, and splat a scalar operand. The half vectors hold IEEE
// binary16 `_Float16` elements, bit-for-bit the device `half`
// (poplar/HalfFloat.hpp): a Vector<half> field can be read as half4s, and
// popc rounds every half vector operation to half, as the IPU does.
#ifndef POPLAR_VECTORTYPES_HPP
#define POPLAR_VECTORTYPES_HPP

#include <poplar/HalfFloat.hpp>

#define TESSEL_VECTOR_TYPE(element, name, count)                               \
  typedef element name __attribute__((vector_size(sizeof(element) * count)))

TESSEL_VECTOR_TYPE(float, float2, 2);
TESSEL_VECTOR_TYPE(float, float4, 4);
TESSEL_VECTOR_TYPE(char, char2, 2);
TESSEL_VECTOR_TYPE(unsigned char, uchar2, 2);
TESSEL_VECTOR_TYPE(char, char4, 4);
TESSEL_VECTOR_TYPE(unsigned char, uchar4, 4);
TESSEL_VECTOR_TYPE(short, short2, 2);
TESSEL_VECTOR_TYPE(unsigned short, ushort2, 2);
TESSEL_VECTOR_TYPE(short, short4, 4);
TESSEL_VECTOR_TYPE(unsigned short, ushort4, 4);
TESSEL_VECTOR_TYPE(int, int2, 2);
TESSEL_VECTOR_TYPE(unsigned int, uint2, 2);
TESSEL_VECTOR_TYPE(int, int4, 4);
TESSEL_VECTOR_TYPE(unsigned int, uint4, 4);
TESSEL_VECTOR_TYPE(long, long2, 2);
TESSEL_VECTOR_TYPE(long, long4, 4);
TESSEL_VECTOR_TYPE(long long, longlong2, 2);
TESSEL_VECTOR_TYPE(long long, longlong4, 4);
TESSEL_VECTOR_TYPE(_Float16, half2, 2);
TESSEL_VECTOR_TYPE(_Float16, half4, 4);
TESSEL_VECTOR_TYPE(_Float16, half8, 8);

#undef TESSEL_VECTOR_TYPE

static_assert(sizeof(half4) == 8 && alignof(half4) == 8,
              "half4 is the IPU's 64-bit vector of four halves");
static_assert(sizeof(_Float16) == sizeof(poplar::half),
              "a half vector element is a device half");

// A poplar::half scalar with a half vector, as the IPU's native half allows:
// the scalar is splatted.
#define TESSEL_HALF_VECTOR_OPERATORS(vector)                                   \
  inline vector operator+(vector v, poplar::half s) {                          \
    return v + static_cast<_Float16>(float(s));                                \
  }                                                                            \
  inline vector operator-(vector v, poplar::half s) {                          \
    return v - static_cast<_Float16>(float(s));                                \
  }                                                                            \
  inline vector operator*(vector v, poplar::half s) {                          \
    return v * static_cast<_Float16>(float(s));                                \
  }                                                                            \
  inline vector operator/(vector v, poplar::half s) {                          \
    return v / static_cast<_Float16>(float(s));                                \
  }                                                                            \
  inline vector operator+(poplar::half s, vector v) {                          \
    return static_cast<_Float16>(float(s)) + v;                                \
  }                                                                            \
  inline vector operator-(poplar::half s, vector v) {                          \
    return static_cast<_Float16>(float(s)) - v;                                \
  }                                                                            \
  inline vector operator*(poplar::half s, vector v) {                          \
    return static_cast<_Float16>(float(s)) * v;                                \
  }                                                                            \
  inline vector operator/(poplar::half s, vector v) {                          \
    return static_cast<_Float16>(float(s)) / v;                                \
  }

TESSEL_HALF_VECTOR_OPERATORS(half2)
TESSEL_HALF_VECTOR_OPERATORS(half4)
TESSEL_HALF_VECTOR_OPERATORS(half8)

#undef TESSEL_HALF_VECTOR_OPERATORS

#endif
