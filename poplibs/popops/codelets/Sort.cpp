// Sorting vertices: Sort and SortKeyValue sort whole rows (or chunks of long
// rows) held on their tile, by a stable bottom-up merge sort through a
// scratch row (n log n comparisons, no heap); MergeSplit and
// MergeSplitKeyValue merge two sorted chunks of a long row and give the
// lower chunk the first elements, one step of an odd-even merge across
// tiles.
// NaN keys order after every number when ascending and before every number
// when descending; equal keys (and +0/-0, and NaNs among themselves) keep
// their order in the row.
#include <poplar/HalfFloat.hpp>
#include <poplar/Vertex.hpp>

using namespace poplar;

namespace popops {

namespace {

template <typename T> bool isNaN(T) { return false; }
bool isNaN(float x) { return x != x; }
bool isNaN(half x) { return isNaN(float(x)); }

/// Whether key `a` goes strictly before key `b`.
template <typename K> bool goesBefore(K a, K b, bool descending) {
  if (isNaN(a) || isNaN(b))
    return descending ? isNaN(a) && !isNaN(b) : !isNaN(a) && isNaN(b);
  return descending ? b < a : a < b;
}
bool goesBefore(half a, half b, bool descending) {
  return goesBefore(float(a), float(b), descending);
}

/// A row of keys and, when V is not void, the values that move with them.
template <typename K, typename V> struct Row {
  K *keys;
  V *values;
  void move(unsigned to, const Row &from, unsigned at) {
    keys[to] = from.keys[at];
    if (values)
      values[to] = from.values[at];
  }
};

/// Merges the sorted runs [begin, middle) and [middle, end) of `from` into
/// `to`, taking from the left run on ties so the merge is stable.
template <typename K, typename V>
void merge(const Row<K, V> &from, Row<K, V> &to, unsigned begin,
           unsigned middle, unsigned end, bool descending) {
  unsigned left = begin, right = middle;
  for (unsigned out = begin; out < end; ++out) {
    const bool takeRight =
        left == middle ||
        (right < end &&
         goesBefore(from.keys[right], from.keys[left], descending));
    to.move(out, from, takeRight ? right++ : left++);
  }
}

/// Merges the sorted `lower` (nLower elements) and `upper` (nUpper) through
/// `scratch` (nLower + nUpper): lower gets the first nLower of the merged
/// elements, upper the rest; on ties lower's elements come first.
template <typename K, typename V>
void mergeSplit(Row<K, V> lower, unsigned nLower, Row<K, V> upper,
                unsigned nUpper, Row<K, V> scratch, bool descending) {
  if (nLower == 0 || nUpper == 0 ||
      !goesBefore(upper.keys[0], lower.keys[nLower - 1], descending))
    return; // already in order
  unsigned left = 0, right = 0;
  for (unsigned out = 0; out < nLower + nUpper; ++out) {
    const bool takeUpper =
        left == nLower ||
        (right < nUpper &&
         goesBefore(upper.keys[right], lower.keys[left], descending));
    if (takeUpper)
      scratch.move(out, upper, right++);
    else
      scratch.move(out, lower, left++);
  }
  for (unsigned i = 0; i < nLower; ++i)
    lower.move(i, scratch, i);
  for (unsigned i = 0; i < nUpper; ++i)
    upper.move(i, scratch, nLower + i);
}

/// Sorts `row` (n elements) using `scratch` (n elements).
template <typename K, typename V>
void mergeSort(Row<K, V> row, Row<K, V> scratch, unsigned n, bool descending) {
  Row<K, V> *from = &row, *to = &scratch;
  for (unsigned width = 1; width < n; width *= 2) {
    for (unsigned begin = 0; begin < n; begin += 2 * width) {
      const unsigned middle = begin + width < n ? begin + width : n;
      const unsigned end = begin + 2 * width < n ? begin + 2 * width : n;
      merge(*from, *to, begin, middle, end, descending);
    }
    Row<K, V> *swap = from;
    from = to;
    to = swap;
  }
  if (from != &row)
    for (unsigned i = 0; i < n; ++i)
      row.move(i, *from, i);
}

} // namespace

/// Sorts each row of `keys` in place.
template <typename KeyType> class Sort : public Vertex {
public:
  Vector<InOut<Vector<KeyType>>> keys;
  Output<Vector<KeyType>> keyScratch;
  bool descending;

  void compute() {
    using R = Row<KeyType, unsigned char>;
    for (unsigned r = 0; r < keys.size(); ++r)
      if (keys[r].size() != 0)
        mergeSort(R{&keys[r][0], nullptr}, R{&keyScratch[0], nullptr},
                  keys[r].size(), descending);
  }
};
template class Sort<float>;
template class Sort<half>;
template class Sort<int>;
template class Sort<unsigned>;

/// Sorts each row of `keys` in place and permutes the same row of `values`
/// as its keys move. Values are moved as raw bits of their size. With
/// writePositions, row r's values are first set to firstPosition[r],
/// firstPosition[r] + 1, ... (the positions of its keys, for top-k indices).
template <typename KeyType, typename ValueType>
class SortKeyValue : public Vertex {
public:
  Vector<InOut<Vector<KeyType>>> keys;
  Vector<InOut<Vector<ValueType>>> values;
  Output<Vector<KeyType>> keyScratch;
  Output<Vector<ValueType>> valueScratch;
  Vector<unsigned> firstPosition;
  bool descending;
  bool writePositions;

