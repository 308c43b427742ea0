// popops element-wise operations: map an expression (popops/Expr.hpp) over
// tensors with numpy broadcasting, and the named operations built on it
// (add, exp, select, ...), each returning a new tensor, updating its first
// operand (...InPlace) or writing a given tensor (...WithOutput). Binary
// operations also take a host constant on either side.
//
// Option (OptionFlags) `enableGenerateCodelet` (true|false, default true):
// an expression of several operators runs as one generated vertex in one
// compute set; with false, one operator at a time into temporaries.
#ifndef popops_ElementWise_hpp
#define popops_ElementWise_hpp

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/OptionFlags.hpp>
#include <poplar/Program.hpp>
#include <poplar/Target.hpp>
#include <popops/Expr.hpp>
#include <poputil/exceptions.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace popops {

/// Writes the source of the codelet map() generates for `expr` over `ts`.
void outputGeneratedCodelet(const poplar::Target &target,
                            const expr::Expr &expr,
                            const std::vector<poplar::Tensor> &ts,
                            const poplar::OptionFlags &options,
                            std::ostream &os);

/// `expr` over the elements of `ts` (placeholder _k stands for ts[k-1]),
/// broadcast to one shape; the result is mapped like the largest input.
poplar::Tensor map(poplar::Graph &graph, const expr::Expr &expr,
                   const std::vector<poplar::Tensor> &ts,
                   poplar::program::Sequence &prog,
                   const poplar::DebugContext &debugContext = {},
                   const poplar::OptionFlags &options = {});

inline poplar::Tensor map(poplar::Graph &graph, expr::UnaryOpType op,
                          const poplar::Tensor &t,
                          poplar::program::Sequence &prog,
                          const poplar::DebugContext &debugContext = {},
                          const poplar::OptionFlags &options = {}) {
  return map(graph, expr::UnaryOp(op, expr::_1), {t}, prog, debugContext,
             options);
}

inline poplar::Tensor map(poplar::Graph &graph, expr::BinaryOpType op,
                          const poplar::Tensor &a, const poplar::Tensor &b,
                          poplar::program::Sequence &prog,
                          const poplar::DebugContext &debugContext = {},
                          const poplar::OptionFlags &options = {}) {
  return map(graph, expr::BinaryOp(op, expr::_1, expr::_2), {a, b}, prog,
             debugContext, options);
}

inline poplar::Tensor map(poplar::Graph &graph, expr::TernaryOpType op,
                          const poplar::Tensor &a, const poplar::Tensor &b,
                          const poplar::Tensor &c,
                          poplar::program::Sequence &prog,
                          const poplar::DebugContext &debugContext = {},
                          const poplar::OptionFlags &options = {}) {
  return map(graph, expr::TernaryOp(op, expr::_1, expr::_2, expr::_3),
             {a, b, c}, prog, debugContext, options);
}

/// Several expressions over the same tensors, one result each.
std::vector<poplar::Tensor> map(poplar::Graph &graph,
                                const std::vector<expr::Any> &exprs,
                                const std::vector<poplar::Tensor> &ts,
                                poplar::program::Sequence &prog,
                                const poplar::DebugContext &debugContext = {},
                                const poplar::OptionFlags &options = {});

/// As map(), writing the result into ts[0].
void mapInPlace(poplar::Graph &graph, const expr::Expr &expr,
                const std::vector<poplar::Tensor> &ts,
                poplar::program::Sequence &prog,
                const poplar::DebugContext &debugContext = {},
                const poplar::OptionFlags &options = {});

inline void mapInPlace(poplar::Graph &graph, expr::UnaryOpType op,
                       const poplar::Tensor &t, poplar::program::Sequence &prog,
                       const poplar::DebugContext &debugContext = {},
                       const poplar::OptionFlags &options = {}) {
  mapInPlace(graph, expr::UnaryOp(op, expr::_1), {t}, prog, debugContext,
             options);
}

inline void mapInPlace(poplar::Graph &graph, expr::BinaryOpType op,
                       const poplar::Tensor &a, const poplar::Tensor &b,
                       poplar::program::Sequence &prog,
                       const poplar::DebugContext &debugContext = {},
                       const poplar::OptionFlags &options = {}) {
  mapInPlace(graph, expr::BinaryOp(op, expr::_1, expr::_2), {a, b}, prog,
             debugContext, options);
}

