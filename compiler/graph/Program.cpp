// poplar::program classes: each builds one immutable ProgramNode, checking
// its arguments at construction so mistakes surface where they were made.
#include "compiler/core/TypeTable.hpp"
#include "compiler/graph/DescribeTensor.hpp"
#include "compiler/graph/GraphStore.hpp"
#include "compiler/graph/ProgramTree.hpp"
#include "compiler/graph/TensorImpl.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>

using namespace poplar;
using namespace poplar::program;
using tessel::ProgramKind;
using tessel::ProgramNode;

namespace tessel {

const std::shared_ptr<ProgramNode> &
ProgramAccess::node(const poplar::program::Program &p) {
  return p.node;
}

poplar::program::Program
ProgramAccess::make(std::shared_ptr<ProgramNode> node) {
  return poplar::program::Program(std::move(node));
}

static std::shared_ptr<ProgramNode> makeNode(ProgramKind kind,
                                             const DebugContext &dbg);

/// The node a control program runs as a body; an empty sequence for a
/// default-constructed Program.
static std::shared_ptr<ProgramNode> bodyNode(const Program &p) {
  const auto &node = ProgramAccess::node(p);
  return node ? node : makeNode(ProgramKind::Sequence, {});
}

static std::shared_ptr<ProgramNode> makeNode(ProgramKind kind,
                                             const DebugContext &dbg) {
  auto node = std::make_shared<ProgramNode>();
  node->kind = kind;
  node->debugName = dbg.getPathName();
  node->source = tessel::recordSourceLoc(dbg.getLocation());
  return node;
}

static void checkValid(const Tensor &t, const std::string &what) {
  if (!t.valid())
    throw control_program_error(what + ": the tensor is not valid (default "
                                       "constructed); pass a tensor made by "
                                       "a Graph");
}

/// Predicates and switch controls are single integral elements.
static void checkScalar(const Tensor &t, const std::string &what,
                        const std::vector<Type> &allowed,
                        const std::string &allowedText) {
  checkValid(t, what);
  bool typeOk = std::find(allowed.begin(), allowed.end(), t.elementType()) !=
                allowed.end();
  if (t.numElements() != 1 || !typeOk)
    throw control_program_error(what + " must be a single element of type " +
                                allowedText + "; it is " + describeTensor(t) +
                                ". Use t.reshape({}) or slice one element, "
                                "and cast if needed");
}

static void checkPredicate(const Tensor &t, const std::string &what) {
  checkScalar(t, what,
              {BOOL, CHAR, UNSIGNED_CHAR, SIGNED_CHAR, SHORT, UNSIGNED_SHORT,
               INT, UNSIGNED_INT},
              "bool, char, short, int or unsigned int");
}

static void checkWritable(const Tensor &t, const std::string &what) {
  if (t.containsConstant())
    throw control_program_error(what + ": destination " + describeTensor(t) +
                                " is a constant and cannot be written");
  if (t.containsAliases())
    throw control_program_error(
        what + ": destination " + describeTensor(t) +
        " contains aliases (the same element more than once), so the "
        "result would be undefined; write each element once");
}

static void checkCopy(const Tensor &src, const Tensor &dst) {
  checkValid(src, "Copy source");
  checkValid(dst, "Copy destination");
  if (src.elementType() != dst.elementType())
    throw type_error("Copy from " + describeTensor(src) + " to " +
                     describeTensor(dst) +
                     ": element types differ; cast first (popops::cast)");
  // As in Poplar, shapes may differ: elements pair up in row-major order.
  if (src.numElements() != dst.numElements())
    throw control_program_error(
        "Copy from " + describeTensor(src) + " to " + describeTensor(dst) +
        ": the source has " + std::to_string(src.numElements()) +
        " elements but the destination has " +
        std::to_string(dst.numElements()) +
        "; copy between tensors with the same number of elements");
  checkWritable(dst, "Copy");
}

static void checkStreamCopy(const DataStream &stream, const Tensor &t,
                            bool toDevice) {
  const std::string what = std::string("Copy ") + (toDevice ? "from" : "to") +
                           " stream '" + stream.handle() + "'";
  if (stream.getGraphStore() == nullptr)
    throw control_program_error(what + ": the stream is not valid (default "
                                       "constructed)");
  bool isToDevice = stream.type() == DataStreamType::HostToDeviceFIFO ||
                    stream.type() == DataStreamType::HostToDeviceBuffer;
  if (isToDevice != toDevice)
    throw control_program_error(
        what + ": the stream goes " +
        (isToDevice ? "host to device" : "device to host") +
        ", so it can only be copied " +
        (isToDevice ? "into a tensor" : "from a tensor"));
  checkValid(t, what);
  if (t.elementType() != stream.elementType())
    throw type_error(what + ": the stream carries " +
                     stream.elementType().toString() + " but the tensor is " +
                     describeTensor(t));
  if (t.numElements() != stream.numElements())
    throw control_program_error(
        what + ": the stream moves " + std::to_string(stream.numElements()) +
        " elements per copy but the tensor " + describeTensor(t) + " has " +
        std::to_string(t.numElements()));
  if (toDevice)
    checkWritable(t, what);
}

} // namespace tessel

