// Fields a vertex cannot have.
#include <poplar/Vertex.hpp>

using namespace poplar;

class BadFields : public Vertex {
  Input<float> secret;

public:
  float *pointer;
  double wide;
  Output<float> fine;
  void compute() {}
};
