// A fixed pool of host threads that runs index ranges in parallel. Callers
// cut their work into the same pieces whatever the pool size, so results
// never depend on the number of threads.
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
  /// A pool that runs work on `threads` host threads in all: the caller of
  /// parallelFor plus threads - 1 workers (0 counts as 1).
  explicit ThreadPool(unsigned threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool &) = delete;
  ThreadPool &operator=(const ThreadPool &) = delete;

  /// Calls fn(i) once for every i in [0, n), spread over the pool and the
  /// calling thread, and returns when all calls are done. If calls throw,
  /// the others still run and the exception of the lowest index is
  /// rethrown, so even the error is independent of the thread count.
  void parallelFor(std::size_t n, const std::function<void(std::size_t)> &fn);
  /// Host threads that run work, the caller's included.
  unsigned size() const { return unsigned(workers.size()) + 1; }

private:
  /// parallelFor on the calling thread alone, with the same error rule.
  void runInline(std::size_t n, const std::function<void(std::size_t)> &fn);
  void workerLoop();
  void runShare();

  std::vector<std::thread> workers;
  std::mutex mutex;
  std::condition_variable wake, done;
  const std::function<void(std::size_t)> *job = nullptr;
  std::size_t jobSize = 0, next = 0, finished = 0;
  std::size_t generation = 0;
  bool stopping = false;
  std::size_t errorIndex = 0;
  std::exception_ptr error;
};

} // namespace tessel::sim

#endif
