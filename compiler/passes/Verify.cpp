// poplar-verify: the graph's semantic checks, reported as typed errors that
// name variables, streams and intervals and say how to fix them.
//  - Element types are device types (type_error).
//  - Region lists name existing variables, stay inside them (index_error)
//    and view them with elements of the same size (type_error).
//  - Copies never write constants; stream copies match their stream's
//    direction and element count (control_program_error).
//  - Predicates are one element of bool, char, short, int or unsigned int;
//    switch controls one int or unsigned int (control_program_error), as the
//    program constructors demand.
//  - Calls name functions of the module; functions never call themselves,
//    directly or not (graph_recursion_error); program numbers are unique.
//  - On targets that require it, every element of every variable is mapped
//    (invalid_tile_mapping). Op verifiers already keep mappings sorted and
//    on existing tiles.
#include "compiler/core/TypeTable.hpp"
#include "compiler/passes/PassSupport.hpp"
#include "compiler/passes/Passes.hpp"
#include "compiler/passes/VerifyComputeSets.hpp"

#include <poplar/exceptions.hpp>

#include "llvm/ADT/TypeSwitch.h"

#include <map>

namespace tessel {
#define GEN_PASS_DEF_POPLARVERIFY
#include "compiler/passes/Passes.h.inc"
} // namespace tessel

using namespace mlir;
using namespace tessel;
using namespace tessel::graphir;

namespace {

bool isDeviceType(ir::ElementType type) {
  return typeInfo(type).deviceSupported;
}

class VerifyPass : public tessel::impl::PoplarVerifyBase<VerifyPass> {
public:
  void runOnOperation() override;

private:
  LogicalResult checkDeviceType(Operation *op, ir::ElementType type,
                                const std::string &what);
  /// Variables exist, ranges are inside them and, given a `type`, elements
  /// have that type's size.
  LogicalResult checkTensor(Operation *op, ArrayRef<int64_t> regions,
                            std::optional<ir::ElementType> type,
                            const std::string &what);
  LogicalResult checkScalar(Operation *op, ArrayRef<int64_t> regions,
                            ir::ElementType type, const std::string &what,
                            bool controlOnly);
  LogicalResult checkVariable(VariableOp v);
  LogicalResult checkCopy(CopyOp copy);
  LogicalResult checkStreamCopy(StreamCopyOp copy);
  LogicalResult checkCall(CallOp call);
  /// The call names a declared host function and passes one tensor per
  /// argument, of its type and element count; outputs are not constants.
  LogicalResult checkHostCall(HostCallOp call);
  LogicalResult checkOp(Operation *op);
  LogicalResult checkProgramNumbers(ModuleOp module);
  LogicalResult checkNoRecursion();
  /// "'a'", "'a' and 2 other variables" or "an empty tensor".
  std::string describe(ArrayRef<int64_t> regions) const;

