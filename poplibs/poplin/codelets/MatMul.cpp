// poplin's matrix-product vertices. A tile's share of a product is one
// block: `groups` products of a {rows, depth} block of A with a {depth, cols}
// block of B, all row-major. Sums are formed in float, over depth in order,
// and rounded once to the output type, so results never depend on how the
// work is spread over workers or tiles beyond the K split the plan chose.
#include <poplar/HalfFloat.hpp>
#include <poplar/Vertex.hpp>

using namespace poplar;

namespace poplin {

/// out = a * b for each group. Worker w takes every numWorkers()-th
/// (row, column chunk) of the output.
template <typename InType, typename OutType>
class MatMulBlock : public MultiVertex {
public:
  Input<Vector<InType>> a;
  Input<Vector<InType>> b;
  Output<Vector<OutType>> out;
  unsigned groups;
  unsigned rows;
  unsigned depth;
  unsigned cols;

  void compute(unsigned workerId) {
    constexpr unsigned kChunk = 16;
    const unsigned chunksPerRow = (cols + kChunk - 1) / kChunk;
    const unsigned items = groups * rows * chunksPerRow;
    const InType *aData = a.data();
    const InType *bData = b.data();
    OutType *outData = out.data();
    for (unsigned item = workerId; item < items; item += numWorkers()) {
      const unsigned row = item / chunksPerRow; // counts rows of all groups
      const unsigned c0 = (item % chunksPerRow) * kChunk;
      const unsigned width = cols - c0 < kChunk ? cols - c0 : kChunk;
      const InType *aRow = aData + row * depth;
      const InType *bBlock = bData + (row / rows) * depth * cols + c0;
      float acc[kChunk] = {};
      if (width == kChunk) {
        for (unsigned k = 0; k != depth; ++k) {
          const float av = float(aRow[k]);
          const InType *bRow = bBlock + k * cols;
          for (unsigned j = 0; j != kChunk; ++j)
            acc[j] += av * float(bRow[j]);
        }
      } else {
        for (unsigned k = 0; k != depth; ++k) {
          const float av = float(aRow[k]);
          const InType *bRow = bBlock + k * cols;
          for (unsigned j = 0; j != width; ++j)
            acc[j] += av * float(bRow[j]);
        }
      }
      OutType *o = outData + row * cols + c0;
      for (unsigned j = 0; j != width; ++j)
        o[j] = OutType(acc[j]);
    }
  }
};
template class MatMulBlock<float, float>;
template class MatMulBlock<float, half>;
template class MatMulBlock<half, float>;
template class MatMulBlock<half, half>;

/// out = the sum of the partial blocks, in their order. Worker w takes the
/// w-th of numWorkers() equal runs of elements.
template <typename PartialsType, typename OutType>
class SumPartials : public MultiVertex {
public:
  Vector<Input<Vector<PartialsType>>> partials;
  Output<Vector<OutType>> out;

  void compute(unsigned workerId) {
    const unsigned n = out.size();
    const unsigned perWorker = (n + numWorkers() - 1) / numWorkers();
    const unsigned begin = workerId * perWorker;
    const unsigned end = begin + perWorker < n ? begin + perWorker : n;
    const unsigned numPartials = partials.size();
    for (unsigned i = begin; i < end; ++i) {
      float sum = float(partials[0][i]);
      for (unsigned p = 1; p != numPartials; ++p)
        sum += float(partials[p][i]);
      out[i] = OutType(sum);
    }
  }
};
template class SumPartials<float, float>;
template class SumPartials<float, half>;
template class SumPartials<half, float>;
template class SumPartials<half, half>;

} // namespace poplin