namespace poplar::program {

Program::Program() = default;
Program::~Program() = default;
Program::Program(const Program &) = default;
Program::Program(Program &&) noexcept = default;
Program &Program::operator=(const Program &) = default;
Program &Program::operator=(Program &&) noexcept = default;
Program::Program(std::shared_ptr<ProgramNode> node) : node(std::move(node)) {}

bool Program::isEmpty() const {
  return !node ||
         (node->kind == ProgramKind::Sequence && node->children.empty());
}

Sequence::Sequence(const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::Sequence, dbg)) {}

Sequence::Sequence(std::initializer_list<Program> programs,
                   const DebugContext &dbg)
    : Sequence(dbg) {
  for (const Program &p : programs)
    add(p);
}

void Sequence::add(const Program &p) {
  const auto &child = tessel::ProgramAccess::node(p);
  if (!child)
    return; // a default-constructed Program does nothing
  // Copy on write: another program may already hold this node.
  if (node.use_count() > 1)
    node = std::make_shared<ProgramNode>(*node);
  node->children.push_back(child);
}

Repeat::Repeat(unsigned count, const Program &prog, const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::Repeat, dbg)) {
  node->count = count;
  node->children.push_back(tessel::bodyNode(prog));
}

Loop::Loop(const Program &prog, const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::Loop, dbg)) {
  node->children.push_back(tessel::bodyNode(prog));
}

static std::shared_ptr<ProgramNode>
repeatWhile(ProgramKind kind, const Program &cond, const Tensor &predicate,
            const Program &body, const DebugContext &dbg, const char *name) {
  tessel::checkPredicate(predicate, std::string(name) + " predicate");
  auto node = tessel::makeNode(kind, dbg);
  node->tensor = predicate;
  node->children.push_back(tessel::bodyNode(cond));
  node->children.push_back(tessel::bodyNode(body));
  return node;
}

RepeatWhileFalse::RepeatWhileFalse(const Program &cond, const Tensor &predicate,
                                   const Program &body, const DebugContext &dbg)
    : Program(repeatWhile(ProgramKind::RepeatWhileFalse, cond, predicate, body,
                          dbg, "RepeatWhileFalse")) {}

RepeatWhileTrue::RepeatWhileTrue(const Program &cond, const Tensor &predicate,
                                 const Program &body, const DebugContext &dbg)
    : Program(repeatWhile(ProgramKind::RepeatWhileTrue, cond, predicate, body,
                          dbg, "RepeatWhileTrue")) {}

