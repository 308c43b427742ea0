// UpdateScalarInRows: subtract 1 from one element of each row of a block of
// rows, at a column read per row at run time.
#include <poplar/HalfFloat.hpp>
#include <poplar/Vertex.hpp>

#include <limits>

using namespace poplar;

namespace popops {

/// params[r * width + indices[r]] -= 1; a row whose index is past its end
/// becomes NaN, a row with the masked index 0xFFFFFFFF is left alone.
template <typename T> class UpdateScalarInRows : public Vertex {
public:
  InOut<Vector<T, VectorLayout::ONE_PTR>> params;
  Input<Vector<unsigned>> indices;
  unsigned width;

  void compute() {
    for (unsigned r = 0; r != indices.size(); ++r) {
      const unsigned column = indices[r];
      T *row = &params[r * width];
      if (column == 0xFFFFFFFFu)
        continue;
      if (column >= width) {
        for (unsigned c = 0; c != width; ++c)
          row[c] = T(std::numeric_limits<float>::quiet_NaN());
        continue;
      }
      row[column] = T(float(row[column]) - 1.0f);
    }
  }
};
template class UpdateScalarInRows<float>;
template class UpdateScalarInRows<half>;

} // namespace popops
