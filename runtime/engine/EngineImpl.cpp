// The engine's life: options, loading onto a device (prepare, deploy), runs,
// and the host side of a running program (streams and prints).
#include "runtime/engine/EngineImpl.hpp"

#include "compiler/core/EngineOptions.hpp"
#include "compiler/core/TargetParameters.hpp"
#include "compiler/core/TypeTable.hpp"
#include "runtime/device/DeviceState.hpp"
#include "runtime/engine/PrintTensorFormat.hpp"
#include "runtime/sim/TensorAccess.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <limits>
#include <thread>

namespace tessel {

namespace {

constexpr unsigned kMaxHostThreads = 1024;

/// An option whose value is a count: whether it is set, its text, and its
/// value when the text is 1 to `maxDigits` decimal digits that fit in 64
/// bits (`valid`).
struct DecimalOption {
  bool set = false;
  bool valid = false;
  std::uint64_t value = 0;
  std::string text;
};

DecimalOption decimalOption(const poplar::OptionFlags &options,
                            const char *name, std::size_t maxDigits) {
  DecimalOption o;
  auto it = options.find(name);
  if (it == options.end())
    return o;
  o.set = true;
  o.text = it->second;
  o.valid = !o.text.empty() && o.text.size() <= maxDigits &&
            std::all_of(o.text.begin(), o.text.end(),
                        [](unsigned char c) { return c >= '0' && c <= '9'; });
  if (!o.valid)
    return o;
  errno = 0;
  o.value = std::strtoull(o.text.c_str(), nullptr, 10);
  o.valid = errno != ERANGE;
  return o;
}

/// Option tessel.hostThreads: host threads simulating the device; 0 or
/// unset means every core of the host. Results never depend on it.
unsigned hostThreadsOption(const poplar::OptionFlags &options) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const DecimalOption n = decimalOption(options, "tessel.hostThreads", 9);
  if (!n.set)
    return cores;
  if (!n.valid || n.value > kMaxHostThreads)
    throw poplar::invalid_option(
        "option 'tessel.hostThreads' must be a number of host threads from 0 "
        "(every core) to " +
        std::to_string(kMaxHostThreads) + ", not '" + n.text + "'");
  return n.value == 0 ? cores : unsigned(n.value);
}

/// Option tessel.vertexCycleBudget: the counted cycles one vertex run may
/// take before it is stopped as looping forever.
std::uint64_t vertexCycleBudgetOption(const poplar::OptionFlags &options) {
  const DecimalOption n =
      decimalOption(options, "tessel.vertexCycleBudget", 20);
  if (!n.set)
    return sim::kDefaultVertexCycleBudget;
  if (!n.valid || n.value == 0)
    throw poplar::invalid_option(
        "option 'tessel.vertexCycleBudget' must be a number of cycles from 1 "
        "to " +
        std::to_string(std::numeric_limits<std::uint64_t>::max()) +
        " (default " + std::to_string(sim::kDefaultVertexCycleBudget) +
        "), not '" + n.text + "'");
  return n.value;
}

/// Option tessel.vertexTimeout: the wall-clock milliseconds one vertex run
/// may take before the watchdog stops it; 0 means no limit.
std::uint64_t vertexTimeoutOption(const poplar::OptionFlags &options) {
  constexpr std::uint64_t kMaxMs = std::uint64_t(1) << 40; // 34 years
  const DecimalOption n = decimalOption(options, "tessel.vertexTimeout", 13);
  if (!n.set)
    return sim::kDefaultVertexTimeoutMs;
  if (!n.valid || n.value > kMaxMs)
    throw poplar::invalid_option(
        "option 'tessel.vertexTimeout' must be the wall-clock milliseconds a "
        "vertex may run, from 0 (no limit) to " +
        std::to_string(kMaxMs) + " (default " +
        std::to_string(sim::kDefaultVertexTimeoutMs) + "), not '" + n.text +
        "'");
  return n.value;
}

std::uint64_t nextEngineId() {
  static std::atomic<std::uint64_t> last{0};
  return ++last;
}

std::string describeTarget(const poplar::Target &t) {
  return t.getTargetArchString() + " with " + std::to_string(t.getNumIPUs()) +
         (t.getNumIPUs() == 1 ? " IPU" : " IPUs") + " of " +
         std::to_string(t.getTilesPerIPU()) + " tiles of " +
         std::to_string(t.getBytesPerTile()) + " bytes";
}

} // namespace

