// Support for the glue popc appends to a codelet source (see CodeletABI.hpp):
// running one vertex against its state in tile memory, the checks that the
// instrumentation pass calls (stores, loads, the cycle budget), the checked
// memset/memcpy family it routes codelet calls to, and
// TESSEL_CODELET_RUNTIME, which defines them once per compiled codelet
// object. Nothing here is instrumented: popc skips
// functions in tessel::abi and those named __tessel_*.
#ifndef TESSEL_INTERNAL_CODELETGLUE_HPP
#define TESSEL_INTERNAL_CODELETGLUE_HPP

#include <tessel/internal/FieldBinding.hpp>

#include <link.h>
#include <pthread.h>

#include <csetjmp>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

extern "C" {
/// The running vertex's state on this thread; the instrumentation pass
/// addresses its first four members (tessel::abi::ExecState).
extern __attribute__((visibility(
    "hidden"))) thread_local tessel::abi::ExecStateFull __tessel_exec;
// Instrumented code passes the ExecState address it found on entry to
// these, so a slow path never looks the thread-local state up again.
/// Called by instrumented code for a store outside [okBegin, okEnd).
void __tessel_store_slow(tessel::abi::ExecStateFull *exec,
                         std::uintptr_t address, std::uint64_t bytes);
/// Called by instrumented code for a load outside [readBegin, readEnd).
void __tessel_load_slow(tessel::abi::ExecStateFull *exec,
                        std::uintptr_t address, std::uint64_t bytes);
/// Called by instrumented code before a loop: whether [address, address +
/// bytes) is readable (isStore 0) or writable (1); never stops the vertex.
std::uint32_t __tessel_probe_range(tessel::abi::ExecStateFull *exec,
                                   std::uintptr_t address, std::uint64_t bytes,
                                   std::uint32_t isStore);
/// Called by instrumented code when cycles exceed cycleBudget.
void __tessel_budget_exceeded(tessel::abi::ExecStateFull *exec);
/// What codelet calls of (and pointers to) the C library functions of the
/// same name become: the ranges are checked, then the library does the work.
void *__tessel_checked_memset(void *dest, int value, std::size_t bytes);
void *__tessel_checked_memcpy(void *dest, const void *src, std::size_t bytes);
void *__tessel_checked_memmove(void *dest, const void *src, std::size_t bytes);
void *__tessel_checked_mempcpy(void *dest, const void *src, std::size_t bytes);
void __tessel_checked_bzero(void *dest, std::size_t bytes);
char *__tessel_checked_strcpy(char *dest, const char *src);
char *__tessel_checked_strncpy(char *dest, const char *src, std::size_t bytes);
/// What codelet calls of printf, vprintf, puts and putchar become: the text
/// goes to the running vertex's print sink (RunContext::print).
int __tessel_printf(const char *format, ...);
int __tessel_vprintf(const char *format, std::va_list args);
int __tessel_puts(const char *text);
int __tessel_putchar(int c);
/// fputs, fwrite, fputc and putc on stdout become these (and the above).
int __tessel_fputs(const char *text);
std::size_t __tessel_fwrite(const void *data, std::size_t size,
                            std::size_t count);
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

/// The range of `ranges` (sorted, merged) holding [address, address +
/// bytes), or null.
inline const WritableRange *findRange(const WritableRange *ranges,
                                      std::uint32_t count,
                                      std::uintptr_t address,
                                      std::uint64_t bytes) {
  std::uint32_t lo = 0, hi = count;
  while (lo < hi) { // first range starting after address
    const std::uint32_t mid = (lo + hi) / 2;
    if (ranges[mid].begin <= address)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0 || address + bytes < address ||
      address + bytes > ranges[lo - 1].end)
    return nullptr;
  return &ranges[lo - 1];
}

/// The range of the few `ranges` (in any order) holding [address, address +
/// bytes), or null.
inline const WritableRange *findRangeUnsorted(const WritableRange *ranges,
                                              std::uint32_t count,
                                              std::uintptr_t address,
                                              std::uint64_t bytes) {
  if (address + bytes < address)
    return nullptr;
  for (std::uint32_t i = 0; i < count; ++i)
    if (address >= ranges[i].begin && address + bytes <= ranges[i].end)
      return &ranges[i];
  return nullptr;
}

[[noreturn]] inline void stopVertex(ExecStateFull &es, RunStatus status,
                                    std::uintptr_t address,
                                    std::uint64_t bytes) {
  es.status = status;
  es.faultAddress = address;
  es.faultBytes = bytes;
  std::longjmp(es.escape, 1);
}

inline void storeSlowPath(ExecStateFull &es, std::uintptr_t address,
                          std::uint64_t bytes) {
  const WritableRange *hit = findRange(es.ranges, es.numRanges, address, bytes);
  if (!hit)
    stopVertex(es, RunStatus::BadStore, address, bytes);
  es.okBegin = hit->begin;
  es.okEnd = hit->end;
}

inline void loadSlowPath(ExecStateFull &es, std::uintptr_t address,
                         std::uint64_t bytes) {
  const WritableRange *hit =
      findRangeUnsorted(es.readRanges, es.numReadRanges, address, bytes);
  if (!hit) // writable ranges are readable too
    hit = findRange(es.ranges, es.numRanges, address, bytes);
  if (!hit)
    stopVertex(es, RunStatus::BadLoad, address, bytes);
  es.readBegin = hit->begin;
  es.readEnd = hit->end;
}

inline std::uint32_t probeRange(ExecStateFull &es, std::uintptr_t address,
                                std::uint64_t bytes, bool store) {
  const WritableRange *hit = findRange(es.ranges, es.numRanges, address, bytes);
  if (!hit && !store)
    hit = findRangeUnsorted(es.readRanges, es.numReadRanges, address, bytes);
  if (!hit)
    return 0;
  // The loop's accesses will hit this range: later checks start there.
  (store ? es.okBegin : es.readBegin) = hit->begin;
  (store ? es.okEnd : es.readEnd) = hit->end;
  return 1;
}

inline void checkStoreRange(const void *p, std::size_t bytes) {
  ExecStateFull &es = __tessel_exec;
  const auto a = reinterpret_cast<std::uintptr_t>(p);
  if (bytes && (a < es.okBegin || a + bytes < a || a + bytes > es.okEnd))
    storeSlowPath(es, a, bytes);
}

inline void checkLoadRange(const void *p, std::size_t bytes) {
  ExecStateFull &es = __tessel_exec;
  const auto a = reinterpret_cast<std::uintptr_t>(p);
  if (bytes && (a < es.readBegin || a + bytes < a || a + bytes > es.readEnd))
    loadSlowPath(es, a, bytes);
}

/// The loaded segments of the object holding `self`: its code, constants
/// and globals, which its vertices may read.
struct ObjectSegments {
  WritableRange ranges[8];
  std::uint32_t count = 0;
  std::uintptr_t self = 0;
};

inline int collectSegments(dl_phdr_info *info, std::size_t, void *data) {
  auto *out = static_cast<ObjectSegments *>(data);
  std::uint32_t found = 0;
  WritableRange ranges[8];
  bool mine = false;
  for (unsigned i = 0; i < info->dlpi_phnum && found < 8; ++i) {
    const ElfW(Phdr) &ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_LOAD)
      continue;
    const std::uintptr_t begin = info->dlpi_addr + ph.p_vaddr;
    ranges[found++] = {begin, begin + ph.p_memsz};
    mine = mine || (out->self >= begin && out->self < begin + ph.p_memsz);
  }
  if (!mine)
    return 0;
  for (std::uint32_t i = 0; i < found; ++i)
    out->ranges[i] = ranges[i];
  out->count = found;
  return 1;
}

