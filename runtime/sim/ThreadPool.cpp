// The simulator's host thread pool: workers sleep until parallelFor hands
// out a job, then take indices one at a time until none are left.
#include "runtime/sim/ThreadPool.hpp"

#include <utility>

namespace tessel::sim {

ThreadPool::ThreadPool(unsigned threads) {
  for (unsigned i = 1; i < threads; ++i)
    workers.emplace_back([this] { workerLoop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex);
    stopping = true;
  }
  wake.notify_all();
  for (std::thread &t : workers)
    t.join();
}

void ThreadPool::runShare() {
  for (;;) {
    std::size_t i;
    const std::function<void(std::size_t)> *fn;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (!job || next >= jobSize)
        return;
      i = next++;
      fn = job;
    }
    std::exception_ptr thrown;
    try {
      (*fn)(i);
    } catch (...) {
      thrown = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mutex);
    if (thrown && (!error || i < errorIndex)) {
      error = thrown;
      errorIndex = i;
    }
    // Dropped under the lock: the caller may destroy the exception as soon
    // as it has the lock (ThreadSanitizer saw that as a race).
    thrown = nullptr;
    if (++finished == jobSize)
      done.notify_all();
  }
}

void ThreadPool::workerLoop() {
  std::size_t seen = 0;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex);
      wake.wait(lock, [&] { return stopping || generation != seen; });
      if (stopping)
        return;
      seen = generation;
    }
    runShare();
  }
}

void ThreadPool::runInline(std::size_t n,
                           const std::function<void(std::size_t)> &fn) {
  std::exception_ptr first;
  for (std::size_t i = 0; i < n; ++i) {
    try {
      fn(i);
    } catch (...) {
      if (!first)
        first = std::current_exception();
    }
  }
  if (first)
    std::rethrow_exception(first);
}

void ThreadPool::parallelFor(std::size_t n,
                             const std::function<void(std::size_t)> &fn) {
  if (n == 0)
    return;
  if (workers.empty() || n == 1) {
    runInline(n, fn);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex);
    job = &fn;
    jobSize = n;
    next = finished = 0;
    error = nullptr;
    ++generation;
  }
  wake.notify_all();
  runShare();
  std::unique_lock<std::mutex> lock(mutex);
  done.wait(lock, [&] { return finished == jobSize; });
  job = nullptr;
  if (error)
    std::rethrow_exception(std::exchange(error, nullptr));
}

} // namespace tessel::sim
