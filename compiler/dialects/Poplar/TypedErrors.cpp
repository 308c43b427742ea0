// Typed compiler errors: the exception class as the first argument of the
// diagnostic (TypedErrors.hpp).
#include "compiler/dialects/Poplar/TypedErrors.hpp"

#include "compiler/dialects/Poplar/PoplarDialect.hpp"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace tessel {

namespace {
/// Follows the class in a typed diagnostic.
constexpr const char *kSeparator = ": ";

/// The secondary facts an error's notes state, one line each, as MLIR
/// prints them, so the exception tells the user what poplar-opt shows.
void appendNotes(const Diagnostic &diagnostic, llvm::raw_ostream &os) {
  for (const Diagnostic &note : diagnostic.getNotes())
    os << "\n  note: " << note.str();
}
} // namespace

InFlightDiagnostic reportError(Operation *op, ir::ErrorKind kind) {
  MLIRContext *context = op->getContext();
  // The tile dialect's passes report typed errors too, in contexts that may
  // not have loaded the poplar dialect.
  context->getOrLoadDialect<graphir::PoplarDialect>();
  InFlightDiagnostic diag = op->emitError();
  diag << graphir::ErrorKindAttr::get(context, kind) << kSeparator;
  return diag;
}

TypedError readTypedError(const Diagnostic &diagnostic) {
  ArrayRef<DiagnosticArgument> arguments = diagnostic.getArguments();
  graphir::ErrorKindAttr kind;
  if (arguments.size() >= 2 &&
      arguments[0].getKind() ==
          DiagnosticArgument::DiagnosticArgumentKind::Attribute &&
      arguments[1].getKind() ==
          DiagnosticArgument::DiagnosticArgumentKind::String &&
      arguments[1].getAsString() == kSeparator)
    kind = dyn_cast<graphir::ErrorKindAttr>(arguments[0].getAsAttribute());
  if (!kind) {
    std::string message = diagnostic.str();
    llvm::raw_string_ostream os(message);
    appendNotes(diagnostic, os);
    return {ir::ErrorKind::graph_program_compilation_error, std::move(message)};
  }
  std::string message;
  llvm::raw_string_ostream os(message);
  for (const DiagnosticArgument &argument : arguments.drop_front(2))
    argument.print(os);
  appendNotes(diagnostic, os);
  return {kind.getValue(), std::move(message)};
}

} // namespace tessel
