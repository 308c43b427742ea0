// The vertex sandbox on its own: run functions that fault are stopped with
// the fault described, signals outside a vertex still reach the handler
// installed before the sandbox, and the watchdog ends a run function that
// never returns even when it never reaches a loop header.
#include "runtime/sim/VertexSandbox.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>
#include <unistd.h>

using namespace tessel;
using namespace tessel::sim;

namespace {

// The run functions that fault are compiled without sanitizer
// instrumentation, as codelets are (popc builds them without it). Under
// ThreadSanitizer an instrumented recursion records an event per call and
// now and then takes the runtime's trace lock in that call; a stack overflow
// that lands there leaves the lock held when the sandbox jumps out, and the
// next instrumented access crashes (the intermittent SIGSEGV of
// docs/hardening.md).
#if defined(__clang__)
#define TESSEL_AS_CODELET __attribute__((disable_sanitizer_instrumentation))
#else
#define TESSEL_AS_CODELET
#endif

volatile int *volatile nowhere = nullptr;
volatile int bottom = 1 << 30; // deeper than any host stack goes
std::atomic<int> userSignals{0};

void countSignal(int) { ++userSignals; }

TESSEL_AS_CODELET void readNull(abi::RunContext *ctx) {
  ctx->result = std::uint8_t(*nowhere);
}

TESSEL_AS_CODELET __attribute__((noinline)) int recurse(int depth) {
  volatile char frame[512];
  frame[0] = char(depth);
  if (depth == bottom)
    return 0;
  return recurse(depth + 1) + frame[0];
}
TESSEL_AS_CODELET void overflowStack(abi::RunContext *ctx) {
  ctx->result = std::uint8_t(recurse(0));
}

void raiseFpe(abi::RunContext *) { raise(SIGFPE); }

void sleepLong(abi::RunContext *) { sleep(3600); }

void returnOk(abi::RunContext *ctx) {
  ctx->status = abi::RunStatus::Ok;
  ctx->result = 1;
}

/// Runs `fn` in a fresh sandbox on the calling thread.
bool runIn(VertexSandbox &sandbox, abi::RunFunction fn, VertexFault &fault) {
  sandbox.enterThread();
  abi::RunContext ctx{};
  return sandbox.run(fn, ctx, fault);
}

} // namespace

TEST_CASE("Faults in a run function are caught and described",
          "[runtime][sandbox]") {
  VertexSandbox sandbox(0);
  VertexFault fault;
  CHECK_FALSE(runIn(sandbox, readNull, fault));
  CHECK(fault.signal == SIGSEGV);
  CHECK_FALSE(fault.stackOverflow);
  CHECK_THAT(describeVertexFault(fault), Catch::Contains("null pointer"));
  CHECK_FALSE(runIn(sandbox, overflowStack, fault));
  CHECK(fault.stackOverflow);
  CHECK_THAT(describeVertexFault(fault), Catch::Contains("ran out of stack"));
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TESSEL_TEST_UNDER_TSAN 1
#endif
#endif
#ifndef TESSEL_TEST_UNDER_TSAN
  // ThreadSanitizer delays a raise()d signal until after the run function
  // has returned, so the fault is not the run's (docs/hardening.md).
  CHECK_FALSE(runIn(sandbox, raiseFpe, fault));
  CHECK(fault.signal == SIGFPE);
#endif
  // The thread is usable afterwards, on this thread and another.
  CHECK(runIn(sandbox, returnOk, fault));
  bool otherThread = false, otherOk = false;
  std::thread([&] {
    otherThread = !runIn(sandbox, overflowStack, fault) && fault.stackOverflow;
    otherOk = runIn(sandbox, returnOk, fault);
  }).join();
  CHECK(otherThread);
  CHECK(otherOk);
}

TEST_CASE("Signals outside a vertex reach the handler installed before",
          "[runtime][sandbox]") {
  struct sigaction user {
  }, old{};
  user.sa_handler = countSignal;
  sigemptyset(&user.sa_mask);
  REQUIRE(sigaction(SIGURG, &user, &old) == 0);
  userSignals = 0;
  {
    VertexSandbox sandbox(0); // installs its handlers over the user's
    raise(SIGURG);
    CHECK(userSignals == 1);
    VertexFault fault;
    CHECK(runIn(sandbox, returnOk, fault));
    raise(SIGURG);
    CHECK(userSignals == 2);
  }
  sigaction(SIGURG, &old, nullptr);
}

TEST_CASE("The watchdog ends a run function blocked in one call",
          "[runtime][sandbox]") {
  VertexSandbox sandbox(100);
  VertexFault fault;
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(runIn(sandbox, sleepLong, fault));
  CHECK(fault.timedOut);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  CHECK(runIn(sandbox, returnOk, fault));
}