inline void mapInPlace(poplar::Graph &graph, expr::TernaryOpType op,
                       const poplar::Tensor &a, const poplar::Tensor &b,
                       const poplar::Tensor &c, poplar::program::Sequence &prog,
                       const poplar::DebugContext &debugContext = {},
                       const poplar::OptionFlags &options = {}) {
  mapInPlace(graph, expr::TernaryOp(op, expr::_1, expr::_2, expr::_3),
             {a, b, c}, prog, debugContext, options);
}

/// Several expressions; the i-th result is written into ts[i].
void mapInPlace(poplar::Graph &graph, const std::vector<expr::Any> &exprs,
                const std::vector<poplar::Tensor> &ts,
                poplar::program::Sequence &prog,
                const poplar::DebugContext &debugContext = {},
                const poplar::OptionFlags &options = {});

/// As map(), writing the result into `out` (of the broadcast shape and the
/// result's type).
void mapWithOutput(poplar::Graph &graph, const expr::Expr &expr,
                   const std::vector<poplar::Tensor> &ts,
                   const poplar::Tensor &out, poplar::program::Sequence &prog,
                   const poplar::DebugContext &debugContext = {},
                   const poplar::OptionFlags &options = {});

inline void mapWithOutput(poplar::Graph &graph, expr::UnaryOpType op,
                          const poplar::Tensor &in, const poplar::Tensor &out,
                          poplar::program::Sequence &prog,
                          const poplar::DebugContext &debugContext = {},
                          const poplar::OptionFlags &options = {}) {
  mapWithOutput(graph, expr::UnaryOp(op, expr::_1), {in}, out, prog,
                debugContext, options);
}

inline void mapWithOutput(poplar::Graph &graph, expr::BinaryOpType op,
                          const poplar::Tensor &a, const poplar::Tensor &b,
                          const poplar::Tensor &out,
                          poplar::program::Sequence &prog,
                          const poplar::DebugContext &debugContext = {},
                          const poplar::OptionFlags &options = {}) {
  mapWithOutput(graph, expr::BinaryOp(op, expr::_1, expr::_2), {a, b}, out,
                prog, debugContext, options);
}

inline void mapWithOutput(poplar::Graph &graph, expr::TernaryOpType op,
                          const poplar::Tensor &a, const poplar::Tensor &b,
                          const poplar::Tensor &c, const poplar::Tensor &out,
                          poplar::program::Sequence &prog,
                          const poplar::DebugContext &debugContext = {},
                          const poplar::OptionFlags &options = {}) {
  mapWithOutput(graph, expr::TernaryOp(op, expr::_1, expr::_2, expr::_3),
                {a, b, c}, out, prog, debugContext, options);
}

/// Several expressions; the i-th result is written into outs[i].
void mapWithOutput(poplar::Graph &graph, const std::vector<expr::Any> &exprs,
                   const std::vector<poplar::Tensor> &ts,
                   const std::vector<poplar::Tensor> &outs,
                   poplar::program::Sequence &prog,
                   const poplar::DebugContext &debugContext = {},
                   const poplar::OptionFlags &options = {});

/// Throws if a host constant of type constType cannot stand for an element
/// of `elementType` (float and double may stand for FLOAT or HALF).
template <typename constType>
inline void checkTypes(poplar::Type elementType, constType) {
  if (elementType != poplar::equivalent_device_type<constType>().value)
    throw poputil::poplibs_error(
        "popops: a host constant of type " +
        poplar::equivalent_device_type<constType>().value.toString() +
        " cannot be combined with a tensor of type " + elementType.toString() +
        "; use a constant of the tensor's type");
}

template <> inline void checkTypes<float>(poplar::Type elementType, float) {
  if (elementType != poplar::FLOAT && elementType != poplar::HALF)
    throw poputil::poplibs_error(
        "popops: a host constant of type float cannot be combined with a "
        "tensor of type " +
        elementType.toString() + "; use a constant of the tensor's type");
}

template <> inline void checkTypes<double>(poplar::Type elementType, double) {
  checkTypes<float>(elementType, 0.0f);
}

namespace detail {
/// A host constant as a single-element tensor of `type` on tile 0.
template <typename constType>
poplar::Tensor hostConstant(poplar::Graph &graph, const poplar::Type &type,
                            constType value,
                            const poplar::DebugContext &debugContext) {
  checkTypes(type, value);
  poplar::Tensor t = graph.addConstant(type, {}, value, {debugContext});
  graph.setTileMapping(t, 0);
  return t;
}
} // namespace detail

