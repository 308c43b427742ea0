// Encoding vertices: Iota writes consecutive integers, EncodeOneHot one-hot
// rows.
#include <poplar/HalfFloat.hpp>
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

namespace popops {

/// One-hot rows: element (r, c) of the encoding is `on` when indices[r]
/// equals c and `off` otherwise. `out` holds consecutive elements of the
/// row-major encoding, starting at column `firstColumn` of the row that
/// indices[0] encodes. An index that is no column (negative, too large or
/// MASKED_LABEL_CODE) gives a row of `off`.
template <typename IndexType, typename OutType>
class EncodeOneHot : public Vertex {
public:
  Input<Vector<IndexType>> indices;
  Output<Vector<OutType>> out;
  Input<OutType> on;
  Input<OutType> off;
  unsigned firstColumn;
  unsigned columns;

  void compute() {
    unsigned row = 0, column = firstColumn;
    for (unsigned i = 0; i < out.size(); ++i) {
      out[i] = unsigned(indices[row]) == column ? *on : *off;
      if (++column == columns) {
        column = 0;
        ++row;
      }
    }
  }
};
template class EncodeOneHot<unsigned, float>;
template class EncodeOneHot<unsigned, half>;
template class EncodeOneHot<unsigned, int>;
template class EncodeOneHot<unsigned, unsigned>;
template class EncodeOneHot<int, float>;
template class EncodeOneHot<int, half>;
template class EncodeOneHot<int, int>;
template class EncodeOneHot<int, unsigned>;

} // namespace popops
