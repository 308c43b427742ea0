// The BSP executor: walks a program's control tree on the simulated device.
// Execute nodes run compute sets, exchange nodes move bytes between tile
// memories, stream and print nodes
// cross to the host through a HostPort, control nodes read their predicates
// from tile memory, and every step is charged by the cycle model.
#ifndef TESSEL_RUNTIME_SIM_PROGRAMEXECUTOR_HPP
#define TESSEL_RUNTIME_SIM_PROGRAMEXECUTOR_HPP

#include "compiler/codegen/ExecutableImage.hpp"
#include "runtime/sim/CodeletLibrary.hpp"
#include "runtime/sim/ComputeExecutor.hpp"
#include "runtime/sim/CycleModel.hpp"
#include "runtime/sim/ExchangeExecutor.hpp"
#include "runtime/sim/ExecutionProfile.hpp"
#include "runtime/sim/RemoteMemory.hpp"
#include "runtime/sim/ThreadPool.hpp"
#include "runtime/sim/TileMemory.hpp"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace tessel::sim {

/// The host side of a running program: where stream data comes from and
/// goes to, and where printed tensors appear. Implemented by the Engine.
class HostPort {
public:
  virtual ~HostPort() = default;
  /// Fills `data` (one transfer: the stream's numElements elements) from
  /// host-to-device stream `stream`.
  virtual void streamToDevice(std::uint32_t stream, std::uint8_t *data) = 0;
  /// Hands one transfer of device-to-host stream `stream` to the host, in a
  /// scratch copy the host may change.
  virtual void streamFromDevice(std::uint32_t stream, std::uint8_t *data) = 0;
  /// Shows a PrintTensor's tensor, given as its row-major device bytes.
  virtual void printTensor(const exe::PrintDesc &print,
                           const exe::TensorLayout &layout,
                           const std::vector<std::uint8_t> &bytes) = 0;
  /// Shows what the vertices of one tile printed in a compute set.
  virtual void vertexPrinted(const TilePrint &print) = 0;
  /// The values of a tensor as an ErrorProgram's message shows them.
  virtual std::string
  describeTensor(const exe::TensorLayout &layout,
                 const std::vector<std::uint8_t> &bytes) = 0;
  /// Runs host function `function` (exe::HostFunctionDesc) on its
  /// arguments' bytes: `inputs[i]` holds input i, `outputs[i]` receives
  /// output i.
  virtual void callHostFunction(std::uint32_t function,
                                const std::vector<const void *> &inputs,
                                const std::vector<void *> &outputs) = 0;
};

/// The streams that running control node `root` may copy, through calls
/// too; sorted.
std::vector<std::uint32_t> streamsUsedBy(const exe::ExecutableImage &image,
                                         std::uint32_t root);

/// The host functions that running control node `root` may call, through
/// calls too; sorted.
std::vector<std::uint32_t>
hostFunctionsUsedBy(const exe::ExecutableImage &image, std::uint32_t root);

/// Checks what the executor relies on beyond exe::validate: predicates,
/// switch controls and Execute flags are integer scalars (else
/// poplar::type_error naming the node and tensor), Sync nodes have a known
/// SyncType (else poplar::parse_error).
void checkControlNodes(const exe::ExecutableImage &image);

class ProgramExecutor {
public:
  /// Runs checkControlNodes(image), plans every exchange step and loads
  /// the codelets (see CodeletLibrary for its errors). A vertex run stops
  /// after `vertexCycleBudget` counted cycles or `vertexTimeoutMs`
  /// milliseconds of wall-clock time (0: no limit).
  ProgramExecutor(const exe::ExecutableImage &image, TileMemory &memory,
                  ThreadPool &pool, const CycleModel &model,
                  std::uint64_t vertexCycleBudget = kDefaultVertexCycleBudget,
                  std::uint64_t vertexTimeoutMs = kDefaultVertexTimeoutMs);

  /// Runs control node `root` until it ends, an Abort, AbortOnCondition,
  /// ErrorProgram or failing vertex throws (see ComputeExecutor::run for
  /// vertices' errors), or requestStop()
  /// is called. Steps are recorded in `profile` if it is not null. Returns
  /// false if the run was stopped.
  bool run(std::uint32_t root, HostPort &host, ExecutionProfile *profile);

  /// Makes the current run return at its next step boundary; no effect when
  /// nothing is running. Safe to call from any thread, e.g. from a stream
  /// callback.
  void requestStop() { stopRequested.store(true); }

  /// Cycles of every step run so far, whether or not it was profiled.
  std::uint64_t cycles() const { return totalCycles; }

  /// The remote buffers' bytes, which Engine::copyToRemoteBuffer and
  /// copyFromRemoteBuffer reach too.
  RemoteMemory &remoteMemory() { return remote; }

private:
  /// Each returns false when a stop was requested.
  bool execute(std::uint32_t node);
  bool executeSequence(const exe::ControlNode &n);
  bool executeRepeat(const exe::ControlNode &n);
  bool executeLoop(const exe::ControlNode &n);
  bool executeRepeatWhile(const exe::ControlNode &n, bool whileTrue);
  bool executeIf(const exe::ControlNode &n);
  bool executeSwitch(const exe::ControlNode &n);
  void executeCompute(const exe::ControlNode &n);
  void executeExchange(const exe::ControlNode &n);
  void executeStreamToDevice(const exe::ControlNode &n);
  void executeStreamFromDevice(const exe::ControlNode &n);
  void executePrint(const exe::ControlNode &n);
  void executeAbortOnCondition(const exe::ControlNode &n);
  [[noreturn]] void executeErrorWithTensor(const exe::ControlNode &n);
  void executeRemoteBufferCopy(const exe::ControlNode &n, bool toDevice);
  void executeHostFunctionCall(const exe::ControlNode &n);

  /// Broadcasts and tests a control scalar: nonzero is true.
  bool testPredicate(std::uint32_t layout);
  void charge(StepKind kind, const StepCycles &cycles, std::uint32_t index = 0);

  const exe::ExecutableImage &image;
  TileMemory &memory;
  const CycleModel &model;
  ExchangeExecutor exchanger;
  CodeletLibrary codelets;
  ComputeExecutor computer;
  std::vector<StepCycles> exchangeCycles;
  std::atomic<bool> stopRequested{false};
  std::uint64_t totalCycles = 0;
  RemoteMemory remote;
  // Set for the duration of run().
  HostPort *host = nullptr;
  ExecutionProfile *profile = nullptr;
};

} // namespace tessel::sim

#endif
