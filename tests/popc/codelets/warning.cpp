// Compiles with a -Wdouble-promotion warning (an error with -Werror).
#include <poplar/Vertex.hpp>

using namespace poplar;

class Promotes : public Vertex {
public:
  InOut<float> x;
  void compute() {
    double d = *x;
    float f = *x;
    d += f;
    *x = float(d);
  }
};
