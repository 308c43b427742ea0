// Fault recovery and the watchdog for running vertices. Each thread that
// runs vertices has a ThreadState: the jump buffer its signal handler
// escapes to, its stack bounds, its alternate signal stack and what the
// watchdog sees of it. The watchdog never touches a running vertex's state
// from its own thread: it sends SIGURG, and the handler, on the vertex's
// thread, zeroes the cycle budget of the run the watchdog meant (so the
// vertex stops at its next loop header, a safe point) or, once the grace
// period is over, jumps out of the vertex.
#include "runtime/sim/VertexSandbox.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csetjmp>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <pthread.h>
#include <sys/mman.h>
#include <thread>
#include <ucontext.h>
#include <unistd.h>
#include <vector>

namespace tessel::sim {

namespace {

constexpr int kWatchdogSignal = SIGURG;
constexpr int kSignals[] = {SIGSEGV, SIGBUS,  SIGFPE,
                            SIGILL,  SIGTRAP, kWatchdogSignal};
constexpr std::size_t kAltStackBytes = std::size_t(64) << 10;
/// An alternate stack someone else installed is kept if at least this big.
constexpr std::size_t kMinAltStackBytes = std::size_t(16) << 10;
/// How long a vertex asked to stop may go on before it is jumped out of.
constexpr std::chrono::milliseconds kGrace(1000);
constexpr std::chrono::milliseconds kPoll(10);

struct ThreadState {
  sigjmp_buf escape;
  std::atomic<int> active{0};
  /// Vertex runs started on this thread; the watchdog's view of progress.
  std::atomic<std::uint64_t> runs{0};
  abi::RunContext *ctx = nullptr;
  VertexFault fault;
  std::uintptr_t stackLow = 0;
  void *altStack = nullptr;
  /// The sandbox that last checked this thread's alternate stack.
  std::uint64_t preparedFor = 0;
  pthread_t thread{};
  // Set by the watchdog before it signals.
  std::atomic<std::uint64_t> watchdogRun{0};
  std::atomic<int> watchdogForce{0};
  // Set by the handler: the watchdog asked this run to stop.
  std::atomic<int> stopRequested{0};
  // The watchdog's own bookkeeping, under its mutex.
  std::uint64_t seenRuns = ~std::uint64_t(0);
  std::chrono::steady_clock::time_point seenSince;
  int stage = 0;
};

/// The calling thread's state, readable from a signal handler.
__attribute__((tls_model("initial-exec"))) thread_local ThreadState *current =
    nullptr;
__attribute__((tls_model("initial-exec"))) thread_local int forwardDepth = 0;

struct sigaction previous[NSIG];
std::mutex installMutex;
std::atomic<std::uint64_t> sandboxesMade{0};

class Watchdog {
public:
  static Watchdog &get() {
    static Watchdog *watchdog = new Watchdog; // never destroyed: see loop()
    return *watchdog;
  }
  void add(ThreadState *s) {
    std::lock_guard<std::mutex> lock(mutex);
    threads.push_back(s);
  }
  void remove(ThreadState *s) {
    std::lock_guard<std::mutex> lock(mutex);
    for (auto &t : threads)
      if (t == s) {
        t = threads.back();
        threads.pop_back();
        break;
      }
  }
  void begin(std::uint64_t limitMs) {
    std::lock_guard<std::mutex> lock(mutex);
    if (!started) {
      // Detached, and its state leaked, so that process exit never waits
      // for it or destroys what it uses.
      std::thread([this] { loop(); }).detach();
      started = true;
    }
    limits.push_back(limitMs);
    wake.notify_all();
  }
  void end(std::uint64_t limitMs) {
    std::lock_guard<std::mutex> lock(mutex);
    for (auto &l : limits)
      if (l == limitMs) {
        l = limits.back();
        limits.pop_back();
        break;
      }
  }

private:
  void loop() {
    std::unique_lock<std::mutex> lock(mutex);
    for (;;) {
      wake.wait(lock, [&] { return !limits.empty(); });
      wake.wait_for(lock, kPoll);
      if (limits.empty())
        continue;
      std::uint64_t limit = limits[0];
      for (std::uint64_t l : limits)
        limit = std::min(limit, l);
      check(std::chrono::milliseconds(limit));
    }
  }
  void check(std::chrono::milliseconds limit) {
    const auto now = std::chrono::steady_clock::now();
    for (ThreadState *s : threads) {
      const std::uint64_t runs = s->runs.load();
      if (!s->active.load() || runs != s->seenRuns) {
        s->seenRuns = runs;
        s->seenSince = now;
        s->stage = 0;
        continue;
      }
      const auto running = now - s->seenSince;
      if ((s->stage == 0 && running >= limit) ||
          (s->stage == 1 && running >= limit + kGrace)) {
        s->watchdogRun.store(runs);
        s->watchdogForce.store(s->stage);
        ++s->stage;
        pthread_kill(s->thread, kWatchdogSignal);
      }
    }
  }

