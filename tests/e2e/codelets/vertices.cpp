// Codelets the end-to-end compute-set tests run, one per device-side feature.
#include <poplar/Vertex.hpp>

using namespace poplar;

// Sums its input sequentially, so the host can repeat the exact rounding.
class SumVertex : public Vertex {
public:
  Input<Vector<float>> in;
  Output<float> out;

  bool compute() {
    float sum = 0.0f;
    for (unsigned i = 0; i < in.size(); ++i)
      sum += in[i];
    *out = sum;
    return true;
  }
};

// Every worker scales its share of the elements.
class ScaleInPlace : public MultiVertex {
public:
  InOut<Vector<float>> data;
  float scale;

  void compute(unsigned workerId) {
    for (unsigned i = workerId; i < data.size(); i += numWorkers())
      data[i] *= scale;
  }
};

class RowSums : public Vertex {
public:
  Input<VectorList<int, VectorListLayout::DELTANELEMENTS>> rows;
  Output<Vector<int>> sums;

  void compute() {
    for (unsigned r = 0; r < rows.size(); ++r) {
      int sum = 0;
      for (unsigned i = 0; i < rows[r].size(); ++i)
        sum += rows[r][i];
      sums[r] = sum;
    }
  }
};

class SumOfVectors : public Vertex {
public:
  Vector<Input<Vector<float>>> ins;
  Output<Vector<float>> out;

  void compute() {
    for (unsigned i = 0; i < out.size(); ++i) {
      float sum = 0.0f;
      for (unsigned k = 0; k < ins.size(); ++k)
        sum += ins[k][i];
      out[i] = sum;
    }
  }
};

class Accumulate : public Vertex {
public:
  InOut<int> total;
  Input<int> x;
  unsigned times;

  void compute() {
    for (unsigned i = 0; i < times; ++i)
      *total += *x;
  }
};

class HalfAxpy : public Vertex {
public:
  Input<Vector<half>> x;
  InOut<Vector<half>> y;
  half a;

  void compute() {
    for (unsigned i = 0; i < y.size(); ++i)
      y[i] = a * x[i] + y[i] + 0.25_h;
  }
};

// Scalar and vector state: out[i] = in[offsets[i]] * bias.
class Gather : public Vertex {
public:
  Input<Vector<unsigned>> in;
  Output<Vector<unsigned>> out;
  Vector<unsigned> offsets;
  unsigned bias;

  void compute() {
    for (unsigned i = 0; i < offsets.size(); ++i)
      out[i] = in[offsets[i]] * bias;
  }
};

// Returns whether every element is positive (Execute's flag).
class AllPositive : public Vertex {
public:
  Input<Vector<float>> in;

  bool compute() {
    for (unsigned i = 0; i < in.size(); ++i)
      if (!(in[i] > 0.0f))
        return false;
    return true;
  }
};

class Supervised : public SupervisorVertex {
public:
  Output<int> out;

  __attribute__((target("supervisor"))) void compute() { *out = 7; }
};

// Sums a vector that must start at a multiple of 16 bytes; returns whether
// it did.
class AlignedSum : public Vertex {
public:
  Input<Vector<float, VectorLayout::SPAN, 16>> in;
  Output<float> out;

  bool compute() {
    float sum = 0.0f;
    for (unsigned i = 0; i < in.size(); ++i)
      sum += in[i];
    *out = sum;
    return reinterpret_cast<unsigned long>(&in[0]) % 16 == 0;
  }
};
