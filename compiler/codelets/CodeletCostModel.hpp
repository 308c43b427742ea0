// The IPU cost model popc's instrumentation charges codelet code with: the
// cycles a worker spends on one LLVM IR instruction (docs/codelets.md has
// the table). Codelets are compiled and optimised for the host, so the model
// prices what the IPU would do with the same work: 64 bits move or compute
// per cycle, so host vectorisation never makes code cheaper than the IPU's
// own 64-bit vector instructions would be.
#ifndef TESSEL_COMPILER_CODELETS_CODELETCOSTMODEL_HPP
#define TESSEL_COMPILER_CODELETS_CODELETCOSTMODEL_HPP

#include <cstdint>

namespace llvm {
class DataLayout;
class Instruction;
} // namespace llvm

namespace tessel::codelets {

/// Bytes a worker loads, stores or copies per cycle.
inline constexpr std::uint64_t kBytesPerCycle = 8;
/// The fixed cost of calling a function (the callee's body is charged by its
/// own instrumentation).
inline constexpr std::uint64_t kCallCycles = 3;
/// The fixed cost of a memcpy, memmove or memset, on top of
/// ceil(bytes / kBytesPerCycle).
inline constexpr std::uint64_t kMemoryOperationSetupCycles = 2;

/// The cycles `inst` costs that are known before it runs. For memcpy,
/// memmove and memset of a length only known at run time this is the setup
/// cost; the instrumentation adds ceil(length / kBytesPerCycle) when it runs.
std::uint64_t staticInstructionCycles(const llvm::Instruction &inst,
                                      const llvm::DataLayout &layout);

} // namespace tessel::codelets

#endif
