// popops element-wise expressions: trees of placeholders (_1.._20, the
// tensors given to popops::map), constants, casts and operators, built
// with C++ operators or the named node classes, e.g. `Tanh(_1 + 2 * _2)`.
#ifndef popops_Expr_hpp
#define popops_Expr_hpp

#include <poplar/Tensor.hpp>
#include <poplar/Type.hpp>
#include <popops/ExprOp.hpp>

#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

namespace popops {
namespace expr {

/// An expression on elements of tensors. Abstract: build one from the
/// classes below and apply it with popops::map().
class Expr {
protected:
  using ExprClassID = void (*)(void);
  ExprClassID classId;
  Expr(ExprClassID classId) : classId(classId) {}

public:
  virtual ~Expr();

  template <class T> bool isA() const { return classId == T::getClassId(); }

  template <class T> T *getAs() {
    return isA<T>() ? static_cast<T *>(this) : nullptr;
  }
  template <class T> const T *getAs() const {
    return isA<T>() ? static_cast<const T *>(this) : nullptr;
  }

  virtual std::unique_ptr<Expr> clone() const = 0;
  /// A short name for debug strings, using the names of `inputs`.
  virtual std::string name(const std::vector<poplar::Tensor> &inputs) const = 0;
  virtual bool deepEquals(const Expr &other) const = 0;
  virtual void print(std::ostream &os, unsigned indent = 0,
                     bool prettyPrint = true) const = 0;
};

std::ostream &operator<<(std::ostream &os, const Expr &expr);
bool deepEquals(const Expr &a, const Expr &b);

template <class T> class ExprType : public Expr {
  static void loc() {}
  static ExprClassID getClassId() { return &loc; }

public:
  ExprType() : Expr(getClassId()) {}
  friend class Expr;
};

/// Holds any expression by value, for trees built at run time.
class Any {
  std::unique_ptr<Expr> expr;

public:
  Any(const Expr &expr) : expr(expr.clone()) {}
  Any(const Any &other) : expr(other.expr->clone()) {}
  Any &operator=(const Any &other) {
    expr = other.expr->clone();
    return *this;
  }
  operator Expr &() { return *expr; }
  operator const Expr &() const { return *expr; }
  std::string name(const std::vector<poplar::Tensor> &inputs) const {
    return expr->name(inputs);
  }
};

/// A constant: a host value of any arithmetic type, with the device type it
/// stands for (by default the type equivalent to the host type; double
/// stands for FLOAT). Inside a binary or ternary operator a constant takes
/// the type of the other operands, as `x + 1` does in C++.
class Const : public ExprType<Const> {
  poplar::Type type;
  poplar::Type hostType;
  std::unique_ptr<char[]> data;

  static poplar::Type defaultDeviceType(const poplar::Type &host) {
    return host == poplar::DOUBLE ? poplar::FLOAT : host;
  }

protected:
  template <typename T> Const(T x, bool isHalfType) {
    static_assert(std::is_arithmetic<T>::value,
                  "Constant expression values should be integrals or floats");
    hostType = poplar::equivalent_device_type<T>().value;
    type = isHalfType ? poplar::HALF : defaultDeviceType(hostType);
    store(&x, sizeof(T));
  }

  void store(const void *value, std::size_t bytes) {
    data.reset(new char[bytes]);
    std::memcpy(data.get(), value, bytes);
  }

public:
  template <typename T,
            typename = std::enable_if_t<std::is_arithmetic<T>::value>>
  Const(T x) : Const(x, false) {}

  /// `x` standing for a value of device type `type`.
  template <typename T,
            typename = std::enable_if_t<std::is_arithmetic<T>::value>>
  Const(T x, const poplar::Type &type) : Const(x, false) {
    this->type = type;
  }

  Const(const poplar::Type &type, const poplar::Type &hostType,
        const char *data);

  char *getData() const { return data.get(); }
  const poplar::Type &getType() const { return type; }
  /// The device type of the host value's C++ type.
  const poplar::Type &getHostType() const { return hostType; }

  std::string printValue() const;
  double getDataAsDouble() const;
  std::uint64_t getDataForUnsignedIntegral() const;
  bool isFloatingPoint() const;

