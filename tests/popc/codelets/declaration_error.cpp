// An error libclang finds while looking for vertices (line 7, column 3).
#include <poplar/Vertex.hpp>

class Broken : public poplar::Vertex {
public:
  poplar::Output<int> out;
  UnknownType value;
  void compute() {}
};
