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
#include "compiler/codelets/InstrumentCodelets.hpp"
#include "compiler/codelets/CodeletCostModel.hpp"
#include "compiler/codelets/RoutePrintCalls.hpp"
#include "compiler/codelets/VersionCheckedLoops.hpp"

#include <llvm/ADT/PostOrderIterator.h>
#include <llvm/Analysis/AssumptionCache.h>
#include <llvm/Analysis/LoopInfo.h>
#include <llvm/Analysis/ScalarEvolution.h>
#include <llvm/Analysis/ScalarEvolutionExpressions.h>
#include <llvm/Analysis/TargetLibraryInfo.h>
#include <llvm/Analysis/ValueTracking.h>
#include <llvm/Demangle/Demangle.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/IR/Dominators.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Transforms/Utils/BasicBlockUtils.h>
#include <llvm/Transforms/Utils/Cloning.h>
#include <llvm/Transforms/Utils/PromoteMemToReg.h>
#include <llvm/Transforms/Utils/ScalarEvolutionExpander.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

using namespace llvm;

namespace tessel::codelets {

namespace {

// ExecState member offsets (tessel/internal/CodeletABI.hpp).
constexpr std::uint64_t kCyclesOffset = 0;
constexpr std::uint64_t kBudgetOffset = 8;
constexpr std::uint64_t kOkBeginOffset = 16;
constexpr std::uint64_t kOkEndOffset = 24;
constexpr std::uint64_t kReadBeginOffset = 32;
constexpr std::uint64_t kReadEndOffset = 40;

/// C library functions that write (or read) memory a codelet names, and
/// the glue's checked versions of them.
constexpr const char *kCheckedLibraryFunctions[] = {
    "memset", "memcpy", "memmove", "mempcpy", "bzero", "strcpy", "strncpy"};
enum class Access { Load, Store };
struct AccessPlan;
struct LoopRange;
bool mayCountCycles(const CallInst &call);
std::set<const BasicBlock *> cycleEntries(Function &f);
/// A loop whose copy checks the budget once per entry must not run longer
/// than this many counted cycles unchecked, so the watchdog (which sets
/// the budget to 0) still stops it soon.
constexpr std::uint64_t kMaxUncheckedCycles = std::uint64_t(1) << 24;

/// An access's addresses over a loop: its recurrence's start and step, and
/// its first and last addresses as 64-bit integers.
struct Sweep {
  const SCEV *start;
  const SCEV *step;
  const SCEV *first;
  const SCEV *last;
  std::uint64_t bytes;
  /// True when an assumption the sweep relies on (an index computed in 32
  /// bits does not wrap) fails; null when none is needed.
  Value *wraps;
};

/// Accesses of one loop range with the same step whose starts differ by
/// constants: their bytes lie in [lowOffset, highOffset) from the first
/// one's addresses.
struct SweepGroup {
  Sweep sweep;
  std::int64_t lowOffset;
  std::int64_t highOffset;
  Value *wraps;
  std::size_t range;
};

/// The namespace (or class) a mangled C++ function is declared in.
std::string declContextOf(StringRef mangled) {
  // The demangler's results point into the name it parsed.
  const std::string name = mangled.str();
  ItaniumPartialDemangler demangler;
  if (demangler.partialDemangle(name.c_str()) || !demangler.isFunction())
    return "";
  std::size_t size = 0;
  char *context = demangler.getFunctionDeclContextName(nullptr, &size);
  std::string result = context ? context : "";
  std::free(context);
  return result;
}

bool isInNamespace(const std::string &context, StringRef ns) {
  return StringRef(context) == ns ||
         StringRef(context).starts_with((ns + "::").str());
}

/// The glue popc generates and the codelet runtime: never instrumented.
bool isGlueByName(const Function &f) {
  const StringRef name = f.getName();
  if (name.starts_with("__tessel_") || name.starts_with("tessel_codelet_"))
    return true;
  // Static initialisers and thread_local wrappers run outside any vertex.
  if (name.starts_with("_GLOBAL__") ||
      name.starts_with("__cxx_global_var_init") || name.starts_with("_ZTW") ||
      name.starts_with("_ZTH"))
    return true;
  return isInNamespace(declContextOf(name), "tessel::abi");
}

/// Functions through which the glue enters instrumented code.
bool isComputeEntry(const Function &f) {
  return isInNamespace(declContextOf(f.getName()), "tessel::dev");
}

class Instrumenter {
public:
  Instrumenter(Module &module, const InstrumentationOptions &options)
      : module(module), options(options), layout(module.getDataLayout()),
        int64(Type::getInt64Ty(module.getContext())) {}