  GraphFacts *facts = nullptr;
  /// Functions each function calls, for the recursion check.
  std::vector<std::vector<std::pair<int64_t, CallOp>>> callees;
  std::map<int64_t, HostFunctionOp> hostFunctions;
};

std::string VerifyPass::describe(ArrayRef<int64_t> regions) const {
  if (numTriples(regions) == 0)
    return "an empty tensor";
  int64_t first = tripleAt(regions, 0).var;
  std::vector<int64_t> others;
  for (size_t i = 1; i < numTriples(regions); ++i)
    if (tripleAt(regions, i).var != first)
      others.push_back(tripleAt(regions, i).var);
  llvm::sort(others);
  others.erase(std::unique(others.begin(), others.end()), others.end());
  std::string text = facts->variableName(first);
  if (!others.empty())
    text += " and " + std::to_string(others.size()) + " other variable" +
            (others.size() == 1 ? "" : "s");
  return text;
}

LogicalResult VerifyPass::checkDeviceType(Operation *op, ir::ElementType type,
                                          const std::string &what) {
  if (isDeviceType(type))
    return success();
  return reportError(op, ir::ErrorKind::type_error)
         << what << " has element type '" << typeName(type)
         << "', which the IPU does not support; use float, half, int or "
            "another device type";
}

LogicalResult VerifyPass::checkTensor(Operation *op, ArrayRef<int64_t> regions,
                                      std::optional<ir::ElementType> type,
                                      const std::string &what) {
  if (type && failed(checkDeviceType(op, *type, what)))
    return failure();
  for (size_t i = 0; i < numTriples(regions); ++i) {
    RegionTriple r = tripleAt(regions, i);
    VariableOp v = facts->variable(r.var);
    if (!v)
      return reportError(op, ir::ErrorKind::graph_program_compilation_error)
             << what << " refers to variable " << r.var
             << ", which the module does not declare";
    if (r.end > v.getNumElements())
      return reportError(op, ir::ErrorKind::index_error)
             << what << " uses elements [" << r.begin << ", " << r.end
             << ") of " << facts->variableName(r.var) << ", which has only "
             << v.getNumElements() << " elements";
    if (type && elementBytes(v.getElementType()) != elementBytes(*type)) {
      InFlightDiagnostic diag =
          reportError(op, ir::ErrorKind::type_error)
          << what << " views " << facts->variableName(r.var) << " ("
          << typeName(v.getElementType()) << ", "
          << elementBytes(v.getElementType()) << " bytes) as "
          << typeName(*type) << " (" << elementBytes(*type)
          << " bytes); reinterpret only between types of the same size";
      // Where the variable got its type.
      diag.attachNote(v.getLoc())
          << facts->variableName(r.var) << " is made here as "
          << typeName(v.getElementType());
      return diag;
    }
  }
  return success();
}

LogicalResult VerifyPass::checkScalar(Operation *op, ArrayRef<int64_t> regions,
                                      ir::ElementType type,
                                      const std::string &what,
                                      bool controlOnly) {
  if (failed(checkTensor(op, regions, type, what)))
    return failure();
  using ir::ElementType;
  static const ElementType predicateTypes[] = {
      ElementType::Bool,         ElementType::Char,
      ElementType::UnsignedChar, ElementType::SignedChar,
      ElementType::Short,        ElementType::UnsignedShort,
      ElementType::Int,          ElementType::UnsignedInt};
  bool typeOk =
      controlOnly ? type == ElementType::Int || type == ElementType::UnsignedInt
                  : llvm::is_contained(predicateTypes, type);
  int64_t n = totalSize(regions);
  if (n == 1 && typeOk)
    return success();
  return reportError(op, ir::ErrorKind::control_program_error)
         << what << " " << describe(regions)
         << " must be a single element of type "
         << (controlOnly ? "int or unsigned int"
                         : "bool, char, short, int or unsigned int")
         << "; it is " << n << " element" << (n == 1 ? "" : "s") << " of "
         << typeName(type)
         << ". Use t.reshape({}) or slice one element, and cast "
         << "if needed";
}

LogicalResult VerifyPass::checkVariable(VariableOp v) {
  std::string name = facts->variableName(v.getId());
  if (failed(checkDeviceType(v, v.getElementType(), "variable " + name)))
    return failure();
  if (!facts->requiresTileMapping)
    return success();
  // The mapping is sorted and disjoint (op verifier): find its first gap.
  int64_t at = 0;
  for (const MappedInterval &m : mappingOf(v)) {
    if (m.begin > at)
      break;
    at = m.end;
  }
  if (at == v.getNumElements())
    return success();
  int64_t gapEnd = v.getNumElements();
  for (const MappedInterval &m : mappingOf(v))
    if (m.begin > at) {
      gapEnd = m.begin;
      break;
    }
  return reportError(v, ir::ErrorKind::invalid_tile_mapping)
         << name << " has elements [" << at << ", " << gapEnd
         << ") with no tile mapping; on IPU hardware every element must be "
            "mapped. Call Graph::setTileMapping or poputil::mapTensorLinearly "
            "on it";
}

LogicalResult VerifyPass::checkCopy(CopyOp copy) {
  std::string what = "Copy '" + copy.getName().str() + "'";
  if (failed(checkTensor(copy, copy.getSrc(), copy.getElementType(),
                         what + " source")) ||
      failed(checkTensor(copy, copy.getDst(), copy.getElementType(),
                         what + " destination")))
    return failure();
  for (size_t i = 0; i < numTriples(copy.getDst()); ++i) {
    int64_t var = tripleAt(copy.getDst(), i).var;
    if (VariableOp constant = facts->variable(var); constant.getConstant()) {
      InFlightDiagnostic diag =
          reportError(copy, ir::ErrorKind::control_program_error)
          << what << " writes to constant " << facts->variableName(var)
          << "; constants are read-only, so copy into a variable instead";
      diag.attachNote(constant.getLoc())
          << facts->variableName(var) << " is made here as a constant";
      return diag;
    }
  }
  return success();
}

LogicalResult VerifyPass::checkStreamCopy(StreamCopyOp copy) {
  int64_t id = copy.getStream();
  if (size_t(id) >= facts->streams.size() || !facts->streams[id])
    return reportError(copy, ir::ErrorKind::graph_program_compilation_error)
           << "stream copy uses stream " << id
           << ", which the module does not declare";
  StreamOp stream = facts->streams[id];
  std::string what = "Copy of stream '" + stream.getHandle().str() + "'";
  if (failed(checkDeviceType(stream, stream.getElementType(),
                             "stream '" + stream.getHandle().str() + "'")) ||
      failed(
          checkTensor(copy, copy.getRegions(), stream.getElementType(), what)))
    return failure();
  auto direction = [](bool toDevice) {
    return toDevice ? "host to device" : "device to host";
  };
  // The stream's declaration is the other half of each mismatch.
  auto noteStream = [&](InFlightDiagnostic &diag) {
    diag.attachNote(stream.getLoc())
        << "stream '" << stream.getHandle() << "' is declared here, "
        << direction(stream.getToDevice()) << ", " << stream.getNumElements()
        << " elements per copy";
    return failure();
  };
  if (copy.getToDevice() != stream.getToDevice()) {
    InFlightDiagnostic diag =
        reportError(copy, ir::ErrorKind::control_program_error)
        << what << " goes " << direction(copy.getToDevice())
        << " but the stream goes " << direction(stream.getToDevice());
    return noteStream(diag);
  }
  if (totalSize(copy.getRegions()) != int64_t(stream.getNumElements())) {
    InFlightDiagnostic diag =
        reportError(copy, ir::ErrorKind::control_program_error)
        << what << " moves " << totalSize(copy.getRegions()) << " elements of "
        << describe(copy.getRegions()) << " but the stream carries "
        << stream.getNumElements()
        << " per copy; copy a tensor of exactly that many elements";
    return noteStream(diag);
  }
  return success();
}

LogicalResult VerifyPass::checkCall(CallOp call) {
  int64_t f = call.getFunction();
  if (size_t(f) >= facts->functions.size() || !facts->functions[f])
    return reportError(call, ir::ErrorKind::control_program_error)
           << "Call of function " << f
           << ", which the module does not define; call functions made "
              "with Graph::addFunction of this graph";
  if (auto caller = call->getParentOfType<FunctionOp>())
    callees[caller.getIndex()].push_back({f, call});
  return success();
}

LogicalResult VerifyPass::checkHostCall(HostCallOp call) {
  auto found = hostFunctions.find(call.getFunction());
  if (found == hostFunctions.end())
    return reportError(call, ir::ErrorKind::control_program_error)
           << "Call of host function " << call.getFunction()
           << ", which the module does not declare; call host functions "
              "made with Graph::addHostFunction of this graph";
  HostFunctionOp f = found->second;
  const size_t numInputs = size_t(call.getNumInputs());
  const size_t numOutputs = call.getRegionCounts().size() - numInputs;
  std::string what = "Call of host function '" + f.getHandle().str() + "'";
  if (numInputs != f.getInputSizes().size() ||
      numOutputs != f.getOutputSizes().size())
    return reportError(call, ir::ErrorKind::control_program_error)
           << what << " passes " << numInputs << " input(s) and " << numOutputs
           << " output(s) but the function declares "
           << f.getInputSizes().size() << " and " << f.getOutputSizes().size();
  for (size_t i = 0; i < numInputs + numOutputs; ++i) {
    const bool isOutput = i >= numInputs;
    const size_t index = isOutput ? i - numInputs : i;
    const ir::ElementType type =
        cast<ElementTypeAttr>(isOutput ? f.getOutputTypes()[index]
                                       : f.getInputTypes()[index])
            .getValue();
    int64_t size =
        isOutput ? f.getOutputSizes()[index] : f.getInputSizes()[index];
    std::string arg =
        what + (isOutput ? " output " : " input ") + std::to_string(index);
    ArrayRef<int64_t> regions = call.getArgument(i);
    if (failed(checkTensor(call, regions, type, arg)))
      return failure();
    if (totalSize(regions) != size)
      return reportError(call, ir::ErrorKind::control_program_error)
             << arg << " has " << totalSize(regions) << " elements of "
             << describe(regions) << " but the function expects " << size << " "
             << typeName(type);
    if (isOutput)
      for (size_t t = 0; t < numTriples(regions); ++t)
        if (facts->variable(tripleAt(regions, t).var).getConstant())
          return reportError(call, ir::ErrorKind::control_program_error)
                 << arg << " writes to constant "
                 << facts->variableName(tripleAt(regions, t).var)
                 << "; constants are read-only, so pass a variable";
  }
  return success();
}

LogicalResult VerifyPass::checkOp(Operation *op) {
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](CopyOp c) { return checkCopy(c); })
      .Case([&](StreamCopyOp c) { return checkStreamCopy(c); })
      .Case([&](CallOp c) { return checkCall(c); })
      .Case([&](HostCallOp c) { return checkHostCall(c); })
      .Case([&](HostFunctionOp f) {
        for (ArrayAttr types : {f.getInputTypes(), f.getOutputTypes()})
          for (Attribute t : types)
            if (failed(checkDeviceType(f, cast<ElementTypeAttr>(t).getValue(),
                                       "host function '" + f.getHandle().str() +
                                           "'")))
              return failure();
        return success();
      })
      .Case([&](StreamOp s) {
        return checkDeviceType(s, s.getElementType(),
                               "stream '" + s.getHandle().str() + "'");
      })
      .Case([&](HostAccessOp h) {
        return checkTensor(h, h.getRegions(), h.getElementType(),
                           "host access '" + h.getHandle().str() + "'");
      })
      .Case([&](PrintTensorOp p) {
        return checkTensor(p, p.getRegions(), p.getElementType(),
                           "PrintTensor '" + p.getTitle().str() + "'");
      })
      .Case([&](ErrorProgramOp e) {
        return checkTensor(e, e.getRegions(), e.getElementType(),
                           "ErrorProgram");
      })
      .Case([&](WriteUndefOp w) {
        return checkTensor(w, w.getRegions(), std::nullopt, "WriteUndef");
      })
      .Case([&](IfOp i) {
        return checkScalar(i, i.getPredicate(), i.getElementType(),
                           "If predicate", false);
      })
      .Case([&](RepeatWhileOp r) {
        return checkScalar(r, r.getPredicate(), r.getElementType(),
                           "RepeatWhile predicate", false);
      })
      .Case([&](AbortOnConditionOp a) {
        return checkScalar(a, a.getPredicate(), a.getElementType(),
                           "AbortOnCondition predicate", false);
      })
      .Case([&](SwitchOp s) {
        return checkScalar(s, s.getControl(), s.getElementType(),
                           "Switch control", true);
      })
      .Default([](Operation *) { return success(); });
}

