// poplar-verify: the graph's semantic checks, reported as typed errors that
// name variables, streams and intervals.
#include "compiler/core/TypeTable.hpp"
#include "compiler/passes/PassSupport.hpp"
#include "compiler/passes/Passes.hpp"

#include <poplar/exceptions.hpp>

namespace tessel {
#define GEN_PASS_DEF_POPLARVERIFY
#include "compiler/passes/Passes.h.inc"
} // namespace tessel

using namespace mlir;
using namespace tessel;
using namespace tessel::graphir;

namespace {

bool isKnownType(StringRef name) {
  try {
    return typeInfo(typeFromName(name.str())).deviceSupported;
  } catch (const poplar::poplar_error &) {
    return false;
  }
}

class VerifyPass : public tessel::impl::PoplarVerifyBase<VerifyPass> {
public:
  void runOnOperation() override;

private:
  LogicalResult checkRegions(Operation *op, ArrayRef<int64_t> regions,
                             StringRef typeName, const char *what);
  LogicalResult checkScalar(Operation *op, ArrayRef<int64_t> regions,
                            StringRef typeName, const char *what,
                            bool controlOnly);
  LogicalResult checkVariable(VariableOp v);
  LogicalResult checkOp(Operation *op);

  GraphFacts facts;
};

LogicalResult VerifyPass::checkRegions(Operation *op, ArrayRef<int64_t> regions,
                                       StringRef typeName, const char *what) {
  if (!isKnownType(typeName))
    return reportError(op, "type_error")
           << what << " has element type '" << typeName
           << "', which is not a device type";
  const unsigned size = elementBytes(typeName);
  for (size_t i = 0; i < numTriples(regions); ++i) {
    RegionTriple r = tripleAt(regions, i);
    VariableOp v = facts.variable(r.var);
    if (!v)
      return reportError(op, "graph_program_compilation_error")
             << what << " refers to variable " << r.var
             << ", which does not exist";
    if (r.end > v.getNumElements())
      return reportError(op, "index_error")
             << what << " reads elements [" << r.begin << ", " << r.end
             << ") of " << facts.variableName(r.var) << ", which has only "
             << v.getNumElements() << " elements";
    if (elementBytes(v.getElementType()) != size)
      return reportError(op, "type_error")
             << what << " views " << facts.variableName(r.var) << " ("
             << v.getElementType() << ") as " << typeName
             << ", which has another element size";
  }
  return success();
}

LogicalResult VerifyPass::checkScalar(Operation *op, ArrayRef<int64_t> regions,
                                      StringRef typeName, const char *what,
                                      bool controlOnly) {
  if (failed(checkRegions(op, regions, typeName, what)))
    return failure();
  static const char *const predicateTypes[] = {
      "bool",  "char",           "unsigned char", "signed char",
      "short", "unsigned short", "int",           "unsigned int"};
  bool typeOk = false;
  for (const char *t : predicateTypes)
    typeOk |= typeName == t &&
              (!controlOnly || typeName == "int" || typeName == "unsigned int");
  int64_t n = totalSize(regions);
  if (n != 1 || !typeOk) {
    std::string name = numTriples(regions)
                           ? facts.variableName(tripleAt(regions, 0).var)
                           : "an empty tensor";
    return reportError(op, "control_program_error")
           << what << " " << name << " must be a single element of type "
           << (controlOnly ? "int or unsigned int"
                           : "bool, char, short, int or unsigned int")
           << "; it is " << typeName << " with " << n << " elements";
  }
  return success();
}

LogicalResult VerifyPass::checkVariable(VariableOp v) {
  if (!isKnownType(v.getElementType()))
    return reportError(v, "type_error")
           << "variable " << facts.variableName(v.getId())
           << " has element type '" << v.getElementType()
           << "', which is not a device type";
  int64_t covered = 0, firstGap = -1, at = 0;
  for (const MappedInterval &m : mappingOf(v)) {
    if (m.tile >= facts.numTiles)
      return reportError(v, "invalid_tile_mapping")
             << facts.variableName(v.getId()) << " maps elements [" << m.begin
             << ", " << m.end << ") to tile " << m.tile
             << " but the target has only " << facts.numTiles << " tiles";
    if (firstGap < 0 && m.begin > at)
      firstGap = at;
    covered += m.end - m.begin;
    at = m.end;
  }
  if (firstGap < 0 && at < v.getNumElements())
    firstGap = at;
  if (facts.requiresTileMapping && covered != v.getNumElements()) {
    int64_t gapEnd = v.getNumElements();
    for (const MappedInterval &m : mappingOf(v))
      if (m.begin > firstGap) {
        gapEnd = m.begin;
        break;
      }
    return reportError(v, "invalid_tile_mapping")
           << facts.variableName(v.getId()) << " has elements [" << firstGap
           << ", " << gapEnd
           << ") with no tile mapping; on IPU hardware every element must "
              "be mapped. Call Graph::setTileMapping or "
              "poputil::mapTensorLinearly on it";
  }
  return success();
}

LogicalResult VerifyPass::checkOp(Operation *op) {
  if (auto copy = dyn_cast<CopyOp>(op)) {
    if (failed(checkRegions(op, copy.getSrc(), copy.getElementType(),
                            "Copy source")) ||
        failed(checkRegions(op, copy.getDst(), copy.getElementType(),
                            "Copy destination")))
      return failure();
    for (size_t i = 0; i < numTriples(copy.getDst()); ++i)
      if (facts.variable(tripleAt(copy.getDst(), i).var).getConstant())
        return reportError(op, "control_program_error")
               << "Copy writes to constant "
               << facts.variableName(tripleAt(copy.getDst(), i).var);
    return success();
  }
  if (auto sc = dyn_cast<StreamCopyOp>(op)) {
    int64_t id = sc.getStream();
    if (id < 0 || size_t(id) >= facts.streams.size() || !facts.streams[id])
      return reportError(op, "stream_connection_error")
             << "stream copy uses stream " << id << ", which does not exist";
    StreamOp s = facts.streams[id];
    if (failed(checkRegions(op, sc.getRegions(), s.getElementType(),
                            "stream copy")))
      return failure();
    if (totalSize(sc.getRegions()) != int64_t(s.getNumElements()) ||
        sc.getToDevice() != s.getToDevice())
      return reportError(op, "control_program_error")
             << "stream copy of '" << s.getHandle() << "' moves "
             << totalSize(sc.getRegions()) << " elements "
             << (sc.getToDevice() ? "to" : "from")
             << " the device; the stream carries " << s.getNumElements()
             << " elements " << (s.getToDevice() ? "to" : "from")
             << " the device";
    return success();
  }
  if (auto h = dyn_cast<HostAccessOp>(op))
    return checkRegions(op, h.getRegions(), h.getElementType(), "host access");
  if (auto p = dyn_cast<PrintTensorOp>(op))
    return checkRegions(op, p.getRegions(), p.getElementType(), "PrintTensor");
  if (auto w = dyn_cast<WriteUndefOp>(op)) {
    for (size_t i = 0; i < numTriples(w.getRegions()); ++i)
      if (!facts.variable(tripleAt(w.getRegions(), i).var))
        return reportError(op, "graph_program_compilation_error")
               << "WriteUndef refers to a variable that does not exist";
    return success();
  }
  if (auto e = dyn_cast<ErrorProgramOp>(op))
    return checkRegions(op, e.getRegions(), e.getElementType(), "ErrorProgram");
  if (auto i = dyn_cast<IfOp>(op))
    return checkScalar(op, i.getPredicate(), i.getElementType(), "If predicate",
                       false);
  if (auto r = dyn_cast<RepeatWhileOp>(op))
    return checkScalar(op, r.getPredicate(), r.getElementType(),
                       "RepeatWhile predicate", false);
  if (auto a = dyn_cast<AbortOnConditionOp>(op))
    return checkScalar(op, a.getPredicate(), a.getElementType(),
                       "AbortOnCondition predicate", false);
  if (auto s = dyn_cast<SwitchOp>(op))
    return checkScalar(op, s.getControl(), s.getElementType(), "Switch control",
                       true);
  if (auto c = dyn_cast<CallOp>(op)) {
    int64_t f = c.getFunction();
    if (f < 0 || size_t(f) >= facts.functions.size() || !facts.functions[f])
      return reportError(op, "control_program_error")
             << "Call of function " << f << ", which does not exist";
  }
  return success();
}

void VerifyPass::runOnOperation() {
  ModuleOp module = getOperation();
  FailureOr<GraphFacts> collected = GraphFacts::collect(module);
  if (failed(collected))
    return signalPassFailure();
  facts = std::move(*collected);
  bool failedAny = false;
  for (VariableOp v : facts.variables)
    if (v && failed(checkVariable(v)))
      failedAny = true;
  module.walk([&](Operation *op) {
    if (failed(checkOp(op)))
      failedAny = true;
  });
  if (failedAny)
    signalPassFailure();
}

} // namespace

std::unique_ptr<Pass> tessel::createVerifyPass() {
  return std::make_unique<VerifyPass>();
}
