// Runs exchange supersteps on the tile memories: transfers grouped by
// destination tile and spread over host threads. Every byte written in a
// step is written by exactly one transfer, so results never depend on the
// number of threads.
#ifndef TESSEL_RUNTIME_SIM_EXCHANGEEXECUTOR_HPP
#define TESSEL_RUNTIME_SIM_EXCHANGEEXECUTOR_HPP

#include "compiler/codegen/ExecutableImage.hpp"
#include "runtime/sim/ThreadPool.hpp"
#include "runtime/sim/TileMemory.hpp"

#include <vector>

namespace tessel::sim {

class ExchangeExecutor {
public:
  ExchangeExecutor(const exe::ExecutableImage &image, TileMemory &memory,
                   ThreadPool &pool);
  void run(std::uint32_t step);

private:
  /// Transfers of a step in destination-tile order, cut into chunks of
  /// similar byte counts for the pool.
  struct Plan {
    std::vector<exe::Transfer> transfers;
    std::vector<std::size_t> chunkStarts; // last entry = transfers.size()
    std::uint64_t bytes = 0;
  };
  void runDirect(const Plan &plan);
  void runStaged(const Plan &plan);

  const exe::ExecutableImage &image;
  TileMemory &memory;
  ThreadPool &pool;
  std::vector<Plan> plans;
};

} // namespace tessel::sim

#endif
