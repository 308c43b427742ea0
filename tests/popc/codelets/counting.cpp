// Vertices with loops (of known and unknown trip counts), calls (direct,
// recursive, through pointers), early returns and exits, whose cycle
// counts, budget stops and faults the instrumentation tests compare between
// popc's optimised and reference instrumentation.
#include <poplar/Vertex.hpp>

#include <cstring>

using namespace poplar;

/// Stops at the first negative value: an early return from a loop.
__attribute__((noinline)) static int weigh(const int *values, unsigned count) {
  int total = 0;
  for (unsigned i = 0; i < count; ++i) {
    if (values[i] < 0)
      return total;
    total += values[i] % 7 == 0 ? values[i] / 3 : values[i];
  }
  return total;
}

__attribute__((noinline)) static unsigned fibonacci(unsigned n) {
  return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2);
}

__attribute__((noinline)) static int twice(int x) { return 2 * x; }
__attribute__((noinline)) static int negate(int x) { return -x; }

/// out[i + shift] = ... for every i < out.size(): a shift past the end
/// stores outside `out`.
class Mixed : public Vertex {
public:
  Input<Vector<int>> in;
  Output<Vector<int>> out;
  unsigned mode;
  unsigned shift;
  bool compute() {
    const unsigned n = in.size();
    if (n == 0)
      return false;
    int acc = weigh(&in[0], n);
    int (*steps[2])(int) = {twice, negate};
    for (unsigned i = 0; i < n; ++i) {
      for (unsigned j = 0; j < unsigned(in[i]) % 5; ++j)
        acc += steps[(i + j) & 1](int(j));
      if (mode == 1 && acc > 100)
        break;
    }
    switch (mode) {
    case 2:
      acc += int(fibonacci(in[0] & 15));
      break;
    case 3:
      std::memcpy(&out[0], &in[0],
                  sizeof(int) * (n < out.size() ? n : out.size()));
      return true;
    default:
      break;
    }
    for (unsigned i = 0; i < out.size(); ++i)
      out[i + shift] = acc + int(i);
    return acc > 0;
  }
};

/// out[i] = a[i] * b[i] + out[i] over the first `count` elements (a count
/// past the fields' ends loads outside them).
class Fma : public Vertex {
public:
  Input<Vector<float>> a;
  Input<Vector<float>> b;
  InOut<Vector<float>> out;
  unsigned count;
  void compute() {
    for (unsigned i = 0; i < count; ++i)
      out[i] = a[i] * b[i] + out[i];
  }
};

/// A 16-column block of a matrix product: out = a (rows x depth) times
/// b (depth x cols), columns [0, 16); cols >= 16.
class Block : public Vertex {
public:
  Input<Vector<float>> a;
  Input<Vector<float>> b;
  Output<Vector<float>> out;
  unsigned rows;
  unsigned depth;
  unsigned cols;
  void compute() {
    const float *aData = &a[0];
    const float *bData = &b[0];
    for (unsigned r = 0; r < rows; ++r) {
      float acc[16] = {};
      for (unsigned k = 0; k != depth; ++k) {
        const float av = aData[r * depth + k];
        const float *bRow = bData + k * cols;
        for (unsigned j = 0; j != 16; ++j)
          acc[j] += av * bRow[j];
      }
      for (unsigned j = 0; j != 16; ++j)
        out[r * 16 + j] = acc[j];
    }
  }
};

/// The simulation benchmark's 16x16x16 product, its output moved `shift`
/// elements on (past the end of `out` when non-zero): its inner loops are
/// versioned, and a shift makes the preheader's check fail, so the copy
/// that checks every store runs and stops at the first stray one.
class Product16 : public Vertex {
public:
  Input<Vector<float>> a;
  Input<Vector<float>> b;
  Output<Vector<float>> out;
  unsigned shift;
  void compute() {
    for (unsigned i = 0; i < 16; ++i)
      for (unsigned j = 0; j < 16; ++j) {
        float sum = 0.0f;
        for (unsigned k = 0; k < 16; ++k)
          sum += a[i * 16 + k] * b[k * 16 + j];
        out[i * 16 + j + shift] = sum;
      }
  }
};
