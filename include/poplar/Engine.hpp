// poplar::Engine: compiles a graph (or takes an Executable), loads it onto a
// device and runs its programs; host access to tensors and streams.
#ifndef POPLAR_ENGINE_HPP
#define POPLAR_ENGINE_HPP

#include <poplar/ArrayRef.hpp>
#include <poplar/DataStream.hpp>
#include <poplar/DebugContext.hpp>
#include <poplar/Device.hpp>
#include <poplar/Executable.hpp>
#include <poplar/Graph.hpp>
#include <poplar/HostFunctionCallback.hpp>
#include <poplar/OptionFlags.hpp>
#include <poplar/ProfileValue.hpp>
#include <poplar/Program.hpp>
#include <poplar/RuntimeOptions.hpp>
#include <poplar/StreamCallback.hpp>
#include <poplar/StringRef.hpp>
#include <poplar/Tensor.hpp>
#include <poplar/TypeConversion.hpp>
#include <poplar/exceptions.hpp>

#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace tessel {
class EngineImpl;
} // namespace tessel

namespace poplar {

using ProgressFunc = std::function<void(int, int)>;

/// Compiles `graph` and `progs` for the graph's target. Runs the whole
/// compiler pipeline; errors are thrown as typed poplar exceptions.
Executable compileGraph(const Graph &graph, ArrayRef<program::Program> progs,
                        const OptionFlags &opt = {},
                        ProgressFunc progressCallBack = {},
                        const DebugContext &debugContext = {});
Executable compileGraph(Graph &&graph, ArrayRef<program::Program> progs,
                        const OptionFlags &opt = {},
                        ProgressFunc progressCallBack = {},
                        const DebugContext &debugContext = {});

class Engine {
public:
  using ProgressFunc = poplar::ProgressFunc;

  Engine(const Graph &graph, ArrayRef<program::Program> progs,
         const OptionFlags &opt = {}, ProgressFunc progressCallBack = {},
         const DebugContext &debugContext = {});
  Engine(const Graph &graph, program::Program prog, const OptionFlags &opt = {},
         ProgressFunc progressCallBack = {},
         const DebugContext &debugContext = {});
  Engine(Graph &&graph, ArrayRef<program::Program> progs,
         const OptionFlags &opt = {}, ProgressFunc progressCallBack = {},
         const DebugContext &debugContext = {});
  Engine(Graph &&graph, program::Program prog, const OptionFlags &opt = {},
         ProgressFunc progressCallBack = {},
         const DebugContext &debugContext = {});
  explicit Engine(Executable &&exe, const OptionFlags &opt = {});
  Engine(Engine &&) noexcept;
  Engine &operator=(Engine &&) noexcept;
  ~Engine();

  // Loading and running.
  void load(const Device &device);
  void prepare(const Device &device, const RuntimeOptions &options = {});
  void deploy();
  void loadAndRun(const Device &device, unsigned prog = 0);
  void run(unsigned prog = 0, const std::string &debugName = "");
  void run(unsigned prog, const std::string &debugName,
           const RuntimeOptions &options);
  void stop();

  void setPrintStream(std::ostream &stream);
  void setPrintTensorStream(std::ostream &stream);

  // Host access to tensors made with createHostWrite / createHostRead.
  void writeTensor(StringRef handle, const void *buf, const void *bufEnd);
  void readTensor(StringRef handle, void *buf, void *bufEnd);
  /// Legacy forms: the buffer holds exactly the tensor.
  void writeTensor(StringRef handle, const void *buf);
  void readTensor(StringRef handle, void *buf);
  template <class T> void writeTensor(StringRef handle, ArrayRef<T> buf) {
    writeTensor(handle, buf.data(), buf.data() + buf.size());
  }
  template <class T> void readTensor(StringRef handle, ArrayRef<T> buf) {
    readTensor(handle, const_cast<T *>(buf.data()),
               const_cast<T *>(buf.data() + buf.size()));
  }

  // Streams.
  void connectStream(StringRef handle, void *begin, void *end);
  void connectStream(StringRef handle, void *p);
  void connectStream(const DataStream &stream, void *begin, void *end);
  void connectStream(const DataStream &stream, void *p);
  template <class T> void connectStream(StringRef handle, ArrayRef<T> buf) {
    connectStream(handle, const_cast<T *>(buf.data()),
                  const_cast<T *>(buf.data() + buf.size()));
  }
  void connectStreamToCallback(StringRef handle,
                               std::function<void(void *)> callback);
  void connectStreamToCallback(StringRef handle, unsigned replicaIndex,
                               std::function<void(void *)> callback);
  void connectStreamToCallback(StringRef handle,
                               std::unique_ptr<StreamCallback> callback);
  void connectStreamToCallback(StringRef handle, unsigned replicaIndex,
                               std::unique_ptr<StreamCallback> callback);
  std::vector<std::string> listStreams() const;

  // Remote buffers: one row (numElements() elements) of the buffer
  // `handle` from or to host memory.
  void copyToRemoteBuffer(const void *src, StringRef handle,
                          std::uint64_t repeatIndex,
                          unsigned replicationIndex = 0);
  void copyFromRemoteBuffer(StringRef handle, void *dst,
                            std::uint64_t repeatIndex,
                            unsigned replicationIndex = 0);

  /// Gives host function `handle` (Graph::addHostFunction) its code for
  /// replica `index` (0: graphs are not replicated). Every host function a
  /// program calls must be connected before Engine::run.
  void connectHostFunction(StringRef handle, unsigned index,
                           HostCallbackHandle callback);

  // Profiling.
  void printProfileSummary(std::ostream &out,
                           const OptionFlags &opt = {}) const;
  void resetExecutionProfile();
  void enableExecutionProfiling();
  void disableExecutionProfiling();
  /// Cycles the simulated device has spent in all runs so far.
  std::uint64_t getCycleCount() const;
  const OptionFlags &getEngineOptions() const;
  /// Legacy (pre-SDK 2.0) profiles: Tessel's profile (docs/profile-format.md)
  /// as a ProfileValue tree. The graph profile is everything but
  /// "execution"; the execution profile is the "execution" map of the runs
  /// profiled so far.
  ProfileValue getGraphProfile() const;
  ProfileValue getExecutionProfile() const;

  // Device timestamps (issue 13 part 6).
  /// A reading of the simulated device's cycle counter.
  class TimerTimePoint {
  public:
    TimerTimePoint() = default;
    /// Device cycles run since the Engine was made.
    std::uint64_t cycles() const { return cycles_; }

  private:
    friend class Engine;
    std::uint64_t cycles_ = 0;
    double clockHz_ = 0;
  };
  /// The device's cycle counter now: the cycles of every run so far.
  TimerTimePoint getTimeStamp();
  /// The device time between two timestamps of this Engine, as
  /// "<n> cycles (<t> us at <f> MHz)"; overflow_error if `end` is before
  /// `start`.
  std::string reportTiming(const TimerTimePoint &start,
                           const TimerTimePoint &end) const;

private:
  std::unique_ptr<tessel::EngineImpl> impl;
};

} // namespace poplar

#endif
