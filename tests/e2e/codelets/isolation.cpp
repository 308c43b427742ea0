// Vertices that fault, read where they must not, call the C library with
// bad arguments or never return: each must end the run with a typed error
// and leave the host process and the Engine usable. The inputs that make
// them misbehave come from fields, so the compiler cannot see them coming.
#include <poplar/Vertex.hpp>

#include <cstddef>
#include <cstring>
#include <unistd.h>

using namespace poplar;

/// out = a / b: b = 0 divides by zero, a = INT_MIN, b = -1 overflows.
class Divide : public Vertex {
public:
  Input<int> a;
  Input<int> b;
  Output<int> out;

  void compute() { *out = *a / *b; }
};

/// Loads the int `offset` bytes from the start of `in`: past the end of the
/// tile's memory it is another tile's, far below it is no tile's.
class LoadAt : public Vertex {
public:
  Input<Vector<int>> in;
  long long offset;
  Output<int> out;

  void compute() {
    const char *at = reinterpret_cast<const char *>(&in[0]) + offset;
    *out = *reinterpret_cast<const int *>(at);
  }
};

/// Loads from a host address given as state (0: a null pointer).
class LoadAddress : public Vertex {
public:
  unsigned long long address;
  Output<int> out;

  void compute() { *out = *reinterpret_cast<const volatile int *>(address); }
};

/// Asks the C library for the length of a string at a bad address: the
/// fault happens inside strlen, which is not instrumented.
class LibraryFault : public Vertex {
public:
  unsigned long long address;
  Output<int> out;

  void compute() { *out = int(std::strlen(reinterpret_cast<char *>(address))); }
};

__attribute__((noinline)) int descend(int depth, int limit) {
  volatile char frame[256];
  frame[0] = char(depth);
  if (depth == limit)
    return frame[0];
  return descend(depth + 1, limit) + frame[0];
}

/// Recurses `limit` levels deep: far more than any host stack holds.
class Recurse : public Vertex {
public:
  Input<int> limit;
  Output<int> out;

  void compute() { *out = descend(0, *limit); }
};

/// A 64 MiB local array.
class HugeFrame : public Vertex {
public:
  Input<int> index;
  Output<int> out;

  void compute() {
    volatile char big[64 << 20];
    big[*index] = 1;
    *out = big[*index];
  }
};

/// __builtin_trap() when `a` is 1.
class Trap : public Vertex {
public:
  Input<int> a;
  Output<int> out;

  void compute() {
    if (*a == 1)
      __builtin_trap();
    *out = *a;
  }
};

/// memset of `bytes` bytes of `out`, through a pointer to the library's
/// memset the compiler cannot see through.
class MemsetPointer : public Vertex {
public:
  Output<Vector<int>> out;
  unsigned bytes;

  void compute() {
    void *(*volatile fill)(void *, int, std::size_t) = std::memset;
    fill(&out[0], 0x55, bytes);
  }
};

/// memcpy of `bytes` bytes from `in` to `out`, through a pointer.
class MemcpyPointer : public Vertex {
public:
  Input<Vector<int>> in;
  Output<Vector<int>> out;
  unsigned bytes;

  void compute() {
    void *(*volatile copy)(void *, const void *, std::size_t) = std::memcpy;
    copy(&out[0], &in[0], bytes);
  }
};

/// Sleeps forever, a millisecond at a time: few counted cycles.
class SleepForever : public Vertex {
public:
  Output<int> out;

  void compute() {
    for (;;)
      usleep(1000);
  }
};

/// One sleep of `seconds`: blocked in the C library, never at a loop header.
class SleepOnce : public Vertex {
public:
  Input<int> seconds;
  Output<int> out;

  void compute() { *out = int(sleep(unsigned(*seconds))); }
};

const int lookup[8] = {3, 1, 4, 1, 5, 9, 2, 6};

/// Everything an honest vertex reads: its inputs, a state vector, a list of
/// vectors, a local array and a constant table, each at indices computed at
/// run time.
class HonestReader : public Vertex {
public:
  Input<Vector<int>> in;
  Input<VectorList<int, VectorListLayout::DELTANELEMENTS>> rows;
  Vector<int> weights;
  Output<Vector<int>> out;

  void compute() {
    int local[16];
    for (unsigned i = 0; i < 16; ++i)
      local[i] = int(i) * in[i % in.size()];
    for (unsigned i = 0; i < out.size(); ++i) {
      int sum = local[(i * 7) % 16] + lookup[unsigned(in[i]) % 8];
      for (unsigned r = 0; r < rows.size(); ++r)
        sum += rows[r][i % rows[r].size()] * weights[r];
      out[i] = sum;
    }
  }
};
