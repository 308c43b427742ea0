// A codelet object only the cache test loads, so its first load in the
// process is observable.
#include <poplar/Vertex.hpp>

using namespace poplar;

class CopyVertex : public Vertex {
public:
  Input<int> in;
  Output<int> out;
  void compute() { *out = *in; }
};
