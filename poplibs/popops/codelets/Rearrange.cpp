// Transpose2d: transposes numSrcRows x numSrcColumns matrices, moving their
// elements as raw bits of 2 or 4 bytes.
#include <poplar/Vertex.hpp>

using namespace poplar;

namespace popops {

template <typename T> class Transpose2d : public Vertex {
public:
  Vector<Input<Vector<T>>> src;
  Vector<Output<Vector<T>>> dst;
  unsigned numSrcRows;
  unsigned numSrcColumns;

  void compute() {
    for (unsigned m = 0; m < src.size(); ++m)
      for (unsigned r = 0; r < numSrcRows; ++r)
        for (unsigned c = 0; c < numSrcColumns; ++c)
          dst[m][c * numSrcRows + r] = src[m][r * numSrcColumns + c];
  }
};
template class Transpose2d<unsigned short>;
template class Transpose2d<unsigned>;

} // namespace popops