#define POPOPS_UNARY_FUNCTIONS(fn, OP)                                         \
  inline poplar::Tensor fn(poplar::Graph &graph, const poplar::Tensor &A,      \
                           poplar::program::Sequence &prog,                    \
                           const poplar::DebugContext &debugContext = {},      \
                           const poplar::OptionFlags &options = {}) {          \
    return map(graph, expr::UnaryOpType::OP, A, prog, debugContext, options);  \
  }                                                                            \
  inline void fn##WithOutput(poplar::Graph &graph, const poplar::Tensor &A,    \
                             const poplar::Tensor &out,                        \
                             poplar::program::Sequence &prog,                  \
                             const poplar::DebugContext &debugContext = {},    \
                             const poplar::OptionFlags &options = {}) {        \
    mapWithOutput(graph, expr::UnaryOpType::OP, A, out, prog, debugContext,    \
                  options);                                                    \
  }
#define POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(fn, OP)                           \
  POPOPS_UNARY_FUNCTIONS(fn, OP)                                               \
  inline void fn##InPlace(poplar::Graph &graph, const poplar::Tensor &A,       \
                          poplar::program::Sequence &prog,                     \
                          const poplar::DebugContext &debugContext = {},       \
                          const poplar::OptionFlags &options = {}) {           \
    mapInPlace(graph, expr::UnaryOpType::OP, A, prog, debugContext, options);  \
  }

POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(abs, ABSOLUTE)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(inv, INVERSE)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(logicalNot, LOGICAL_NOT)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(neg, NEGATE)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(signum, SIGNUM)
POPOPS_UNARY_FUNCTIONS(isFinite, IS_FINITE)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(bitwiseNot, BITWISE_NOT)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(countLeadingZeros, COUNT_LEADING_ZEROS)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(popcount, POPCOUNT)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(ceil, CEIL)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(floor, FLOOR)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(round, ROUND)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(cbrt, CBRT)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(exp, EXPONENT)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(exp2, EXPONENT2)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(expm1, EXPONENT_MINUS_ONE)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(log, LOGARITHM)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(log1p, LOGARITHM_ONE_PLUS)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(sqrt, SQRT)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(square, SQUARE)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(rsqrt, RSQRT)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(sigmoid, SIGMOID)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(asin, ASIN)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(cos, COS)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(sin, SIN)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(tan, TAN)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(tanh, TANH)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(geluErf, GELU_ERF)
POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE(erf, ERF)

#undef POPOPS_UNARY_FUNCTIONS_WITH_IN_PLACE
#undef POPOPS_UNARY_FUNCTIONS

