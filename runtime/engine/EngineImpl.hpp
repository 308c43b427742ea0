// What a poplar::Engine is inside: the executable image, the simulated
// device it is loaded on, the host's stream connections and print streams,
// and the execution profile. poplar::Engine forwards to it; tests drive it
// directly with hand-built images.
#ifndef TESSEL_RUNTIME_ENGINE_ENGINEIMPL_HPP
#define TESSEL_RUNTIME_ENGINE_ENGINEIMPL_HPP

#include "compiler/codegen/ExecutableImage.hpp"
#include "compiler/core/EngineOptions.hpp"
#include "runtime/engine/HostStreams.hpp"
#include "runtime/engine/Profile.hpp"
#include "runtime/sim/CycleModel.hpp"
#include "runtime/sim/ExecutionProfile.hpp"
#include "runtime/sim/ProgramExecutor.hpp"
#include "runtime/sim/ThreadPool.hpp"
#include "runtime/sim/TileMemory.hpp"

#include <poplar/Device.hpp>
#include <poplar/HostFunctionCallback.hpp>
#include <poplar/OptionFlags.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace tessel {

/// The names of a handle index, quoted and comma-separated, or "none": what
/// errors about an unknown stream, buffer or function list.
template <class Map> std::string knownHandles(const Map &map) {
  if (map.empty())
    return "none";
  std::string names;
  for (const auto &entry : map)
    names += (names.empty() ? "'" : ", '") + entry.first + "'";
  return names;
}

struct DeviceState;

class EngineImpl : public sim::HostPort {
public:
  /// `options` are the engine options; POPLAR_ENGINE_OPTIONS overrides
  /// them. Throws poplar::invalid_option for an unknown option or a bad
  /// value (tessel.hostThreads, tessel.vertexCycleBudget,
  /// tessel.vertexTimeout, ...).
  EngineImpl(exe::ExecutableImage image, const poplar::OptionFlags &options);
  ~EngineImpl() override;
  // Host handles point into the image: an EngineImpl stays where it is.
  EngineImpl(const EngineImpl &) = delete;
  EngineImpl &operator=(const EngineImpl &) = delete;

  // Loading: prepare (check the device, set up its memories) then deploy
  // (write constants and initial values). load does both. The device then
  // holds this engine until another engine loads onto it or, for a
  // hardware IPU, until it is detached.
  //
  // An engine does one thing at a time: run, load, host reads and writes
  // and stream connections made while a run is under way (on another
  // thread, or from its own stream callbacks) throw
  // poplar::application_runtime_error. stop() may be called at any time.
  void prepare(const poplar::Device &device);
  void deploy();
  void load(const poplar::Device &device);
  void run(unsigned program, const std::string &debugName);
  void stop();

  // Host access to createHostWrite / createHostRead handles. `bufEnd` null
  // means the legacy pointer-only form: the buffer holds exactly the tensor.
  void writeTensor(const std::string &handle, const void *buf,
                   const void *bufEnd);
  void readTensor(const std::string &handle, void *buf, void *bufEnd);

  /// The stream called `handle`; throws poplar::stream_connection_error
  /// naming the streams there are, prefixed with `caller`.
  HostStream &stream(const std::string &handle, const std::string &caller);
  std::vector<std::string> streamHandles() const;

  void setPrintStream(std::ostream &stream) { printStream = &stream; }
  void setPrintTensorStream(std::ostream &stream) {
    printTensorStream = &stream;
  }

  const exe::ExecutableImage &executable() const { return image; }
  const poplar::OptionFlags &engineOptions() const { return options; }
  const EngineOptions &engineSettings() const { return settings; }
  unsigned hostThreads() const { return threads; }
  std::uint64_t vertexBudget() const { return vertexCycleBudget; }
  const sim::ExecutionProfile &executionProfile() const { return executed; }
  void resetExecutionProfile() { executed = {}; }
  void enableExecutionProfiling(bool enable) { profiling = enable; }
  /// Cycles the simulated device has spent in every run so far.
  std::uint64_t cycleCount() const;
  /// The profile (Profile.hpp) as the engine options shape it, with the
  /// execution section if `withExecution`.
  nlohmann::json profile(bool withExecution) const;
  /// Where autoReport wrote the profile last ("" if it did not).
  const std::string &reportPath() const { return lastReport; }

  // sim::HostPort: the running program reaches the host through these.
  void streamToDevice(std::uint32_t stream, std::uint8_t *data) override;
  void streamFromDevice(std::uint32_t stream, std::uint8_t *data) override;
  void printTensor(const exe::PrintDesc &print, const exe::TensorLayout &layout,
                   const std::vector<std::uint8_t> &bytes) override;
  void vertexPrinted(const sim::TilePrint &print) override;
  std::string describeTensor(const exe::TensorLayout &layout,
                             const std::vector<std::uint8_t> &bytes) override;

  // Remote buffers (EngineRemoteBuffers.cpp): one row between host memory
  // and streaming memory.
  void copyToRemoteBuffer(const void *src, const std::string &handle,
                          std::uint64_t repeatIndex, unsigned replicationIndex);
  void copyFromRemoteBuffer(const std::string &handle, void *dst,
                            std::uint64_t repeatIndex,
                            unsigned replicationIndex);