void EngineImpl::throwBusy(const std::string &caller) const {
  const std::int64_t program = activeProgram.load(std::memory_order_relaxed);
  throw poplar::application_runtime_error(
      caller + ": the engine is " +
      (program >= 0 ? "already running program " + std::to_string(program)
                    : std::string("busy with another call")) +
      " (on this or another thread); an Engine does one thing at a time: "
      "wait for that call to return, and do not call the engine from its "
      "own stream callbacks (use a second Engine to run concurrently)");
}

void EngineImpl::requireIdle(const std::string &caller) const {
  if (busy.load(std::memory_order_acquire))
    throwBusy(caller);
}

EngineImpl::EngineImpl(exe::ExecutableImage img,
                       const poplar::OptionFlags &opts)
    : image(std::move(img)), options(withEnvironmentOptions(opts)),
      printStream(&std::cout), id(nextEngineId()) {
  checkEngineOptions(options);
  settings = readEngineOptions(options);
  profiling = settings.instrument;
  threads = hostThreadsOption(options);
  vertexCycleBudget = vertexCycleBudgetOption(options);
  vertexTimeoutMs = vertexTimeoutOption(options);
  sim::checkControlNodes(image);
  for (const exe::HostAccessDesc &h : image.hostAccesses) {
    HostHandle &handle = hostHandles[h.handle];
    (h.isWrite ? handle.write : handle.read) = &image.layouts.at(h.layout);
  }
  for (std::uint32_t i = 0; i < image.streams.size(); ++i) {
    streams.push_back(std::make_unique<HostStream>(image.streams[i]));
    streamIndex.emplace(image.streams[i].handle, i);
  }
  for (std::uint32_t i = 0; i < image.remoteBuffers.size(); ++i)
    remoteBufferIndex.emplace(image.remoteBuffers[i].handle, i);
  for (std::uint32_t root : image.programs)
    programStreams.push_back(sim::streamsUsedBy(image, root));
  indexHostFunctions();
  if (settings.anyReport())
    lastReport = writeProfile(profile(false), settings.reportDirectory);
}

EngineImpl::~EngineImpl() {
  // The device no longer holds an engine (unless another took it).
  if (std::shared_ptr<DeviceState> device = residency.device.lock()) {
    std::uint64_t self = id;
    device->loadedEngine.compare_exchange_strong(self, 0);
  }
  if (!settings.outputExecutionProfile)
    return;
  // A destructor must not throw: a report that cannot be written is said
  // on stderr.
  try {
    writeProfile(profile(true), settings.reportDirectory);
  } catch (const std::exception &e) {
    std::cerr << "poplar::Engine: the execution profile was not written: "
              << e.what() << '\n';
  }
}

nlohmann::json EngineImpl::profile(bool withExecution) const {
  ProfileContents contents;
  contents.loweredVariables = settings.outputLoweredVars;
  contents.debugNames = settings.retainDebugInformation;
  contents.execution = withExecution ? &executed : nullptr;
  return buildProfile(image, contents);
}

