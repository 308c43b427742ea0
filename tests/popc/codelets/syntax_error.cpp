// A compile error inside compute() on line 9, column 12.
#include <poplar/Vertex.hpp>

using namespace poplar;

class Broken : public Vertex {
public:
  Output<int> out;
  void compute() { *out = undefinedName; }
};
