// Index arithmetic for popops::CircBuf, done on the device so the index
// lives there: advancing it, and the position of an older entry.
#include <poplar/Vertex.hpp>

using namespace poplar;

namespace popops {

/// index = (index + 1) mod hSize.
class CircBufIncrIndex : public Vertex {
public:
  InOut<unsigned> index;
  unsigned hSize;

  void compute() { *index = *index + 1 >= hSize ? 0 : *index + 1; }
};

/// indexOut = (indexIn + offset) mod hSize, for offset < hSize.
class CircOffset : public Vertex {
public:
  Input<unsigned> indexIn;
  Output<unsigned> indexOut;
  unsigned hSize;
  unsigned offset;

  void compute() {
    const unsigned sum = *indexIn + offset;
    *indexOut = sum >= hSize ? sum - hSize : sum;
  }
};

} // namespace popops
