// Vertices whose cycles, budget and stores the execution tests check.
#include <poplar/Vertex.hpp>

using namespace poplar;

/// Loops until `stop` is set, which it never is: only the budget ends it.
class Spin : public Vertex {
public:
  Input<unsigned> stop;
  Output<Vector<unsigned>> out;
  void compute() {
    for (unsigned i = 0; *stop == 0; ++i)
      out[i % out.size()] = i;
  }
};

/// Writes `extra` elements past the end of `out`.
class Overrun : public Vertex {
public:
  Output<Vector<int>> out;
  unsigned extra;
  void compute() {
    for (unsigned i = 0; i < out.size() + extra; ++i)
      out[i] = int(i) * 10;
  }
};

static void fillSquares(int *values, unsigned count) {
  for (unsigned i = 0; i < count; ++i)
    values[i] = int(i * i);
}

/// Writes its own state and its stack through pointers: both allowed.
class LocalWrites : public Vertex {
public:
  Output<int> out;
  int calls;
  bool compute() {
    int local[16];
    fillSquares(local, 16);
    fillSquares(&calls, 1);
    calls += 5;
    *out = local[15] + calls;
    return true;
  }
};

/// A loop the optimiser may delete as having no effect and no exit.
class Forever : public Vertex {
public:
  InOut<unsigned> x;
  void compute() {
    for (;;)
      *x = *x + 1;
  }
};

/// A cycle with two entries (irreducible control flow) that never ends.
class Tangled : public Vertex {
public:
  Input<unsigned> start;
  Input<unsigned> stop;
  Output<Vector<unsigned>> out;
  void compute() {
    unsigned i = 0;
    if (*start)
      goto second;
  first:
    out[i % out.size()] = i;
    ++i;
  second:
    out[(i + 1) % out.size()] = i;
    if (*stop == 0)
      goto first;
  }
};
