// Needs -I include; SCALE_FACTOR may come from -D.
#include <Scale.hpp>
#include <poplar/Vertex.hpp>

using namespace poplar;

class Scale : public Vertex {
public:
  InOut<float> x;
  void compute() { *x = scaleValue(*x); }
};
