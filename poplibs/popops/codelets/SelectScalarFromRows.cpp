// SelectFromRows: one element of each row of a block of rows, at a column
// read per row at run time.
#include <poplar/HalfFloat.hpp>
#include <poplar/Vertex.hpp>

#include <limits>

using namespace poplar;

namespace popops {

/// out[r] = params[r * width + indices[r]]; NaN for an index past the row,
/// 0 for the masked index 0xFFFFFFFF.
template <typename T> class SelectFromRows : public Vertex {
public:
  Input<Vector<T, VectorLayout::ONE_PTR>> params;
  Input<Vector<unsigned>> indices;
  Output<Vector<T, VectorLayout::ONE_PTR>> out;
  unsigned width;

  void compute() {
    for (unsigned r = 0; r != indices.size(); ++r) {
      const unsigned column = indices[r];
      if (column == 0xFFFFFFFFu)
        out[r] = T(0.0f);
      else if (column >= width)
        out[r] = T(std::numeric_limits<float>::quiet_NaN());
      else
        out[r] = params[r * width + column];
    }
  }
};
template class SelectFromRows<float>;
template class SelectFromRows<half>;

} // namespace popops
