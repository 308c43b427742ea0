// The enumerator names of the expression operators.
#include "ExprOpNames.hpp"

namespace popops::detail {

#define POPOPS_OP_NAME(Enum, Op)                                               \
  case expr::Enum::Op:                                                         \
    return #Op;

std::string opName(expr::UnaryOpType op) {
  switch (op) {
    POPOPS_OP_NAME(UnaryOpType, ABSOLUTE)
    POPOPS_OP_NAME(UnaryOpType, ASIN)
    POPOPS_OP_NAME(UnaryOpType, BITWISE_NOT)
    POPOPS_OP_NAME(UnaryOpType, CBRT)
    POPOPS_OP_NAME(UnaryOpType, CEIL)
    POPOPS_OP_NAME(UnaryOpType, COS)
    POPOPS_OP_NAME(UnaryOpType, COUNT_LEADING_ZEROS)
    POPOPS_OP_NAME(UnaryOpType, ERF)
    POPOPS_OP_NAME(UnaryOpType, EXPONENT)
    POPOPS_OP_NAME(UnaryOpType, EXPONENT_MINUS_ONE)
    POPOPS_OP_NAME(UnaryOpType, EXPONENT2)
    POPOPS_OP_NAME(UnaryOpType, FLOOR)
    POPOPS_OP_NAME(UnaryOpType, GELU_ERF)
    POPOPS_OP_NAME(UnaryOpType, INVERSE)
    POPOPS_OP_NAME(UnaryOpType, IS_FINITE)
    POPOPS_OP_NAME(UnaryOpType, IS_INF)
    POPOPS_OP_NAME(UnaryOpType, IS_NAN)
    POPOPS_OP_NAME(UnaryOpType, LOGARITHM)
    POPOPS_OP_NAME(UnaryOpType, LOGARITHM_ONE_PLUS)
    POPOPS_OP_NAME(UnaryOpType, LOGICAL_NOT)
    POPOPS_OP_NAME(UnaryOpType, NEGATE)
    POPOPS_OP_NAME(UnaryOpType, POPCOUNT)
    POPOPS_OP_NAME(UnaryOpType, SIGNUM)
    POPOPS_OP_NAME(UnaryOpType, SIN)
    POPOPS_OP_NAME(UnaryOpType, TAN)
    POPOPS_OP_NAME(UnaryOpType, TANH)
    POPOPS_OP_NAME(UnaryOpType, ROUND)
    POPOPS_OP_NAME(UnaryOpType, SQRT)
    POPOPS_OP_NAME(UnaryOpType, SQUARE)
    POPOPS_OP_NAME(UnaryOpType, SIGMOID)
    POPOPS_OP_NAME(UnaryOpType, RSQRT)
  }
  return "UNKNOWN_UNARY_OP";
}

std::string opName(expr::BinaryOpType op) {
  switch (op) {
    POPOPS_OP_NAME(BinaryOpType, ADD)
    POPOPS_OP_NAME(BinaryOpType, ATAN2)
    POPOPS_OP_NAME(BinaryOpType, BITWISE_AND)
    POPOPS_OP_NAME(BinaryOpType, BITWISE_OR)
    POPOPS_OP_NAME(BinaryOpType, BITWISE_XOR)
    POPOPS_OP_NAME(BinaryOpType, BITWISE_XNOR)
    POPOPS_OP_NAME(BinaryOpType, DIVIDE)
    POPOPS_OP_NAME(BinaryOpType, EQUAL)
    POPOPS_OP_NAME(BinaryOpType, GREATER_THAN_EQUAL)
    POPOPS_OP_NAME(BinaryOpType, GREATER_THAN)
    POPOPS_OP_NAME(BinaryOpType, INV_STD_DEV_TO_VARIANCE)
    POPOPS_OP_NAME(BinaryOpType, LESS_THAN_EQUAL)
    POPOPS_OP_NAME(BinaryOpType, LOGICAL_AND)
    POPOPS_OP_NAME(BinaryOpType, LOGICAL_OR)
    POPOPS_OP_NAME(BinaryOpType, LESS_THAN)
    POPOPS_OP_NAME(BinaryOpType, MAXIMUM)
    POPOPS_OP_NAME(BinaryOpType, MINIMUM)
    POPOPS_OP_NAME(BinaryOpType, MULTIPLY)
    POPOPS_OP_NAME(BinaryOpType, NOT_EQUAL)
    POPOPS_OP_NAME(BinaryOpType, POWER)
    POPOPS_OP_NAME(BinaryOpType, REMAINDER)
    POPOPS_OP_NAME(BinaryOpType, SHIFT_LEFT)
    POPOPS_OP_NAME(BinaryOpType, SHIFT_RIGHT)
    POPOPS_OP_NAME(BinaryOpType, SHIFT_RIGHT_SIGN_EXTEND)
    POPOPS_OP_NAME(BinaryOpType, SUBTRACT)
    POPOPS_OP_NAME(BinaryOpType, VARIANCE_TO_INV_STD_DEV)
  }
  return "UNKNOWN_BINARY_OP";
}

std::string opName(expr::TernaryOpType op) {
  switch (op) {
    POPOPS_OP_NAME(TernaryOpType, CLAMP)
    POPOPS_OP_NAME(TernaryOpType, SELECT)
  }
  return "UNKNOWN_TERNARY_OP";
}

#undef POPOPS_OP_NAME

} // namespace popops::detail
