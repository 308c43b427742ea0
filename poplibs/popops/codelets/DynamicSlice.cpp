// Slicing vertices. Each works on one tile's part of a 2-D view of the
// sliced tensor, whose rows are the positions along the sliced
// dimension(s): rows [baseOffset, baseOffset + numHeldRows) of
// numBaseElements, `regionSize` columns each, stored row after row. The
// row to read or write comes from an offset tensor at run time. A slice
// row this part does not hold is written as zeros, so the parts a tensor
// split by rows gives combine by OR (CombineSlices). Copies move elements
// by size only, so the copying vertices are instantiated per element width
// and the host reinterprets every type as an unsigned integer of its size.
#include <poplar/HalfFloat.hpp>
#include <poplar/Vertex.hpp>

#include <type_traits>

using namespace poplar;

namespace popops {

namespace {

template <typename T> void copyRow(const T *from, T *to, unsigned regionSize) {
  for (unsigned e = 0; e != regionSize; ++e)
    to[e] = from[e];
}

template <typename T> void zeroRow(T *to, unsigned regionSize) {
  for (unsigned e = 0; e != regionSize; ++e)
    to[e] = T(0);
}

/// The row `offsets[0..k)` names in a tensor whose sliced dimensions have
/// sizes dimSizes[0..k), or `numRows` when any offset is out of range.
inline unsigned linearRow(const unsigned *offsets, const unsigned *dimSizes,
                          unsigned k, unsigned numRows) {
  unsigned row = 0;
  for (unsigned d = 0; d != k; ++d) {
    if (offsets[d] >= dimSizes[d])
      return numRows;
    row = row * dimSizes[d] + offsets[d];
  }
  return row;
}

/// The row of this part that offsets[0..k) names, or numHeldRows when the
/// row is out of range (0 with `remap`) or another part holds it.
inline unsigned heldRow(const unsigned *offsets, const unsigned *dimSizes,
                        unsigned k, unsigned numRows, bool remap,
                        unsigned baseOffset, unsigned numHeldRows) {
  unsigned row = linearRow(offsets, dimSizes, k, numRows);
  if (row >= numRows)
    row = remap ? 0 : baseOffset + numHeldRows;
  const unsigned local = row - baseOffset;
  return local < numHeldRows ? local : numHeldRows;
}

} // namespace

/// subT rows s = 0..numSubElements take row (offset + s), wrapping round
/// at numBaseElements. An offset past the end gives zeros, or reads from
/// row 0 when remapOutOfBound is set.
template <typename T> class DynamicSlice2D : public Vertex {
public:
  Input<unsigned> offset;
  Input<Vector<T, VectorLayout::ONE_PTR>> baseT;
  Output<Vector<T, VectorLayout::ONE_PTR>> subT;
  unsigned numBaseElements;
  unsigned baseOffset;
  unsigned numHeldRows;
  unsigned numSubElements;
  unsigned regionSize;
  bool remapOutOfBound;

  void compute() {
    unsigned row = *offset;
    if (row >= numBaseElements) {
      if (!remapOutOfBound) {
        zeroRow(&subT[0], numSubElements * regionSize);
        return;
      }
      row = 0;
    }
    for (unsigned s = 0; s != numSubElements; ++s) {
      const unsigned local = row - baseOffset; // wraps when row < baseOffset
      if (local < numHeldRows)
        copyRow(&baseT[local * regionSize], &subT[s * regionSize], regionSize);
      else
        zeroRow(&subT[s * regionSize], regionSize);
      row = row + 1 == numBaseElements ? 0 : row + 1;
    }
  }
};
template class DynamicSlice2D<unsigned char>;
template class DynamicSlice2D<unsigned short>;
template class DynamicSlice2D<unsigned int>;
template class DynamicSlice2D<unsigned long long>;

/// Rows (offset + s), wrapping round, take subT rows s where this part
/// holds them. An offset past the end writes nothing, or writes from row 0
/// when remapOutOfBound is set.
template <typename T> class DynamicUpdateSlice2D : public Vertex {
public:
  Input<unsigned> offset;
  InOut<Vector<T, VectorLayout::ONE_PTR>> baseT;
  Input<Vector<T, VectorLayout::ONE_PTR>> subT;
  unsigned numBaseElements;
  unsigned baseOffset;
  unsigned numHeldRows;
  unsigned numSubElements;
  unsigned regionSize;
  bool remapOutOfBound;

  void compute() {
    unsigned row = *offset;
    if (row >= numBaseElements) {
      if (!remapOutOfBound)
        return;
      row = 0;
    }
    for (unsigned s = 0; s != numSubElements; ++s) {
      const unsigned local = row - baseOffset;
      if (local < numHeldRows)
        copyRow(&subT[s * regionSize], &baseT[local * regionSize], regionSize);
      row = row + 1 == numBaseElements ? 0 : row + 1;
    }
  }
};
template class DynamicUpdateSlice2D<unsigned char>;
template class DynamicUpdateSlice2D<unsigned short>;
template class DynamicUpdateSlice2D<unsigned int>;
template class DynamicUpdateSlice2D<unsigned long long>;

/// Row i of subT is the baseT row that offsets[i*k .. i*k+k) names (k =
/// dimSizes.size()), or zeros when an offset is out of range (row 0 when
/// remapOutOfBound is set).
template <typename T> class MultiSlice : public Vertex {
public:
  Input<Vector<unsigned>> offsets;
  Input<Vector<T, VectorLayout::ONE_PTR>> baseT;
  Output<Vector<T, VectorLayout::ONE_PTR>> subT;
  Vector<unsigned> dimSizes;
  unsigned numBaseElements;
  unsigned baseOffset;
  unsigned numHeldRows;
  unsigned regionSize;
  bool remapOutOfBound;

  void compute() {
    const unsigned k = dimSizes.size();
    const unsigned numSlices = offsets.size() / k;
    for (unsigned i = 0; i != numSlices; ++i) {
      const unsigned row =
          heldRow(&offsets[i * k], &dimSizes[0], k, numBaseElements,
                  remapOutOfBound, baseOffset, numHeldRows);
      if (row >= numHeldRows)
        zeroRow(&subT[i * regionSize], regionSize);
      else
        copyRow(&baseT[row * regionSize], &subT[i * regionSize], regionSize);
    }
  }
};
template class MultiSlice<unsigned char>;
template class MultiSlice<unsigned short>;
template class MultiSlice<unsigned int>;
template class MultiSlice<unsigned long long>;

/// baseT rows named by offsets take subT rows, in order (a later index
/// wins over an earlier one naming the same row). Out-of-range offsets are
/// ignored (or write row 0 when remapOutOfBound is set).
template <typename T> class MultiUpdate : public Vertex {
public:
  Input<Vector<unsigned>> offsets;
  InOut<Vector<T, VectorLayout::ONE_PTR>> baseT;
  Input<Vector<T, VectorLayout::ONE_PTR>> subT;
  Vector<unsigned> dimSizes;
  unsigned numBaseElements;
  unsigned baseOffset;
  unsigned numHeldRows;
  unsigned regionSize;
  bool remapOutOfBound;

  void compute() {
    const unsigned k = dimSizes.size();
    const unsigned numSlices = offsets.size() / k;
    for (unsigned i = 0; i != numSlices; ++i) {
      const unsigned row =
          heldRow(&offsets[i * k], &dimSizes[0], k, numBaseElements,
                  remapOutOfBound, baseOffset, numHeldRows);
      if (row < numHeldRows)
        copyRow(&subT[i * regionSize], &baseT[row * regionSize], regionSize);
    }
  }
};
template class MultiUpdate<unsigned char>;
template class MultiUpdate<unsigned short>;
template class MultiUpdate<unsigned int>;
template class MultiUpdate<unsigned long long>;

/// baseT[row] += scale * subT[i] for each index i in order. For half data
/// the product is formed in the scale's precision (float for a half scale)
/// and rounded to half before the addition, which rounds again.
template <typename T, typename ScaleT> class MultiUpdateAdd : public Vertex {
public:
  Input<Vector<unsigned>> offsets;
  InOut<Vector<T, VectorLayout::ONE_PTR>> baseT;
  Input<Vector<T, VectorLayout::ONE_PTR>> subT;
  Input<ScaleT> scale;
  Vector<unsigned> dimSizes;
  unsigned numBaseElements;
  unsigned baseOffset;
  unsigned numHeldRows;
  unsigned regionSize;
  bool remapOutOfBound;

  void compute() {
    using Wide =
        std::conditional_t<std::is_same_v<ScaleT, half>, float, ScaleT>;
    const Wide s = Wide(*scale);
    const unsigned k = dimSizes.size();
    const unsigned numSlices = offsets.size() / k;
    for (unsigned i = 0; i != numSlices; ++i) {
      const unsigned row =
          heldRow(&offsets[i * k], &dimSizes[0], k, numBaseElements,
                  remapOutOfBound, baseOffset, numHeldRows);
      if (row >= numHeldRows)
        continue;
      T *to = &baseT[row * regionSize];
      const T *from = &subT[i * regionSize];
      for (unsigned e = 0; e != regionSize; ++e) {
        const T addend = T(s * Wide(from[e]));
        to[e] = T(to[e] + addend);
      }
    }
  }
};
template class MultiUpdateAdd<float, float>;
template class MultiUpdateAdd<half, half>;
template class MultiUpdateAdd<half, float>;
template class MultiUpdateAdd<int, int>;
template class MultiUpdateAdd<unsigned int, unsigned int>;

/// baseT[row] = max(baseT[row], subT[i]) for each index i in order. A NaN
/// in baseT stays; a NaN in subT does not replace a number.
template <typename T> class MultiUpdateMax : public Vertex {
public:
  Input<Vector<unsigned>> offsets;
  InOut<Vector<T, VectorLayout::ONE_PTR>> baseT;
  Input<Vector<T, VectorLayout::ONE_PTR>> subT;
  Vector<unsigned> dimSizes;
  unsigned numBaseElements;
  unsigned baseOffset;
  unsigned numHeldRows;
  unsigned regionSize;
  bool remapOutOfBound;

  void compute() {
    const unsigned k = dimSizes.size();
    const unsigned numSlices = offsets.size() / k;
    for (unsigned i = 0; i != numSlices; ++i) {
      const unsigned row =
          heldRow(&offsets[i * k], &dimSizes[0], k, numBaseElements,
                  remapOutOfBound, baseOffset, numHeldRows);
      if (row >= numHeldRows)
        continue;
      T *to = &baseT[row * regionSize];
      const T *from = &subT[i * regionSize];
      for (unsigned e = 0; e != regionSize; ++e)
        if (to[e] < from[e])
          to[e] = from[e];
    }
  }
};
template class MultiUpdateMax<float>;
template class MultiUpdateMax<half>;
template class MultiUpdateMax<int>;
template class MultiUpdateMax<unsigned int>;

/// invalid = whether any index vector of offsets names no row (an entry
/// past its dimension); with allowPadding an entry equal to its dimension's
/// size (the padding index) is allowed.
class CheckIndices : public Vertex {
public:
  Input<Vector<unsigned>> offsets;
  Output<bool> invalid;
  Vector<unsigned> dimSizes;
  bool allowPadding;

  void compute() {
    const unsigned k = dimSizes.size();
    bool bad = false;
    for (unsigned i = 0; i != offsets.size(); ++i) {
      const unsigned size = dimSizes[i % k];
      bad = bad || offsets[i] > size || (offsets[i] == size && !allowPadding);
    }
    *invalid = bad;
  }
};

/// out = partials[0] | partials[1] | ... : the parts of a slice taken from
/// a tensor split by rows, each zero where another part holds the row.
template <typename T> class CombineSlices : public Vertex {
public:
  Input<Vector<T, VectorLayout::ONE_PTR>> partials;
  Output<Vector<T>> out;
  unsigned numPartials;

  void compute() {
    const unsigned n = out.size();
    for (unsigned e = 0; e != n; ++e) {
      T combined = partials[e];
      for (unsigned p = 1; p < numPartials; ++p)
        combined = T(combined | partials[p * n + e]);
      out[e] = combined;
    }
  }
};
template class CombineSlices<unsigned char>;
template class CombineSlices<unsigned short>;
template class CombineSlices<unsigned int>;
template class CombineSlices<unsigned long long>;

} // namespace popops
