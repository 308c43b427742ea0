// The simulator's host thread pool.
#include "runtime/sim/ThreadPool.hpp"

namespace tessel::sim {

ThreadPool::ThreadPool(unsigned threads) {
  for (unsigned i = 0; i < threads; ++i)
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
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (next >= jobSize)
        return;
      i = next++;
    }
    try {
      (*job)(i);
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex);
      if (!error)
        error = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mutex);
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

void ThreadPool::parallelFor(std::size_t n,
                             const std::function<void(std::size_t)> &fn) {
  if (n == 0)
    return;
  if (workers.empty() || n == 1) {
    for (std::size_t i = 0; i < n; ++i)
      fn(i);
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
    std::rethrow_exception(error);
}

} // namespace tessel::sim
