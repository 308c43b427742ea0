// popops::Operation as text: the enumerator names, for streams and for the
// spelling of vertex template arguments.
#include <popops/Operation.hpp>

#include "ReduceStages.hpp"

#include <poputil/exceptions.hpp>

#include <array>
#include <istream>
#include <ostream>
#include <utility>

namespace popops {

namespace {

const std::array<std::pair<Operation, const char *>, 8> names = {{
    {Operation::ADD, "ADD"},
    {Operation::MUL, "MUL"},
    {Operation::MIN, "MIN"},
    {Operation::MAX, "MAX"},
    {Operation::LOGICAL_AND, "LOGICAL_AND"},
    {Operation::LOGICAL_OR, "LOGICAL_OR"},
    {Operation::SQUARE_ADD, "SQUARE_ADD"},
    {Operation::LOG_ADD, "LOG_ADD"},
}};

const char *nameOf(Operation op) {
  for (const auto &[value, name] : names)
    if (value == op)
      return name;
  throw poputil::poplibs_error("popops::Operation: unknown value " +
                               std::to_string(int(op)));
}

} // namespace

std::istream &operator>>(std::istream &is, Operation &op) {
  std::string token;
  is >> token;
  for (const auto &[value, name] : names)
    if (token == name) {
      op = value;
      return is;
    }
  throw poputil::poplibs_error(
      "popops::Operation: '" + token +
      "' is not an operation; use ADD, MUL, MIN, MAX, LOGICAL_AND, "
      "LOGICAL_OR, SQUARE_ADD or LOG_ADD");
}

std::ostream &operator<<(std::ostream &os, const Operation &op) {
  return os << nameOf(op);
}

} // namespace popops

namespace poputil {

std::string VertexTemplateToString<popops::Operation>::to_string(
    const popops::Operation &op) {
  return std::string("popops::Operation::") + popops::nameOf(op);
}

} // namespace poputil
