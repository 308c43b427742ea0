// Cycle weights per instruction; see the table in docs/codelets.md. The
// numbers follow the IPU's worker pipeline: one instruction a cycle, 64-bit
// loads and stores, 2 x float or 4 x half SIMD, no hardware support for
// division, square roots or double precision (software routines).
#include "compiler/codelets/CodeletCostModel.hpp"

#include <llvm/ADT/StringSet.h>
#include <llvm/IR/DataLayout.h>
#include <llvm/IR/DerivedTypes.h>
#include <llvm/IR/InstrTypes.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/Intrinsics.h>

using namespace llvm;

namespace tessel::codelets {

namespace {

constexpr std::uint64_t kDivideCycles = 24;     // integer or float divide
constexpr std::uint64_t kSquareRootCycles = 24; // sqrt
constexpr std::uint64_t kDoubleFactor = 8;      // emulated double arithmetic
constexpr std::uint64_t kTranscendentalCycles = 40; // exp, log, sin, pow, ...

std::uint64_t ceilDiv(std::uint64_t a, std::uint64_t b) {
  return (a + b - 1) / b;
}

std::uint64_t elementCount(Type *type) {
  if (auto *vector = dyn_cast<FixedVectorType>(type))
    return vector->getNumElements();
  return 1;
}

/// Cycles of one arithmetic operation on a value of `type`: a 64-bit chunk
/// per cycle for vectors, 32 bits per cycle for scalars, emulated doubles.
std::uint64_t arithmeticCycles(Type *type) {
  Type *element = type->getScalarType();
  if (element->isDoubleTy())
    return kDoubleFactor * elementCount(type);
  const std::uint64_t bits = type->getPrimitiveSizeInBits().getFixedValue();
  if (type->isVectorTy())
    return std::max<std::uint64_t>(1, ceilDiv(bits, 64));
  return std::max<std::uint64_t>(1, ceilDiv(bits, 32));
}

/// Per element: the IPU has no divider, so each lane runs the routine.
std::uint64_t perElementCycles(Type *type, std::uint64_t cycles) {
  const std::uint64_t factor =
      type->getScalarType()->isDoubleTy() ? kDoubleFactor / 2 : 1;
  return cycles * factor * elementCount(type);
}

std::uint64_t memoryCycles(Type *type, const DataLayout &layout) {
  const std::uint64_t bytes = layout.getTypeStoreSize(type).getFixedValue();
  return std::max<std::uint64_t>(1, ceilDiv(bytes, kBytesPerCycle));
}

bool isTranscendentalLibraryCall(StringRef name) {
  static const StringSet<> kNames = {
      "exp",   "expf",   "exp2",  "exp2f", "expm1",  "expm1f", "log",
      "logf",  "log2",   "log2f", "log10", "log10f", "log1p",  "log1pf",
      "pow",   "powf",   "sin",   "sinf",  "cos",    "cosf",   "tan",
      "tanf",  "asin",   "asinf", "acos",  "acosf",  "atan",   "atanf",
      "atan2", "atan2f", "sinh",  "sinhf", "cosh",   "coshf",  "tanh",
      "tanhf", "erf",    "erff",  "cbrt",  "cbrtf",  "fmod",   "fmodf"};
  return kNames.contains(name);
}

std::uint64_t intrinsicCycles(const IntrinsicInst &call,
                              const DataLayout &layout) {
  Type *type = call.getType();
  switch (call.getIntrinsicID()) {
  case Intrinsic::memcpy:
  case Intrinsic::memcpy_inline:
  case Intrinsic::memmove:
  case Intrinsic::memset:
  case Intrinsic::memset_inline: {
    const auto &mem = cast<MemIntrinsic>(call);
    if (auto *length = dyn_cast<ConstantInt>(mem.getLength()))
      return kMemoryOperationSetupCycles +
             ceilDiv(length->getZExtValue(), kBytesPerCycle);
    return kMemoryOperationSetupCycles;
  }
  case Intrinsic::sqrt:
    return perElementCycles(type, kSquareRootCycles);
  case Intrinsic::exp:
  case Intrinsic::exp2:
  case Intrinsic::exp10:
  case Intrinsic::log:
  case Intrinsic::log2:
  case Intrinsic::log10:
  case Intrinsic::pow:
  case Intrinsic::powi:
  case Intrinsic::sin:
  case Intrinsic::cos:
  case Intrinsic::tan:
    return perElementCycles(type, kTranscendentalCycles);
  case Intrinsic::vector_reduce_add:
  case Intrinsic::vector_reduce_mul:
  case Intrinsic::vector_reduce_and:
  case Intrinsic::vector_reduce_or:
  case Intrinsic::vector_reduce_xor:
  case Intrinsic::vector_reduce_smax:
  case Intrinsic::vector_reduce_smin:
  case Intrinsic::vector_reduce_umax:
  case Intrinsic::vector_reduce_umin:
  case Intrinsic::vector_reduce_fadd:
  case Intrinsic::vector_reduce_fmul:
  case Intrinsic::vector_reduce_fmax:
  case Intrinsic::vector_reduce_fmin:
    // One operation per element folded in.
    return elementCount(call.getArgOperand(call.arg_size() - 1)->getType());
  case Intrinsic::masked_load:
    return memoryCycles(type, layout);
  case Intrinsic::masked_store:
    return memoryCycles(call.getArgOperand(0)->getType(), layout);
  case Intrinsic::dbg_declare:
  case Intrinsic::dbg_value:
  case Intrinsic::dbg_label:
  case Intrinsic::dbg_assign:
  case Intrinsic::lifetime_start:
  case Intrinsic::lifetime_end:
  case Intrinsic::assume:
  case Intrinsic::experimental_noalias_scope_decl:
  case Intrinsic::invariant_start:
  case Intrinsic::invariant_end:
  case Intrinsic::launder_invariant_group:
  case Intrinsic::strip_invariant_group:
  case Intrinsic::threadlocal_address:
  case Intrinsic::expect:
  case Intrinsic::prefetch:
  case Intrinsic::donothing:
  case Intrinsic::pseudoprobe:
    return 0;
  default:
    // min/max, abs, fabs, copysign, rounding, bit counts, funnel shifts,
    // overflow arithmetic, fma: one operation.
    return type->isVoidTy() || type->isStructTy() ? 1 : arithmeticCycles(type);
  }
}

std::uint64_t callCycles(const CallBase &call, const DataLayout &layout) {
  if (const auto *intrinsic = dyn_cast<IntrinsicInst>(&call))
    return intrinsicCycles(*intrinsic, layout);
  if (const Function *callee = call.getCalledFunction();
      callee && callee->isDeclaration() &&
      isTranscendentalLibraryCall(callee->getName()))
    return kTranscendentalCycles;
  return kCallCycles;
}

} // namespace

std::uint64_t staticInstructionCycles(const Instruction &inst,
                                      const DataLayout &layout) {
  switch (inst.getOpcode()) {
  case Instruction::PHI:
  case Instruction::GetElementPtr:
  case Instruction::BitCast:
  case Instruction::AddrSpaceCast:
  case Instruction::PtrToInt:
  case Instruction::IntToPtr:
  case Instruction::Freeze:
  case Instruction::Alloca:
  case Instruction::ExtractValue:
  case Instruction::InsertValue:
  case Instruction::LandingPad:
  case Instruction::Unreachable:
    return 0;
  case Instruction::Load:
    return memoryCycles(inst.getType(), layout);
  case Instruction::Store:
    return memoryCycles(cast<StoreInst>(inst).getValueOperand()->getType(),
                        layout);
  case Instruction::AtomicRMW:
  case Instruction::AtomicCmpXchg:
    return 4;
  case Instruction::UDiv:
  case Instruction::SDiv:
  case Instruction::URem:
  case Instruction::SRem:
  case Instruction::FDiv:
    return perElementCycles(inst.getType(), kDivideCycles);
  case Instruction::FRem:
    return perElementCycles(inst.getType(), kTranscendentalCycles);
  case Instruction::Call:
  case Instruction::Invoke:
  case Instruction::CallBr:
    return callCycles(cast<CallBase>(inst), layout);
  case Instruction::ICmp:
  case Instruction::FCmp:
  case Instruction::FPTrunc:
  case Instruction::FPExt:
  case Instruction::FPToSI:
  case Instruction::FPToUI:
  case Instruction::SIToFP:
  case Instruction::UIToFP:
  case Instruction::Trunc:
  case Instruction::ZExt:
  case Instruction::SExt:
    // Compares and conversions: priced by their widest operand.
    return std::max(arithmeticCycles(inst.getOperand(0)->getType()),
                    arithmeticCycles(inst.getType()->isIntOrIntVectorTy(1)
                                         ? inst.getOperand(0)->getType()
                                         : inst.getType()));
  default:
    if (inst.isTerminator())
      return 1; // br, switch, ret, indirectbr, resume
    if (inst.getType()->isVoidTy() || inst.getType()->isStructTy() ||
        inst.getType()->isPointerTy())
      return 1;
    // Integer and float arithmetic, select, shuffles, element access.
    return arithmeticCycles(inst.getType());
  }
}

} // namespace tessel::codelets
