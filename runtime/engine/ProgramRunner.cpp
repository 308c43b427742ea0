// Running a program: the BSP interpreter over the executable's control tree.
// Exchanges move bytes between tile memories, stream copies cross the host
// link, control nodes read their predicates from tile memory; every step is
// charged to the execution profile by the cycle model.
#include "runtime/engine/EngineImpl.hpp"
#include "runtime/engine/PrintTensorFormat.hpp"

#include "compiler/core/TypeTable.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <cstring>

namespace tessel {

std::vector<std::uint8_t>
EngineImpl::gather(const exe::TensorLayout &layout) const {
  std::vector<std::uint8_t> data;
  std::uint64_t total = 0;
  for (const exe::MemoryPiece &p : layout.pieces)
    total += p.numBytes;
  data.resize(total);
  std::uint64_t at = 0;
  for (const exe::MemoryPiece &p : layout.pieces) {
    std::memcpy(&data[at], memory->at(p.tile, p.address, p.numBytes),
                p.numBytes);
    at += p.numBytes;
  }
  return data;
}

void EngineImpl::scatter(const exe::TensorLayout &layout,
                         const std::uint8_t *data) {
  std::uint64_t at = 0;
  for (const exe::MemoryPiece &p : layout.pieces) {
    std::memcpy(memory->at(p.tile, p.address, p.numBytes), data + at,
                p.numBytes);
    at += p.numBytes;
  }
}

bool EngineImpl::predicate(std::uint32_t layout) const {
  const exe::TensorLayout &l = image.layouts[layout];
  std::vector<std::uint8_t> bytes = gather(l);
  return deviceValueAsDouble(typeFromName(l.typeName), bytes.data(), 0) != 0;
}

void EngineImpl::account(const sim::StepCycles &c, bool host) {
  if (!profiling)
    return;
  profile.compute += c.compute;
  profile.sync += c.sync;
  (host ? profile.host : profile.exchange) += c.exchange;
}

void EngineImpl::execute(std::uint32_t index) {
  using exe::NodeKind;
  const exe::ControlNode &n = image.nodes[index];
  switch (n.kind) {
  case NodeKind::Sequence:
    for (std::uint32_t child : n.children)
      execute(child);
    return;
  case NodeKind::Exchange:
    exchanger->run(n.index);
    account(exchangeCycles[n.index]);
    ++profile.exchangeSteps;
    return;
  case NodeKind::StreamToDevice:
  case NodeKind::StreamFromDevice: {
    HostStream &s = *streams[n.index];
    const exe::TensorLayout &layout = image.layouts[n.layout];
    if (n.kind == NodeKind::StreamToDevice) {
      std::vector<std::uint8_t> data(s.transferBytes());
      s.fetch(data.data());
      scatter(layout, data.data());
    } else {
      s.deliver(gather(layout).data());
    }
    account(cycleModel.hostTransfer(s.transferBytes()), true);
    ++profile.hostTransfers;
    return;
  }
  case NodeKind::Print: {
    const exe::PrintDesc &p = image.prints[n.index];
    const exe::TensorLayout &l = image.layouts[p.layout];
    *printTensorStream << formatTensor(p.title, typeFromName(l.typeName),
                                       l.shape, gather(l), p.format);
    printTensorStream->flush();
    account(cycleModel.hostTransfer(l.elementBytes), true);
    return;
  }
  case NodeKind::Repeat:
    for (std::uint64_t i = 0; i < n.count; ++i)
      execute(n.children[0]);
    return;
  case NodeKind::Loop:
    for (;;)
      execute(n.children[0]);
  case NodeKind::RepeatWhileTrue:
  case NodeKind::RepeatWhileFalse:
    for (;;) {
      execute(n.children[0]);
      account(cycleModel.controlSync());
      ++profile.controlSteps;
      if (predicate(n.layout) != (n.kind == NodeKind::RepeatWhileTrue))
        return;
      execute(n.children[1]);
    }
  case NodeKind::If:
    account(cycleModel.controlSync());
    ++profile.controlSteps;
    execute(predicate(n.layout) ? n.children[0] : n.children[1]);
    return;
  case NodeKind::Switch: {
    account(cycleModel.controlSync());
    ++profile.controlSteps;
    const exe::TensorLayout &l = image.layouts[n.layout];
    std::vector<std::uint8_t> bytes = gather(l);
    auto value = std::int64_t(
        deviceValueAsDouble(typeFromName(l.typeName), bytes.data(), 0));
    for (std::size_t c = 0; c < n.caseValues.size(); ++c)
      if (n.caseValues[c] == value)
        return execute(n.children[c + 1]);
    return execute(n.children[0]);
  }
  case NodeKind::Call:
    execute(image.functions[n.index]);
    return;
  case NodeKind::Sync:
    account(cycleModel.controlSync());
    return;
  case NodeKind::Abort:
    throw poplar::application_runtime_error(
        n.text.empty() ? "Abort program executed" : n.text);
  case NodeKind::AbortOnCondition:
    account(cycleModel.controlSync());
    if (predicate(n.layout))
      throw poplar::application_runtime_error(
          n.text.empty() ? "AbortOnCondition: the predicate was true" : n.text);
    return;
  case NodeKind::ErrorWithTensor: {
    const exe::TensorLayout &l = image.layouts[n.layout];
    std::string values =
        formatTensor("value", typeFromName(l.typeName), l.shape, gather(l),
                     poplar::program::PrintTensorFmt());
    values.pop_back(); // the trailing newline
    throw poplar::application_runtime_error(n.text + " (" + values + ")");
  }
  }
}

void EngineImpl::run(unsigned program) {
  if (!memory)
    throw poplar::runtime_error(
        "Engine::run: the engine is not loaded on a device; call "
        "Engine::load(device) first");
  if (program >= image.programs.size())
    throw poplar::index_error(
        "Engine::run: program " + std::to_string(program) +
        " does not exist; "
        "the engine has " +
        std::to_string(image.programs.size()) + " programs");
  for (std::uint32_t s : streamsUsedBy(image.programs[program]))
    if (!streams[s]->connected())
      throw poplar::stream_connection_error(
          "Engine::run: program " + std::to_string(program) + " uses stream '" +
          streams[s]->description().handle +
          "', which is not connected; call Engine::connectStream or "
          "connectStreamToCallback first");
  execute(image.programs[program]);
}

std::set<std::uint32_t> EngineImpl::streamsUsedBy(std::uint32_t root) const {
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
    if (n.kind == exe::NodeKind::StreamToDevice ||
        n.kind == exe::NodeKind::StreamFromDevice)
      used.insert(n.index);
    if (n.kind == exe::NodeKind::Call)
      work.push_back(image.functions[n.index]);
    work.insert(work.end(), n.children.begin(), n.children.end());
  }
  return used;
}

} // namespace tessel
