// Turning the allocator's attributes back into placements for a profile.
#include "compiler/driver/OutOfMemoryReport.hpp"

#include "compiler/passes/PassSupport.hpp"
#include "compiler/passes/VariableLiveness.hpp"

#include <set>

namespace tessel {

std::optional<exe::ExecutableImage>
allocationImage(mlir::ModuleOp module, const poplar::Target &target) {
  auto used =
      module->getAttrOfType<mlir::DenseI64ArrayAttr>("poplar.tile_bytes_used");
  mlir::FailureOr<GraphFacts> facts = GraphFacts::collect(module);
  if (!used || mlir::failed(facts))
    return std::nullopt;
  exe::ExecutableImage image;
  image.target = target;
  for (int64_t bytes : used.asArrayRef())
    image.tileBytesUsed.push_back(std::uint32_t(bytes));
  std::set<int64_t> stateVariables;
  for (graphir::ComputeSetOp cs : module.getOps<graphir::ComputeSetOp>())
    if (std::optional<llvm::ArrayRef<int64_t>> vars = cs.getStateVar())
      stateVariables.insert(vars->begin(), vars->end());
  VariableLiveness liveness(module, *facts);
  for (graphir::VariableOp v : facts->variables) {
    if (!v)
      continue;
    // Held here: a range-for over `*v.getAllocationList()` would read a
    // temporary destroyed before the loop body runs.
    const std::optional<AllocatedIntervals> allocation = v.getAllocationList();
    if (!allocation)
      continue;
    auto category = v.getConstant() ? exe::VariableCategory::Constant
                    : stateVariables.count(int64_t(v.getId()))
                        ? exe::VariableCategory::VertexState
                        : exe::VariableCategory::Variable;
    Lifetime life = liveness.lifetimeOf(int64_t(v.getId()));
    const int64_t size = elementBytes(v.getElementType());
    for (const AllocatedInterval a : *allocation)
      image.placements.push_back({v.getName().str(), std::uint32_t(a.tile),
                                  std::uint32_t(a.address),
                                  std::uint32_t((a.end - a.begin) * size),
                                  category, life.start, life.end});
  }
  return image;
}

} // namespace tessel
