// program::dumpProgram: a readable, indented rendering of a control program
// with the tensors and streams it touches.
#include "compiler/graph/DescribeTensor.hpp"
#include "compiler/graph/GraphImpl.hpp"
#include "compiler/graph/ProgramTree.hpp"

#include <ostream>

namespace tessel {

static const char *kindName(ProgramKind kind) {
  switch (kind) {
  case ProgramKind::Sequence:
    return "Sequence";
  case ProgramKind::Copy:
    return "Copy";
  case ProgramKind::StreamToDevice:
    return "StreamCopy(host->device)";
  case ProgramKind::StreamFromDevice:
    return "StreamCopy(device->host)";
  case ProgramKind::Repeat:
    return "Repeat";
  case ProgramKind::Loop:
    return "Loop";
  case ProgramKind::RepeatWhileTrue:
    return "RepeatWhileTrue";
  case ProgramKind::RepeatWhileFalse:
    return "RepeatWhileFalse";
  case ProgramKind::If:
    return "If";
  case ProgramKind::Switch:
    return "Switch";
  case ProgramKind::Call:
    return "Call";
  case ProgramKind::PrintTensor:
    return "PrintTensor";
  case ProgramKind::WriteUndef:
    return "WriteUndef";
  case ProgramKind::Sync:
    return "Sync";
  case ProgramKind::Abort:
    return "Abort";
  case ProgramKind::AbortOnCondition:
    return "AbortOnCondition";
  case ProgramKind::ErrorProgram:
    return "ErrorProgram";
  case ProgramKind::Execute:
    return "Execute";
  case ProgramKind::RemoteBufferToDevice:
    return "RemoteBufferCopy(buffer->device)";
  case ProgramKind::RemoteBufferFromDevice:
    return "RemoteBufferCopy(device->buffer)";
  case ProgramKind::HostFunctionCall:
    return "Call(host function)";
  }
  return "?";
}

static void dumpNode(const GraphStore &store, const ProgramNode &node,
                     unsigned depth, std::ostream &out) {
  out << std::string(depth * 2, ' ') << kindName(node.kind);
  if (!node.debugName.empty())
    out << " \"" << node.debugName << '"';
  switch (node.kind) {
  case ProgramKind::Copy:
    out << ' ' << describeTensor(node.tensor) << " -> "
        << describeTensor(node.tensor2);
    break;
  case ProgramKind::StreamToDevice:
  case ProgramKind::StreamFromDevice: {
    bool known = node.streamStore == &store && node.stream >= 0 &&
                 std::size_t(node.stream) < store.streams.size();
    out << " '" << (known ? store.streams[node.stream].handle : "?") << "' "
        << describeTensor(node.tensor);
    break;
  }
  case ProgramKind::RemoteBufferToDevice:
  case ProgramKind::RemoteBufferFromDevice: {
    bool known = node.streamStore == &store && node.stream >= 0 &&
                 std::size_t(node.stream) < store.remoteBuffers.size();
    out << " '" << (known ? store.remoteBuffers[node.stream].handle : "?")
        << "' " << describeTensor(node.tensor);
    if (node.tensor2.valid())
      out << " offset " << describeTensor(node.tensor2);
    break;
  }
  case ProgramKind::HostFunctionCall: {
    bool known = node.streamStore == &store &&
                 node.function < store.hostFunctions.size();
    out << " '" << (known ? store.hostFunctions[node.function].handle : "?")
        << "'";
    for (const poplar::Tensor &t : node.inputs)
      out << " in " << describeTensor(t);
    for (const poplar::Tensor &t : node.outputs)
      out << " out " << describeTensor(t);
    break;
  }
  case ProgramKind::Repeat:
    out << " x" << node.count;
    break;
  case ProgramKind::Call:
    out << " function " << node.function;
    break;
  case ProgramKind::Execute:
    out << " compute set " << node.computeSet;
    if (node.tensor.valid())
      out << " flag " << describeTensor(node.tensor);
    break;
  case ProgramKind::Switch:
    out << ' ' << describeTensor(node.tensor) << " cases";
    for (std::int32_t v : node.caseValues)
      out << ' ' << v;
    break;
  case ProgramKind::RepeatWhileTrue:
  case ProgramKind::RepeatWhileFalse:
  case ProgramKind::If:
  case ProgramKind::PrintTensor:
  case ProgramKind::WriteUndef:
  case ProgramKind::AbortOnCondition:
  case ProgramKind::ErrorProgram:
    out << ' ' << describeTensor(node.tensor);
    break;
  default:
    break;
  }
  if (!node.text.empty())
    out << " \"" << node.text << '"';
  out << '\n';
  for (const auto &child : node.children)
    dumpNode(store, *child, depth + 1, out);
}

} // namespace tessel

namespace poplar::program {

void dumpProgram(const Graph &graph, const Program &program,
                 std::ostream &out) {
  const auto &node = tessel::ProgramAccess::node(program);
  if (!node) {
    out << "Sequence\n";
    return;
  }
  tessel::dumpNode(*tessel::GraphAccess::impl(graph).store, *node, 0, out);
}

} // namespace poplar::program
