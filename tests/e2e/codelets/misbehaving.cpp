// Vertices that break the rules, for the runtime's error checks.
#include <poplar/Vertex.hpp>

using namespace poplar;

/// Writes `extra` elements past the end of `out`.
class Overrun : public Vertex {
public:
  Output<Vector<int>> out;
  unsigned extra;

  void compute() {
    for (unsigned i = 0; i < out.size() + extra; ++i)
      out[i] = int(i) + 1000;
  }
};

/// Never stops: `stop` is never set.
class Spin : public Vertex {
public:
  Input<int> stop;
  Output<int> out;

  void compute() {
    for (int i = 0; *stop == 0; ++i)
      *out = i;
  }
};

class Copy4 : public Vertex {
public:
  Input<Vector<int>> in;
  Output<Vector<int>> out;

  void compute() {
    for (unsigned i = 0; i < out.size(); ++i)
      out[i] = in[i];
  }
};

/// Indexes a local array with an index from its input: 12 MiB below its
/// frame, within what a stack could be but past the end of the thread's.
class StackUnderrun : public Vertex {
public:
  Input<int> index;
  Output<int> out;

  void compute() {
    int local[4] = {1, 2, 3, 4};
    local[*index] = 7;
    *out = local[0] + local[3];
  }
};
