// The smallest codelet: a sum over an input vector.
#include <poplar/Vertex.hpp>

using namespace poplar;

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
