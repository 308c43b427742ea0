// The target a `poplar` module is compiled for, kept on the module as the
// `poplar.target` dictionary, and the way back to a poplar::Target.
//
//   poplar.target = {arch = "ipu2", target_type = "IPU_MODEL",
//                    num_ipus = 1 : i64, tiles_per_ipu = 1472 : i64,
//                    bytes_per_tile = 638976 : i64,
//                    requires_tile_mapping = false, serialized = "..."}
//
// The importer writes every key; `serialized` (Target::serialize) makes the
// round trip exact. Hand-written modules may leave out `serialized`,
// `target_type` (IPU_MODEL), `arch` (ipu2), `num_ipus` (1) and
// `requires_tile_mapping` (the architecture's default); the target is then
// rebuilt from the published parameters of the architecture with the given
// tile count and memory. As a compact form for tests, a module without the
// dictionary may carry `poplar.num_tiles`, `poplar.bytes_per_tile` and
// optionally `poplar.requires_tile_mapping` (one IPU_MODEL ipu2 IPU).
#ifndef TESSEL_COMPILER_DIALECTS_POPLAR_MODULETARGET_HPP
#define TESSEL_COMPILER_DIALECTS_POPLAR_MODULETARGET_HPP

#include <poplar/Target.hpp>

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"

#include <cstdint>
#include <optional>

namespace tessel {

/// Records `target` on `module` as the `poplar.target` dictionary.
void setModuleTarget(mlir::ModuleOp module, const poplar::Target &target);

/// The target `module` was imported for. Throws
/// poplar::graph_program_compilation_error when the module does not say (or
/// says inconsistently), and poplar::invalid_machine_model when the
/// parameters describe no machine.
poplar::Target targetFromModule(mlir::ModuleOp module);

/// As targetFromModule, but reports the problem as an error diagnostic on
/// the module whose message starts with the exception class name.
mlir::FailureOr<poplar::Target> readModuleTarget(mlir::ModuleOp module);

/// The module's total tile count read from the summary keys alone (no
/// target is built, so op verifiers may call it for every op), or nothing
/// when the module does not state it.
std::optional<int64_t> moduleNumTiles(mlir::ModuleOp module);

} // namespace tessel

#endif