If::If(const Tensor &predicate, const Program &trueBody,
       const Program &falseBody, const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::If, dbg)) {
  tessel::checkPredicate(predicate, "If predicate");
  node->tensor = predicate;
  node->children.push_back(tessel::bodyNode(trueBody));
  node->children.push_back(tessel::bodyNode(falseBody));
}

If::If(const Tensor &predicate, const Program &trueBody,
       const DebugContext &dbg)
    : If(predicate, trueBody, Sequence(), dbg) {}

Switch::Switch(const Tensor &control, const DebugContext &dbg)
    : Switch(control, Sequence(), dbg) {}

Switch::Switch(const Tensor &control, const Program &defaultBody,
               const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::Switch, dbg)) {
  tessel::checkScalar(control, "Switch control", {INT, UNSIGNED_INT},
                      "int or unsigned int");
  node->tensor = control;
  node->children.push_back(tessel::bodyNode(defaultBody));
}

Switch::Switch(const Tensor &control,
               const std::vector<std::pair<std::int32_t, Program>> &cases,
               const DebugContext &dbg)
    : Switch(control, cases, Sequence(), dbg) {}

Switch::Switch(const Tensor &control,
               const std::vector<std::pair<std::int32_t, Program>> &cases,
               const Program &defaultBody, const DebugContext &dbg)
    : Switch(control, defaultBody, dbg) {
  for (const auto &[value, body] : cases)
    add(value, body);
}

Switch &Switch::add(std::int32_t value, const Program &body) {
  if (node.use_count() > 1)
    node = std::make_shared<ProgramNode>(*node);
  auto &values = node->caseValues;
  if (std::find(values.begin(), values.end(), value) != values.end())
    throw control_program_error("Switch on " +
                                tessel::describeTensor(node->tensor) +
                                ": case " + std::to_string(value) +
                                " is given twice; each case value must be "
                                "unique");
  values.push_back(value);
  node->children.push_back(tessel::bodyNode(body));
  return *this;
}

Switch Switch::switchWithBoundsChecking(
    const Tensor &control,
    const std::vector<std::pair<std::int32_t, Program>> &cases,
    const DebugContext &dbg) {
  auto error = tessel::makeNode(ProgramKind::ErrorProgram, dbg);
  error->text = "Switch control value is not one of the cases";
  error->tensor = control;
  Switch result(control, cases, tessel::ProgramAccess::make(error), dbg);
  result.node->boundsCheckedDefault = true;
  return result;
}

Switch Switch::switchWithUnreachableDefault(const Tensor &control,
                                            const DebugContext &dbg) {
  return switchWithUnreachableDefault(control, {}, dbg);
}

Switch Switch::switchWithUnreachableDefault(
    const Tensor &control,
    const std::vector<std::pair<std::int32_t, Program>> &cases,
    const DebugContext &dbg) {
  // The caller promises the default is never taken; if it is, the simulator
  // reports it rather than running something arbitrary.
  auto error = tessel::makeNode(ProgramKind::ErrorProgram, dbg);
  error->text = "Switch reached its unreachable default";
  error->tensor = control;
  return Switch(control, cases, tessel::ProgramAccess::make(error), dbg);
}

Execute::Execute(ComputeSet cs, const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::Execute, dbg)) {
  node->computeSet = cs.getId();
  node->computeSetStore = cs.getGraphStore();
}

Execute::Execute(ComputeSet cs, const Tensor &flag, const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::Execute, dbg)) {
  tessel::checkPredicate(flag, "Execute flag");
  tessel::checkWritable(flag, "Execute flag");
  node->computeSet = cs.getId();
  node->computeSetStore = cs.getGraphStore();
  node->tensor = flag;
}

Copy::Copy(const Tensor &src, const Tensor &dst, bool dontOutline,
           const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::Copy, dbg)) {
  tessel::checkCopy(src, dst);
  node->tensor = src;
  node->tensor2 = dst;
}

