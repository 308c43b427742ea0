// A fixed pool of host threads that runs index ranges in parallel. Work is
// split into the same chunks whatever the thread count, so any order-sensitive
// result can be made identical for every pool size.
#ifndef TESSEL_RUNTIME_SIM_THREADPOOL_HPP
#define TESSEL_RUNTIME_SIM_THREADPOOL_HPP

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tessel::sim {

class ThreadPool {
public:
  /// `threads` workers in addition to the calling thread (0: run inline).
  explicit ThreadPool(unsigned threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool &) = delete;
  ThreadPool &operator=(const ThreadPool &) = delete;

  /// Calls fn(i) for every i in [0, n), spread over the pool and the caller;
  /// rethrows the first exception any call threw.
  void parallelFor(std::size_t n, const std::function<void(std::size_t)> &fn);
  unsigned size() const { return unsigned(workers.size()) + 1; }

private:
  void workerLoop();
  void runShare();

  std::vector<std::thread> workers;
  std::mutex mutex;
  std::condition_variable wake, done;
  const std::function<void(std::size_t)> *job = nullptr;
  std::size_t jobSize = 0, next = 0, finished = 0;
  std::size_t generation = 0;
  bool stopping = false;
  std::exception_ptr error;
};

} // namespace tessel::sim

#endif
