// The instrumentation pass on small IR modules: loops whose preheader range
// check covers their accesses get an unchecked copy (loop versioning), and
// a glue whose slow paths do not take the ExecState address is refused.
// What versioned code computes and counts is compared with the reference
// instrumentation in InstrumentationEquivalenceTest.
#include "compiler/codelets/InstrumentCodelets.hpp"

#include <catch2/catch.hpp>

#include <llvm/AsmParser/Parser.h>
#include <llvm/IR/CFG.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/SourceMgr.h>

#include <iterator>
#include <memory>
#include <string>

using namespace tessel::codelets;

namespace {

const char *const kPrologue = R"(
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
@__tessel_exec = hidden thread_local global [256 x i8] zeroinitializer, align 8
)";

const char *const kGlue = R"(
define void @__tessel_store_slow(ptr %exec, i64 %address, i64 %bytes) {
  ret void
}
define void @__tessel_load_slow(ptr %exec, i64 %address, i64 %bytes) {
  ret void
}
define i32 @__tessel_probe_range(ptr %exec, i64 %address, i64 %bytes, i32 %store) {
  ret i32 1
}
define void @__tessel_budget_exceeded(ptr %exec) {
  ret void
}
)";

/// A store loop of a known trip count, and a load loop whose sum is used
/// after it (an LCSSA phi the two copies must both feed).
const char *const kLoops = R"(
define void @fill(ptr %out, i32 %value) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %at = getelementptr inbounds i32, ptr %out, i64 %i
  store i32 %value, ptr %at, align 4
  %next = add nuw nsw i64 %i, 1
  %done = icmp eq i64 %next, 64
  br i1 %done, label %exit, label %loop
exit:
  ret void
}
define i32 @sum(ptr %in) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %total = phi i32 [ 0, %entry ], [ %added, %loop ]
  %at = getelementptr inbounds i32, ptr %in, i64 %i
  %x = load i32, ptr %at, align 4
  %added = add i32 %total, %x
  %next = add nuw nsw i64 %i, 1
  %done = icmp eq i64 %next, 16
  br i1 %done, label %exit, label %loop
exit:
  ret i32 %added
}
)";

std::unique_ptr<llvm::Module> parse(const std::string &text,
                                    llvm::LLVMContext &context) {
  llvm::SMDiagnostic problem;
  std::unique_ptr<llvm::Module> module =
      llvm::parseAssemblyString(text, problem, context);
  INFO(problem.getMessage().str());
  REQUIRE(module);
  return module;
}

/// The codelet's own 32-bit accesses in `f` (the pass's own are 64-bit).
unsigned countAccesses(const llvm::Function &f) {
  unsigned count = 0;
  for (const llvm::BasicBlock &block : f)
    for (const llvm::Instruction &inst : block) {
      if (const auto *store = llvm::dyn_cast<llvm::StoreInst>(&inst))
        count += store->getValueOperand()->getType()->isIntegerTy(32);
      if (const auto *load = llvm::dyn_cast<llvm::LoadInst>(&inst))
        count += load->getType()->isIntegerTy(32);
    }
  return count;
}

unsigned countCallsIn(const llvm::BasicBlock &block, llvm::StringRef callee) {
  unsigned count = 0;
  for (const llvm::Instruction &inst : block)
    if (const auto *call = llvm::dyn_cast<llvm::CallInst>(&inst))
      count += call->getCalledFunction() &&
               call->getCalledFunction()->getName() == callee;
  return count;
}

unsigned countCallsOf(const llvm::Function &f, llvm::StringRef callee) {
  unsigned count = 0;
  for (const llvm::BasicBlock &block : f)
    count += countCallsIn(block, callee);
  return count;
}

} // namespace

