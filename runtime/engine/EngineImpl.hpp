// What a poplar::Engine is inside: the executable image, the simulated
// device it is loaded on, host stream connections and the execution profile.
#ifndef TESSEL_RUNTIME_ENGINE_ENGINEIMPL_HPP
#define TESSEL_RUNTIME_ENGINE_ENGINEIMPL_HPP

#include "compiler/codegen/ExecutableImage.hpp"
#include "runtime/engine/HostStreams.hpp"
#include "runtime/sim/CycleModel.hpp"
#include "runtime/sim/ExchangeExecutor.hpp"
#include "runtime/sim/ThreadPool.hpp"
#include "runtime/sim/TileMemory.hpp"

#include <poplar/Device.hpp>
#include <poplar/OptionFlags.hpp>

#include <iostream>
#include <memory>
#include <set>
#include <vector>

namespace tessel {

/// Cycles spent so far, by phase, and how many steps of each kind ran.
struct ExecutionProfile {
  std::uint64_t compute = 0, sync = 0, exchange = 0, host = 0;
  std::uint64_t exchangeSteps = 0, hostTransfers = 0, controlSteps = 0;
  std::uint64_t total() const { return compute + sync + exchange + host; }
};

class EngineImpl {
public:
  EngineImpl(exe::ExecutableImage image, const poplar::OptionFlags &options);

  void load(const poplar::Device &device);
  void run(unsigned program);
  std::vector<std::uint8_t> gather(const exe::TensorLayout &layout) const;
  void scatter(const exe::TensorLayout &layout, const std::uint8_t *data);
  const exe::HostAccessDesc &hostAccess(const std::string &handle,
                                        bool forWrite) const;
  HostStream &stream(const std::string &handle);

  exe::ExecutableImage image;
  poplar::OptionFlags options;
  std::vector<std::unique_ptr<HostStream>> streams;
  std::ostream *printStream = &std::cout;
  std::ostream *printTensorStream = &std::cout;
  ExecutionProfile profile;
  bool profiling = true;

private:
  void execute(std::uint32_t node);
  bool predicate(std::uint32_t layout) const;
  void account(const sim::StepCycles &cycles, bool host = false);
  std::set<std::uint32_t> streamsUsedBy(std::uint32_t root) const;

  std::unique_ptr<sim::TileMemory> memory;
  std::unique_ptr<sim::ThreadPool> pool;
  std::unique_ptr<sim::ExchangeExecutor> exchanger;
  sim::CycleModel cycleModel;
  std::vector<sim::StepCycles> exchangeCycles;
};

} // namespace tessel

#endif