  Expected<InstrumentationSummary> run();

private:
  Error findRuntime();
  std::set<Function *> findGlue();
  void redirectGlueCalls(std::set<Function *> &glue);
  Error routeLibraryCalls(const std::set<Function *> &glue);
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
  void collectAccesses(Instruction &inst, std::vector<AccessPlan> &accesses);
  bool sweepOverLoop(const AccessPlan &plan, Loop &loop,
                     ScalarEvolution &evolution, Sweep &sweep);
  Instruction *outermostCheckPoint(LoopInfo &loops, ScalarEvolution &evolution,
                                   const std::vector<SweepGroup> &groups,
                                   std::size_t index, Instruction *at);
  void expandGroupRange(const SweepGroup &group, Instruction *at,
                        ScalarEvolution &evolution, Value *&low, Value *&high,
                        Value *&wraps);
  Value *checkRangeBeforeLoop(Instruction *at, Value *low, Value *high,
                              Access access);
  void planLoopRangeChecks(Function &f, LoopInfo &loops,
                           DominatorTree &dominators,
                           const std::set<const BasicBlock *> &cycles,
                           std::vector<AccessPlan> &accesses,
                           std::vector<LoopRange> &ranges);
  /// Gives each loop with preheader range checks a copy without the
  /// checks they cover (VersionCheckedLoops).
  void versionLoops(const std::vector<LoopRange> &ranges);
  /// Whether `range`'s loop cannot pass its budget, computed at `branch`
  /// (its preheader's): then its copy need not check at its header.
  Value *budgetCoversLoop(const LoopRange &range, Instruction *branch);
  void planBudgetPerEntry(LoopInfo &loops, ScalarEvolution &evolution,
                          const std::set<const BasicBlock *> &cycles,
                          std::vector<LoopRange> &ranges);
  Value *field(IRBuilder<> &builder, std::uint64_t offset);
  /// Inserts before `at`, with a debug location where the function has
  /// debug information (the verifier requires one on calls).
  void positionAt(IRBuilder<> &builder, Instruction *at);
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

std::set<Function *> Instrumenter::findGlue() {
  std::set<Function *> glue;
  for (Function &f : module)
    if (!f.isDeclaration() && isGlueByName(f))
      glue.insert(&f);
  for (const char *list : {"llvm.global_ctors", "llvm.global_dtors"})
    if (GlobalVariable *entries = module.getNamedGlobal(list))
      if (auto *array = dyn_cast<ConstantArray>(entries->getInitializer()))
        for (Value *entry : array->operands())
          if (auto *fields = dyn_cast<ConstantStruct>(entry))
            if (auto *f = dyn_cast<Function>(
                    fields->getOperand(1)->stripPointerCasts()))
              glue.insert(f);
  return glue;
}

void Instrumenter::redirectGlueCalls(std::set<Function *> &glue) {
  std::map<Function *, Function *> copies;
  // In module order, so that the copies, and the object, are the same on
  // every run.
  std::vector<Function *> pending;
  for (Function &f : module)
    if (glue.count(&f))
      pending.push_back(&f);
  while (!pending.empty()) {
    Function *caller = pending.back();
    pending.pop_back();
    for (Instruction &inst : instructions(*caller)) {
      auto *call = dyn_cast<CallBase>(&inst);
      Function *callee = call ? call->getCalledFunction() : nullptr;
      if (!callee || callee->isDeclaration() || callee->isIntrinsic() ||
          glue.count(callee) || isComputeEntry(*callee))
        continue;
      Function *&copy = copies[callee];
      if (!copy) {
        ValueToValueMapTy map;
        copy = CloneFunction(callee, map);
        copy->setName("__tessel_glue." + callee->getName());
        copy->setLinkage(GlobalValue::InternalLinkage);
        copy->setVisibility(GlobalValue::DefaultVisibility);
        copy->setComdat(nullptr);
        glue.insert(copy);
        pending.push_back(copy);
        ++summary.glueCopies;
      }
      call->setCalledFunction(copy);
    }
  }
  // Originals only the glue called are dead now (and may have kept others
  // alive), so this repeats until nothing more goes.
  std::vector<Function *> originals;
  for (Function &f : module)
    if (copies.count(&f))
      originals.push_back(&f);
  for (bool erased = true; erased;) {
    erased = false;
    for (Function *&original : originals)
      if (original && original->use_empty() &&
          original->isDiscardableIfUnused()) {
        original->eraseFromParent();
        original = nullptr;
        erased = true;
      }
  }
}

void Instrumenter::positionAt(IRBuilder<> &builder, Instruction *at) {
  builder.SetInsertPoint(at);
  if (DebugLoc location = at->getDebugLoc())
    builder.SetCurrentDebugLocation(location);
  else if (DISubprogram *scope = current->getSubprogram())
    builder.SetCurrentDebugLocation(
        DILocation::get(module.getContext(), 0, 0, scope));
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

/// One load or store the pass may check.
struct AccessPlan {
  Instruction *at;
  Value *address;
  Value *bytes;
  Access access;
  /// The LoopRange that covers this access, if any.
  std::size_t range = ~std::size_t(0);
};

/// The union of the ranges a loop's accesses of one kind touch, computed
/// in its preheader, and whether it passed its check there.
struct LoopRange {
  /// The loop's preheader branch.
  Instruction *at;
  /// Where the range is computed and checked: `at`, or an outer loop's
  /// preheader branch when the range does not change in that loop.
  Instruction *checkAt;
  Value *low;
  Value *high;
  Access access;
  /// True when an assumption the range relies on (an index computed in 32
  /// bits does not wrap) fails; null when none is needed.
  Value *wraps = nullptr;
  Value *passed = nullptr;
  /// For a loop whose iterations each count at most `iterationCycles`
  /// (an innermost loop without calls): its backedge-taken count as an
  /// i64 computed at `at`; null otherwise.
  Value *tripsLessOne = nullptr;
  std::uint64_t iterationCycles = 0;
};

void Instrumenter::collectAccesses(Instruction &inst,
                                   std::vector<AccessPlan> &accesses) {
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

/// For an access in a loop with a computable trip count at an address that
/// moves by a fixed step: its sweep, with first and last computable in the
/// loop's preheader; false if they cannot be computed there.
bool Instrumenter::sweepOverLoop(const AccessPlan &plan, Loop &loop,
                                 ScalarEvolution &evolution, Sweep &sweep) {
  BasicBlock *preheader = loop.getLoopPreheader();
  const auto *rec = dyn_cast<SCEVAddRecExpr>(evolution.getSCEV(plan.address));
  // An address such as b + 4 * zext(k * cols) is affine only while the
  // 32-bit product does not wrap: assume it, and check the assumption in
  // the preheader with the range (PredicatedScalarEvolution).
  PredicatedScalarEvolution predicated(evolution, loop);
  if (!rec || rec->getLoop() != &loop || !rec->hasNoSelfWrap()) {
    rec = predicated.getAsAddRec(plan.address);
    if (rec && !rec->hasNoSelfWrap()) {
      predicated.setNoOverflow(plan.address, SCEVWrapPredicate::IncrementNUSW);
      rec = predicated.getAsAddRec(plan.address);
    }
  }
  if (!preheader || !rec || rec->getLoop() != &loop || !rec->isAffine() ||
      !isa<ConstantInt>(plan.bytes))
    return false;
  const SCEV *taken = evolution.getBackedgeTakenCount(&loop);
  if (isa<SCEVCouldNotCompute>(taken) ||
      !evolution.isLoopInvariant(rec->getStart(), &loop) ||
      !evolution.isLoopInvariant(rec->getStepRecurrence(evolution), &loop))
    return false;
  const SCEV *first = evolution.getPtrToIntExpr(rec->getStart(), int64);
  const SCEV *last = evolution.getPtrToIntExpr(
      rec->evaluateAtIteration(taken, evolution), int64);
  if (isa<SCEVCouldNotCompute>(first) || isa<SCEVCouldNotCompute>(last))
    return false;
  Instruction *at = preheader->getTerminator();
  SCEVExpander expander(evolution, layout, "tessel.range");
  if (!expander.isSafeToExpandAt(first, at) ||
      !expander.isSafeToExpandAt(last, at))
    return false;
  sweep = {rec->getStart(),
           rec->getStepRecurrence(evolution),
           first,
           last,
           cast<ConstantInt>(plan.bytes)->getZExtValue(),
           nullptr};
  if (!predicated.getPredicate().isAlwaysTrue())
    sweep.wraps =
        expander.expandCodeForPredicate(&predicated.getPredicate(), at);
  return true;
}

/// [low, high) covering every access of `group`, computed at `at` from its
/// first access's sweep moved by the group's offsets; `wraps` is true when
/// that move wraps around the address space (the check must then fail) or
/// an assumption a sweep relies on fails.
void Instrumenter::expandGroupRange(const SweepGroup &group, Instruction *at,
                                    ScalarEvolution &evolution, Value *&low,
                                    Value *&high, Value *&wraps) {
  SCEVExpander expander(evolution, layout, "tessel.range");
  Value *firstValue = expander.expandCodeFor(group.sweep.first, int64, at);
  Value *lastValue = expander.expandCodeFor(group.sweep.last, int64, at);
  IRBuilder<> builder(module.getContext());
  positionAt(builder, at);
  Value *lowest =
      builder.CreateBinaryIntrinsic(Intrinsic::umin, firstValue, lastValue);
  Value *highest =
      builder.CreateBinaryIntrinsic(Intrinsic::umax, firstValue, lastValue);
  low = group.lowOffset
            ? builder.CreateAdd(lowest, builder.getInt64(group.lowOffset))
            : lowest;
  high = builder.CreateAdd(highest, builder.getInt64(group.highOffset));
  Value *wrapped = builder.CreateICmpULT(high, highest);
  if (group.lowOffset)
    wrapped = builder.CreateOr(wrapped, builder.CreateICmpUGT(low, lowest));
  wraps = group.wraps ? builder.CreateOr(group.wraps, wrapped) : wrapped;
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

/// The preheader branch of the outermost loop around the one `at` enters
/// in which range `index` does not change, so its check runs once there
/// rather than on every entry of the inner loop; `at` if there is none.
/// Ranges relying on a no-wrap assumption stay where it was checked.
Instruction *
Instrumenter::outermostCheckPoint(LoopInfo &loops, ScalarEvolution &evolution,
                                  const std::vector<SweepGroup> &groups,
                                  std::size_t index, Instruction *at) {
  Loop *loop = loops.getLoopFor(cast<BranchInst>(at)->getSuccessor(0));
  for (const SweepGroup &group : groups)
    if (group.range == index && group.wraps)
      return at;
  SCEVExpander expander(evolution, layout, "tessel.range");
  Instruction *best = at;
  for (Loop *outer = loop->getParentLoop(); outer;
       outer = outer->getParentLoop()) {
    BasicBlock *preheader = outer->getLoopPreheader();
    if (!preheader)
      break;
    Instruction *there = preheader->getTerminator();
    for (const SweepGroup &group : groups)
      if (group.range == index &&
          (!evolution.isLoopInvariant(group.sweep.first, outer) ||
           !evolution.isLoopInvariant(group.sweep.last, outer) ||
           !expander.isSafeToExpandAt(group.sweep.first, there) ||
           !expander.isSafeToExpandAt(group.sweep.last, there)))
        return best;
    best = there;
  }
  return best;
}

/// Checks of accesses in loops are made once before the loop, over the
/// whole range all of one loop's accesses of one kind can touch, when that
/// range can be computed there. The check never stops the vertex: if it
/// fails (the loop may leave early, an access may not run every iteration,
/// or the union spans memory the vertex may not touch), each access is
/// checked every time as usual, so no check is ever dropped.
void Instrumenter::planLoopRangeChecks(
    Function &f, LoopInfo &loops, DominatorTree &dominators,
    const std::set<const BasicBlock *> &cycles,
    std::vector<AccessPlan> &accesses, std::vector<LoopRange> &ranges) {
  if (!probeRange)
    return;
  TargetLibraryInfoImpl libraryInfo(Triple(module.getTargetTriple()));
  TargetLibraryInfo library(libraryInfo);
  AssumptionCache assumptions(f);
  ScalarEvolution evolution(f, library, assumptions, dominators, loops);
  std::map<std::pair<Loop *, Access>, std::size_t> byLoop;
  std::vector<SweepGroup> groups;
  for (AccessPlan &plan : accesses) {
    Loop *loop = loops.getLoopFor(plan.at->getParent());
    Sweep sweep;
    if (!loop || !sweepOverLoop(plan, *loop, evolution, sweep))
      continue;
    auto [found, added] =
        byLoop.try_emplace({loop, plan.access}, ranges.size());
    if (added)
      ranges.push_back({loop->getLoopPreheader()->getTerminator(), nullptr,
                        nullptr, nullptr, plan.access});
    plan.range = found->second;
    // An access at a constant distance from one already planned, moving
    // by the same step, widens that one's range: one computation covers
    // the rows of an unrolled matrix block.
    auto joins = [&](SweepGroup &group, std::int64_t &distance) {
      if (group.range != plan.range || group.sweep.step != sweep.step)
        return false;
      std::optional<APInt> difference =
          evolution.computeConstantDifference(sweep.start, group.sweep.start);
      if (!difference || difference->getSignificantBits() > 32)
        return false;
      distance = difference->getSExtValue();
      return true;
    };
    std::int64_t distance = 0;
    auto group = std::find_if(groups.begin(), groups.end(),
                              [&](auto &g) { return joins(g, distance); });
    const auto bytes = std::int64_t(sweep.bytes);
    if (group == groups.end()) {
      groups.push_back({sweep, 0, bytes, sweep.wraps, plan.range});
      continue;
    }
    group->lowOffset = std::min(group->lowOffset, distance);
    group->highOffset = std::max(group->highOffset, distance + bytes);
    if (sweep.wraps) {
      IRBuilder<> builder(module.getContext());
      positionAt(builder, ranges[plan.range].at);
      group->wraps = group->wraps ? builder.CreateOr(group->wraps, sweep.wraps)
                                  : sweep.wraps;
    }
  }
  for (std::size_t index = 0; index < ranges.size(); ++index)
    ranges[index].checkAt =
        outermostCheckPoint(loops, evolution, groups, index, ranges[index].at);
  for (const SweepGroup &group : groups) {
    LoopRange &range = ranges[group.range];
    Value *low = nullptr, *high = nullptr, *wraps = nullptr;
    expandGroupRange(group, range.checkAt, evolution, low, high, wraps);
    IRBuilder<> builder(module.getContext());
    positionAt(builder, range.checkAt);
    if (!range.low) {
      range.low = low;
      range.high = high;
      range.wraps = wraps;
      continue;
    }
    range.low = builder.CreateBinaryIntrinsic(Intrinsic::umin, range.low, low);
    range.high =
        builder.CreateBinaryIntrinsic(Intrinsic::umax, range.high, high);
    range.wraps = builder.CreateOr(range.wraps, wraps);
  }
  planBudgetPerEntry(loops, evolution, cycles, ranges);
}

/// For the ranges of innermost loops whose iterations count a bounded
/// number of cycles (no calls, no copies of run-time length, no other
/// cycle inside): the trip count less one, expanded in the preheader, and
/// the cycles of all the loop's blocks, more than any iteration counts.
void Instrumenter::planBudgetPerEntry(
    LoopInfo &loops, ScalarEvolution &evolution,
    const std::set<const BasicBlock *> &cycles,
    std::vector<LoopRange> &ranges) {
  for (LoopRange &range : ranges) {
    auto *branch = dyn_cast<BranchInst>(range.at);
    if (!branch || branch->isConditional())
      continue;
    BasicBlock *header = branch->getSuccessor(0);
    Loop *loop = loops.getLoopFor(header);
    if (!loop || loop->getHeader() != header || !loop->isInnermost())
      continue;
    std::uint64_t weight = 0;
    bool bounded = true;
    for (BasicBlock *block : loop->blocks()) {
      bounded = bounded && (block == header || !cycles.count(block));
      for (Instruction &inst : *block) {
        weight += staticInstructionCycles(inst, layout);
        if (auto *call = dyn_cast<CallInst>(&inst))
          bounded = bounded && !mayCountCycles(*call);
        if (auto *mem = dyn_cast<MemIntrinsic>(&inst))
          bounded = bounded && isa<ConstantInt>(mem->getLength());
      }
    }
    if (!bounded || weight == 0 || weight > kMaxUncheckedCycles)
      continue;
    const SCEV *taken = evolution.getBackedgeTakenCount(loop);
    if (isa<SCEVCouldNotCompute>(taken) || !taken->getType()->isIntegerTy())
      continue;
    taken = evolution.getTruncateOrZeroExtend(taken, int64);
    SCEVExpander expander(evolution, layout, "tessel.trips");
    if (!expander.isSafeToExpandAt(taken, range.at))
      continue;
    range.tripsLessOne = expander.expandCodeFor(taken, int64, range.at);
    range.iterationCycles = weight;
  }
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

/// Calls through which other instrumented code may run (a codelet
/// function, a function pointer, a library function calling back): the
/// register counter is flushed before them and reloaded after.
bool mayCountCycles(const CallInst &call) {
  if (call.isInlineAsm() || isa<IntrinsicInst>(call))
    return false;
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
      collectAccesses(inst, accesses);
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
  if (!options.reference)
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

Error Instrumenter::routeLibraryCalls(const std::set<Function *> &glue) {
  for (const char *name : kCheckedLibraryFunctions) {
    const std::string replacementName = std::string("__tessel_checked_") + name;
    Function *library = module.getFunction(name);
    if (!library || !library->isDeclaration())
      continue;
    Function *replacement = module.getFunction(replacementName);
    if (!replacement || replacement->isDeclaration())
      return createStringError(inconvertibleErrorCode(),
                               "the codelet object lacks " + replacementName +
                                   " of <tessel/internal/CodeletGlue.hpp>, "
                                   "which " +
                                   std::string(name) + " calls go to");
    library->replaceUsesWithIf(replacement, [&](Use &use) {
      auto *inst = dyn_cast<Instruction>(use.getUser());
      return !inst || !glue.count(inst->getFunction());
    });
  }
  return Error::success();
}

Expected<InstrumentationSummary> Instrumenter::run() {
  if (Error error = findRuntime())
    return error;
  std::set<Function *> glue = findGlue();
  redirectGlueCalls(glue);
  if (Error error = routeLibraryCalls(glue))
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