inline const ObjectSegments &objectSegments() {
  static const ObjectSegments segments = [] {
    ObjectSegments s;
    s.self = reinterpret_cast<std::uintptr_t>(&__tessel_load_slow);
    dl_iterate_phdr(collectSegments, &s);
    return s;
  }();
  return segments;
}

inline void budgetExceeded(ExecStateFull &es) {
  // No fault address: the thread's state may still hold an earlier fault's.
  stopVertex(es, RunStatus::BudgetExceeded, 0, 0);
}

/// Hands `bytes` of text the vertex printed to its print sink.
inline void emitPrinted(const ExecStateFull &es, const char *text,
                        std::uint64_t bytes) {
  if (es.context && es.context->print)
    es.context->print(es.context->printSink, text, bytes);
  else
    std::fwrite(text, 1, bytes, stdout);
}

/// vprintf into the print sink; returns what vprintf would.
inline int printFormatted(const ExecStateFull &es, const char *format,
                          std::va_list args) {
  char small[512];
  std::va_list again;
  va_copy(again, args);
  const int length = std::vsnprintf(small, sizeof small, format, args);
  if (length >= 0 && std::size_t(length) < sizeof small) {
    emitPrinted(es, small, std::uint64_t(length));
  } else if (length >= 0) {
    if (char *large = static_cast<char *>(std::malloc(length + 1u))) {
      std::vsnprintf(large, length + 1u, format, again);
      emitPrinted(es, large, std::uint64_t(length));
      std::free(large);
    }
  }
  va_end(again);
  return length;
}

