// Instrumentation of codelet functions. Per function: the address of the
// thread's ExecState once at entry (llvm.threadlocal.address: a dlopened
// object's thread_local needs a runtime lookup), then
//   every block     cycles += its static weight (CodeletCostModel)
//   entry, loop     if (cycles > cycleBudget) __tessel_budget_exceeded(exec)
//   headers (also of irreducible cycles)
//   stores that     if (addr < okBegin || addr + size > okEnd)
//   may escape        __tessel_store_slow(exec, addr, size)
//   loads that      if (addr < readBegin || addr + size > readEnd)
//   may escape        __tessel_load_slow(exec, addr, size)
//   unreachable     __tessel_budget_exceeded(exec)
// (exec: the ExecState address found at entry, so no slow path looks the
// thread-local state up again).
// Calls of memset, memcpy, memmove, mempcpy, bzero, strcpy and strncpy (and
// pointers to them) go to the glue's checked versions; output to stdout goes
// to the vertex's tile (RoutePrintCalls).
// The glue is not instrumented, and neither is anything it calls before
// compute() starts (the vertex's constructor while binding fields, static
// initialisers): those functions are copied, and the glue calls the copies.
// This file counts cycles, checks the budget and emits the access checks;
// which functions are glue (GlueFunctions), which accesses need a check
// (CheckedAccesses) and which loops check their ranges once before they run
// (LoopRangePlanning, VersionCheckedLoops) are decided elsewhere.
#include "compiler/codelets/InstrumentCodelets.hpp"
#include "compiler/codelets/CheckedAccesses.hpp"
#include "compiler/codelets/CodeletCostModel.hpp"
#include "compiler/codelets/GlueFunctions.hpp"
#include "compiler/codelets/InstrumentationIR.hpp"
#include "compiler/codelets/LoopRangePlanning.hpp"
#include "compiler/codelets/RoutePrintCalls.hpp"
#include "compiler/codelets/VersionCheckedLoops.hpp"

#include <llvm/ADT/PostOrderIterator.h>
#include <llvm/Analysis/LoopInfo.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/Dominators.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Transforms/Utils/BasicBlockUtils.h>
#include <llvm/Transforms/Utils/PromoteMemToReg.h>

#include <algorithm>
#include <map>
#include <set>

using namespace llvm;

namespace tessel::codelets {

namespace {

class Instrumenter {
public:
  Instrumenter(Module &module, const InstrumentationOptions &options)
      : module(module), options(options), layout(module.getDataLayout()),
        int64(Type::getInt64Ty(module.getContext())) {}

  Expected<InstrumentationSummary> run();

private:
  Error findRuntime();
  void instrumentFunction(Function &f);
  void countCycles(std::uint64_t weight, Instruction *insertBefore,
                   bool checkBudget);
  void addToCycles(IRBuilder<> &builder, Value *cycles);
  Value *loadCycles(IRBuilder<> &builder);
  void storeCycles(IRBuilder<> &builder, Value *cycles);
  /// ExecState::cycles = the register counter (before anything that may
  /// read it or end the vertex).
  void flushCycles(IRBuilder<> &builder);
  /// The register counter = ExecState::cycles (after a call, which counts
  /// its own cycles there).
  void reloadCycles(IRBuilder<> &builder);
  bool canCountInRegister(Function &f);
  void checkAccess(Instruction &at, Value *address, Value *bytes,
                   Access access);
  Value *checkRangeBeforeLoop(Instruction *at, Value *low, Value *high,
                              Access access);
  /// Gives each loop with preheader range checks a copy without the
  /// checks they cover (VersionCheckedLoops).
  void versionLoops(const std::vector<LoopRange> &ranges);
  /// Whether `range`'s loop cannot pass its budget, computed at `branch`
  /// (its preheader's): then its copy need not check at its header.
  Value *budgetCoversLoop(const LoopRange &range, Instruction *branch);
  Value *field(IRBuilder<> &builder, std::uint64_t offset);
  void callBefore(Instruction *at, Function *callee,
                  ArrayRef<Value *> arguments = {});
  void forgetMemoryAttributes(Function &f);

