// Vertices the compute set tests run: results, flags, worker schedules,
// stray stores and endless loops.
#include <poplar/Vertex.hpp>

using namespace poplar;

/// out = the sum of in.
class SumVertex : public Vertex {
public:
  Input<Vector<float>> in;
  Output<float> out;
  bool compute() {
    float sum = 0;
    for (float x : in)
      sum += x;
    *out = sum;
    return true;
  }
};

/// Multiplies data by factor; worker w takes elements w, w + 6, ...
class ScaleMultiVertex : public MultiVertex {
public:
  InOut<Vector<float>> data;
  Input<float> factor;
  void compute(unsigned workerId) {
    for (unsigned i = workerId; i < data.size(); i += numWorkers())
      data[i] *= *factor;
  }
};

/// Returns whether `in` is nonzero.
class FlagVertex : public Vertex {
public:
  Input<int> in;
  bool compute() { return *in != 0; }
};

/// Adds one to x and returns nothing.
class IncrementVertex : public Vertex {
public:
  InOut<unsigned> x;
  void compute() { *x += 1; }
};

/// Adds one to x on the supervisor.
class SupervisorIncrement : public SupervisorVertex {
public:
  InOut<unsigned> x;
  bool compute() {
    *x += 1;
    return true;
  }
};

/// Writes 42 at out.data() + offset: a stray store when offset is past the
/// end of out.
class StrayStore : public Vertex {
public:
  Output<Vector<unsigned>> out;
  unsigned offset;
  void compute() {
    out[0] = 7;
    out.data()[offset] = 42;
  }
};

/// Never ends: `stop` is volatile, so the loop cannot be optimised away.
class Spin : public Vertex {
public:
  InOut<unsigned> counter;
  void compute() {
    volatile unsigned stop = 0;
    while (stop == 0)
      *counter += 1;
  }
};
