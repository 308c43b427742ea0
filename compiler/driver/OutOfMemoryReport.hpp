// debug.allowOutOfMemory: when the allocator finds tiles over budget, the
// memory it planned (left on the module) still becomes a profile, so the
// report shows which tiles overflow and what lives there.
#ifndef TESSEL_COMPILER_DRIVER_OUTOFMEMORYREPORT_HPP
#define TESSEL_COMPILER_DRIVER_OUTOFMEMORYREPORT_HPP

#include "compiler/codegen/ExecutableImage.hpp"

#include "mlir/IR/BuiltinOps.h"

#include <optional>

namespace tessel {

/// An image holding only the target, the bytes used per tile and the
/// variable placements the allocator recorded on `module` (poplar dialect,
/// after poplar-allocate-tile-memory); nothing if there is no allocation.
std::optional<exe::ExecutableImage>
allocationImage(mlir::ModuleOp module, const poplar::Target &target);

} // namespace tessel

#endif
