// Typed compiler errors: the exception class as the first argument of the
// diagnostic (TypedErrors.hpp).
#include "compiler/dialects/Poplar/TypedErrors.hpp"

#include "compiler/dialects/Poplar/PoplarDialect.hpp"

#include "mlir/IR/Location.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace tessel {

namespace {
/// Follows the class in a typed diagnostic.
constexpr const char *kSeparator = ": ";

/// The first file position in `loc` and the function a fused location
/// names as its metadata (the importer's fused<"function">[name, file]).
void findSource(Location loc, FileLineColLoc &file, StringAttr &function) {
  if (auto position = dyn_cast<FileLineColLoc>(loc)) {
    if (!file)
      file = position;
  } else if (auto fused = dyn_cast<FusedLoc>(loc)) {
    if (!function)
      function = dyn_cast_or_null<StringAttr>(fused.getMetadata());
    for (Location part : fused.getLocations())
      findSource(part, file, function);
  } else if (auto name = dyn_cast<NameLoc>(loc)) {
    findSource(name.getChildLoc(), file, function);
  } else if (auto call = dyn_cast<CallSiteLoc>(loc)) {
    findSource(call.getCallee(), file, function);
  }
}

/// "file:line, in function" of the user's call, or "" when `loc` has none.
std::string sourceOf(Location loc) {
  FileLineColLoc file;
  StringAttr function;
  findSource(loc, file, function);
  if (!file)
    return "";
  std::string text =
      file.getFilename().str() + ":" + std::to_string(file.getLine());
  if (function && !function.getValue().empty())
    text += ", in " + function.getValue().str();
  return text;
}

/// Where the error's object was made, on a line of its own.
void appendSource(const Diagnostic &diagnostic, llvm::raw_ostream &os) {
  std::string source = sourceOf(diagnostic.getLocation());
  if (!source.empty())
    os << "\n  at " << source;
}

/// The secondary facts an error's notes state, one line each, as MLIR
/// prints them, so the exception tells the user what poplar-opt shows;
/// each with where its object was made, when known.
void appendNotes(const Diagnostic &diagnostic, llvm::raw_ostream &os) {
  for (const Diagnostic &note : diagnostic.getNotes()) {
    os << "\n  note: " << note.str();
    std::string source = sourceOf(note.getLocation());
    if (!source.empty())
      os << " (at " << source << ")";
  }
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
    appendSource(diagnostic, os);
    appendNotes(diagnostic, os);
    return {ir::ErrorKind::graph_program_compilation_error, std::move(message)};
  }
  std::string message;
  llvm::raw_string_ostream os(message);
  for (const DiagnosticArgument &argument : arguments.drop_front(2))
    argument.print(os);
  appendSource(diagnostic, os);
  appendNotes(diagnostic, os);
  return {kind.getValue(), std::move(message)};
}

} // namespace tessel
