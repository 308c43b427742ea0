// Errors the compiler reports as a particular poplar exception class. The
// class travels in the diagnostic itself, as its first argument (a
// #poplar.error<type_error> attribute), followed by ": " and the message:
// poplar-opt prints "#poplar.error<type_error>: ...", and the driver reads
// the class and the message back without parsing the text.
#ifndef TESSEL_COMPILER_DIALECTS_POPLAR_TYPEDERRORS_HPP
#define TESSEL_COMPILER_DIALECTS_POPLAR_TYPEDERRORS_HPP

#include "compiler/dialects/DialectEnums.hpp"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Operation.h"

#include <string>

namespace tessel {

/// Emits an error at `op` that the driver throws as exception class `kind`,
/// e.g. reportError(op, ir::ErrorKind::type_error) << "...".
mlir::InFlightDiagnostic reportError(mlir::Operation *op, ir::ErrorKind kind);

/// What the driver throws for one error diagnostic.
struct TypedError {
  ir::ErrorKind kind;
  /// The diagnostic's text without the class; "\n  at file:line, in
  /// function" when its location names the user's call; then a
  /// "\n  note: ..." line per attached note (the secondary facts), each
  /// with " (at file:line, in function)" when known.
  std::string message;
};

/// The class and message of an error diagnostic; one that reportError did
/// not make is a graph_program_compilation_error with its whole text.
TypedError readTypedError(const mlir::Diagnostic &diagnostic);

} // namespace tessel

#endif