  // Host functions (EngineHostFunctions.cpp).
  /// Connects host function `handle`'s code for replica `index`. An
  /// unknown handle is poplar::stream_connection_error naming the host
  /// functions there are; a replica other than 0 is poplar::index_error.
  void connectHostFunction(const std::string &handle, unsigned index,
                           std::unique_ptr<poplar::HostCallback> callback);
  void callHostFunction(std::uint32_t function,
                        const std::vector<const void *> &inputs,
                        const std::vector<void *> &outputs) override;

private:
  enum class State { Unloaded, Prepared, Deployed };
  class BusyGuard;
  /// The device the engine was last prepared on.
  struct Residency {
    std::weak_ptr<DeviceState> device;
    unsigned deviceId = 0;
    /// A hardware IPU: it loses the engine when detached.
    bool exclusive = false;
    std::uint64_t detachCount = 0;
  };
  /// Where each createHostWrite and createHostRead handle's tensor lives.
  struct HostHandle {
    const exe::TensorLayout *write = nullptr;
    const exe::TensorLayout *read = nullptr;
  };

  void checkDevice(const poplar::Device &device) const;
  void prepareDevice(const poplar::Device &device);
  void deployMemory();
  /// Throws unless the engine is deployed and its device still holds it.
  void requireDeployed(const std::string &caller) const;
  void requireResident(const std::string &caller) const;
  /// Throws if an operation is under way (see busy).
  void requireIdle(const std::string &caller) const;
  [[noreturn]] void throwBusy(const std::string &caller) const;
  const exe::TensorLayout &hostTensor(const std::string &handle, bool forWrite,
                                      const std::string &caller) const;
  void checkStreamsConnected(unsigned program) const;
  /// Throws poplar::stream_connection_error naming the first host function
  /// `program` calls that has no callback.
  void checkHostFunctionsConnected(unsigned program) const;
  /// Sets up the host function tables from the image (constructor).
  void indexHostFunctions();
  /// The index of remote buffer `handle`; throws poplar::index_error naming
  /// the buffers there are, prefixed with `caller`.
  std::uint32_t remoteBuffer(const std::string &handle,
                             const std::string &caller) const;
  /// Row `repeatIndex` of the remote buffer `handle`, checked.
  std::uint8_t *remoteBufferRow(const std::string &handle,
                                std::uint64_t repeatIndex,
                                unsigned replicationIndex,
                                const std::string &caller,
                                std::uint64_t &rowBytes);

  exe::ExecutableImage image;
  poplar::OptionFlags options;
  EngineOptions settings;
  unsigned threads = 1;
  std::uint64_t vertexCycleBudget = sim::kDefaultVertexCycleBudget;
  std::uint64_t vertexTimeoutMs = sim::kDefaultVertexTimeoutMs;
  std::map<std::string, HostHandle> hostHandles;
  std::vector<std::unique_ptr<HostStream>> streams;
  std::map<std::string, std::uint32_t> streamIndex;
  std::map<std::string, std::uint32_t> remoteBufferIndex;
  /// Streams each program may copy, found once.
  std::vector<std::vector<std::uint32_t>> programStreams;
  /// Each host function's callback (null: not connected), its index by
  /// handle, and the host functions each program may call.
  std::vector<std::unique_ptr<poplar::HostCallback>> hostCallbacks;
  std::map<std::string, std::uint32_t> hostFunctionIndex;
  std::vector<std::vector<std::uint32_t>> programHostFunctions;
  std::ostream *printStream;
  std::ostream *printTensorStream = nullptr; // null: the print stream

  /// Unique among the process's engines (0 means none in DeviceState).
  const std::uint64_t id;
  Residency residency;
  /// Whether an operation holds the engine, and the program it runs (-1:
  /// the operation is not a run).
  std::atomic<bool> busy{false};
  std::atomic<std::int64_t> activeProgram{-1};

  State state = State::Unloaded;
  std::unique_ptr<sim::ThreadPool> pool;
  std::unique_ptr<sim::TileMemory> memory;
  std::unique_ptr<sim::CycleModel> cycleModel;
  std::unique_ptr<sim::ProgramExecutor> executor;
  /// Cycles of executors replaced by a later prepare.
  std::uint64_t earlierCycles = 0;
  sim::ExecutionProfile executed;
  bool profiling = true;
  std::string lastReport;
};

/// Holds the engine for one operation (a run when `program` >= 0); throws
/// if another holds it.
class EngineImpl::BusyGuard {
public:
  BusyGuard(EngineImpl &engine, const std::string &caller,
            std::int64_t program = -1)
      : engine(engine) {
    if (engine.busy.exchange(true, std::memory_order_acquire))
      engine.throwBusy(caller);
    engine.activeProgram.store(program, std::memory_order_relaxed);
  }
  ~BusyGuard() {
    engine.activeProgram.store(-1, std::memory_order_relaxed);
    engine.busy.store(false, std::memory_order_release);
  }
  BusyGuard(const BusyGuard &) = delete;
  BusyGuard &operator=(const BusyGuard &) = delete;

private:
  EngineImpl &engine;
};

} // namespace tessel

#endif