  std::mutex mutex;
  std::condition_variable wake;
  std::vector<ThreadState *> threads;
  /// The time limits of the runs in progress.
  std::vector<std::uint64_t> limits;
  bool started = false;
};

std::uintptr_t stackPointerOf(void *context) {
  auto *uc = static_cast<ucontext_t *>(context);
#if defined(__x86_64__)
  return std::uintptr_t(uc->uc_mcontext.gregs[REG_RSP]);
#elif defined(__aarch64__)
  return std::uintptr_t(uc->uc_mcontext.sp);
#else
  (void)uc;
  return 0;
#endif
}

/// A fault at the end of the thread's stack: the stack ran out.
bool isStackOverflow(const ThreadState &s, std::uintptr_t sp,
                     std::uintptr_t address) {
  if (!s.stackLow)
    return false;
  constexpr std::uintptr_t kNear = std::uintptr_t(64) << 10;
  constexpr std::uintptr_t kGuardSpan = std::uintptr_t(1) << 20;
  return (sp && sp < s.stackLow + kNear) ||
         (address < s.stackLow + kNear && address + kGuardSpan > s.stackLow);
}

/// Hands a signal that is not a running vertex's to whoever had it before.
void forward(int sig, siginfo_t *info, void *context) {
  const struct sigaction &prev = previous[sig];
  if (++forwardDepth > 1 ||
      (!(prev.sa_flags & SA_SIGINFO) && prev.sa_handler == SIG_DFL)) {
    // The default action: for a fault, the instruction runs again and gets
    // it; a signal sent by kill is sent again.
    --forwardDepth;
    if (sig == kWatchdogSignal)
      return; // ignored by default
    signal(sig, SIG_DFL);
    if (info->si_code <= 0)
      raise(sig);
    return;
  }
  if (prev.sa_flags & SA_SIGINFO) {
    if (prev.sa_sigaction)
      prev.sa_sigaction(sig, info, context);
  } else if (prev.sa_handler != SIG_IGN) {
    prev.sa_handler(sig);
  }
  --forwardDepth;
}

[[noreturn]] void escapeFromVertex(ThreadState &s, int sig) {
  s.active.store(0);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
  siglongjmp(s.escape, 1);
}

void onSignal(int sig, siginfo_t *info, void *context) {
  ThreadState *s = current;
  if (!s || !s->active.load()) {
    forward(sig, info, context);
    return;
  }
  if (sig == kWatchdogSignal) {
    if (s->runs.load() != s->watchdogRun.load()) {
      forward(sig, info, context);
      return;
    }
    s->stopRequested.store(1);
    if (!s->watchdogForce.load()) {
      // Stop at the next loop header or function entry.
      std::uint64_t *budget =
          s->ctx ? __atomic_load_n(&s->ctx->budgetWord, __ATOMIC_ACQUIRE)
                 : nullptr;
      if (budget) {
        __atomic_store_n(budget, 0, __ATOMIC_RELAXED);
        return;
      }
    }
    s->fault = VertexFault{};
    s->fault.signal = sig;
    s->fault.timedOut = true;
    escapeFromVertex(*s, sig);
  }
  s->fault = VertexFault{};
  s->fault.signal = sig;
  s->fault.code = info->si_code;
  s->fault.address = reinterpret_cast<std::uintptr_t>(info->si_addr);
  s->fault.stackOverflow =
      (sig == SIGSEGV || sig == SIGBUS) &&
      isStackOverflow(*s, stackPointerOf(context), s->fault.address);
  escapeFromVertex(*s, sig);
}

void installHandlers() {
  std::lock_guard<std::mutex> lock(installMutex);
  for (int sig : kSignals) {
    struct sigaction now;
    if (sigaction(sig, nullptr, &now) != 0)
      continue;
    if ((now.sa_flags & SA_SIGINFO) && now.sa_sigaction == onSignal)
      continue;
    previous[sig] = now;
    struct sigaction ours {};
    ours.sa_sigaction = onSignal;
    ours.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&ours.sa_mask);
    sigaction(sig, &ours, nullptr);
  }
}

/// Owns a thread's state; unregisters it when the thread ends.
struct ThreadStateOwner {
  ThreadState state;
  bool registered = false;
  ~ThreadStateOwner() {
    if (!registered)
      return;
    Watchdog::get().remove(&state);
    current = nullptr;
    if (state.altStack) {
      stack_t now{};
      const std::size_t page = std::size_t(sysconf(_SC_PAGESIZE));
      if (sigaltstack(nullptr, &now) == 0 &&
          now.ss_sp == static_cast<char *>(state.altStack) + page) {
        stack_t off{};
        off.ss_flags = SS_DISABLE;
        sigaltstack(&off, nullptr);
      }
      munmap(state.altStack, kAltStackBytes + page);
    }
  }
};

ThreadState &threadState() {
  static thread_local ThreadStateOwner owner;
  if (!owner.registered) {
    owner.state.thread = pthread_self();
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      void *base = nullptr;
      std::size_t size = 0;
      if (pthread_attr_getstack(&attr, &base, &size) == 0)
        owner.state.stackLow = reinterpret_cast<std::uintptr_t>(base);
      pthread_attr_destroy(&attr);
    }
    Watchdog::get().add(&owner.state);
    owner.registered = true;
    current = &owner.state;
  }
  return owner.state;
}