template <class V>
void runVertex(RunContext *ctx, void (*bindAll)(V &, Binder &)) {
  ExecStateFull &es = __tessel_exec;
  es.context = ctx;
  es.cycles = 0;
  es.cycleBudget = ctx->cycleBudget;
  es.okBegin = es.okEnd = 0;
  es.readBegin = es.readEnd = 0;
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
  const auto tileBegin = reinterpret_cast<std::uintptr_t>(ctx->tileBase);
  std::uint32_t reads = 0;
  es.readRanges[reads++] = {tileBegin, tileBegin + ctx->tileBytes};
  es.readRanges[reads++] = {stackLow, sp + 256};
  es.readRanges[reads++] = {reinterpret_cast<std::uintptr_t>(vertex),
                            reinterpret_cast<std::uintptr_t>(vertex + 1)};
  if (b.arenaUsed)
    es.readRanges[reads++] = {reinterpret_cast<std::uintptr_t>(es.arena),
                              reinterpret_cast<std::uintptr_t>(es.arena) +
                                  b.arenaUsed};
  const ObjectSegments &segments = objectSegments();
  for (std::uint32_t i = 0; i < segments.count; ++i)
    es.readRanges[reads++] = segments.ranges[i];
  es.numReadRanges = reads; // a few: searched in order, never sorted
  es.readBegin = tileBegin;
  es.readEnd = tileBegin + ctx->tileBytes;
  __atomic_store_n(&ctx->budgetWord, &es.cycleBudget, __ATOMIC_RELEASE);
  if (setjmp(es.escape) == 0) {
    ctx->result = tessel::dev::invokeCompute(*vertex, ctx->workerId);
    ctx->status = RunStatus::Ok;
  } else {
    ctx->status = es.status;
    ctx->faultAddress = es.faultAddress;
    ctx->faultBytes = es.faultBytes;
  }
  ctx->cycles = es.cycles;
  es.context = nullptr;
}

} // namespace tessel::abi

