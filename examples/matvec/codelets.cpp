// The vertices of the matrix-vector example. Both add sequentially, so a
// host loop in the same order gives bit-identical results.
#include <poplar/Vertex.hpp>

using namespace poplar;

// One row of a matrix block times the matching block of the vector.
class DotProduct : public Vertex {
public:
  Input<Vector<float>> row;
  Input<Vector<float, VectorLayout::ONE_PTR>> vec;
  Output<float> out;

  void compute() {
    float sum = 0.0f;
    for (unsigned i = 0; i < row.size(); ++i)
      sum += row[i] * vec[i];
    *out = sum;
  }
};

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
