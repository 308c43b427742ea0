// Running one vertex so that nothing it does can take the host down: a
// hardware fault in it (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP: a bad
// address, an integer division by zero, a stack overflow, __builtin_trap)
// is caught by a signal handler on an alternate signal stack and turned
// into a VertexFault, and a wall-clock watchdog stops a vertex that runs
// longer than its time limit (first by zeroing its cycle budget, which the
// instrumented code checks at every loop header; a vertex stuck in a
// blocking call is then interrupted with SIGURG). Signals that arrive
// outside a vertex go to the handler installed before ours.
#ifndef TESSEL_RUNTIME_SIM_VERTEXSANDBOX_HPP
#define TESSEL_RUNTIME_SIM_VERTEXSANDBOX_HPP

#include <tessel/internal/CodeletABI.hpp>

#include <cstdint>
#include <string>

namespace tessel::sim {

/// What stopped a vertex that did not return by itself.
struct VertexFault {
  int signal = 0;
  int code = 0;
  /// The address the signal reports (the bad address, or the instruction).
  std::uintptr_t address = 0;
  /// The fault was the thread's stack running out.
  bool stackOverflow = false;
  /// The watchdog stopped it.
  bool timedOut = false;
};

/// "divided an integer by zero ..." or "ran out of stack ...": what the
/// fault was, for an error message that names the vertex first.
std::string describeVertexFault(const VertexFault &fault);

/// The signal handlers, per thread alternate stacks and the watchdog. One
/// per ComputeExecutor::run: constructing it (re)installs the handlers if
/// something replaced them, and tells the watchdog vertices are running.
class VertexSandbox {
public:
  /// Vertices run at most `timeLimitMs` milliseconds of wall-clock time; 0
  /// means no limit.
  explicit VertexSandbox(std::uint64_t timeLimitMs);
  ~VertexSandbox();
  VertexSandbox(const VertexSandbox &) = delete;
  VertexSandbox &operator=(const VertexSandbox &) = delete;

  /// Prepares the calling thread (its alternate signal stack, its stack
  /// bounds); call before run() on each thread, once per batch of vertices.
  /// Cheap after the first call on a thread.
  void enterThread();

  /// Calls run(ctx). Returns true if it returned (ctx has its status), or
  /// false with `fault` filled in if a signal or the watchdog stopped it.
  bool run(abi::RunFunction run, abi::RunContext &ctx, VertexFault &fault);

private:
  std::uint64_t timeLimitMs;
  std::uint64_t id;
};

} // namespace tessel::sim

#endif
