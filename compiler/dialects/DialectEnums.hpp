// The enumerations the `poplar` and `tile` dialects share (TesselEnums.td),
// and their conversions to the poplar types and names they stand for.
#ifndef TESSEL_COMPILER_DIALECTS_DIALECTENUMS_HPP
#define TESSEL_COMPILER_DIALECTS_DIALECTENUMS_HPP

#include "compiler/core/TypeTable.hpp"

#include <poplar/Type.hpp>

#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>

#include "compiler/dialects/DialectEnums.h.inc"

namespace tessel {

/// The poplar::Type an element type attribute names (the cases are
/// type-table ids).
inline poplar::Type poplarType(ir::ElementType type) {
  return poplar::Type(static_cast<unsigned>(type));
}

/// The element type case of a valid poplar::Type; throws poplar::type_error
/// for an invalid one.
ir::ElementType elementTypeOf(const poplar::Type &type);

/// The element type Poplar calls `name` ("unsigned int"), if any.
std::optional<ir::ElementType> elementTypeNamed(llvm::StringRef name);

/// The type table row of `type`.
inline const TypeInfo &typeInfo(ir::ElementType type) {
  return typeInfo(poplarType(type));
}

/// Poplar's name of `type` ("unsigned int"), as messages and the executable
/// spell it.
inline llvm::StringRef typeName(ir::ElementType type) {
  return typeInfo(type).name;
}

} // namespace tessel

#endif
