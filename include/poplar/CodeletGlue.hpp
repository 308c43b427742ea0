// Support for the glue popc appends to a codelet source (see CodeletABI.hpp):
// running one vertex against its state in tile memory, the checks that the
// instrumentation pass calls, and TESSEL_CODELET_RUNTIME, which defines them
// once per compiled codelet object. Nothing here is instrumented: popc skips
// functions in tessel::abi and those named __tessel_*.
#ifndef POPLAR_CODELETGLUE_HPP
#define POPLAR_CODELETGLUE_HPP

#include <poplar/Vertex.hpp>

#include <pthread.h>

#include <csetjmp>
#include <new>

extern "C" {
/// The running vertex's state on this thread; the instrumentation pass
/// addresses its first four members (tessel::abi::ExecState).
extern __attribute__((visibility(
    "hidden"))) thread_local tessel::abi::ExecStateFull __tessel_exec;
/// Called by instrumented code for a store outside [okBegin, okEnd).
void __tessel_store_slow(std::uintptr_t address, std::uint64_t bytes);
/// Called by instrumented code when cycles exceed cycleBudget.
void __tessel_budget_exceeded();
}

namespace tessel::abi {

/// Bytes below the glue's frame that the vertex's own stack may use.
inline constexpr std::uintptr_t kStackAllowance = std::uintptr_t(16) << 20;

/// The lowest address of the running thread's stack, looked up once per
/// thread: the vertex's stack range must never reach below it, or a stray
/// store into whatever is mapped there would pass as a stack store.
inline std::uintptr_t threadStackLow(std::uintptr_t sp) {
  static thread_local std::uintptr_t low = 0, high = 0;
  if (sp < low || sp >= high) {
    pthread_attr_t attr;
    void *base = nullptr;
    std::size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      pthread_attr_getstack(&attr, &base, &size);
      pthread_attr_destroy(&attr);
    }
    low = reinterpret_cast<std::uintptr_t>(base);
    high = low + size;
    if (sp < low || sp >= high) // unknown bounds: keep the allowance
      low = 0, high = ~std::uintptr_t(0);
  }
  return low;
}

/// Sorts ranges by start and merges overlapping ones; returns the count.
inline std::uint32_t normaliseRanges(WritableRange *r, std::uint32_t n) {
  // Shell sort: no library calls, which would be instrumented.
  for (std::uint32_t gap = n / 2; gap > 0; gap /= 2)
    for (std::uint32_t i = gap; i < n; ++i) {
      WritableRange item = r[i];
      std::uint32_t j = i;
      for (; j >= gap && r[j - gap].begin > item.begin; j -= gap)
        r[j] = r[j - gap];
      r[j] = item;
    }
  std::uint32_t out = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (out && r[i].begin <= r[out - 1].end) {
      if (r[i].end > r[out - 1].end)
        r[out - 1].end = r[i].end;
    } else {
      r[out++] = r[i];
    }
  }
  return out;
}

inline void storeSlowPath(ExecStateFull &es, std::uintptr_t address,
                          std::uint64_t bytes) {
  std::uint32_t lo = 0, hi = es.numRanges;
  while (lo < hi) { // first range starting after address
    const std::uint32_t mid = (lo + hi) / 2;
    if (es.ranges[mid].begin <= address)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo > 0 && address + bytes <= es.ranges[lo - 1].end) {
    es.okBegin = es.ranges[lo - 1].begin;
    es.okEnd = es.ranges[lo - 1].end;
    return;
  }
  es.status = RunStatus::BadStore;
  es.faultAddress = address;
  es.faultBytes = bytes;
  std::longjmp(es.escape, 1);
}

inline void budgetExceeded(ExecStateFull &es) {
  es.status = RunStatus::BudgetExceeded;
  std::longjmp(es.escape, 1);
}

template <class V>
void runVertex(RunContext *ctx, void (*bindAll)(V &, Binder &)) {
  ExecStateFull &es = __tessel_exec;
  es.cycles = 0;
  es.cycleBudget = ctx->cycleBudget;
  es.okBegin = es.okEnd = 0;
  es.status = RunStatus::Ok;
  ctx->cycles = 0;
  ctx->result = 0;
  ctx->faultAddress = 0;
  ctx->faultBytes = 0;
  if ((ctx->stateAddress & 3) || ctx->stateAddress >= ctx->tileBytes) {
    ctx->status = RunStatus::BadState;
    return;
  }
  alignas(V) unsigned char storage[sizeof(V)];
  V *vertex = new (storage) V();
  const auto *state = reinterpret_cast<const std::uint32_t *>(
      ctx->tileBase + ctx->stateAddress);
  Binder b{ctx->tileBase,
           ctx->tileBytes,
           state,
           state + (ctx->tileBytes - ctx->stateAddress) / 4,
           true,
           es.ranges,
           0,
           ExecStateFull::kMaxRanges,
           es.arena,
           0,
           ExecStateFull::kArenaBytes};
  bindAll(*vertex, b);
  volatile char marker = 0;
  const auto sp = reinterpret_cast<std::uintptr_t>(&marker);
  std::uintptr_t stackLow = threadStackLow(sp);
  if (sp - stackLow > kStackAllowance)
    stackLow = sp - kStackAllowance;
  b.writable(reinterpret_cast<void *>(stackLow), sp - stackLow + 256);
  b.writable(vertex, sizeof(V));
  if (!b.ok) {
    ctx->status = RunStatus::BadState;
    return;
  }
  es.numRanges = normaliseRanges(es.ranges, b.numRanges);
  if (setjmp(es.escape) == 0) {
    ctx->result = tessel::dev::invokeCompute(*vertex, ctx->workerId);
    ctx->status = RunStatus::Ok;
  } else {
    ctx->status = es.status;
    ctx->faultAddress = es.faultAddress;
    ctx->faultBytes = es.faultBytes;
  }
  ctx->cycles = es.cycles;
}

} // namespace tessel::abi

/// Defines the per-object runtime and exports `table` (an array of
/// tessel::abi::VertexInfo) through tessel_codelet_table.
#define TESSEL_CODELET_RUNTIME(table)                                          \
  extern "C" {                                                                 \
  __attribute__((visibility(                                                   \
      "hidden"))) thread_local tessel::abi::ExecStateFull __tessel_exec;       \
  __attribute__((noinline)) void __tessel_store_slow(std::uintptr_t address,   \
                                                     std::uint64_t bytes) {    \
    tessel::abi::storeSlowPath(__tessel_exec, address, bytes);                 \
  }                                                                            \
  __attribute__((noinline)) void __tessel_budget_exceeded() {                  \
    tessel::abi::budgetExceeded(__tessel_exec);                                \
  }                                                                            \
  __attribute__((visibility("default"))) const tessel::abi::VertexInfo *       \
  tessel_codelet_table(std::uint32_t *numVertices,                             \
                       std::uint32_t *abiVersion) {                            \
    *numVertices = sizeof(table) / sizeof(table[0]);                           \
    *abiVersion = tessel::abi::kAbiVersion;                                    \
    return table;                                                              \
  }                                                                            \
  }

#endif