  std::unique_ptr<Expr> clone() const override;
  std::string name(const std::vector<poplar::Tensor> &) const override;
  bool deepEquals(const Expr &other) const override;
  void print(std::ostream &os, unsigned indent = 0,
             bool prettyPrint = true) const override;
};

/// A constant of type half.
class ConstHalf : public Const {
public:
  ConstHalf(float x) : Const(x, true) {}
};

inline ConstHalf operator""_half(long double x) {
  return ConstHalf(static_cast<float>(x));
}

/// Converts its operand to `bType`, as a C++ static_cast does.
class Cast : public ExprType<Cast> {
  std::unique_ptr<Expr> a;
  poplar::Type bType;

public:
  Cast(const Expr &a_, const poplar::Type bType_)
      : a(a_.clone()), bType(bType_) {}

  const Expr &getLHS() const { return *a; }
  const poplar::Type &getRHSType() const { return bType; }

  std::unique_ptr<Expr> clone() const override;
  std::string name(const std::vector<poplar::Tensor> &inputs) const override;
  bool deepEquals(const Expr &other) const override;
  void print(std::ostream &os, unsigned indent = 0,
             bool prettyPrint = true) const override;
};

/// The element of the index-th tensor given to map (counting from 1).
class PlaceHolder : public ExprType<PlaceHolder> {
  unsigned index;

public:
  PlaceHolder(unsigned index) : index(index) {}

  unsigned getIndex() const { return index; }

  std::unique_ptr<Expr> clone() const override;
  std::string name(const std::vector<poplar::Tensor> &inputs) const override;
  bool deepEquals(const Expr &other) const override;
  void print(std::ostream &os, unsigned indent = 0,
             bool prettyPrint = true) const override;
};

const PlaceHolder _1(1);
const PlaceHolder _2(2);
const PlaceHolder _3(3);
const PlaceHolder _4(4);
const PlaceHolder _5(5);
const PlaceHolder _6(6);
const PlaceHolder _7(7);
const PlaceHolder _8(8);
const PlaceHolder _9(9);
const PlaceHolder _10(10);
const PlaceHolder _11(11);
const PlaceHolder _12(12);
const PlaceHolder _13(13);
const PlaceHolder _14(14);
const PlaceHolder _15(15);
const PlaceHolder _16(16);
const PlaceHolder _17(17);
const PlaceHolder _18(18);
const PlaceHolder _19(19);
const PlaceHolder _20(20);

class UnaryOp : public ExprType<UnaryOp> {
  UnaryOpType type;
  std::unique_ptr<Expr> a;

public:
  UnaryOp(UnaryOpType type, const Expr &a) : type(type), a(a.clone()) {}

  UnaryOpType getOpType() const { return type; }
  const Expr &getArg() const { return *a; }

