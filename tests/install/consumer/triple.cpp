// A user codelet: compiled at run time by the installed popc, or ahead of
// time with `popc triple.cpp -o triple.gp`.
#include <poplar/Vertex.hpp>

class Triple : public poplar::Vertex {
public:
  poplar::InOut<poplar::Vector<int>> data;

  void compute() {
    for (unsigned i = 0; i < data.size(); ++i)
      data[i] *= 3;
  }
};
