// The control-tree interpreter. Node kinds are documented in
// compiler/codegen/ExecutableImage.hpp; costs in docs/cycle-model.md.
#include "runtime/sim/ProgramExecutor.hpp"

#include "runtime/sim/TensorAccess.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <cstring>
#include <set>

namespace tessel::sim {

namespace {

const char *controlRole(exe::NodeKind kind) {
  switch (kind) {
  case exe::NodeKind::RepeatWhileTrue:
    return "the predicate of a RepeatWhileTrue";
  case exe::NodeKind::RepeatWhileFalse:
    return "the predicate of a RepeatWhileFalse";
  case exe::NodeKind::If:
    return "the predicate of an If";
  case exe::NodeKind::Switch:
    return "the control value of a Switch";
  case exe::NodeKind::AbortOnCondition:
    return "the predicate of an AbortOnCondition";
  case exe::NodeKind::Execute:
    return "the flag of an Execute";
  default:
    return nullptr;
  }
}

} // namespace

ProgramExecutor::ProgramExecutor(const exe::ExecutableImage &image,
                                 TileMemory &memory, ThreadPool &pool,
                                 const CycleModel &model,
                                 std::uint64_t vertexCycleBudget,
                                 std::uint64_t vertexTimeoutMs)
    : image(image), memory(memory), model(model),
      exchanger(image.exchanges, memory, pool), codelets(image),
      computer(image, codelets, memory, pool, model, vertexCycleBudget,
               vertexTimeoutMs),
      remote(image) {
  checkControlNodes(image);
  exchangeCycles.reserve(image.exchanges.size());
  for (const exe::ExchangeStep &step : image.exchanges)
    exchangeCycles.push_back(model.exchange(step));
}

void checkControlNodes(const exe::ExecutableImage &image) {
  for (std::size_t i = 0; i < image.nodes.size(); ++i) {
    const exe::ControlNode &n = image.nodes[i];
    const char *role = controlRole(n.kind);
    if (role && (n.kind != exe::NodeKind::Execute || n.count == 1))
      checkIntegerScalar(image.layouts.at(n.layout),
                         std::string(role) + " (control node " +
                             std::to_string(i) + ")");
    if (n.kind == exe::NodeKind::Sync &&
        n.count > std::uint64_t(poplar::SyncType::GLOBAL))
      throw poplar::parse_error(
          "invalid executable: control node " + std::to_string(i) +
          " is a Sync of unknown type " + std::to_string(n.count) +
          " (0 INTERNAL, 1 EXTERNAL, 2 GLOBAL); recompile the graph");
  }
}

bool ProgramExecutor::run(std::uint32_t root, HostPort &hostPort,
                          ExecutionProfile *executionProfile) {
  stopRequested.store(false);
  host = &hostPort;
  profile = executionProfile;
  if (profile)
    ++profile->runs;
  struct Detach {
    ProgramExecutor &e;
    ~Detach() {
      e.host = nullptr;
      e.profile = nullptr;
    }
  } detach{*this};
  return execute(root);
}

void ProgramExecutor::charge(StepKind kind, const StepCycles &cycles,
                             std::uint32_t index) {
  totalCycles += cycles.total();
  if (profile)
    profile->record(kind, cycles, index);
}

bool ProgramExecutor::execute(std::uint32_t index) {
  if (stopRequested.load(std::memory_order_relaxed))
    return false;
  const exe::ControlNode &n = image.nodes[index];
  using exe::NodeKind;
  switch (n.kind) {
  case NodeKind::Sequence:
    return executeSequence(n);
  case NodeKind::Exchange:
    executeExchange(n);
    return true;
  case NodeKind::StreamToDevice:
    executeStreamToDevice(n);
    return true;
  case NodeKind::StreamFromDevice:
    executeStreamFromDevice(n);
    return true;
  case NodeKind::Print:
    executePrint(n);
    return true;
  case NodeKind::Repeat:
    return executeRepeat(n);
  case NodeKind::Loop:
    return executeLoop(n);
  case NodeKind::RepeatWhileTrue:
    return executeRepeatWhile(n, true);
  case NodeKind::RepeatWhileFalse:
    return executeRepeatWhile(n, false);
  case NodeKind::If:
    return executeIf(n);
  case NodeKind::Switch:
    return executeSwitch(n);
  case NodeKind::Call:
    return execute(image.functions[n.index]);
  case NodeKind::Sync:
    charge(StepKind::Sync, model.sync(poplar::SyncType(n.count)),
           std::uint32_t(n.count));
    return true;
  case NodeKind::Abort:
    throw poplar::application_runtime_error(
        n.text.empty() ? std::string("Abort program executed") : n.text);
  case NodeKind::AbortOnCondition:
    executeAbortOnCondition(n);
    return true;
  case NodeKind::ErrorWithTensor:
    executeErrorWithTensor(n);
  case NodeKind::RemoteBufferToDevice:
  case NodeKind::RemoteBufferFromDevice:
    executeRemoteBufferCopy(n, n.kind == NodeKind::RemoteBufferToDevice);
    return true;
  case NodeKind::HostFunctionCall:
    executeHostFunctionCall(n);
    return true;
  case NodeKind::Execute:
    executeCompute(n);
    return true;
  }
  return true;
}

bool ProgramExecutor::executeSequence(const exe::ControlNode &n) {
  for (std::uint32_t child : n.children)
    if (!execute(child))
      return false;
  return true;
}

bool ProgramExecutor::executeRepeat(const exe::ControlNode &n) {
  for (std::uint64_t i = 0; i < n.count; ++i)
    if (!execute(n.children[0]))
      return false;
  return true;
}

bool ProgramExecutor::executeLoop(const exe::ControlNode &n) {
  // Ends only through an error (Abort, AbortOnCondition, ErrorProgram, a
  // failing callback) or a stop request.
  for (;;)
    if (!execute(n.children[0]))
      return false;
}

bool ProgramExecutor::executeRepeatWhile(const exe::ControlNode &n,
                                         bool whileTrue) {
  for (;;) {
    if (!execute(n.children[0]))
      return false;
    if (testPredicate(n.layout) != whileTrue)
      return true;
    if (!execute(n.children[1]))
      return false;
  }
}

bool ProgramExecutor::executeIf(const exe::ControlNode &n) {
  return execute(testPredicate(n.layout) ? n.children[0] : n.children[1]);
}

bool ProgramExecutor::executeSwitch(const exe::ControlNode &n) {
  charge(StepKind::ControlFlow, model.controlBroadcast());
  // The device compares 32-bit registers, so an unsigned control of
  // 0xffffffff selects case -1.
  auto value = std::int32_t(
      std::uint32_t(readIntegerScalar(memory, image.layouts[n.layout])));
  auto found = std::find(n.caseValues.begin(), n.caseValues.end(), value);
  if (found == n.caseValues.end())
    return execute(n.children[0]);
  return execute(n.children[1 + (found - n.caseValues.begin())]);
}

bool ProgramExecutor::testPredicate(std::uint32_t layout) {
  charge(StepKind::ControlFlow, model.controlBroadcast());
  return readIntegerScalar(memory, image.layouts[layout]) != 0;
}

void ProgramExecutor::executeCompute(const exe::ControlNode &n) {
  ComputeOutcome outcome = computer.run(
      n.index, [&](const TilePrint &print) { host->vertexPrinted(print); });
  if (n.count == 1) {
    const exe::TensorLayout &flag = image.layouts[n.layout];
    std::uint8_t bytes[4] = {outcome.allTrue ? std::uint8_t(1)
                                             : std::uint8_t(0)};
    // checkControlNodes made it an integer scalar of at most 4 bytes: the
    // little-endian 1 or 0 is its first byte.
    scatter(memory, flag, bytes);
  }
  totalCycles += outcome.cycles.total();
  if (profile)
    profile->recordComputeSet(n.index, outcome.cycles, outcome.tileCycles);
}

void ProgramExecutor::executeExchange(const exe::ControlNode &n) {
  exchanger.run(n.index);
  charge(StepKind::Exchange, exchangeCycles[n.index], n.index);
}

void ProgramExecutor::executeStreamToDevice(const exe::ControlNode &n) {
  const exe::TensorLayout &layout = image.layouts[n.layout];
  std::vector<std::uint8_t> data(layoutBytes(layout));
  host->streamToDevice(n.index, data.data());
  scatter(memory, layout, data.data());
  charge(StepKind::StreamToDevice, model.hostTransfer(data.size()), n.index);
}

void ProgramExecutor::executeStreamFromDevice(const exe::ControlNode &n) {
  std::vector<std::uint8_t> data = gather(memory, image.layouts[n.layout]);
  host->streamFromDevice(n.index, data.data());
  charge(StepKind::StreamFromDevice, model.hostTransfer(data.size()), n.index);
}

void ProgramExecutor::executeRemoteBufferCopy(const exe::ControlNode &n,
                                              bool toDevice) {
  const exe::RemoteCopyDesc &copy = image.remoteCopies[n.index];
  const exe::TensorLayout &layout = image.layouts[copy.layout];
  std::vector<std::uint32_t> rows{0};
  if (copy.hasOffset) {
    std::vector<std::uint8_t> offsets =
        gather(memory, image.layouts[copy.offsetLayout]);
    rows.assign(offsets.size() / 4, 0);
    for (std::size_t i = 0; i < rows.size(); ++i)
      for (unsigned b = 0; b < 4; ++b)
        rows[i] |= std::uint32_t(offsets[i * 4 + b]) << (8 * b);
  }
  const std::string what = std::string("Copy ") + (toDevice ? "from" : "to") +
                           " remote buffer '" +
                           image.remoteBuffers[copy.buffer].handle + "'";
  const std::uint64_t rowBytes = remote.rowBytes(copy.buffer);
  // Every offset is checked before any byte moves, so a bad offset leaves
  // both sides as they were.
  std::vector<std::uint8_t *> sources;
  for (std::size_t i = 0; i < rows.size(); ++i)
    sources.push_back(
        remote.row(copy.buffer, rows[i],
                   what + " (offset element " + std::to_string(i) + ")"));
  std::vector<std::uint8_t> data(rowBytes * rows.size());
  if (toDevice) {
    for (std::size_t i = 0; i < rows.size(); ++i)
      std::memcpy(data.data() + i * rowBytes, sources[i], rowBytes);
    scatter(memory, layout, data.data());
  } else {
    gather(memory, layout, data.data());
    for (std::size_t i = 0; i < rows.size(); ++i)
      std::memcpy(sources[i], data.data() + i * rowBytes, rowBytes);
  }
  charge(StepKind::RemoteBufferCopy, model.streamingMemoryTransfer(data.size()),
         copy.buffer);
}

void ProgramExecutor::executeHostFunctionCall(const exe::ControlNode &n) {
  const exe::HostCallDesc &call = image.hostCalls[n.index];
  std::vector<std::vector<std::uint8_t>> inputs, outputs;
  std::uint64_t inputBytes = 0, outputBytes = 0;
  for (std::uint32_t l : call.inputLayouts) {
    inputs.push_back(gather(memory, image.layouts[l]));
    inputBytes += inputs.back().size();
  }
  // Outputs start zeroed, so a callback that leaves one alone writes
  // zeros rather than leftovers of an earlier call.
  for (std::uint32_t l : call.outputLayouts) {
    outputs.emplace_back(layoutBytes(image.layouts[l]), 0);
    outputBytes += outputs.back().size();
  }
  std::vector<const void *> in;
  std::vector<void *> out;
  for (auto &bytes : inputs)
    in.push_back(bytes.data());
  for (auto &bytes : outputs)
    out.push_back(bytes.data());
  host->callHostFunction(call.function, in, out);
  for (std::size_t i = 0; i < outputs.size(); ++i)
    scatter(memory, image.layouts[call.outputLayouts[i]], outputs[i].data());
  charge(StepKind::HostFunctionCall,
         model.hostFunctionCall(inputBytes, outputBytes), call.function);
}

void ProgramExecutor::executePrint(const exe::ControlNode &n) {
  const exe::PrintDesc &print = image.prints[n.index];
  const exe::TensorLayout &layout = image.layouts[print.layout];
  std::vector<std::uint8_t> data = gather(memory, layout);
  host->printTensor(print, layout, data);
  charge(StepKind::PrintTensor, model.hostTransfer(data.size()), n.index);
}

void ProgramExecutor::executeAbortOnCondition(const exe::ControlNode &n) {
  if (!testPredicate(n.layout))
    return;
  throw poplar::application_runtime_error(
      n.text.empty()
          ? "AbortOnCondition: the predicate " +
                describeLocation(image.layouts[n.layout]) + " was true"
          : n.text);
}

void ProgramExecutor::executeErrorWithTensor(const exe::ControlNode &n) {
  const exe::TensorLayout &layout = image.layouts[n.layout];
  std::string values = host->describeTensor(layout, gather(memory, layout));
  throw poplar::application_runtime_error(n.text + ": " + values);
}

namespace {

/// Every node reachable from `root`, through children and Calls, each once;
/// `use` is called on each and may add to `used`.
template <class Use>
std::vector<std::uint32_t> collectFromNodes(const exe::ExecutableImage &image,
                                            std::uint32_t root, Use use) {
  std::set<std::uint32_t> used;
  std::vector<bool> visited(image.nodes.size(), false);
  std::vector<std::uint32_t> work{root};
  while (!work.empty()) {
    std::uint32_t i = work.back();
    work.pop_back();
    if (visited[i])
      continue;
    visited[i] = true;
    const exe::ControlNode &n = image.nodes[i];
    use(n, used);
    if (n.kind == exe::NodeKind::Call)
      work.push_back(image.functions[n.index]);
    work.insert(work.end(), n.children.begin(), n.children.end());
  }
  return {used.begin(), used.end()};
}

} // namespace

std::vector<std::uint32_t> streamsUsedBy(const exe::ExecutableImage &image,
                                         std::uint32_t root) {
  return collectFromNodes(
      image, root,
      [](const exe::ControlNode &n, std::set<std::uint32_t> &used) {
        if (n.kind == exe::NodeKind::StreamToDevice ||
            n.kind == exe::NodeKind::StreamFromDevice)
          used.insert(n.index);
      });
}

std::vector<std::uint32_t>
hostFunctionsUsedBy(const exe::ExecutableImage &image, std::uint32_t root) {
  return collectFromNodes(
      image, root,
      [&](const exe::ControlNode &n, std::set<std::uint32_t> &used) {
        if (n.kind == exe::NodeKind::HostFunctionCall)
          used.insert(image.hostCalls[n.index].function);
      });
}

} // namespace tessel::sim
