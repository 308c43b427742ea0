// Names of the expression operators: "EXPONENT" for messages and debug
// names, and "popops::expr::UnaryOpType::EXPONENT" as a vertex template
// argument (poputil::templateVertex spells it through the specialisations
// below, as popc names instantiations).
#ifndef TESSEL_POPLIBS_POPOPS_EXPROPNAMES_HPP
#define TESSEL_POPLIBS_POPOPS_EXPROPNAMES_HPP

#include <popops/ExprOp.hpp>
#include <poputil/VertexTemplates.hpp>

#include <string>

namespace popops::detail {

std::string opName(expr::UnaryOpType op);
std::string opName(expr::BinaryOpType op);
std::string opName(expr::TernaryOpType op);

} // namespace popops::detail

namespace poputil {

template <> struct VertexTemplateToString<popops::expr::UnaryOpType> {
  static std::string to_string(popops::expr::UnaryOpType op) {
    return "popops::expr::UnaryOpType::" + popops::detail::opName(op);
  }
};
template <> struct VertexTemplateToString<popops::expr::BinaryOpType> {
  static std::string to_string(popops::expr::BinaryOpType op) {
    return "popops::expr::BinaryOpType::" + popops::detail::opName(op);
  }
};
template <> struct VertexTemplateToString<popops::expr::TernaryOpType> {
  static std::string to_string(popops::expr::TernaryOpType op) {
    return "popops::expr::TernaryOpType::" + popops::detail::opName(op);
  }
};

} // namespace poputil

#endif
