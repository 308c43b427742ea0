// Reduction vertices. ReducePartial reduces one tile's elements of some
// outputs into partial results; ReduceCombine reduces lists of partials
// (gathered from several tiles) into the next stage's partials or, in the
// last stage, into the output with scale, update and type conversion.
//
// Order (so results are deterministic and reproducible): ReducePartial
// accumulates a row's elements in memory order into 8 lanes, element j in
// lane j mod 8, and combines the lanes pairwise ((l0 + l1) + (l2 + l3)) +
// ((l4 + l5) + (l6 + l7)); in column form each output accumulates its
// elements in memory order. ReduceCombine
// combines each list left to right.
#include "CastValue.hpp"
#include "ReduceOps.hpp"

#include <poplar/HalfFloat.hpp>
#include <poplar/Vertex.hpp>

using namespace poplar;

namespace popops {

/// `data` holds out.size() rows of numBlocks elements each, row-major (row
/// i is data[i * numBlocks + j]); or with `columns`, numBlocks blocks of
/// rowStride rows, element j of every row together, of which the vertex
/// reduces rows firstRow onwards (row i is data[j * rowStride + firstRow +
/// i]).
template <typename In, typename Acc, Operation Op>
class ReducePartial : public Vertex {
public:
  Input<Vector<In>> data;
  Output<Vector<Acc>> out;
  unsigned numBlocks;
  bool columns;
  unsigned rowStride;
  unsigned firstRow;

  using R = detail::ReduceOp<Acc, Op>;

  void compute() {
    const unsigned rows = out.size(), m = numBlocks;
    if (columns) {
      const In *column = &data[firstRow];
      unsigned i = 0;
      for (; i + kLanes <= rows; i += kLanes)
        reduceColumns<kLanes>(&out[i], column + i, m, rowStride);
      for (; i < rows; ++i)
        reduceColumns<1>(&out[i], column + i, m, rowStride);
      return;
    }
    for (unsigned i = 0; i < rows; ++i)
      out[i] = reduceRow(&data[i * m], m);
  }

private:
  /// out[l] = the combination of column[j * stride + l] over j, for the
  /// Width outputs kept in locals, so a block's loads and combines are
  /// vector operations.
  template <unsigned Width>
  static void reduceColumns(Acc *__restrict out, const In *__restrict column,
                            unsigned m, unsigned stride) {
    Acc acc[Width];
    for (unsigned l = 0; l < Width; ++l)
      acc[l] = R::identity();
    for (unsigned j = 0; j < m; ++j, column += stride)
      for (unsigned l = 0; l < Width; ++l)
        acc[l] = R::combine(acc[l], R::lift(column[l]));
    for (unsigned l = 0; l < Width; ++l)
      out[l] = acc[l];
  }

  /// Element j goes into lane j mod kLanes; the lanes then combine as a
  /// balanced tree. Independent lanes let the compiler use vector
  /// instructions without reordering any operation.
  static constexpr unsigned kLanes = 8;

  static Acc reduceRow(const In *row, unsigned m) {
    Acc lane[kLanes];
    for (unsigned l = 0; l < kLanes; ++l)
      lane[l] = R::identity();
    unsigned j = 0;
    for (; j + kLanes <= m; j += kLanes)
      for (unsigned l = 0; l < kLanes; ++l)
        lane[l] = R::combine(lane[l], R::lift(row[j + l]));
    for (unsigned l = 0; j < m; ++j, ++l)
      lane[l] = R::combine(lane[l], R::lift(row[j]));
    for (unsigned width = kLanes / 2; width > 0; width /= 2)
      for (unsigned l = 0; l < width; ++l)
        lane[l] = R::combine(lane[2 * l], lane[2 * l + 1]);
    return lane[0];
  }
};

/// out[i] = the combination of partials[i], times `scale` when `useScale`
/// (for LOG_ADD plus `scale`), combined with the old out[i] when Update,
/// converted to Out.
template <typename Acc, typename Out, Operation Op, bool Update>
class ReduceCombine : public Vertex {
public:
  Input<VectorList<Acc>> partials;
  InOut<Vector<Out>> out;
  Input<float> scale;
  bool useScale;

  using R = detail::ReduceOp<Acc, Op>;

  void compute() {
    const unsigned size = out.size();
    for (unsigned i = 0; i < size; ++i) {
      Acc result = R::identity();
      for (Acc p : partials[i])
        result = R::combine(result, p);
      if (useScale) {
        if constexpr (Op == Operation::LOG_ADD)
          result = result + Acc(*scale);
        else if constexpr (detail::isFloating<Acc>)
          result = result * Acc(*scale);
        else
          result = detail::castValue<Acc>(float(result) * *scale);
      }
      if constexpr (Update)
        result = R::combine(detail::castValue<Acc>(out[i]), result);
      out[i] = detail::castValue<Out>(result);
    }
  }
};

#define TESSEL_PARTIAL(In, Acc)                                                \
  template class ReducePartial<In, Acc, Operation::ADD>;                       \
  template class ReducePartial<In, Acc, Operation::SQUARE_ADD>;                \
  template class ReducePartial<In, Acc, Operation::MUL>;                       \
  template class ReducePartial<In, Acc, Operation::MIN>;                       \
  template class ReducePartial<In, Acc, Operation::MAX>;
TESSEL_PARTIAL(float, float)
TESSEL_PARTIAL(half, float)
TESSEL_PARTIAL(int, int)
TESSEL_PARTIAL(unsigned int, unsigned int)
#undef TESSEL_PARTIAL
template class ReducePartial<float, float, Operation::LOG_ADD>;
template class ReducePartial<half, float, Operation::LOG_ADD>;
template class ReducePartial<bool, bool, Operation::LOGICAL_AND>;
template class ReducePartial<bool, bool, Operation::LOGICAL_OR>;

#define TESSEL_COMBINE(Acc, Out)                                               \
  template class ReduceCombine<Acc, Out, Operation::ADD, false>;               \
  template class ReduceCombine<Acc, Out, Operation::ADD, true>;                \
  template class ReduceCombine<Acc, Out, Operation::MUL, false>;               \
  template class ReduceCombine<Acc, Out, Operation::MIN, false>;               \
  template class ReduceCombine<Acc, Out, Operation::MAX, false>;
TESSEL_COMBINE(float, float)
TESSEL_COMBINE(float, half)
TESSEL_COMBINE(int, int)
TESSEL_COMBINE(unsigned int, unsigned int)
#undef TESSEL_COMBINE
template class ReduceCombine<float, float, Operation::LOG_ADD, false>;
template class ReduceCombine<float, float, Operation::LOG_ADD, true>;
template class ReduceCombine<float, half, Operation::LOG_ADD, false>;
template class ReduceCombine<float, half, Operation::LOG_ADD, true>;
template class ReduceCombine<bool, bool, Operation::LOGICAL_AND, false>;
template class ReduceCombine<bool, bool, Operation::LOGICAL_OR, false>;

} // namespace popops