LogicalResult VerifyPass::checkProgramNumbers(ModuleOp module) {
  std::map<int64_t, ProgramOp> programs;
  for (ProgramOp p : module.getOps<ProgramOp>())
    if (!programs.emplace(p.getIndex(), p).second)
      return reportError(p, ir::ErrorKind::graph_program_compilation_error)
             << "program " << p.getIndex()
             << " is defined twice; number programs 0 to n-1 once each";
  return success();
}

LogicalResult VerifyPass::checkNoRecursion() {
  // Depth-first search over the call graph; a call into a function still
  // on the stack closes a cycle.
  enum class State { New, OnStack, Done };
  std::vector<State> state(callees.size(), State::New);
  for (size_t root = 0; root < callees.size(); ++root) {
    if (state[root] != State::New)
      continue;
    std::vector<std::pair<int64_t, size_t>> stack = {{root, 0}};
    state[root] = State::OnStack;
    while (!stack.empty()) {
      auto &[f, next] = stack.back();
      if (next == callees[f].size()) {
        state[f] = State::Done;
        stack.pop_back();
        continue;
      }
      auto [callee, call] = callees[f][next++];
      if (state[callee] == State::OnStack)
        return reportError(call, ir::ErrorKind::graph_recursion_error)
               << "function " << f << " calls function " << callee
               << ", which is already running in this call chain; Poplar "
                  "functions may not call themselves, directly or through "
                  "others. Use Repeat or RepeatWhileTrue instead";
      if (state[callee] == State::New) {
        state[callee] = State::OnStack;
        stack.push_back({callee, 0});
      }
    }
  }
  return success();
}