/// A stack for the signal handler, so that it runs when the thread's own
/// stack has run out. One another library installed is kept if it is big
/// enough.
void ensureAltStack(ThreadState &s) {
  stack_t now{};
  if (sigaltstack(nullptr, &now) != 0)
    return;
  if (!(now.ss_flags & SS_DISABLE) && now.ss_size >= kMinAltStackBytes)
    return;
  const std::size_t page = std::size_t(sysconf(_SC_PAGESIZE));
  if (!s.altStack) {
    void *p = mmap(nullptr, kAltStackBytes + page, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
      return;
    mprotect(p, page, PROT_NONE); // a guard below the stack
    s.altStack = p;
  }
  stack_t ours{};
  ours.ss_sp = static_cast<char *>(s.altStack) + page;
  ours.ss_size = kAltStackBytes;
  sigaltstack(&ours, nullptr);
}

/// Calls run(ctx) with a way back for the signal handler. sigsetjmp does
/// not save the signal mask (that would be a system call per vertex); the
/// handler unblocks its signal before it jumps.
__attribute__((noinline)) bool
runProtected(ThreadState &s, abi::RunFunction run, abi::RunContext *ctx) {
  if (sigsetjmp(s.escape, 0) != 0)
    return false;
  s.active.store(1, std::memory_order_relaxed);
  run(ctx);
  s.active.store(0, std::memory_order_relaxed);
  return true;
}

std::string hex(std::uintptr_t value) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%llx", (unsigned long long)value);
  return text;
}

std::string describeSegv(const VertexFault &fault) {
  if (fault.stackOverflow)
    return "ran out of stack (unbounded recursion, or local variables too "
           "large for the host thread's stack) at host address " +
           hex(fault.address);
  if (fault.address < 65536)
    return "accessed memory through a null pointer (host address " +
           hex(fault.address) + ")";
  return "accessed host address " + hex(fault.address) +
         ", which is not mapped (" +
         (fault.signal == SIGBUS ? std::string("SIGBUS")
                                 : std::string("SIGSEGV")) +
         ")";
}

} // namespace

std::string describeVertexFault(const VertexFault &fault) {
  if (fault.timedOut)
    return "ran past its wall-clock time limit";
  switch (fault.signal) {
  case SIGFPE:
    if (fault.code == FPE_INTDIV || fault.code == FPE_INTOVF)
      return "divided an integer by zero, or overflowed an integer division "
             "(INT_MIN / -1) (SIGFPE at code address " +
             hex(fault.address) + ")";
    return "raised an arithmetic exception (SIGFPE at code address " +
           hex(fault.address) + ")";
  case SIGILL:
    return "executed a trap or illegal instruction (__builtin_trap(), or "
           "undefined behaviour the compiler turned into a trap; SIGILL at "
           "code address " +
           hex(fault.address) + ")";
  case SIGTRAP:
    return "hit a breakpoint trap (SIGTRAP)";
  case SIGSEGV:
  case SIGBUS:
    return describeSegv(fault);
  default:
    return "was stopped by signal " + std::to_string(fault.signal);
  }
}

VertexSandbox::VertexSandbox(std::uint64_t timeLimitMs)
    : timeLimitMs(timeLimitMs), id(++sandboxesMade) {
  installHandlers();
  if (timeLimitMs)
    Watchdog::get().begin(timeLimitMs);
}

VertexSandbox::~VertexSandbox() {
  if (timeLimitMs)
    Watchdog::get().end(timeLimitMs);
}

void VertexSandbox::enterThread() {
  // Once per thread and compute set run: another library may have changed
  // the alternate stack since the last.
  ThreadState &s = threadState();
  if (s.preparedFor != id) {
    ensureAltStack(s);
    s.preparedFor = id;
  }
}

bool VertexSandbox::run(abi::RunFunction run, abi::RunContext &ctx,
                        VertexFault &fault) {
  ThreadState &s = current ? *current : threadState();
  s.ctx = &ctx;
  s.stopRequested.store(0, std::memory_order_relaxed);
  s.runs.store(s.runs.load(std::memory_order_relaxed) + 1,
               std::memory_order_relaxed);
  const bool returned = runProtected(s, run, &ctx);
  s.ctx = nullptr;
  if (!returned) {
    fault = s.fault;
    return false;
  }
  // A vertex the watchdog interrupted is stopped even if it then returned:
  // the calls it was blocked in were cut short.
  if (s.stopRequested.load()) {
    fault = VertexFault{};
    fault.signal = kWatchdogSignal;
    fault.timedOut = true;
    return false;
  }
  return true;
}

} // namespace tessel::sim