  std::unique_ptr<Expr> clone() const override;
  std::string name(const std::vector<poplar::Tensor> &inputs) const override;
  std::string exprName(const std::vector<poplar::Tensor> &inputs) const {
    return a->name(inputs);
  }
  bool deepEquals(const Expr &other) const override;
  void print(std::ostream &os, unsigned indent = 0,
             bool prettyPrint = true) const override;
};

#define POPOPS_EXPR_UNARY(Name, Op)                                            \
  class Name : public UnaryOp {                                                \
  public:                                                                      \
    Name(const Expr &a) : UnaryOp(UnaryOpType::Op, a) {}                       \
  };
#define POPOPS_EXPR_UNARY_WITH_OPERATOR(Name, Op, Sym)                         \
  POPOPS_EXPR_UNARY(Name, Op)                                                  \
  inline Name operator Sym(const Expr &a) { return Name(a); }

POPOPS_EXPR_UNARY(Abs, ABSOLUTE)
POPOPS_EXPR_UNARY(Asin, ASIN)
POPOPS_EXPR_UNARY_WITH_OPERATOR(BitwiseNot, BITWISE_NOT, ~)
POPOPS_EXPR_UNARY(Cbrt, CBRT)
POPOPS_EXPR_UNARY(Ceil, CEIL)
POPOPS_EXPR_UNARY(Cos, COS)
POPOPS_EXPR_UNARY(Erf, ERF)
POPOPS_EXPR_UNARY(Exp, EXPONENT)
POPOPS_EXPR_UNARY(Exp2, EXPONENT2)
POPOPS_EXPR_UNARY(Expm1, EXPONENT_MINUS_ONE)
POPOPS_EXPR_UNARY(Floor, FLOOR)
POPOPS_EXPR_UNARY(GeluErf, GELU_ERF)
POPOPS_EXPR_UNARY(Inv, INVERSE)
POPOPS_EXPR_UNARY(IsFinite, IS_FINITE)
POPOPS_EXPR_UNARY(IsInf, IS_INF)
POPOPS_EXPR_UNARY(IsNaN, IS_NAN)
POPOPS_EXPR_UNARY(Log, LOGARITHM)
POPOPS_EXPR_UNARY(Log1p, LOGARITHM_ONE_PLUS)
POPOPS_EXPR_UNARY_WITH_OPERATOR(Not, LOGICAL_NOT, !)
POPOPS_EXPR_UNARY_WITH_OPERATOR(Neg, NEGATE, -)
POPOPS_EXPR_UNARY(Signum, SIGNUM)
POPOPS_EXPR_UNARY(Sin, SIN)
POPOPS_EXPR_UNARY(Tan, TAN)
POPOPS_EXPR_UNARY(Tanh, TANH)
POPOPS_EXPR_UNARY(Round, ROUND)
POPOPS_EXPR_UNARY(Sqrt, SQRT)
POPOPS_EXPR_UNARY(Square, SQUARE)
POPOPS_EXPR_UNARY(Sigmoid, SIGMOID)
POPOPS_EXPR_UNARY(Rsqrt, RSQRT)

#undef POPOPS_EXPR_UNARY_WITH_OPERATOR
#undef POPOPS_EXPR_UNARY

class BinaryOp : public ExprType<BinaryOp> {
  BinaryOpType type;
  std::unique_ptr<Expr> a, b;

public:
  BinaryOp(BinaryOpType type, const Expr &a, const Expr &b)
      : type(type), a(a.clone()), b(b.clone()) {}

  BinaryOpType getOpType() const { return type; }
  const Expr &getLHS() const { return *a; }
  const Expr &getRHS() const { return *b; }