  void compute() {
    using R = Row<KeyType, ValueType>;
    for (unsigned r = 0; r < keys.size(); ++r) {
      if (writePositions)
        for (unsigned i = 0; i < values[r].size(); ++i)
          values[r][i] = ValueType(firstPosition[r] + i);
      if (keys[r].size() != 0)
        mergeSort(R{&keys[r][0], &values[r][0]},
                  R{&keyScratch[0], &valueScratch[0]}, keys[r].size(),
                  descending);
    }
  }
};
template class SortKeyValue<float, unsigned char>;
template class SortKeyValue<float, unsigned short>;
template class SortKeyValue<float, unsigned>;
template class SortKeyValue<half, unsigned char>;
template class SortKeyValue<half, unsigned short>;
template class SortKeyValue<half, unsigned>;
template class SortKeyValue<int, unsigned char>;
template class SortKeyValue<int, unsigned short>;
template class SortKeyValue<int, unsigned>;
template class SortKeyValue<unsigned, unsigned char>;
template class SortKeyValue<unsigned, unsigned short>;
template class SortKeyValue<unsigned, unsigned>;

/// One merge-split of two sorted chunks of a long row of keys.
template <typename KeyType> class MergeSplit : public Vertex {
public:
  InOut<Vector<KeyType>> lowerKeys;
  InOut<Vector<KeyType>> upperKeys;
  Output<Vector<KeyType>> keyScratch;
  bool descending;

  void compute() {
    using R = Row<KeyType, unsigned char>;
    mergeSplit(R{&lowerKeys[0], nullptr}, lowerKeys.size(),
               R{&upperKeys[0], nullptr}, upperKeys.size(),
               R{&keyScratch[0], nullptr}, descending);
  }
};
template class MergeSplit<float>;
template class MergeSplit<half>;
template class MergeSplit<int>;
template class MergeSplit<unsigned>;

/// One merge-split of two sorted chunks of a long row of keys, moving the
/// values with their keys.
template <typename KeyType, typename ValueType>
class MergeSplitKeyValue : public Vertex {
public:
  InOut<Vector<KeyType>> lowerKeys;
  InOut<Vector<KeyType>> upperKeys;
  InOut<Vector<ValueType>> lowerValues;
  InOut<Vector<ValueType>> upperValues;
  Output<Vector<KeyType>> keyScratch;
  Output<Vector<ValueType>> valueScratch;
  bool descending;

  void compute() {
    using R = Row<KeyType, ValueType>;
    mergeSplit(R{&lowerKeys[0], &lowerValues[0]}, lowerKeys.size(),
               R{&upperKeys[0], &upperValues[0]}, upperKeys.size(),
               R{&keyScratch[0], &valueScratch[0]}, descending);
  }
};
template class MergeSplitKeyValue<float, unsigned char>;
template class MergeSplitKeyValue<float, unsigned short>;
template class MergeSplitKeyValue<float, unsigned>;
template class MergeSplitKeyValue<half, unsigned char>;
template class MergeSplitKeyValue<half, unsigned short>;
template class MergeSplitKeyValue<half, unsigned>;
template class MergeSplitKeyValue<int, unsigned char>;
template class MergeSplitKeyValue<int, unsigned short>;
template class MergeSplitKeyValue<int, unsigned>;
template class MergeSplitKeyValue<unsigned, unsigned char>;
template class MergeSplitKeyValue<unsigned, unsigned short>;
template class MergeSplitKeyValue<unsigned, unsigned>;

} // namespace popops