void VerifyPass::runOnOperation() {
  ModuleOp module = getOperation();
  facts = &getAnalysis<GraphFacts>();
  if (failed(facts->status))
    return signalPassFailure();
  // Reads the module only.
  markAllAnalysesPreserved();
  callees.assign(facts->functions.size(), {});
  hostFunctions.clear();
  bool duplicateHostFunction = false;
  for (HostFunctionOp f : module.getOps<HostFunctionOp>())
    if (!hostFunctions.emplace(f.getId(), f).second) {
      reportError(f, ir::ErrorKind::graph_program_compilation_error)
          << "host function " << f.getId() << " is declared twice";
      duplicateHostFunction = true;
    }
  bool failedAny = failed(checkProgramNumbers(module)) || duplicateHostFunction;
  for (VariableOp v : facts->variables)
    if (v && failed(checkVariable(v)))
      failedAny = true;
  module.walk([&](Operation *op) {
    if (failed(checkOp(op)))
      failedAny = true;
  });
  TensorChecker tensorChecker = [&](Operation *op, ArrayRef<int64_t> regions,
                                    std::optional<ir::ElementType> type,
                                    const std::string &what) {
    return checkTensor(op, regions, type, what);
  };
  if (failed(verifyComputeSets(module, *facts, tensorChecker)))
    failedAny = true;
  if (failedAny || failed(checkNoRecursion()))
    signalPassFailure();
}

} // namespace

std::unique_ptr<Pass> tessel::createVerifyPass() {
  return std::make_unique<VerifyPass>();
}