#define POPOPS_BINARY_FUNCTIONS(fn, OP)                                        \
  inline poplar::Tensor fn(poplar::Graph &graph, const poplar::Tensor &A,      \
                           const poplar::Tensor &B,                            \
                           poplar::program::Sequence &prog,                    \
                           const poplar::DebugContext &debugContext = {},      \
                           const poplar::OptionFlags &options = {}) {          \
    return map(graph, expr::BinaryOpType::OP, A, B, prog, debugContext,        \
               options);                                                       \
  }                                                                            \
  template <typename constType>                                                \
  inline poplar::Tensor fn(poplar::Graph &graph, const poplar::Tensor &A,      \
                           const constType B, poplar::program::Sequence &prog, \
                           const poplar::DebugContext &debugContext = {},      \
                           const poplar::OptionFlags &options = {}) {          \
    const poplar::Tensor BTensor =                                             \
        detail::hostConstant(graph, A.elementType(), B, debugContext);         \
    return map(graph, expr::BinaryOpType::OP, A, BTensor, prog, debugContext,  \
               options);                                                       \
  }                                                                            \
  template <typename constType>                                                \
  inline poplar::Tensor fn(poplar::Graph &graph, const constType A,            \
                           const poplar::Tensor &B,                            \
                           poplar::program::Sequence &prog,                    \
                           const poplar::DebugContext &debugContext = {},      \
                           const poplar::OptionFlags &options = {}) {          \
    const poplar::Tensor ATensor =                                             \
        detail::hostConstant(graph, B.elementType(), A, debugContext);         \
    return map(graph, expr::BinaryOpType::OP, ATensor, B, prog, debugContext,  \
               options);                                                       \
  }                                                                            \
  inline void fn##InPlace(poplar::Graph &graph, const poplar::Tensor &A,       \
                          const poplar::Tensor &B,                             \
                          poplar::program::Sequence &prog,                     \
                          const poplar::DebugContext &debugContext = {},       \
                          const poplar::OptionFlags &options = {}) {           \
    mapInPlace(graph, expr::BinaryOpType::OP, A, B, prog, debugContext,        \
               options);                                                       \
  }                                                                            \
  template <typename constType>                                                \
  inline void fn##InPlace(poplar::Graph &graph, const poplar::Tensor &A,       \
                          const constType B, poplar::program::Sequence &prog,  \
                          const poplar::DebugContext &debugContext = {},       \
                          const poplar::OptionFlags &options = {}) {           \
    const poplar::Tensor BTensor =                                             \
        detail::hostConstant(graph, A.elementType(), B, debugContext);         \
    mapInPlace(graph, expr::BinaryOpType::OP, A, BTensor, prog, debugContext,  \
               options);                                                       \
  }                                                                            \
  inline void fn##WithOutput(                                                  \
      poplar::Graph &graph, const poplar::Tensor &A, const poplar::Tensor &B,  \
      const poplar::Tensor &out, poplar::program::Sequence &prog,              \
      const poplar::DebugContext &debugContext = {},                           \
      const poplar::OptionFlags &options = {}) {                               \
    mapWithOutput(graph, expr::BinaryOpType::OP, A, B, out, prog,              \
                  debugContext, options);                                      \
  }                                                                            \
  template <typename constType>                                                \
  inline void fn##WithOutput(poplar::Graph &graph, const poplar::Tensor &A,    \
                             const constType B, const poplar::Tensor &out,     \
                             poplar::program::Sequence &prog,                  \
                             const poplar::DebugContext &debugContext = {},    \
                             const poplar::OptionFlags &options = {}) {        \
    const poplar::Tensor BTensor =                                             \
        detail::hostConstant(graph, A.elementType(), B, debugContext);         \
    mapWithOutput(graph, expr::BinaryOpType::OP, A, BTensor, out, prog,        \
                  debugContext, options);                                      \
  }                                                                            \
  template <typename constType>                                                \
  inline void fn##WithOutput(                                                  \
      poplar::Graph &graph, const constType A, const poplar::Tensor &B,        \
      const poplar::Tensor &out, poplar::program::Sequence &prog,              \
      const poplar::DebugContext &debugContext = {},                           \
      const poplar::OptionFlags &options = {}) {                               \
    const poplar::Tensor ATensor =                                             \
        detail::hostConstant(graph, B.elementType(), A, debugContext);         \
    mapWithOutput(graph, expr::BinaryOpType::OP, ATensor, B, out, prog,        \
                  debugContext, options);                                      \
  }

POPOPS_BINARY_FUNCTIONS(add, ADD)
POPOPS_BINARY_FUNCTIONS(sub, SUBTRACT)
POPOPS_BINARY_FUNCTIONS(mul, MULTIPLY)
POPOPS_BINARY_FUNCTIONS(div, DIVIDE)
POPOPS_BINARY_FUNCTIONS(pow, POWER)
POPOPS_BINARY_FUNCTIONS(rem, REMAINDER)
POPOPS_BINARY_FUNCTIONS(max, MAXIMUM)
POPOPS_BINARY_FUNCTIONS(min, MINIMUM)
POPOPS_BINARY_FUNCTIONS(eq, EQUAL)
POPOPS_BINARY_FUNCTIONS(neq, NOT_EQUAL)
POPOPS_BINARY_FUNCTIONS(gteq, GREATER_THAN_EQUAL)
POPOPS_BINARY_FUNCTIONS(gt, GREATER_THAN)
POPOPS_BINARY_FUNCTIONS(lteq, LESS_THAN_EQUAL)
POPOPS_BINARY_FUNCTIONS(lt, LESS_THAN)
POPOPS_BINARY_FUNCTIONS(logicalAnd, LOGICAL_AND)
POPOPS_BINARY_FUNCTIONS(logicalOr, LOGICAL_OR)
POPOPS_BINARY_FUNCTIONS(bitwiseAnd, BITWISE_AND)
POPOPS_BINARY_FUNCTIONS(bitwiseOr, BITWISE_OR)
POPOPS_BINARY_FUNCTIONS(bitwiseXor, BITWISE_XOR)
POPOPS_BINARY_FUNCTIONS(bitwiseXnor, BITWISE_XNOR)
POPOPS_BINARY_FUNCTIONS(shiftLeft, SHIFT_LEFT)
POPOPS_BINARY_FUNCTIONS(shiftRight, SHIFT_RIGHT)
POPOPS_BINARY_FUNCTIONS(shiftRightSignExtend, SHIFT_RIGHT_SIGN_EXTEND)
POPOPS_BINARY_FUNCTIONS(atan2, ATAN2)
POPOPS_BINARY_FUNCTIONS(invStdDevToVariance, INV_STD_DEV_TO_VARIANCE)
POPOPS_BINARY_FUNCTIONS(varianceToInvStdDev, VARIANCE_TO_INV_STD_DEV)

