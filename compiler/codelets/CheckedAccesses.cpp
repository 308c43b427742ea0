// Which accesses of a codelet function the instrumentation checks: every
// load, store, atomic and memory intrinsic, less those at a constant offset
// inside an object the vertex may always touch.
#include "compiler/codelets/CheckedAccesses.hpp"
#include "compiler/codelets/GlueFunctions.hpp"

#include <llvm/IR/Constants.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/Module.h>

#include <optional>

using namespace llvm;

namespace tessel::codelets {

void collectAccesses(Instruction &inst, const DataLayout &layout,
                     std::vector<AccessPlan> &accesses) {
  Type *int64 = Type::getInt64Ty(inst.getContext());
  auto constant = [&](Type *type) {
    return ConstantInt::get(int64, layout.getTypeStoreSize(type));
  };
  if (auto *store = dyn_cast<StoreInst>(&inst)) {
    accesses.push_back({store, store->getPointerOperand(),
                        constant(store->getValueOperand()->getType()),
                        Access::Store});
  } else if (auto *load = dyn_cast<LoadInst>(&inst)) {
    accesses.push_back({load, load->getPointerOperand(),
                        constant(load->getType()), Access::Load});
  } else if (auto *rmw = dyn_cast<AtomicRMWInst>(&inst)) {
    accesses.push_back({rmw, rmw->getPointerOperand(), constant(rmw->getType()),
                        Access::Store});
  } else if (auto *cas = dyn_cast<AtomicCmpXchgInst>(&inst)) {
    accesses.push_back({cas, cas->getPointerOperand(),
                        constant(cas->getCompareOperand()->getType()),
                        Access::Store});
  } else if (auto *mem = dyn_cast<MemIntrinsic>(&inst)) {
    accesses.push_back(
        {mem, mem->getRawDest(), mem->getLength(), Access::Store});
    if (auto *copy = dyn_cast<MemTransferInst>(mem))
      accesses.push_back(
          {copy, copy->getRawSource(), copy->getLength(), Access::Load});
  }
}

/// Whether a store of `bytes` to `address` may leave the vertex's own stack
/// frame and the module's globals, the memory the vertex may always write.
/// Only a store at a constant offset inside one local variable or global is
/// left unchecked: an index computed at run time may point anywhere.
/// A load may also read a global the codelet declares but another object
/// defines (`stdout`), within its declared type. Accesses at a constant
/// offset into the vertex object invokeCompute is given are not checked.
bool mayEscapeFrame(Value *address, Value *bytes, const Module &module,
                    Access access) {
  const DataLayout &layout = module.getDataLayout();
  const auto *size = dyn_cast<ConstantInt>(bytes);
  if (!size)
    return true;
  APInt offset(layout.getIndexTypeSizeInBits(address->getType()), 0);
  const Value *object = address->stripAndAccumulateConstantOffsets(
      layout, offset, /*AllowNonInbounds=*/true);
  if (const auto *tls = dyn_cast<IntrinsicInst>(object);
      tls && tls->getIntrinsicID() == Intrinsic::threadlocal_address)
    object = tls->getArgOperand(0)->stripPointerCasts();
  std::optional<std::uint64_t> objectBytes;
  if (const auto *local = dyn_cast<AllocaInst>(object)) {
    if (std::optional<TypeSize> allocated = local->getAllocationSize(layout);
        allocated && !allocated->isScalable())
      objectBytes = allocated->getFixedValue();
  } else if (const auto *global = dyn_cast<GlobalVariable>(object)) {
    if ((!global->isDeclaration() || access == Access::Load) &&
        global->getParent() == &module && global->getValueType()->isSized())
      objectBytes = layout.getTypeAllocSize(global->getValueType());
  } else if (const auto *argument = dyn_cast<Argument>(object)) {
    // The vertex object the glue hands to invokeCompute, which the vertex
    // may read and write (any other reference may point anywhere).
    if (argument->getArgNo() == 0 && isComputeEntry(*argument->getParent()))
      objectBytes = argument->getDereferenceableBytes();
  }
  if (!objectBytes || offset.isNegative())
    return true;
  const std::uint64_t begin = offset.getZExtValue();
  return begin > *objectBytes || size->getZExtValue() > *objectBytes - begin;
}

} // namespace tessel::codelets
