// popops::Operation: the ways a reduction (and a multi-update) combines
// elements.
#ifndef POPOPS_OPERATIONDEF_HPP
#define POPOPS_OPERATIONDEF_HPP

namespace popops {

/// How elements are combined. LOGICAL_AND and LOGICAL_OR take BOOL
/// operands; SQUARE_ADD adds the squares of its operands; LOG_ADD combines
/// log-domain values a, b into log(exp(a) + exp(b)).
enum class Operation {
  ADD,
  MUL,
  MIN,
  MAX,
  LOGICAL_AND,
  LOGICAL_OR,
  SQUARE_ADD,
  LOG_ADD,
};

} // namespace popops

#endif