TEST_CASE("A loop whose accesses the preheader check covers runs an "
          "unchecked copy when the check passes",
          "[instrumentation]") {
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> module =
      parse(std::string(kPrologue) + kGlue + kLoops, context);
  llvm::Expected<InstrumentationSummary> summary = instrumentCodelets(*module);
  REQUIRE(static_cast<bool>(summary));
  CHECK(summary->hoistedChecks == 2);
  CHECK(summary->versionedLoops == 2);
  // Each access is in both copies; only the original keeps its check.
  for (const char *name : {"fill", "sum"}) {
    INFO(name);
    const llvm::Function &f = *module->getFunction(name);
    CHECK(countAccesses(f) == 2);
    CHECK(countCallsOf(f, "__tessel_store_slow") +
              countCallsOf(f, "__tessel_load_slow") ==
          1);
    CHECK(countCallsOf(f, "__tessel_probe_range") == 1);
  }
  // The sum leaves the loop from either copy: what it returns is a phi of
  // both copies' sums.
  const llvm::ReturnInst *ret = nullptr;
  for (const llvm::BasicBlock &block : *module->getFunction("sum"))
    if (const auto *found =
            llvm::dyn_cast<llvm::ReturnInst>(block.getTerminator()))
      ret = found;
  REQUIRE(ret);
  const auto *phi = llvm::dyn_cast<llvm::PHINode>(ret->getReturnValue());
  REQUIRE(phi);
  REQUIRE(phi->getNumIncomingValues() == 2);
  CHECK(phi->getIncomingValue(0) != phi->getIncomingValue(1));
  CHECK(phi->getIncomingBlock(0) != phi->getIncomingBlock(1));
}

/// Branches into blocks that stop the vertex for its budget: one per
/// budget check the code makes.
static unsigned countBudgetChecks(const llvm::Function &f) {
  unsigned count = 0;
  for (const llvm::BasicBlock &block : f)
    if (countCallsIn(block, "__tessel_budget_exceeded"))
      count += unsigned(
          std::distance(llvm::pred_begin(&block), llvm::pred_end(&block)));
  return count;
}

TEST_CASE("A loop's unchecked copy checks the budget once per entry when "
          "its trip count is known",
          "[instrumentation]") {
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> module =
      parse(std::string(kPrologue) + kGlue + kLoops, context);
  llvm::Expected<InstrumentationSummary> summary = instrumentCodelets(*module);
  REQUIRE(static_cast<bool>(summary));
  CHECK(summary->budgetPerEntryLoops == 2);
  // The entry's check and the checked copy's header; the unchecked copy's
  // header check is gone.
  for (const char *name : {"fill", "sum"}) {
    INFO(name);
    CHECK(countBudgetChecks(*module->getFunction(name)) == 2);
  }
}

TEST_CASE("Reference instrumentation versions no loop", "[instrumentation]") {
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> module =
      parse(std::string(kPrologue) + kGlue + kLoops, context);
  llvm::Expected<InstrumentationSummary> summary =
      instrumentCodelets(*module, {/*reference=*/true});
  REQUIRE(static_cast<bool>(summary));
  CHECK(summary->versionedLoops == 0);
  CHECK(countAccesses(*module->getFunction("fill")) == 1);
}

TEST_CASE("A glue whose slow paths do not take the ExecState address is "
          "refused, naming the header to use",
          "[instrumentation]") {
  llvm::LLVMContext context;
  const char *const oldGlue = R"(
define void @__tessel_store_slow(i64 %address, i64 %bytes) {
  ret void
}
define void @__tessel_load_slow(i64 %address, i64 %bytes) {
  ret void
}
define void @__tessel_budget_exceeded() {
  ret void
}
)";
  std::unique_ptr<llvm::Module> module =
      parse(std::string(kPrologue) + oldGlue + kLoops, context);
  llvm::Expected<InstrumentationSummary> summary = instrumentCodelets(*module);
  REQUIRE_FALSE(static_cast<bool>(summary));
  const std::string message = llvm::toString(summary.takeError());
  CHECK_THAT(message, Catch::Contains("__tessel_store_slow") &&
                          Catch::Contains("ExecState address first") &&
                          Catch::Contains("CodeletGlue.hpp"));
}
