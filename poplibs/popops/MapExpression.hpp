// popops::map's view of an expression: the tree with every node's element
// type worked out from the tensors it is applied to, checked against the
// operators' supported types. Constants take the type of the operands they
// meet (`_1 + 2` on half tensors adds a half 2).
#ifndef TESSEL_POPLIBS_POPOPS_MAPEXPRESSION_HPP
#define TESSEL_POPLIBS_POPOPS_MAPEXPRESSION_HPP

#include <poplar/Tensor.hpp>
#include <poplar/Type.hpp>
#include <popops/Expr.hpp>

#include <string>
#include <vector>

namespace popops::detail {

struct TypedNode {
  enum class Kind { Input, Constant, Unary, Binary, Ternary, Cast };
  Kind kind = Kind::Input;
  /// Kind::Input: which tensor (counting from 0).
  unsigned input = 0;
  /// Kind::Constant: the value (owned by the expression being mapped).
  const expr::Const *constant = nullptr;
  expr::UnaryOpType unaryOp{};
  expr::BinaryOpType binaryOp{};
  expr::TernaryOpType ternaryOp{};
  /// The element type of this node's value.
  poplar::Type type;
  std::vector<TypedNode> args;

  bool isLeaf() const { return kind == Kind::Input || kind == Kind::Constant; }
  /// Operators (and casts) in the tree.
  unsigned numOperators() const;
  /// "ADD", "EXPONENT", "Cast", "_1" or "const".
  std::string label() const;
};

/// Types `expression` applied to tensors of the given element types. Throws
/// poplibs_error naming `name` for a placeholder without a tensor, operands
/// of different types, or an operator that does not support its types.
TypedNode typeExpression(const expr::Expr &expression,
                         const std::vector<poplar::Type> &inputTypes,
                         const std::string &name);

/// Does the prebuilt vertex for the operator on `type` exist?
bool isSupported(expr::UnaryOpType op, const poplar::Type &type);
bool isSupported(expr::BinaryOpType op, const poplar::Type &type);
bool isSupported(expr::TernaryOpType op, const poplar::Type &type);

/// A constant's value converted exactly to `type`, as a double; throws
/// poplibs_error naming `name` when it does not fit (2.5 as an int).
double constantValue(const expr::Const &constant, const poplar::Type &type,
                     const std::string &name);

} // namespace popops::detail

#endif
