// poplin's matrix-product vertices. A tile's share of a product is one
// block: `groups` products of a {rows, depth} block of A with a {depth, cols}
// block of B, all row-major. Sums are formed in float, over depth in order,
// and rounded once to the output type, so results never depend on how the
// work is spread over workers or tiles beyond the K split the plan chose.
#include <poplar/HalfFloat.hpp>
#include <poplar/Vertex.hpp>

#include <type_traits>

using namespace poplar;

namespace poplin {

/// out = a * b for each group. Work items are (group of up to kRows rows,
/// chunk of up to kCols columns) of the output; worker w takes every
/// numWorkers()-th. Each element of b is converted to float once per item
/// and each element of a once per (item, k), so half operands cost few
/// conversions.
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

  static constexpr unsigned kRows = 4;
  static constexpr unsigned kCols = 8;

  /// A whole kRows x kCols item. Its sums have their own array, indexed
  /// only by fixed trip counts, so the compiler keeps them in registers
  /// for the whole k loop instead of storing them every step (the array
  /// the partial items index by run-time bounds has to live in memory).
  void fullItem(const InType *aBlock, const InType *bBlock,
                OutType *outItem) const {
    float acc[kRows][kCols] = {};
    for (unsigned k = 0; k != depth; ++k) {
      const InType *bk = bBlock + k * cols;
      float bRow[kCols];
      for (unsigned j = 0; j != kCols; ++j)
        bRow[j] = float(bk[j]);
      for (unsigned r = 0; r != kRows; ++r) {
        const float av = float(aBlock[r * depth + k]);
        for (unsigned j = 0; j != kCols; ++j)
          acc[r][j] += av * bRow[j];
      }
    }
    for (unsigned r = 0; r != kRows; ++r)
      for (unsigned j = 0; j != kCols; ++j)
        outItem[r * cols + j] = OutType(acc[r][j]);
  }

  void compute(unsigned workerId) {
    const InType *aData = a.data();
    const InType *bData = b.data();
    OutType *outData = out.data();
    // Items are visited in nested loops, not decoded from an index, so
    // every address is affine in loop counters and the instrumentation can
    // check each inner loop's range once.
    unsigned item = 0, next = workerId;
    for (unsigned group = 0; group != groups; ++group)
      for (unsigned r0 = 0; r0 < rows; r0 += kRows)
        for (unsigned c0 = 0; c0 < cols; c0 += kCols, ++item) {
          if (item != next)
            continue;
          next += numWorkers();
          const unsigned numRows = rows - r0 < kRows ? rows - r0 : kRows;
          const unsigned width = cols - c0 < kCols ? cols - c0 : kCols;
          const InType *aBlock = aData + (group * rows + r0) * depth;
          const InType *bBlock = bData + group * depth * cols + c0;
          OutType *outItem = outData + (group * rows + r0) * cols + c0;
          if (numRows == kRows && width == kCols) {
            fullItem(aBlock, bBlock, outItem);
            continue;
          }
          // An item at the block's lower or right edge.
          float acc[kRows][kCols] = {};
          for (unsigned k = 0; k != depth; ++k) {
            const InType *bk = bBlock + k * cols;
            float bRow[kCols] = {};
            for (unsigned j = 0; j != width; ++j)
              bRow[j] = float(bk[j]);
            for (unsigned r = 0; r != numRows; ++r) {
              const float av = float(aBlock[r * depth + k]);
              for (unsigned j = 0; j != kCols; ++j)
                acc[r][j] += av * bRow[j];
            }
          }
          for (unsigned r = 0; r != numRows; ++r)
            for (unsigned j = 0; j != width; ++j)
              outItem[r * cols + j] = OutType(acc[r][j]);
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
    if (begin >= end || numPartials == 0)
      return;
    if constexpr (std::is_same<OutType, float>::value) {
      // A float sum can live in `out`: add partial by partial, so each
      // inner loop walks two runs of tile memory and its loads are checked
      // once before it. Summing element by element instead reads the list
      // of partials between every two tile loads, and every load then
      // misses the checks' last range and takes their slow path.
      float *sum = out.data();
      const PartialsType *first = partials[0].data();
      for (unsigned i = begin; i != end; ++i)
        sum[i] = float(first[i]);
      for (unsigned p = 1; p != numPartials; ++p) {
        const PartialsType *partial = partials[p].data();
        for (unsigned i = begin; i != end; ++i)
          sum[i] += float(partial[i]);
      }
    } else {
      // A half result is rounded once, from a float sum.
      for (unsigned i = begin; i < end; ++i) {
        float sum = float(partials[0][i]);
        for (unsigned p = 1; p != numPartials; ++p)
          sum += float(partials[p][i]);
        out[i] = OutType(sum);
      }
    }
  }
};
template class SumPartials<float, float>;
template class SumPartials<float, half>;
template class SumPartials<half, float>;
template class SumPartials<half, half>;

} // namespace poplin