Copy::Copy(const DataStream &stream, const Tensor &dst, bool optimiseMemory,
           const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::StreamToDevice, dbg)) {
  tessel::checkStreamCopy(stream, dst, true);
  node->stream = static_cast<int>(stream.getId());
  node->streamStore = stream.getGraphStore();
  node->tensor = dst;
}

Copy::Copy(const Tensor &src, const DataStream &stream, bool optimiseMemory,
           const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::StreamFromDevice, dbg)) {
  tessel::checkStreamCopy(stream, src, false);
  node->stream = static_cast<int>(stream.getId());
  node->streamStore = stream.getGraphStore();
  node->tensor = src;
}

/// A remote buffer copy moves whole rows: `t` holds one row per offset
/// element (one row without an offset tensor).
static void checkRemoteBufferCopy(const RemoteBuffer &buffer, const Tensor &t,
                                  const Tensor *offset, bool toDevice) {
  const std::string what = std::string("Copy ") + (toDevice ? "from" : "to") +
                           " remote buffer '" + buffer.handle() + "'";
  if (buffer.getGraphStore() == nullptr)
    throw control_program_error(what + ": the remote buffer is not valid "
                                       "(default constructed); make it with "
                                       "Graph::addRemoteBuffer");
  tessel::checkValid(t, what);
  if (t.elementType() != buffer.elementType())
    throw type_error(what + ": the buffer holds " +
                     buffer.elementType().toString() + " but the tensor is " +
                     tessel::describeTensor(t));
  std::size_t rows = 1;
  if (offset) {
    tessel::checkValid(*offset, what + " (offset)");
    if (offset->elementType() != UNSIGNED_INT)
      throw type_error(what +
                       ": the offset must be an unsigned int tensor, "
                       "not " +
                       tessel::describeTensor(*offset));
    rows = offset->numElements();
    if (rows == 0)
      throw control_program_error(what + ": the offset tensor " +
                                  tessel::describeTensor(*offset) +
                                  " is empty; give one row index per row");
  }
  if (t.numElements() != rows * buffer.numElements())
    throw control_program_error(
        what + ": the tensor " + tessel::describeTensor(t) + " has " +
        std::to_string(t.numElements()) + " elements but " +
        std::to_string(rows) + " row(s) of the buffer hold " +
        std::to_string(rows * buffer.numElements()) +
        "; the tensor must hold numElements() elements per offset");
  if (toDevice)
    tessel::checkWritable(t, what);
}

static std::shared_ptr<ProgramNode>
remoteBufferNode(const RemoteBuffer &buffer, const Tensor &t,
                 const Tensor *offset, bool toDevice, const DebugContext &dbg) {
  checkRemoteBufferCopy(buffer, t, offset, toDevice);
  auto node = tessel::makeNode(toDevice ? ProgramKind::RemoteBufferToDevice
                                        : ProgramKind::RemoteBufferFromDevice,
                               dbg);
  node->stream = static_cast<int>(buffer.getId());
  node->streamStore = buffer.getGraphStore();
  node->tensor = t;
  if (offset)
    node->tensor2 = *offset;
  return node;
}

Copy::Copy(const RemoteBuffer &buffer, const Tensor &dst,
           const DebugContext &dbg)
    : Program(remoteBufferNode(buffer, dst, nullptr, true, dbg)) {}

Copy::Copy(const RemoteBuffer &buffer, const Tensor &dst, const Tensor &offset,
           const DebugContext &dbg)
    : Program(remoteBufferNode(buffer, dst, &offset, true, dbg)) {}

Copy::Copy(const Tensor &src, const RemoteBuffer &buffer,
           const DebugContext &dbg)
    : Program(remoteBufferNode(buffer, src, nullptr, false, dbg)) {}

Copy::Copy(const Tensor &src, const RemoteBuffer &buffer, const Tensor &offset,
           const DebugContext &dbg)
    : Program(remoteBufferNode(buffer, src, &offset, false, dbg)) {}

