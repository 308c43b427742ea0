// The element types each popops element-wise operator supports, as lists
// the codelets instantiate their vertices from and the host checks
// requests against, so the two cannot disagree. Each POPOPS_TYPES_<SET>(F,
// op) expands to F(op, T) for every C++ element type T of the set.
#ifndef TESSEL_POPLIBS_POPOPS_CODELETS_ELEMENTWISETYPESETS_HPP
#define TESSEL_POPLIBS_POPOPS_CODELETS_ELEMENTWISETYPESETS_HPP

#define POPOPS_TYPES_BOOL(F, op) F(op, bool)
#define POPOPS_TYPES_FLOATS(F, op) F(op, float) F(op, half)
#define POPOPS_TYPES_INT32(F, op) F(op, int) F(op, unsigned)
#define POPOPS_TYPES_SIGNED_INTEGRAL(F, op) F(op, int) F(op, short)
#define POPOPS_TYPES_INTEGRAL(F, op)                                           \
  POPOPS_TYPES_INT32(F, op) F(op, short) F(op, unsigned short)
#define POPOPS_TYPES_SIGNED(F, op)                                             \
  POPOPS_TYPES_FLOATS(F, op) POPOPS_TYPES_SIGNED_INTEGRAL(F, op)
#define POPOPS_TYPES_NUMERIC(F, op)                                            \
  POPOPS_TYPES_FLOATS(F, op) POPOPS_TYPES_INTEGRAL(F, op)
#define POPOPS_TYPES_CHARS(F, op)                                              \
  F(op, char) F(op, signed char) F(op, unsigned char)
#define POPOPS_TYPES_ORDERED(F, op)                                            \
  POPOPS_TYPES_NUMERIC(F, op) POPOPS_TYPES_CHARS(F, op)
#define POPOPS_TYPES_ALL(F, op) POPOPS_TYPES_ORDERED(F, op) F(op, bool)

#endif
