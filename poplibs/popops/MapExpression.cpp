// Typing and checking popops::map expressions.
#include "MapExpression.hpp"

#include "ExprOpNames.hpp"
#include "codelets/ElementWiseTypeSets.hpp"

#include <poplar/HalfFloat.hpp>
#include <poputil/exceptions.hpp>

#include <cmath>
#include <limits>

using namespace poplar;

namespace popops::detail {

namespace {

template <class T> Type deviceType() {
  if constexpr (std::is_same_v<T, half>)
    return HALF;
  else
    return equivalent_device_type<T>().value;
}

#define POPOPS_TYPE_MATCHES(t, T) || t == deviceType<T>()
#define POPOPS_TYPE_NAME(names, T) names.push_back(deviceType<T>().toString());

bool inTypeSet(const char *set, const Type &t) {
#define POPOPS_SET(S)                                                          \
  if (std::string(set) == #S)                                                  \
    return false POPOPS_TYPES_##S(POPOPS_TYPE_MATCHES, t);
  POPOPS_SET(BOOL)
  POPOPS_SET(FLOATS)
  POPOPS_SET(INT32)
  POPOPS_SET(SIGNED_INTEGRAL)
  POPOPS_SET(INTEGRAL)
  POPOPS_SET(SIGNED)
  POPOPS_SET(NUMERIC)
  POPOPS_SET(CHARS)
  POPOPS_SET(ORDERED)
  POPOPS_SET(ALL)
#undef POPOPS_SET
  return false;
}

std::string typeSetNames(const char *set) {
  std::vector<std::string> names;
#define POPOPS_SET(S)                                                          \
  if (std::string(set) == #S) {                                                \
    POPOPS_TYPES_##S(POPOPS_TYPE_NAME, names)                                  \
  }
  POPOPS_SET(BOOL)
  POPOPS_SET(FLOATS)
  POPOPS_SET(INT32)
  POPOPS_SET(SIGNED_INTEGRAL)
  POPOPS_SET(INTEGRAL)
  POPOPS_SET(SIGNED)
  POPOPS_SET(NUMERIC)
  POPOPS_SET(CHARS)
  POPOPS_SET(ORDERED)
  POPOPS_SET(ALL)
#undef POPOPS_SET
  std::string text;
  for (const std::string &n : names)
    text += (text.empty() ? "" : ", ") + n;
  return text;
}

const char *typeSetOf(expr::UnaryOpType op) {
  switch (op) {
#define POPOPS_UNARY(OP, SET)                                                  \
  case expr::UnaryOpType::OP:                                                  \
    return #SET;
#define POPOPS_BINARY(OP, SET)
#define POPOPS_TERNARY(OP, SET)
#include "codelets/ElementWiseOpTypes.def"
#undef POPOPS_UNARY
#undef POPOPS_BINARY
#undef POPOPS_TERNARY
  }
  return "";
}

const char *typeSetOf(expr::BinaryOpType op) {
  switch (op) {
#define POPOPS_UNARY(OP, SET)
#define POPOPS_BINARY(OP, SET)                                                 \
  case expr::BinaryOpType::OP:                                                 \
    return #SET;
#define POPOPS_TERNARY(OP, SET)
#include "codelets/ElementWiseOpTypes.def"
#undef POPOPS_UNARY
#undef POPOPS_BINARY
#undef POPOPS_TERNARY
  }
  return "";
}

const char *typeSetOf(expr::TernaryOpType op) {
  switch (op) {
#define POPOPS_UNARY(OP, SET)
#define POPOPS_BINARY(OP, SET)
#define POPOPS_TERNARY(OP, SET)                                                \
  case expr::TernaryOpType::OP:                                                \
    return #SET;
#include "codelets/ElementWiseOpTypes.def"
#undef POPOPS_UNARY
#undef POPOPS_BINARY
#undef POPOPS_TERNARY
  }
  return "";
}

bool isComparison(expr::BinaryOpType op) {
  using B = expr::BinaryOpType;
  return op == B::EQUAL || op == B::NOT_EQUAL || op == B::LESS_THAN ||
         op == B::LESS_THAN_EQUAL || op == B::GREATER_THAN ||
         op == B::GREATER_THAN_EQUAL;
}

bool isPredicate(expr::UnaryOpType op) {
  using U = expr::UnaryOpType;
  return op == U::IS_FINITE || op == U::IS_INF || op == U::IS_NAN;
}

template <class Op>
void requireSupported(Op op, const Type &type, const std::string &name) {
  if (!isSupported(op, type))
    throw poputil::poplibs_error(
        name + ": " + opName(op) + " does not support operands of type " +
        type.toString() + " (it supports " + typeSetNames(typeSetOf(op)) +
        "); cast the operands with expr::Cast or popops::cast");
}

class ExpressionTyper {
public:
  ExpressionTyper(const std::vector<Type> &inputTypes, const std::string &name)
      : inputTypes(inputTypes), name(name) {}

  TypedNode type(const expr::Expr &e) {
    if (const auto *p = e.getAs<expr::PlaceHolder>())
      return placeholder(*p);
    if (const auto *c = e.getAs<expr::Const>()) {
      TypedNode node;
      node.kind = TypedNode::Kind::Constant;
      node.constant = c;
      node.type = c->getType();
      return node;
    }
    if (const auto *c = e.getAs<expr::Cast>())
      return cast(*c);
    if (const auto *u = e.getAs<expr::UnaryOp>())
      return unary(*u);
    if (const auto *b = e.getAs<expr::BinaryOp>())
      return binary(*b);
    if (const auto *t = e.getAs<expr::TernaryOp>())
      return ternary(*t);
    throw poputil::poplibs_error(name + ": unknown kind of expression node");
  }

private:
  TypedNode placeholder(const expr::PlaceHolder &p) {
    if (p.getIndex() == 0 || p.getIndex() > inputTypes.size())
      throw poputil::poplibs_error(
          name + ": the expression uses placeholder _" +
          std::to_string(p.getIndex()) + " but " +
          std::to_string(inputTypes.size()) +
          " tensor(s) were given; placeholders count from _1");
    TypedNode node;
    node.input = p.getIndex() - 1;
    node.type = inputTypes[node.input];
    return node;
  }

  TypedNode cast(const expr::Cast &c) {
    TypedNode node;
    node.kind = TypedNode::Kind::Cast;
    node.args.push_back(type(c.getLHS()));
    node.type = c.getRHSType();
    if (!inTypeSet("ALL", node.type))
      throw poputil::poplibs_error(name + ": cannot cast to " +
                                   node.type.toString());
    return node;
  }

  TypedNode unary(const expr::UnaryOp &u) {
    TypedNode node;
    node.kind = TypedNode::Kind::Unary;
    node.unaryOp = u.getOpType();
    node.args.push_back(type(u.getArg()));
    const Type &in = node.args[0].type;
    requireSupported(node.unaryOp, in, name);
    node.type = isPredicate(node.unaryOp) ? BOOL : in;
    return node;
  }

  /// Constants among `args` (those listed in `data`) take the type of the
  /// first non-constant one.
  static void inferConstants(std::vector<TypedNode> &args,
                             const std::vector<unsigned> &data) {
    const TypedNode *typed = nullptr;
    for (unsigned i : data)
      if (args[i].kind != TypedNode::Kind::Constant) {
        typed = &args[i];
        break;
      }
    if (!typed)
      return;
    const Type t = typed->type;
    for (unsigned i : data)
      if (args[i].kind == TypedNode::Kind::Constant)
        args[i].type = t;
  }

  void requireSameTypes(const std::string &op, const TypedNode &a,
                        const TypedNode &b) {
    if (a.type != b.type)
      throw poputil::poplibs_error(
          name + ": " + op + " needs operands of one type, but they are " +
          a.type.toString() + " and " + b.type.toString() +
          "; cast one with expr::Cast");
  }

  TypedNode binary(const expr::BinaryOp &b) {
    TypedNode node;
    node.kind = TypedNode::Kind::Binary;
    node.binaryOp = b.getOpType();
    node.args.push_back(type(b.getLHS()));
    node.args.push_back(type(b.getRHS()));
    inferConstants(node.args, {0, 1});
    requireSameTypes(opName(node.binaryOp), node.args[0], node.args[1]);
    requireSupported(node.binaryOp, node.args[0].type, name);
    node.type = isComparison(node.binaryOp) ? BOOL : node.args[0].type;
    return node;
  }

  TypedNode ternary(const expr::TernaryOp &t) {
    TypedNode node;
    node.kind = TypedNode::Kind::Ternary;
    node.ternaryOp = t.getOpType();
    node.args.push_back(type(t.getArg0()));
    node.args.push_back(type(t.getArg1()));
    node.args.push_back(type(t.getArg2()));
    const std::string op = opName(node.ternaryOp);
    if (node.ternaryOp == expr::TernaryOpType::SELECT) {
      inferConstants(node.args, {0, 1});
      if (node.args[2].kind == TypedNode::Kind::Constant)
        node.args[2].type = BOOL;
      requireSameTypes(op, node.args[0], node.args[1]);
      if (node.args[2].type != BOOL)
        throw poputil::poplibs_error(
            name +
            ": SELECT needs a bool condition (its third operand), "
            "but it is " +
            node.args[2].type.toString());
    } else {
      inferConstants(node.args, {0, 1, 2});
      requireSameTypes(op, node.args[0], node.args[1]);
      requireSameTypes(op, node.args[0], node.args[2]);
    }
    requireSupported(node.ternaryOp, node.args[0].type, name);
    node.type = node.args[0].type;
    return node;
  }

  const std::vector<Type> &inputTypes;
  const std::string &name;
};

} // namespace

unsigned TypedNode::numOperators() const {
  unsigned n = isLeaf() ? 0 : 1;
  for (const TypedNode &a : args)
    n += a.numOperators();
  return n;
}

std::string TypedNode::label() const {
  switch (kind) {
  case Kind::Input:
    return "_" + std::to_string(input + 1);
  case Kind::Constant:
    return "const";
  case Kind::Unary:
    return opName(unaryOp);
  case Kind::Binary:
    return opName(binaryOp);
  case Kind::Ternary:
    return opName(ternaryOp);
  case Kind::Cast:
    return "Cast";
  }
  return "";
}

TypedNode typeExpression(const expr::Expr &expression,
                         const std::vector<Type> &inputTypes,
                         const std::string &name) {
  return ExpressionTyper(inputTypes, name).type(expression);
}

bool isSupported(expr::UnaryOpType op, const Type &type) {
  return inTypeSet(typeSetOf(op), type);
}
bool isSupported(expr::BinaryOpType op, const Type &type) {
  return inTypeSet(typeSetOf(op), type);
}
bool isSupported(expr::TernaryOpType op, const Type &type) {
  return inTypeSet(typeSetOf(op), type);
}

double constantValue(const expr::Const &constant, const Type &type,
                     const std::string &name) {
  const double v = constant.getDataAsDouble();
  if (type == FLOAT || type == HALF)
    return v;
  auto fail = [&] {
    throw poputil::poplibs_error(
        name + ": the constant " + constant.printValue() +
        " cannot stand for a value of type " + type.toString() +
        " exactly; write a constant of that type");
  };
  if (std::isnan(v) || v != std::floor(v))
    fail();
  double lo = 0, hi = 1;
  if (type == INT)
    lo = std::numeric_limits<int>::min(), hi = std::numeric_limits<int>::max();
  else if (type == UNSIGNED_INT)
    hi = std::numeric_limits<unsigned>::max();
  else if (type == SHORT)
    lo = std::numeric_limits<short>::min(),
    hi = std::numeric_limits<short>::max();
  else if (type == UNSIGNED_SHORT)
    hi = std::numeric_limits<unsigned short>::max();
  else if (type == CHAR || type == SIGNED_CHAR)
    lo = std::numeric_limits<signed char>::min(),
    hi = std::numeric_limits<signed char>::max();
  else if (type == UNSIGNED_CHAR)
    hi = std::numeric_limits<unsigned char>::max();
  if (v < lo || v > hi)
    fail();
  return v;
}

} // namespace popops::detail
