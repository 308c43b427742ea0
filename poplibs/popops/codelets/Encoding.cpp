// Encoding vertices: Iota writes consecutive integers.
#include <poplar/Vertex.hpp>

using namespace poplar;

namespace popops {

/// out[i] = start + i; worker w writes every numWorkers()-th element from w.
template <typename T> class Iota : public MultiVertex {
public:
  Output<Vector<T>> out;
  T start;

  void compute(unsigned workerId) {
    for (unsigned i = workerId; i < out.size(); i += numWorkers())
      out[i] = start + T(i);
  }
};
template class Iota<unsigned>;
template class Iota<int>;

} // namespace popops
