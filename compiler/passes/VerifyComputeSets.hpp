// The compute-set part of poplar-verify (see VerifyComputeSets.cpp).
#ifndef TESSEL_COMPILER_PASSES_VERIFYCOMPUTESETS_HPP
#define TESSEL_COMPILER_PASSES_VERIFYCOMPUTESETS_HPP

#include "compiler/passes/PassSupport.hpp"

#include <functional>
#include <optional>
#include <string>

namespace tessel {

/// poplar-verify's check of one region list: variables exist, ranges are
/// inside them, elements have the size of the type, if one is given.
using TensorChecker = std::function<mlir::LogicalResult(
    mlir::Operation *, llvm::ArrayRef<int64_t>, std::optional<ir::ElementType>,
    const std::string &)>;

mlir::LogicalResult verifyComputeSets(mlir::ModuleOp module,
                                      const GraphFacts &facts,
                                      const TensorChecker &checkTensor);

} // namespace tessel

#endif
