// Typed compiler errors carry their poplar exception class as a structured
// diagnostic argument: reportError writes it, readTypedError reads it back,
// and text that merely looks like a class name is not taken for one.
#include "compiler/dialects/Poplar/TypedErrors.hpp"
#include "compiler/dialects/Tile/TileDialect.hpp"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using tessel::ir::ErrorKind;

namespace {

/// The first error diagnostic `emit` reports on a fresh module, as the
/// driver reads it.
template <class Emit>
std::optional<tessel::TypedError> firstError(mlir::MLIRContext &context,
                                             Emit emit,
                                             std::string *printed = nullptr) {
  // As in the driver, whose exceptions carry the notes.
  context.printOpOnDiagnostic(false);
  std::optional<tessel::TypedError> error;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &d) {
    if (!error && d.getSeverity() == mlir::DiagnosticSeverity::Error) {
      error = tessel::readTypedError(d);
      if (printed)
        *printed = d.str();
    }
    return mlir::success();
  });
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::ModuleOp::create(mlir::UnknownLoc::get(&context));
  emit(module->getOperation());
  return error;
}

} // namespace

TEST_CASE("reportError's class and message reach the driver apart",
          "[dialects]") {
  mlir::MLIRContext context;
  std::string printed;
  auto error = firstError(
      context,
      [](mlir::Operation *op) {
        tessel::reportError(op, ErrorKind::index_error)
            << "Copy 'c' uses elements [2, " << 6 << ") of 'a'";
      },
      &printed);
  REQUIRE(error);
  CHECK(error->kind == ErrorKind::index_error);
  CHECK(error->message == "Copy 'c' uses elements [2, 6) of 'a'");
  // As poplar-opt and -verify-diagnostics show it.
  CHECK(printed == "#poplar.error<index_error>: Copy 'c' uses elements [2, 6) "
                   "of 'a'");
}

TEST_CASE("An error reportError did not make is a compilation error with "
          "its whole text, even when the text starts with a class name",
          "[dialects]") {
  mlir::MLIRContext context;
  auto error = firstError(context, [](mlir::Operation *op) {
    op->emitError() << "type_error: looks typed, is not";
  });
  REQUIRE(error);
  CHECK(error->kind == ErrorKind::graph_program_compilation_error);
  CHECK(error->message == "type_error: looks typed, is not");
}

TEST_CASE("reportError loads the poplar dialect where only tile is loaded",
          "[dialects]") {
  mlir::MLIRContext context;
  context.getOrLoadDialect<tessel::tileir::TileDialect>();
  REQUIRE_FALSE(context.getLoadedDialect("poplar"));
  auto error = firstError(context, [](mlir::Operation *op) {
    tessel::reportError(op, ErrorKind::graph_memory_allocation_error)
        << "Out of memory";
  });
  REQUIRE(error);
  CHECK(error->kind == ErrorKind::graph_memory_allocation_error);
  CHECK(error->message == "Out of memory");
}

TEST_CASE("An error's notes reach the driver's message, one line each",
          "[dialects]") {
  mlir::MLIRContext context;
  auto error = firstError(context, [](mlir::Operation *op) {
    mlir::InFlightDiagnostic diag =
        tessel::reportError(op, ErrorKind::graph_cycle_error)
        << "vertex 1 writes elements [1:2) of 'y'";
    diag.attachNote() << "vertex 0 writes them too";
  });
  REQUIRE(error);
  CHECK(error->kind == ErrorKind::graph_cycle_error);
  CHECK(error->message == "vertex 1 writes elements [1:2) of 'y'\n"
                          "  note: vertex 0 writes them too");
}

TEST_CASE("Every poplar exception class has an ErrorKind case",
          "[dialects][errors]") {
  // The class list lives in include/poplar/exceptions.hpp and again in
  // ErrorKind (TesselEnums.td); the driver's switch catches an ErrorKind
  // without a class, and this catches a class without an ErrorKind.
  std::ifstream header(TESSEL_EXCEPTIONS_HEADER);
  REQUIRE(header);
  std::stringstream text;
  text << header.rdbuf();
  const std::string source = text.str();
  const std::regex declared(
      R"(\nTESSEL_DECLARE_POPLAR_ERROR\((\w+),|\nstruct (\w+) : \w*error\b)");
  std::vector<std::string> classes;
  for (auto it = std::sregex_iterator(source.begin(), source.end(), declared);
       it != std::sregex_iterator(); ++it)
    classes.push_back((*it)[1].matched ? (*it)[1].str() : (*it)[2].str());
  // Every ErrorKind but the base is a class, so the scan must find them all.
  CHECK(classes.size() == size_t(tessel::ir::getMaxEnumValForErrorKind()) + 1);
  for (const std::string &name : classes) {
    INFO("exception class " << name);
    CHECK(tessel::ir::symbolizeErrorKind(name).has_value());
  }
}

TEST_CASE("An error at a located op says where the user's call was, and "
          "each located note says where its object was",
          "[dialects][locations]") {
  mlir::MLIRContext context;
  auto error = firstError(context, [](mlir::Operation *op) {
    mlir::MLIRContext *ctx = op->getContext();
    auto at = [&](const char *name, unsigned line) {
      mlir::Location parts[] = {
          mlir::NameLoc::get(mlir::StringAttr::get(ctx, name)),
          mlir::FileLineColLoc::get(ctx, "model.cpp", line, 0)};
      return mlir::FusedLoc::get(parts, mlir::StringAttr::get(ctx, "build"),
                                 ctx);
    };
    op->setLoc(at("step", 12));
    mlir::InFlightDiagnostic diag =
        tessel::reportError(op, ErrorKind::graph_cycle_error)
        << "vertex 1 writes elements [1:2) of 'y'";
    diag.attachNote(at("y", 7)) << "variable 'y' made here";
    // A name alone says nothing about the source.
    diag.attachNote(mlir::NameLoc::get(mlir::StringAttr::get(ctx, "v")))
        << "vertex 0 writes them too";
    // A bare position, as poplar-opt reads `loc("f.cpp":3:0)`.
    diag.attachNote(mlir::FileLineColLoc::get(ctx, "f.cpp", 3, 0))
        << "also here";
  });
  REQUIRE(error);
  CHECK(error->message == "vertex 1 writes elements [1:2) of 'y'\n"
                          "  at model.cpp:12, in build\n"
                          "  note: variable 'y' made here (at model.cpp:7, "
                          "in build)\n"
                          "  note: vertex 0 writes them too\n"
                          "  note: also here (at f.cpp:3)");
}