static std::shared_ptr<ProgramNode>
functionBufferNode(const FunctionBuffer &buffer, const Function &function,
                   const DebugContext &dbg) {
  const std::string what = "Copy(FunctionBuffer " +
                           std::to_string(buffer.getId()) + ", function " +
                           std::to_string(function.getId()) + ")";
  const tessel::FunctionBufferState *state = buffer.getState();
  if (!state)
    throw control_program_error(what +
                                ": the function buffer is not valid (default "
                                "constructed); make it with "
                                "Graph::addFunctionBuffer");
  if (state->function != function.getId())
    throw control_program_error(
        what + ": the buffer holds the code of function " +
        std::to_string(state->function) +
        "; copy each function buffer to the function it was made for");
  // The code travels as the bytes of the buffer's remote buffer.
  return remoteBufferNode(state->buffer, state->landing, nullptr, true, dbg);
}

Copy::Copy(const FunctionBuffer &buffer, const Function &function,
           const DebugContext &dbg)
    : Program(functionBufferNode(buffer, function, dbg)) {}

CrossReplicaCopy::CrossReplicaCopy(const Tensor &src, const Tensor &dst,
                                   std::map<unsigned, unsigned> replicaMap,
                                   const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::Sequence, dbg)) {
  tessel::checkValid(src, "CrossReplicaCopy (source)");
  tessel::checkValid(dst, "CrossReplicaCopy (destination)");
  throw graph_replication_error(
      "CrossReplicaCopy of " + tessel::describeTensor(src) + " to " +
      tessel::describeTensor(dst) + " (" + std::to_string(replicaMap.size()) +
      " replica pair(s)): copies between replicas need a replicated graph, "
      "made with Graph(target, replication_factor(n)) for n > 1, which "
      "Tessel does not support yet; every Tessel graph has one replica");
}

WriteUndef::WriteUndef(const Tensor &t, const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::WriteUndef, dbg)) {
  tessel::checkValid(t, "WriteUndef");
  node->tensor = t;
}

AssumeEqualAcrossReplicas::AssumeEqualAcrossReplicas(const Tensor &t,
                                                     const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::Sequence, dbg)) {
  // With one replica every tensor is trivially equal across replicas.
  tessel::checkValid(t, "AssumeEqualAcrossReplicas");
}

Block::Block(const Program &p, const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::Sequence, dbg)) {
  node->children.push_back(tessel::bodyNode(p));
}

Sync::Sync(SyncType type, const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::Sync, dbg)) {
  node->syncType = type;
}

Call::Call(Function f, const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::Call, dbg)) {
  if (f.getId() == ~0u)
    throw control_program_error("Call: the function is not valid; make it "
                                "with Graph::addFunction");
  node->function = f.getId();
}

/// A host function call passes one tensor per declared argument, of the
/// declared type and element count.
static void
checkHostCallArguments(const std::string &what, ArrayRef<Tensor> tensors,
                       const std::vector<tessel::HostFunctionArg> &declared,
                       bool isOutput) {
  const char *direction = isOutput ? "output" : "input";
  if (tensors.size() != declared.size())
    throw control_program_error(
        what + ": " + std::to_string(tensors.size()) + " " + direction +
        " tensor(s) given but the host function declares " +
        std::to_string(declared.size()) + " " + direction +
        "(s); pass one tensor per argument of Graph::addHostFunction");
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    const std::string arg = what + ": " + direction + " " + std::to_string(i);
    tessel::checkValid(tensors[i], arg);
    const tessel::HostFunctionArg &want = declared[i];
    const std::string expected = std::to_string(want.numElements) + " " +
                                 want.type.toString() + " element(s)";
    if (tensors[i].elementType() != want.type)
      throw type_error(arg + " is " + tessel::describeTensor(tensors[i]) +
                       " but the host function expects " + expected);
    if (tensors[i].numElements() != want.numElements)
      throw control_program_error(
          arg + " is " + tessel::describeTensor(tensors[i]) + " with " +
          std::to_string(tensors[i].numElements()) +
          " element(s) but the host function expects " + expected);
    if (isOutput)
      tessel::checkWritable(tensors[i], arg);
  }
}

