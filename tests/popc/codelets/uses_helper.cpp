// Calls a function defined in helper.c.
#include <poplar/Vertex.hpp>

extern "C" int tripled(int x);

class UsesHelper : public poplar::Vertex {
public:
  poplar::InOut<int> x;
  void compute() { *x = tripled(*x); }
};