  Module &module;
  const InstrumentationOptions options;
  const DataLayout &layout;
  Type *int64;
  GlobalVariable *execState = nullptr;
  Function *storeSlow = nullptr;
  Function *loadSlow = nullptr;
  Function *probeRange = nullptr;
  Function *budgetExceeded = nullptr;
  /// The current function's ExecState address.
  Value *exec = nullptr;
  /// The current function's cycle counter, promoted to a register when
  /// instrumentation is done; null where the function counts in ExecState.
  AllocaInst *counter = nullptr;
  Function *current = nullptr;
  /// The current function's budget compares, by the block they check.
  std::map<BasicBlock *, Instruction *> budgetCompares;
  MDNode *unlikely = nullptr;
  InstrumentationSummary summary;
};

Error Instrumenter::findRuntime() {
  execState = module.getNamedGlobal("__tessel_exec");
  storeSlow = module.getFunction("__tessel_store_slow");
  loadSlow = module.getFunction("__tessel_load_slow");
  probeRange = module.getFunction("__tessel_probe_range");
  budgetExceeded = module.getFunction("__tessel_budget_exceeded");
  auto defined = [](Function *f) { return f && !f->isDeclaration(); };
  if (!execState || !execState->isThreadLocal() || !defined(storeSlow) ||
      !defined(loadSlow) || !defined(budgetExceeded))
    return createStringError(
        inconvertibleErrorCode(),
        "the codelet object lacks the runtime of "
        "<tessel/internal/CodeletGlue.hpp> (__tessel_exec, "
        "__tessel_store_slow, __tessel_load_slow, __tessel_budget_exceeded)");
  // Each slow path takes the ExecState address first (a glue header older
  // than this pass declares them without it).
  auto takesExecState = [](Function *f, unsigned parameters) {
    return !f || (f->arg_size() == parameters &&
                  f->getArg(0)->getType()->isPointerTy());
  };
  if (!takesExecState(storeSlow, 3) || !takesExecState(loadSlow, 3) ||
      !takesExecState(probeRange, 4) || !takesExecState(budgetExceeded, 1))
    return createStringError(
        inconvertibleErrorCode(),
        "the codelet object's __tessel_store_slow, __tessel_load_slow, "
        "__tessel_probe_range or __tessel_budget_exceeded does not take the "
        "ExecState address first: it was compiled against a "
        "<tessel/internal/CodeletGlue.hpp> that does not match this popc; "
        "use the header installed with popc");
  unlikely = MDBuilder(module.getContext()).createBranchWeights(1, 1u << 20);
  return Error::success();
}

void Instrumenter::callBefore(Instruction *at, Function *callee,
                              ArrayRef<Value *> arguments) {
  IRBuilder<> builder(module.getContext());
  positionAt(builder, at);
  builder.CreateCall(callee, arguments);
}

Value *Instrumenter::field(IRBuilder<> &builder, std::uint64_t offset) {
  return offset == 0 ? exec
                     : builder.CreateConstInBoundsGEP1_64(builder.getInt8Ty(),
                                                          exec, offset);
}

Value *Instrumenter::loadCycles(IRBuilder<> &builder) {
  return builder.CreateLoad(int64,
                            counter ? counter : field(builder, kCyclesOffset));
}

void Instrumenter::storeCycles(IRBuilder<> &builder, Value *cycles) {
  builder.CreateStore(cycles,
                      counter ? counter : field(builder, kCyclesOffset));
}

void Instrumenter::flushCycles(IRBuilder<> &builder) {
  if (counter)
    builder.CreateStore(builder.CreateLoad(int64, counter),
                        field(builder, kCyclesOffset));
}

void Instrumenter::reloadCycles(IRBuilder<> &builder) {
  if (counter)
    builder.CreateStore(
        builder.CreateLoad(int64, field(builder, kCyclesOffset)), counter);
}

void Instrumenter::addToCycles(IRBuilder<> &builder, Value *cycles) {
  storeCycles(builder, builder.CreateAdd(loadCycles(builder), cycles));
}

void Instrumenter::countCycles(std::uint64_t weight, Instruction *insertBefore,
                               bool checkBudget) {
  ++summary.blocks;
  if (!weight && !checkBudget)
    return;
  IRBuilder<> builder(module.getContext());
  positionAt(builder, insertBefore);
  Value *cycles = loadCycles(builder);
  if (weight) {
    cycles = builder.CreateAdd(cycles, builder.getInt64(weight));
    storeCycles(builder, cycles);
  }
  if (!checkBudget)
    return;
  Value *budget = builder.CreateLoad(int64, field(builder, kBudgetOffset));
  Value *over = builder.CreateICmpUGT(cycles, budget);
  if (auto *compare = dyn_cast<Instruction>(over))
    budgetCompares[insertBefore->getParent()] = compare;
  Instruction *stop = SplitBlockAndInsertIfThen(over, insertBefore,
                                                /*Unreachable=*/true, unlikely);
  positionAt(builder, stop);
  flushCycles(builder);
  callBefore(stop, budgetExceeded, {exec});
  ++summary.budgetChecks;
}

void Instrumenter::checkAccess(Instruction &at, Value *address, Value *bytes,
                               Access access) {
  IRBuilder<> builder(module.getContext());
  positionAt(builder, &at);
  const bool load = access == Access::Load;
  Value *begin = builder.CreatePtrToInt(address, int64);
  Value *size = builder.CreateZExtOrTrunc(bytes, int64);
  Value *end = builder.CreateAdd(begin, size);
  Value *okBegin = builder.CreateLoad(
      int64, field(builder, load ? kReadBeginOffset : kOkBeginOffset));
  Value *okEnd = builder.CreateLoad(
      int64, field(builder, load ? kReadEndOffset : kOkEndOffset));
  Value *outside = builder.CreateOr(builder.CreateICmpULT(begin, okBegin),
                                    builder.CreateICmpUGT(end, okEnd));
  if (!isa<ConstantInt>(size)) // a memset of 0 bytes stores nothing
    outside = builder.CreateAnd(
        outside, builder.CreateICmpNE(size, builder.getInt64(0)));
  Instruction *slow =
      SplitBlockAndInsertIfThen(outside, &at,
                                /*Unreachable=*/false, unlikely);
  // The slow path may stop the vertex, which then reports its cycles.
  positionAt(builder, slow);
  flushCycles(builder);
  callBefore(slow, load ? loadSlow : storeSlow, {exec, begin, size});
  ++(load ? summary.loadChecks : summary.storeChecks);
}

void Instrumenter::forgetMemoryAttributes(Function &f) {
  // The instrumented function now reads and writes the ExecState and may
  // longjmp, whatever the optimiser proved about it before.
  for (Attribute::AttrKind kind : {Attribute::Memory, Attribute::WillReturn,
                                   Attribute::Speculatable, Attribute::NoSync})
    f.removeFnAttr(kind);
  for (User *user : f.users())
    if (auto *call = dyn_cast<CallBase>(user))
      if (call->getCalledFunction() == &f)
        for (Attribute::AttrKind kind :
             {Attribute::Memory, Attribute::WillReturn, Attribute::Speculatable,
              Attribute::NoSync})
          call->removeFnAttr(kind);
}

/// Blocks a retreating edge (in reverse post-order) enters: the headers of
/// irreducible cycles, which LoopInfo does not see, as well as loop headers.
std::set<const BasicBlock *> cycleEntries(Function &f) {
  std::map<const BasicBlock *, unsigned> order;
  for (BasicBlock *block : ReversePostOrderTraversal<Function *>(&f))
    order.emplace(block, unsigned(order.size()));
  std::set<const BasicBlock *> entries;
  for (auto &[block, position] : order)
    for (const BasicBlock *next : successors(block))
      if (order.count(next) && order[next] <= position)
        entries.insert(next);
  return entries;
}

/// Whether [low, high) lies in the range the last access of this kind hit
/// or, failing that, in any range the vertex may access; at `at` (a
/// preheader's terminator). Never stops the vertex.
Value *Instrumenter::checkRangeBeforeLoop(Instruction *at, Value *low,
                                          Value *high, Access access) {
  const bool load = access == Access::Load;
  IRBuilder<> builder(module.getContext());
  positionAt(builder, at);
  Value *cacheBegin = builder.CreateLoad(
      int64, field(builder, load ? kReadBeginOffset : kOkBeginOffset));
  Value *cacheEnd = builder.CreateLoad(
      int64, field(builder, load ? kReadEndOffset : kOkEndOffset));
  Value *inCache = builder.CreateAnd(builder.CreateICmpUGE(low, cacheBegin),
                                     builder.CreateICmpULE(high, cacheEnd));
  BasicBlock *head = at->getParent();
  Instruction *probeAt = SplitBlockAndInsertIfThen(builder.CreateNot(inCache),
                                                   at, /*Unreachable=*/false);
  positionAt(builder, probeAt);
  Value *probed = builder.CreateICmpNE(
      builder.CreateCall(probeRange, {exec, low, builder.CreateSub(high, low),
                                      builder.getInt32(load ? 0 : 1)}),
      builder.getInt32(0));
  positionAt(builder, at);
  PHINode *passed = builder.CreatePHI(builder.getInt1Ty(), 2);
  passed->addIncoming(builder.getTrue(), head);
  passed->addIncoming(probed, probeAt->getParent());
  ++summary.hoistedChecks;
  return passed;
}

Value *Instrumenter::budgetCoversLoop(const LoopRange &range,
                                      Instruction *branch) {
  // The header counts at most (trips) x (all the loop's cycles) from here:
  // if that stays within the budget, no header check can stop the loop.
  IRBuilder<> builder(module.getContext());
  positionAt(builder, branch);
  const std::uint64_t weight = range.iterationCycles;
  Value *few = builder.CreateICmpULT(
      range.tripsLessOne, builder.getInt64(kMaxUncheckedCycles / weight));
  Value *span = builder.CreateMul(
      builder.CreateAdd(range.tripsLessOne, builder.getInt64(1)),
      builder.getInt64(weight));
  Value *budget = builder.CreateLoad(int64, field(builder, kBudgetOffset));
  Value *cycles = loadCycles(builder);
  Value *fits = builder.CreateAnd(
      builder.CreateICmpULE(span, budget),
      builder.CreateICmpULE(cycles, builder.CreateSub(budget, span)));
  return builder.CreateAnd(few, fits);
}

void Instrumenter::versionLoops(const std::vector<LoopRange> &ranges) {
  // A loop's load and store ranges share its preheader's branch; in the
  // order the ranges were planned, so the object is the same on every run.
  std::vector<std::pair<Instruction *, std::vector<Value *>>> byPreheader;
  for (const LoopRange &range : ranges) {
    auto found = std::find_if(
        byPreheader.begin(), byPreheader.end(),
        [&](const auto &entry) { return entry.first == range.at; });
    if (found == byPreheader.end())
      byPreheader.push_back({range.at, {range.passed}});
    else
      found->second.push_back(range.passed);
  }
  // Inner loops first, so an outer loop's copy holds both versions of
  // each inner one.
  DominatorTree dominators(*current);
  LoopInfo loops(dominators);
  auto depth = [&](Instruction *branch) {
    auto *jump = dyn_cast<BranchInst>(branch);
    return jump && jump->isUnconditional()
               ? loops.getLoopDepth(jump->getSuccessor(0))
               : 0u;
  };
  std::stable_sort(byPreheader.begin(), byPreheader.end(),
                   [&](const auto &a, const auto &b) {
                     return depth(a.first) > depth(b.first);
                   });
  for (auto &[branch, passed] : byPreheader) {
    auto *jump = dyn_cast<BranchInst>(branch);
    // A copy entered only when the loop cannot pass its budget need not
    // check it at its header.
    Value *budgetFits = nullptr;
    std::vector<Instruction *> headerChecks;
    for (const LoopRange &range : ranges)
      if (!budgetFits && range.at == branch && range.tripsLessOne && jump &&
          jump->isUnconditional())
        if (auto found = budgetCompares.find(jump->getSuccessor(0));
            found != budgetCompares.end()) {
          budgetFits = budgetCoversLoop(range, branch);
          headerChecks.push_back(found->second);
        }
    if (versionCheckedLoop(jump, passed, budgetFits, headerChecks)) {
      ++summary.versionedLoops;
      summary.budgetPerEntryLoops += budgetFits != nullptr;
    }
  }
}

/// A register counter must be flushed before, and reloaded after, every
/// way control leaves the function and comes back; exceptions, musttail
/// calls and setjmp leave no place for that, so such a function counts in
/// ExecState throughout.
bool Instrumenter::canCountInRegister(Function &f) {
  if (options.reference)
    return false;
  for (Instruction &inst : instructions(f)) {
    if (isa<InvokeInst>(inst) || isa<CallBrInst>(inst) ||
        isa<ResumeInst>(inst) || inst.isEHPad())
      return false;
    if (auto *call = dyn_cast<CallInst>(&inst))
      if (call->isMustTailCall() || call->hasFnAttr(Attribute::ReturnsTwice) ||
          (call->getCalledFunction() &&
           call->getCalledFunction()->hasFnAttribute(Attribute::ReturnsTwice)))
        return false;
  }
  return true;
}

void Instrumenter::instrumentFunction(Function &f) {
  current = &f;
  counter = nullptr;
  budgetCompares.clear();
  DominatorTree dominators(f);
  LoopInfo loops(dominators);
  const std::set<const BasicBlock *> cycles = cycleEntries(f);
  struct BlockPlan {
    BasicBlock *block;
    std::uint64_t weight;
    bool checkBudget;
  };
  std::vector<BlockPlan> blocks;
  std::vector<AccessPlan> accesses;
  std::vector<MemIntrinsic *> variableLengthCopies;
  std::vector<UnreachableInst *> unreachables;
  std::vector<CallInst *> calls;
  std::vector<ReturnInst *> returns;
  for (BasicBlock &block : f) {
    std::uint64_t weight = 0;
    for (Instruction &inst : block) {
      weight += staticInstructionCycles(inst, layout);
      if (auto *end = dyn_cast<UnreachableInst>(&inst))
        unreachables.push_back(end);
      if (auto *call = dyn_cast<CallInst>(&inst); call && mayCountCycles(*call))
        calls.push_back(call);
      if (auto *ret = dyn_cast<ReturnInst>(&inst))
        returns.push_back(ret);
      collectAccesses(inst, layout, accesses);
      if (auto *mem = dyn_cast<MemIntrinsic>(&inst))
        if (!isa<ConstantInt>(mem->getLength()))
          variableLengthCopies.push_back(mem);
    }
    blocks.push_back({&block, weight,
                      &block == &f.getEntryBlock() ||
                          loops.isLoopHeader(&block) || cycles.count(&block)});
  }
  accesses.erase(std::remove_if(accesses.begin(), accesses.end(),
                                [&](const AccessPlan &plan) {
                                  return !mayEscapeFrame(plan.address,
                                                         plan.bytes, module,
                                                         plan.access);
                                }),
                 accesses.end());
  // Loop ranges are computed before any block is split.
  std::vector<LoopRange> ranges;
  if (!options.reference && probeRange)
    planLoopRangeChecks(f, loops, dominators, cycles, accesses, ranges);

  BasicBlock &entry = f.getEntryBlock();
  IRBuilder<> entryBuilder(module.getContext());
  const bool inRegister = canCountInRegister(f);
  if (inRegister) {
    entryBuilder.SetInsertPoint(&entry, entry.begin());
    counter = entryBuilder.CreateAlloca(int64, nullptr, "tessel.cycles");
  }
  positionAt(entryBuilder, &*entry.getFirstNonPHIOrDbgOrAlloca());
  auto *execAddress = entryBuilder.CreateThreadLocalAddress(execState);
  exec = execAddress;
  reloadCycles(entryBuilder);
  Instruction *entryStart = execAddress->getNextNode();
  if (counter)
    entryStart = entryStart->getNextNode()->getNextNode(); // load, store
  for (LoopRange &range : ranges) {
    range.passed = checkRangeBeforeLoop(range.checkAt, range.low, range.high,
                                        range.access);
    if (range.wraps) {
      IRBuilder<> builder(module.getContext());
      positionAt(builder, range.checkAt);
      range.passed =
          builder.CreateAnd(range.passed, builder.CreateNot(range.wraps));
    }
  }
  for (const BlockPlan &plan : blocks) {
    Instruction *at =
        plan.block == &entry ? entryStart : &*plan.block->getFirstInsertionPt();
    countCycles(plan.weight, at, plan.checkBudget);
  }
  for (MemIntrinsic *mem : variableLengthCopies) {
    IRBuilder<> builder(module.getContext());
    positionAt(builder, mem);
    Value *bytes = builder.CreateZExtOrTrunc(mem->getLength(), int64);
    addToCycles(builder, builder.CreateUDiv(
                             builder.CreateAdd(
                                 bytes, builder.getInt64(kBytesPerCycle - 1)),
                             builder.getInt64(kBytesPerCycle)));
  }
  for (const AccessPlan &plan : accesses) {
    Instruction *at = plan.at;
    if (plan.range < ranges.size()) {
      IRBuilder<> builder(module.getContext());
      positionAt(builder, at);
      at = SplitBlockAndInsertIfThen(
          builder.CreateNot(ranges[plan.range].passed), at,
          /*Unreachable=*/false, unlikely);
    }
    checkAccess(*at, plan.address, plan.bytes, plan.access);
  }
  // Code the optimiser proved unreachable (a loop with no way out and no
  // side effects, a missing return) must not run into whatever follows the
  // function: the vertex ends as if it ran forever.
  for (UnreachableInst *end : unreachables) {
    const auto *previous = dyn_cast_or_null<CallBase>(end->getPrevNode());
    if (!previous || !previous->doesNotReturn()) {
      IRBuilder<> builder(module.getContext());
      positionAt(builder, end);
      flushCycles(builder);
      callBefore(end, budgetExceeded, {exec});
    }
  }
  if (counter) {
    for (CallInst *call : calls) {
      IRBuilder<> builder(module.getContext());
      positionAt(builder, call);
      flushCycles(builder);
      positionAt(builder, call->getNextNode());
      reloadCycles(builder);
    }
    for (ReturnInst *ret : returns) {
      IRBuilder<> builder(module.getContext());
      positionAt(builder, ret);
      flushCycles(builder);
    }
  }
  // Before the counter becomes a register, so the loop copies need no
  // phis for it.
  versionLoops(ranges);
  if (counter) {
    DominatorTree updated(f);
    if (isAllocaPromotable(counter)) {
      PromoteMemToReg({counter}, updated);
      ++summary.registerCounters;
    }
    counter = nullptr;
  }
  forgetMemoryAttributes(f);
  ++summary.functions;
}

Expected<InstrumentationSummary> Instrumenter::run() {
  if (Error error = findRuntime())
    return error;
  std::set<Function *> glue = findGlue(module);
  summary.glueCopies += redirectGlueCalls(module, glue);
  if (Error error = routeLibraryCalls(module, glue))
    return error;
  if (Error error = routePrintCalls(module, glue))
    return error;
  std::vector<Function *> codelet;
  for (Function &f : module)
    if (!f.isDeclaration() && !glue.count(&f))
      codelet.push_back(&f);
  for (Function *f : codelet)
    instrumentFunction(*f);
  std::string problems;
  raw_string_ostream problemStream(problems);
  if (verifyModule(module, &problemStream)) {
    const std::string first = StringRef(problems).split('\n').first.str();
    return createStringError(inconvertibleErrorCode(),
                             "instrumented codelet IR does not verify: " +
                                 first);
  }
  return summary;
}

} // namespace

Expected<InstrumentationSummary>
instrumentCodelets(Module &module, const InstrumentationOptions &options) {
  return Instrumenter(module, options).run();
}

} // namespace tessel::codelets
