// Defines SumVertex again (sum.cpp defines it too).
#include <poplar/Vertex.hpp>

class SumVertex : public poplar::Vertex {
public:
  poplar::Output<int> out;
  void compute() { *out = 1; }
};
