// poplar::Engine: the public face of EngineImpl. Constructors that compile a
// graph live in EngineFromGraph.cpp, so this file needs no compiler.
#include "runtime/engine/EngineImpl.hpp"
#include "runtime/engine/ProfileSummary.hpp"

#include <poplar/Engine.hpp>
#include <poplar/exceptions.hpp>

#include <iomanip>
#include <sstream>

namespace poplar {

namespace {

tessel::EngineImpl &checked(const std::unique_ptr<tessel::EngineImpl> &impl) {
  if (!impl)
    throw poplar_error("this poplar::Engine was moved from and holds no "
                       "executable; use the Engine it was moved to");
  return *impl;
}

} // namespace

Engine::Engine(Executable &&exe, const OptionFlags &opt)
    : impl(std::make_unique<tessel::EngineImpl>(
          std::move(tessel::ExecutableAccess::image(exe)), opt)) {}

Engine::Engine(Engine &&) noexcept = default;
Engine &Engine::operator=(Engine &&) noexcept = default;
Engine::~Engine() = default;

void Engine::load(const Device &device) { checked(impl).load(device); }

void Engine::prepare(const Device &device, const RuntimeOptions &) {
  // RuntimeOptions tune hardware host threads and sync timeouts; nothing in
  // the simulator depends on them.
  checked(impl).prepare(device);
}

void Engine::deploy() { checked(impl).deploy(); }

void Engine::loadAndRun(const Device &device, unsigned prog) {
  load(device);
  run(prog);
}

void Engine::run(unsigned prog, const std::string &debugName) {
  checked(impl).run(prog, debugName);
}

void Engine::run(unsigned prog, const std::string &debugName,
                 const RuntimeOptions &) {
  checked(impl).run(prog, debugName);
}

void Engine::stop() { checked(impl).stop(); }

void Engine::setPrintStream(std::ostream &stream) {
  checked(impl).setPrintStream(stream);
}

void Engine::setPrintTensorStream(std::ostream &stream) {
  checked(impl).setPrintTensorStream(stream);
}

void Engine::writeTensor(StringRef handle, const void *buf,
                         const void *bufEnd) {
  if (!bufEnd)
    throw tensor_io_state_error("Engine::writeTensor('" + std::string(handle) +
                                "'): the buffer's end pointer is null");
  checked(impl).writeTensor(handle, buf, bufEnd);
}

void Engine::readTensor(StringRef handle, void *buf, void *bufEnd) {
  if (!bufEnd)
    throw tensor_io_state_error("Engine::readTensor('" + std::string(handle) +
                                "'): the buffer's end pointer is null");
  checked(impl).readTensor(handle, buf, bufEnd);
}

void Engine::writeTensor(StringRef handle, const void *buf) {
  checked(impl).writeTensor(handle, buf, nullptr);
}

void Engine::readTensor(StringRef handle, void *buf) {
  checked(impl).readTensor(handle, buf, nullptr);
}

void Engine::connectStream(StringRef handle, void *begin, void *end) {
  checked(impl)
      .stream(handle, "Engine::connectStream('" + std::string(handle) + "')")
      .connectBuffer(begin, end);
}

void Engine::connectStream(StringRef handle, void *p) {
  checked(impl)
      .stream(handle, "Engine::connectStream('" + std::string(handle) + "')")
      .connectPointer(p);
}

void Engine::connectStream(const DataStream &stream, void *begin, void *end) {
  connectStream(stream.handle(), begin, end);
}

void Engine::connectStream(const DataStream &stream, void *p) {
  connectStream(stream.handle(), p);
}

static void checkReplica(const std::string &handle, unsigned replicaIndex) {
  // Executables hold one replica; replicated graphs are planned.
  if (replicaIndex != 0)
    throw index_error("Engine::connectStreamToCallback('" + handle +
                      "'): there is no replica " +
                      std::to_string(replicaIndex) +
                      "; the engine has 1 replica (index 0)");
}

void Engine::connectStreamToCallback(StringRef handle,
                                     std::function<void(void *)> callback) {
  std::string caller =
      "Engine::connectStreamToCallback('" + std::string(handle) + "')";
  checked(impl).stream(handle, caller).connectFunction(std::move(callback));
}

void Engine::connectStreamToCallback(StringRef handle, unsigned replicaIndex,
                                     std::function<void(void *)> callback) {
  checkReplica(handle, replicaIndex);
  connectStreamToCallback(handle, std::move(callback));
}

void Engine::connectStreamToCallback(StringRef handle,
                                     std::unique_ptr<StreamCallback> callback) {
  std::string caller =
      "Engine::connectStreamToCallback('" + std::string(handle) + "')";
  checked(impl).stream(handle, caller).connectCallback(std::move(callback));
}

void Engine::connectStreamToCallback(StringRef handle, unsigned replicaIndex,
                                     std::unique_ptr<StreamCallback> callback) {
  checkReplica(handle, replicaIndex);
  connectStreamToCallback(handle, std::move(callback));
}

void Engine::connectHostFunction(StringRef handle, unsigned index,
                                 HostCallbackHandle callback) {
  checked(impl).connectHostFunction(std::string(handle), index,
                                    callback.release());
}

std::vector<std::string> Engine::listStreams() const {
  return checked(impl).streamHandles();
}

void Engine::copyToRemoteBuffer(const void *src, StringRef handle,
                                std::uint64_t repeatIndex,
                                unsigned replicationIndex) {
  checked(impl).copyToRemoteBuffer(src, std::string(handle), repeatIndex,
                                   replicationIndex);
}

void Engine::copyFromRemoteBuffer(StringRef handle, void *dst,
                                  std::uint64_t repeatIndex,
                                  unsigned replicationIndex) {
  checked(impl).copyFromRemoteBuffer(std::string(handle), dst, repeatIndex,
                                     replicationIndex);
}

void Engine::printProfileSummary(std::ostream &out,
                                 const OptionFlags &opt) const {
  const tessel::EngineImpl &e = checked(impl);
  out << tessel::profileSummary(e.executable(), e.executionProfile(),
                                e.cycleCount(), opt,
                                e.engineSettings().retainDebugInformation);
}

void Engine::resetExecutionProfile() { checked(impl).resetExecutionProfile(); }

void Engine::enableExecutionProfiling() {
  checked(impl).enableExecutionProfiling(true);
}

void Engine::disableExecutionProfiling() {
  checked(impl).enableExecutionProfiling(false);
}

std::uint64_t Engine::getCycleCount() const {
  return checked(impl).cycleCount();
}

const OptionFlags &Engine::getEngineOptions() const {
  return checked(impl).engineOptions();
}

Engine::TimerTimePoint Engine::getTimeStamp() {
  const tessel::EngineImpl &e = checked(impl);
  TimerTimePoint now;
  now.cycles_ = e.cycleCount();
  now.clockHz_ = e.executable().target.getTileClockFrequency();
  return now;
}

std::string Engine::reportTiming(const TimerTimePoint &start,
                                 const TimerTimePoint &end) const {
  checked(impl);
  if (end.cycles_ < start.cycles_)
    throw overflow_error(
        "reportTiming: the end timestamp (" + std::to_string(end.cycles_) +
        " cycles) is before the start (" + std::to_string(start.cycles_) +
        " cycles); pass the earlier getTimeStamp first");
  const double clockHz = end.clockHz_ > 0 ? end.clockHz_ : start.clockHz_;
  const std::uint64_t cycles = end.cycles_ - start.cycles_;
  std::ostringstream out;
  out << cycles << " cycles";
  if (clockHz > 0)
    out << " (" << std::fixed << std::setprecision(3)
        << static_cast<double>(cycles) * 1e6 / clockHz << " us at "
        << std::setprecision(0) << clockHz / 1e6 << " MHz)";
  return out.str();
}

} // namespace poplar