/// Defines the per-object runtime and exports `table` (an array of
/// tessel::abi::VertexInfo) through tessel_codelet_table.
#define TESSEL_CODELET_RUNTIME(table)                                          \
  extern "C" {                                                                 \
  __attribute__((visibility(                                                   \
      "hidden"))) thread_local tessel::abi::ExecStateFull __tessel_exec;       \
  __attribute__((noinline)) void                                               \
  __tessel_store_slow(tessel::abi::ExecStateFull *exec,                        \
                      std::uintptr_t address, std::uint64_t bytes) {           \
    tessel::abi::storeSlowPath(*exec, address, bytes);                         \
  }                                                                            \
  __attribute__((noinline)) void                                               \
  __tessel_load_slow(tessel::abi::ExecStateFull *exec, std::uintptr_t address, \
                     std::uint64_t bytes) {                                    \
    tessel::abi::loadSlowPath(*exec, address, bytes);                          \
  }                                                                            \
  __attribute__((noinline)) std::uint32_t                                      \
  __tessel_probe_range(tessel::abi::ExecStateFull *exec,                       \
                       std::uintptr_t address, std::uint64_t bytes,            \
                       std::uint32_t isStore) {                                \
    return tessel::abi::probeRange(*exec, address, bytes, isStore != 0);       \
  }                                                                            \
  __attribute__((noinline)) void                                               \
  __tessel_budget_exceeded(tessel::abi::ExecStateFull *exec) {                 \
    tessel::abi::budgetExceeded(*exec);                                        \
  }                                                                            \
  __attribute__((used)) void *__tessel_checked_memset(void *d, int v,          \
                                                      std::size_t n) {         \
    tessel::abi::checkStoreRange(d, n);                                        \
    return std::memset(d, v, n);                                               \
  }                                                                            \
  __attribute__((used)) void *__tessel_checked_memcpy(void *d, const void *s,  \
                                                      std::size_t n) {         \
    tessel::abi::checkLoadRange(s, n);                                         \
    tessel::abi::checkStoreRange(d, n);                                        \
    return std::memcpy(d, s, n);                                               \
  }                                                                            \
  __attribute__((used)) void *__tessel_checked_memmove(void *d, const void *s, \
                                                       std::size_t n) {        \
    tessel::abi::checkLoadRange(s, n);                                         \
    tessel::abi::checkStoreRange(d, n);                                        \
    return std::memmove(d, s, n);                                              \
  }                                                                            \
  __attribute__((used)) void *__tessel_checked_mempcpy(void *d, const void *s, \
                                                       std::size_t n) {        \
    tessel::abi::checkLoadRange(s, n);                                         \
    tessel::abi::checkStoreRange(d, n);                                        \
    return static_cast<char *>(std::memcpy(d, s, n)) + n;                      \
  }                                                                            \
  __attribute__((used)) void __tessel_checked_bzero(void *d, std::size_t n) {  \
    tessel::abi::checkStoreRange(d, n);                                        \
    std::memset(d, 0, n);                                                      \
  }                                                                            \
  __attribute__((used)) char *__tessel_checked_strcpy(char *d,                 \
                                                      const char *s) {         \
    const std::size_t n = std::strlen(s) + 1;                                  \
    tessel::abi::checkLoadRange(s, n);                                         \
    tessel::abi::checkStoreRange(d, n);                                        \
    return static_cast<char *>(std::memcpy(d, s, n));                          \
  }                                                                            \
  __attribute__((used)) char *__tessel_checked_strncpy(char *d, const char *s, \
                                                       std::size_t n) {        \
    const std::size_t length = ::strnlen(s, n);                                \
    tessel::abi::checkLoadRange(s, length < n ? length + 1 : n);               \
    tessel::abi::checkStoreRange(d, n);                                        \
    return std::strncpy(d, s, n);                                              \
  }                                                                            \
  __attribute__((used)) int __tessel_printf(const char *format, ...) {         \
    std::va_list args;                                                         \
    va_start(args, format);                                                    \
    const int length =                                                         \
        tessel::abi::printFormatted(__tessel_exec, format, args);              \
    va_end(args);                                                              \
    return length;                                                             \
  }                                                                            \
  __attribute__((used)) int __tessel_vprintf(const char *format,               \
                                             std::va_list args) {              \
    return tessel::abi::printFormatted(__tessel_exec, format, args);           \
  }                                                                            \
  __attribute__((used)) int __tessel_puts(const char *text) {                  \
    const std::size_t length = std::strlen(text);                              \
    tessel::abi::emitPrinted(__tessel_exec, text, length);                     \
    tessel::abi::emitPrinted(__tessel_exec, "\n", 1);                          \
    return 1;                                                                  \
  }                                                                            \
  __attribute__((used)) int __tessel_putchar(int c) {                          \
    const char byte = static_cast<char>(c);                                    \
    tessel::abi::emitPrinted(__tessel_exec, &byte, 1);                         \
    return static_cast<unsigned char>(byte);                                   \
  }                                                                            \
  __attribute__((used)) int __tessel_fputs(const char *text) {                 \
    tessel::abi::emitPrinted(__tessel_exec, text, std::strlen(text));          \
    return 1;                                                                  \
  }                                                                            \
  __attribute__((used)) std::size_t                                            \
  __tessel_fwrite(const void *data, std::size_t size, std::size_t count) {     \
    tessel::abi::emitPrinted(__tessel_exec, static_cast<const char *>(data),   \
                             size *count);                                     \
    return count;                                                              \
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
