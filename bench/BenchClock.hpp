// The wall clock every benchmark reads.
#ifndef TESSEL_BENCH_BENCHCLOCK_HPP
#define TESSEL_BENCH_BENCHCLOCK_HPP

#include <chrono>

using Clock = std::chrono::steady_clock;

/// Seconds from `start` to now.
inline double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

#endif