void EngineImpl::checkDevice(const poplar::Device &device) const {
  const poplar::Target &have = device.getTarget();
  const poplar::Target &want = image.target;
  if (have.getTargetArchString() != want.getTargetArchString() ||
      have.getNumIPUs() != want.getNumIPUs() ||
      have.getTilesPerIPU() != want.getTilesPerIPU() ||
      have.getBytesPerTile() != want.getBytesPerTile())
    throw poplar::invalid_machine_model(
        "Engine::load: the executable was compiled for " +
        describeTarget(want) + ", but the device is " + describeTarget(have) +
        "; build the graph from this device's target (Graph(device.get"
        "Target())) or load onto a device of the compiled target");
  if (have.getTargetType() == poplar::TargetType::IPU && !device.isAttached())
    throw poplar::application_runtime_error(
        "Engine::load: IPU device " + std::to_string(device.getId()) +
        " is not attached; call device.attach() first");
}

void EngineImpl::prepare(const poplar::Device &device) {
  BusyGuard hold(*this, "Engine::prepare");
  prepareDevice(device);
}

void EngineImpl::prepareDevice(const poplar::Device &device) {
  checkDevice(device);
  const poplar::Target &target = device.getTarget();
  if (executor)
    earlierCycles += executor->cycles();
  executor.reset();
  state = State::Unloaded;
  if (!pool)
    pool = std::make_unique<sim::ThreadPool>(threads);
  if (memory)
    memory->clear();
  else
    memory = std::make_unique<sim::TileMemory>(target.getNumTiles(),
                                               target.getBytesPerTile());
  cycleModel = std::make_unique<sim::CycleModel>(targetParams(target));
  executor = std::make_unique<sim::ProgramExecutor>(
      image, *memory, *pool, *cycleModel, vertexCycleBudget, vertexTimeoutMs);
  const std::shared_ptr<DeviceState> &deviceState = DeviceAccess::state(device);
  residency = Residency{deviceState, device.getId(), deviceState->exclusive,
                        deviceState->detachCount.load()};
  deviceState->loadedEngine = id;
  state = State::Prepared;
}

void EngineImpl::deploy() {
  BusyGuard hold(*this, "Engine::deploy");
  deployMemory();
}

void EngineImpl::deployMemory() {
  if (state == State::Unloaded)
    throw poplar::application_runtime_error(
        "Engine::deploy: the engine has not been prepared for a device; call "
        "Engine::prepare(device) first, or Engine::load(device)");
  for (const exe::InitialData &d : image.initialMemory)
    std::memcpy(memory->at(d.tile, d.address, d.bytes.size()), d.bytes.data(),
                d.bytes.size());
  // The device holds its whole image once loaded: map the host pages of
  // every tile's used memory here rather than on the first run's touches
  // (matmul_bench float 256 256 256: 1736 faults in the first run, 328 now).
  for (std::size_t t = 0;
       t < image.tileBytesUsed.size() && t < memory->numTiles(); ++t)
    memory->populate(std::uint32_t(t), image.tileBytesUsed[t]);
  state = State::Deployed;
}

void EngineImpl::load(const poplar::Device &device) {
  BusyGuard hold(*this, "Engine::load");
  prepareDevice(device);
  deployMemory();
}

void EngineImpl::requireResident(const std::string &caller) const {
  auto device = [&] { return "device " + std::to_string(residency.deviceId); };
  std::shared_ptr<DeviceState> state = residency.device.lock();
  if (!state) {
    // The engine's memories are its own; only a hardware IPU's attachment
    // ends with its last Device object.
    if (!residency.exclusive)
      return;
    throw poplar::application_runtime_error(
        caller + ": " + device() +
        " was released (its last poplar::Device object was destroyed) "
        "after this engine was loaded onto it; keep the Device alive, "
        "attach it and call Engine::load(device) again");
  }
  if (state->loadedEngine.load() != id)
    throw poplar::application_runtime_error(
        caller + ": another Engine was loaded onto " + device() +
        " after this one, so the device no longer holds this engine's "
        "program and memory; call Engine::load(device) again to take it "
        "back");
  if (residency.exclusive &&
      (!state->attached || state->detachCount.load() != residency.detachCount))
    throw poplar::application_runtime_error(
        caller + ": " + device() +
        " was detached after this engine was loaded onto it, so it lost "
        "the engine's program and memory; call device.attach() and "
        "Engine::load(device) again");
}