  std::unique_ptr<Expr> clone() const override;
  std::string name(const std::vector<poplar::Tensor> &inputs) const override;
  std::string exprName(const std::vector<poplar::Tensor> &inputs) const {
    return a->name(inputs) + "_" + b->name(inputs);
  }
  bool deepEquals(const Expr &other) const override;
  void print(std::ostream &os, unsigned indent = 0,
             bool prettyPrint = true) const override;
};

/// True for host values that may stand on one side of an expression
/// operator (they become a Const).
template <typename T>
constexpr bool isHostConstant =
    !std::is_base_of<Expr, T>::value && std::is_arithmetic<T>::value;

#define POPOPS_EXPR_BINARY(Name, Op)                                           \
  class Name : public BinaryOp {                                               \
  public:                                                                      \
    Name(const Expr &a, const Expr &b) : BinaryOp(BinaryOpType::Op, a, b) {}   \
  };
#define POPOPS_EXPR_BINARY_WITH_OPERATOR(Name, Op, Sym)                        \
  POPOPS_EXPR_BINARY(Name, Op)                                                 \
  template <typename T>                                                        \
  inline std::enable_if_t<isHostConstant<T>, Name> operator Sym(               \
      const T &a, const Expr &b) {                                             \
    return Name(Const(a), b);                                                  \
  }                                                                            \
  template <typename T>                                                        \
  inline std::enable_if_t<isHostConstant<T>, Name> operator Sym(const Expr &a, \
                                                                const T &b) {  \
    return Name(a, Const(b));                                                  \
  }                                                                            \
  inline Name operator Sym(const Expr &a, const Expr &b) { return Name(a, b); }

POPOPS_EXPR_BINARY_WITH_OPERATOR(Add, ADD, +)
POPOPS_EXPR_BINARY(Atan2, ATAN2)
POPOPS_EXPR_BINARY_WITH_OPERATOR(BitwiseAnd, BITWISE_AND, &)
POPOPS_EXPR_BINARY_WITH_OPERATOR(BitwiseOr, BITWISE_OR, |)
POPOPS_EXPR_BINARY_WITH_OPERATOR(BitwiseXor, BITWISE_XOR, ^)
POPOPS_EXPR_BINARY(BitwiseXnor, BITWISE_XNOR)
POPOPS_EXPR_BINARY_WITH_OPERATOR(Divide, DIVIDE, /)
POPOPS_EXPR_BINARY_WITH_OPERATOR(Equal, EQUAL, ==)
POPOPS_EXPR_BINARY_WITH_OPERATOR(Gte, GREATER_THAN_EQUAL, >=)
POPOPS_EXPR_BINARY_WITH_OPERATOR(Gt, GREATER_THAN, >)
POPOPS_EXPR_BINARY_WITH_OPERATOR(Lte, LESS_THAN_EQUAL, <=)
POPOPS_EXPR_BINARY_WITH_OPERATOR(And, LOGICAL_AND, &&)
POPOPS_EXPR_BINARY_WITH_OPERATOR(Or, LOGICAL_OR, ||)
POPOPS_EXPR_BINARY_WITH_OPERATOR(Lt, LESS_THAN, <)
POPOPS_EXPR_BINARY(InvStdDevToVariance, INV_STD_DEV_TO_VARIANCE)
POPOPS_EXPR_BINARY(Max, MAXIMUM)
POPOPS_EXPR_BINARY(Min, MINIMUM)
POPOPS_EXPR_BINARY_WITH_OPERATOR(Mul, MULTIPLY, *)
POPOPS_EXPR_BINARY_WITH_OPERATOR(NotEqual, NOT_EQUAL, !=)
POPOPS_EXPR_BINARY(Pow, POWER)
POPOPS_EXPR_BINARY_WITH_OPERATOR(Rem, REMAINDER, %)
POPOPS_EXPR_BINARY_WITH_OPERATOR(Shl, SHIFT_LEFT, <<)
POPOPS_EXPR_BINARY_WITH_OPERATOR(Shr, SHIFT_RIGHT, >>)
POPOPS_EXPR_BINARY(ShrSE, SHIFT_RIGHT_SIGN_EXTEND)
POPOPS_EXPR_BINARY_WITH_OPERATOR(Sub, SUBTRACT, -)
POPOPS_EXPR_BINARY(VarianceToInvStdDev, VARIANCE_TO_INV_STD_DEV)

#undef POPOPS_EXPR_BINARY_WITH_OPERATOR
#undef POPOPS_EXPR_BINARY

class TernaryOp : public ExprType<TernaryOp> {
  TernaryOpType type;
  std::unique_ptr<Expr> a, b, c;

public:
  TernaryOp(TernaryOpType type, const Expr &a, const Expr &b, const Expr &c)
      : type(type), a(a.clone()), b(b.clone()), c(c.clone()) {}

  TernaryOpType getOpType() const { return type; }
  const Expr &getArg0() const { return *a; }
  const Expr &getArg1() const { return *b; }
  const Expr &getArg2() const { return *c; }

  std::unique_ptr<Expr> clone() const override;
  std::string name(const std::vector<poplar::Tensor> &inputs) const override;
  std::string exprName(const std::vector<poplar::Tensor> &inputs) const {
    return a->name(inputs) + "_" + b->name(inputs) + "_" + c->name(inputs);
  }
  bool deepEquals(const Expr &other) const override;
  void print(std::ostream &os, unsigned indent = 0,
             bool prettyPrint = true) const override;
};

/// Select(a, b, condition): a where condition is true, else b.
class Select : public TernaryOp {
public:
  Select(const Expr &a, const Expr &b, const Expr &c)
      : TernaryOp(TernaryOpType::SELECT, a, b, c) {}
};

/// Clamp(x, lower, upper): x limited to [lower, upper].
class Clamp : public TernaryOp {
public:
  Clamp(const Expr &a, const Expr &b, const Expr &c)
      : TernaryOp(TernaryOpType::CLAMP, a, b, c) {}
};

} // namespace expr
} // namespace popops

#endif