Call::Call(HostFunction f, ArrayRef<Tensor> inputs, ArrayRef<Tensor> outputs,
           const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::HostFunctionCall, dbg)) {
  if (f.getId() == ~0u || f.getGraphStore() == nullptr)
    throw control_program_error(
        "Call: the host function is not valid (default constructed or made "
        "from an id); make it with Graph::addHostFunction");
  for (const Tensor &t : inputs)
    tessel::checkValid(t, "Call of a host function (input)");
  for (const Tensor &t : outputs)
    tessel::checkValid(t, "Call of a host function (output)");
  // The declared arguments live in the function's graph. A tensor of that
  // graph keeps it alive, so it can be read here; with tensors of another
  // graph (or none) the compiler checks the call instead.
  const tessel::GraphStore *store = nullptr;
  for (ArrayRef<Tensor> list : {inputs, outputs})
    for (const Tensor &t : list)
      if (tessel::TensorAccess::impl(t).store.get() == f.getGraphStore())
        store = static_cast<const tessel::GraphStore *>(f.getGraphStore());
  if (store && f.getId() < store->hostFunctions.size()) {
    const tessel::HostFunctionInfo &info = store->hostFunctions[f.getId()];
    const std::string what = "Call of host function '" + info.handle + "'";
    checkHostCallArguments(what, inputs, info.inputs, false);
    checkHostCallArguments(what, outputs, info.outputs, true);
  }
  node->function = f.getId();
  node->streamStore = f.getGraphStore();
  node->inputs.assign(inputs.begin(), inputs.end());
  node->outputs.assign(outputs.begin(), outputs.end());
}

PrintTensor::PrintTensor(const Tensor &t, const DebugContext &dbg)
    : PrintTensor("", t, PrintTensorFmt(), dbg) {}

PrintTensor::PrintTensor(StringRef title, const Tensor &t,
                         const DebugContext &dbg)
    : PrintTensor(title, t, PrintTensorFmt(), dbg) {}

PrintTensor::PrintTensor(const Tensor &t, const PrintTensorFmt &fmt,
                         const DebugContext &dbg)
    : PrintTensor("", t, fmt, dbg) {}

PrintTensor::PrintTensor(StringRef title, const Tensor &t,
                         const PrintTensorFmt &fmt, const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::PrintTensor, dbg)) {
  tessel::checkValid(t, "PrintTensor");
  node->text = std::string(title);
  node->tensor = t;
  node->printFormat = fmt;
}

Abort::Abort(const DebugContext &dbg) : Abort("", dbg) {}

Abort::Abort(const std::string &message, const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::Abort, dbg)) {
  node->text = message;
}

AbortOnCondition::AbortOnCondition(const Tensor &predicate,
                                   const DebugContext &dbg)
    : AbortOnCondition(predicate, "", dbg) {}

AbortOnCondition::AbortOnCondition(const Tensor &predicate,
                                   const std::string &message,
                                   const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::AbortOnCondition, dbg)) {
  tessel::checkPredicate(predicate, "AbortOnCondition predicate");
  node->tensor = predicate;
  node->text = message;
}

ErrorProgram::ErrorProgram(StringRef message, const Tensor &debugTensor,
                           const DebugContext &dbg)
    : Program(tessel::makeNode(ProgramKind::ErrorProgram, dbg)) {
  tessel::checkValid(debugTensor, "ErrorProgram");
  node->text = std::string(message);
  node->tensor = debugTensor;
}

// Identity, not structure: a program is a handle to an immutable tree, and
// copies share it.
bool operator==(const Program &a, const Program &b) {
  return tessel::ProgramAccess::node(a) == tessel::ProgramAccess::node(b);
}

bool operator!=(const Program &a, const Program &b) { return !(a == b); }

} // namespace poplar::program