#undef POPOPS_BINARY_FUNCTIONS

/// 1 / sqrt(src + epsilon) as dstType (HALF, or src's type): variance kept
/// in full precision, inverse standard deviation in half. epsilon is a
/// single element of src's type, or a float.
poplar::Tensor
varianceToInvStdDev(poplar::Graph &graph, const poplar::Tensor &src,
                    const poplar::Tensor &epsilon,
                    poplar::program::Sequence &prog,
                    const poplar::Type dstType = poplar::HALF,
                    const poplar::DebugContext &debugContext = {});
poplar::Tensor
varianceToInvStdDev(poplar::Graph &graph, const poplar::Tensor &src,
                    const float epsilon, poplar::program::Sequence &prog,
                    const poplar::Type dstType = poplar::HALF,
                    const poplar::DebugContext &debugContext = {});

/// 1 / src^2 - epsilon as dstType (FLOAT, or src's type).
poplar::Tensor
invStdDevToVariance(poplar::Graph &graph, const poplar::Tensor &src,
                    const poplar::Tensor &epsilon,
                    poplar::program::Sequence &prog,
                    const poplar::Type dstType = poplar::FLOAT,
                    const poplar::DebugContext &debugContext = {});
poplar::Tensor
invStdDevToVariance(poplar::Graph &graph, const poplar::Tensor &src,
                    const float epsilon, poplar::program::Sequence &prog,
                    const poplar::Type dstType = poplar::FLOAT,
                    const poplar::DebugContext &debugContext = {});

#define POPOPS_TERNARY_FUNCTIONS(fn, OP)                                       \
  inline poplar::Tensor fn(poplar::Graph &graph, const poplar::Tensor &A,      \
                           const poplar::Tensor &B, const poplar::Tensor &C,   \
                           poplar::program::Sequence &prog,                    \
                           const poplar::DebugContext &debugContext = {},      \
                           const poplar::OptionFlags &options = {}) {          \
    return map(graph, expr::TernaryOpType::OP, A, B, C, prog, debugContext,    \
               options);                                                       \
  }                                                                            \
  inline void fn##InPlace(poplar::Graph &graph, const poplar::Tensor &A,       \
                          const poplar::Tensor &B, const poplar::Tensor &C,    \
                          poplar::program::Sequence &prog,                     \
                          const poplar::DebugContext &debugContext = {},       \
                          const poplar::OptionFlags &options = {}) {           \
    mapInPlace(graph, expr::TernaryOpType::OP, A, B, C, prog, debugContext,    \
               options);                                                       \
  }                                                                            \
  inline void fn##WithOutput(poplar::Graph &graph, const poplar::Tensor &A,    \
                             const poplar::Tensor &B, const poplar::Tensor &C, \
                             const poplar::Tensor &out,                        \
                             poplar::program::Sequence &prog,                  \
                             const poplar::DebugContext &debugContext = {},    \
                             const poplar::OptionFlags &options = {}) {        \
    mapWithOutput(graph, expr::TernaryOpType::OP, A, B, C, out, prog,          \
                  debugContext, options);                                      \
  }

/// select(A, B, conditions): A where conditions is true, else B.
POPOPS_TERNARY_FUNCTIONS(select, SELECT)
/// clamp(values, minimums, maximums): min(max(value, minimum), maximum).
POPOPS_TERNARY_FUNCTIONS(clamp, CLAMP)

#undef POPOPS_TERNARY_FUNCTIONS

} // namespace popops

#endif