void EngineImpl::requireDeployed(const std::string &caller) const {
  if (state == State::Deployed) {
    requireResident(caller);
    return;
  }
  throw poplar::application_runtime_error(
      caller + (state == State::Prepared
                    ? ": the engine is prepared but not deployed; call "
                      "Engine::deploy() first"
                    : ": the engine is not loaded on a device; call "
                      "Engine::load(device) first"));
}

void EngineImpl::checkStreamsConnected(unsigned program) const {
  for (std::uint32_t s : programStreams[program])
    if (!streams[s]->connected())
      throw poplar::stream_connection_error(
          "Engine::run: program " + std::to_string(program) +
          " copies stream '" + streams[s]->description().handle +
          "', which is not connected; call Engine::connectStream or "
          "Engine::connectStreamToCallback first");
}

void EngineImpl::run(unsigned program, const std::string &debugName) {
  std::string caller =
      "Engine::run(" + std::to_string(program) +
      (debugName.empty() ? std::string() : ", '" + debugName + "'") + ")";
  BusyGuard hold(*this, caller, program);
  requireDeployed(caller);
  if (program >= image.programs.size())
    throw poplar::index_error(
        caller + ": there is no program " + std::to_string(program) +
        "; the engine has " + std::to_string(image.programs.size()) +
        (image.programs.size() == 1 ? " program" : " programs") +
        " (numbered from 0)");
  checkStreamsConnected(program);
  checkHostFunctionsConnected(program);
  try {
    executor->run(image.programs[program], *this,
                  profiling ? &executed : nullptr);
  } catch (...) {
    // The program's error is the one to report; a callback failing while
    // its prefetched data is dropped must not hide it.
    for (auto &s : streams) {
      try {
        s->endRun();
      } catch (...) {
      }
    }
    throw;
  }
  for (auto &s : streams)
    s->endRun();
}

void EngineImpl::stop() {
  if (executor)
    executor->requestStop();
}

std::uint64_t EngineImpl::cycleCount() const {
  return earlierCycles + (executor ? executor->cycles() : 0);
}

void EngineImpl::streamToDevice(std::uint32_t stream, std::uint8_t *data) {
  streams[stream]->toDevice(data);
}

void EngineImpl::streamFromDevice(std::uint32_t stream, std::uint8_t *data) {
  streams[stream]->fromDevice(data);
}

void EngineImpl::printTensor(const exe::PrintDesc &print,
                             const exe::TensorLayout &layout,
                             const std::vector<std::uint8_t> &bytes) {
  std::ostream &out = printTensorStream ? *printTensorStream : *printStream;
  out << formatTensor(print.title, typeFromName(layout.typeName), layout.shape,
                      bytes, print.format);
  out.flush();
}

void EngineImpl::vertexPrinted(const sim::TilePrint &print) {
  const std::string prefix = "Tile " + std::to_string(print.tile) + ": ";
  std::ostream &out = *printStream;
  std::size_t begin = 0;
  while (begin < print.text.size()) {
    std::size_t end = print.text.find('\n', begin);
    if (end == std::string::npos)
      end = print.text.size();
    // A last line without its newline still ends here: the next tile's
    // text starts on a line of its own.
    out << prefix;
    out.write(print.text.data() + begin, std::streamsize(end - begin));
    out << '\n';
    begin = end + 1;
  }
  if (print.truncated)
    out << prefix << "[output cut after " << sim::kMaxTilePrintBytes
        << " bytes in this compute set]\n";
  out.flush();
}

std::string EngineImpl::describeTensor(const exe::TensorLayout &layout,
                                       const std::vector<std::uint8_t> &bytes) {
  return formatTensorValues(typeFromName(layout.typeName), layout.shape, bytes,
                            poplar::program::PrintTensorFmt(), 0);
}

} // namespace tessel
