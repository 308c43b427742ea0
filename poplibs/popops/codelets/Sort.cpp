// Sorting vertices: Sort and SortKeyValue sort whole rows (or chunks of long
// rows) held on their tile, by a stable bottom-up merge sort through a
// scratch row (insertion-sorted runs of 8, then n log n merging, no heap);
// MergeSplit and MergeSplitKeyValue merge two sorted chunks of a long row and
// give the lower chunk the first elements, one step of an odd-even merge across
// tiles.
// NaN keys order after every number when ascending and before every number
// when descending; equal keys (and +0/-0, and NaNs among themselves) keep
// their order in the row.
#include <poplar/HalfFloat.hpp>
#include <poplar/Vertex.hpp>

#include <cstring>
#include <type_traits>

using namespace poplar;

namespace popops {

namespace {

/// Whether key `a` goes strictly before key `b`, ascending or descending.
template <bool Descending, typename K> bool goesBefore(K a, K b) {
  if constexpr (Descending)
    return b < a;
  else
    return a < b;
}
/// NaN is larger than every number (and equal to other NaNs).
template <bool Descending> bool goesBefore(float a, float b) {
  if constexpr (Descending)
    return b < a || (a != a && b == b);
  else
    return a < b || (b != b && a == a);
}
template <bool Descending> bool goesBefore(half a, half b) {
  return goesBefore<Descending>(float(a), float(b));
}

/// The value type of a sort without values.
struct NoValue {};
template <typename V> constexpr bool hasValues = !std::is_same_v<V, NoValue>;

/// Keys and, unless V is NoValue, the values that move with them.
template <typename K, typename V> struct Run {
  K *keys;
  V *values;
  Run at(unsigned offset) const {
    if constexpr (hasValues<V>)
      return {keys + offset, values + offset};
    else
      return {keys + offset, nullptr};
  }
};

/// Copies `count` elements of `from` from `begin` to `to` at `at`.
template <typename K, typename V>
void copyRun(Run<K, V> to, unsigned at, Run<K, V> from, unsigned begin,
             unsigned count) {
  std::memcpy(to.keys + at, from.keys + begin, count * sizeof(K));
  if constexpr (hasValues<V>)
    std::memcpy(to.values + at, from.values + begin, count * sizeof(V));
}

/// Merges the sorted runs `a` (na elements) and `b` (nb) into `out`, taking
/// from `a` on ties so the merge is stable.
template <bool Descending, typename K, typename V>
void mergeRuns(Run<K, V> a, unsigned na, Run<K, V> b, unsigned nb,
               Run<K, V> out) {
  unsigned i = 0, j = 0, o = 0;
  for (; i < na && j < nb; ++o) {
    if (goesBefore<Descending>(b.keys[j], a.keys[i])) {
      out.keys[o] = b.keys[j];
      if constexpr (hasValues<V>)
        out.values[o] = b.values[j];
      ++j;
    } else {
      out.keys[o] = a.keys[i];
      if constexpr (hasValues<V>)
        out.values[o] = a.values[i];
      ++i;
    }
  }
  copyRun(out, o, a, i, na - i);
  copyRun(out, o + (na - i), b, j, nb - j);
}

/// The width of the runs insertion-sorted before merging starts: short
/// runs cost less by insertion than by three merge passes.
constexpr unsigned kInsertionRun = 8;

/// Sorts each run of kInsertionRun elements of `row` by stable insertion.
template <bool Descending, typename K, typename V>
void insertionSortRuns(Run<K, V> row, unsigned n) {
  for (unsigned begin = 0; begin < n; begin += kInsertionRun) {
    const unsigned end = begin + kInsertionRun < n ? begin + kInsertionRun : n;
    for (unsigned i = begin + 1; i < end; ++i) {
      const K key = row.keys[i];
      unsigned j = i;
      if constexpr (hasValues<V>) {
        const V value = row.values[i];
        for (; j > begin && goesBefore<Descending>(key, row.keys[j - 1]); --j) {
          row.keys[j] = row.keys[j - 1];
          row.values[j] = row.values[j - 1];
        }
        row.values[j] = value;
      } else {
        for (; j > begin && goesBefore<Descending>(key, row.keys[j - 1]); --j)
          row.keys[j] = row.keys[j - 1];
      }
      row.keys[j] = key;
    }
  }
}

/// Sorts `row` (n elements) using `scratch` (n elements): runs sorted by
/// insertion, then merged pairwise into runs twice as long, back and forth
/// between the two.
template <bool Descending, typename K, typename V>
void mergeSort(Run<K, V> row, Run<K, V> scratch, unsigned n) {
  insertionSortRuns<Descending>(row, n);
  Run<K, V> *from = &row, *to = &scratch;
  for (unsigned width = kInsertionRun; width < n; width *= 2) {
    for (unsigned begin = 0; begin < n; begin += 2 * width) {
      const unsigned middle = begin + width < n ? begin + width : n;
      const unsigned end = begin + 2 * width < n ? begin + 2 * width : n;
      if (middle == end ||
          !goesBefore<Descending>(from->keys[middle], from->keys[middle - 1]))
        copyRun(*to, begin, *from, begin, end - begin); // already in order
      else
        mergeRuns<Descending>(from->at(begin), middle - begin, from->at(middle),
                              end - middle, to->at(begin));
    }
    Run<K, V> *swap = from;
    from = to;
    to = swap;
  }
  if (from != &row)
    copyRun(row, 0, *from, 0, n);
}

template <typename K, typename V>
void mergeSort(Run<K, V> row, Run<K, V> scratch, unsigned n, bool descending) {
  if (descending)
    mergeSort<true>(row, scratch, n);
  else
    mergeSort<false>(row, scratch, n);
}

/// Merges the sorted `lower` (nLower elements) and `upper` (nUpper) through
/// `scratch` (nLower + nUpper): lower gets the first nLower of the merged
/// elements, upper the rest; on ties lower's elements come first.
template <bool Descending, typename K, typename V>
void mergeSplit(Run<K, V> lower, unsigned nLower, Run<K, V> upper,
                unsigned nUpper, Run<K, V> scratch) {
  if (nLower == 0 || nUpper == 0 ||
      !goesBefore<Descending>(upper.keys[0], lower.keys[nLower - 1]))
    return; // already in order
  mergeRuns<Descending>(lower, nLower, upper, nUpper, scratch);
  copyRun(lower, 0, scratch, 0, nLower);
  copyRun(upper, 0, scratch, nLower, nUpper);
}

template <typename K, typename V>
void mergeSplit(Run<K, V> lower, unsigned nLower, Run<K, V> upper,
                unsigned nUpper, Run<K, V> scratch, bool descending) {
  if (descending)
    mergeSplit<true>(lower, nLower, upper, nUpper, scratch);
  else
    mergeSplit<false>(lower, nLower, upper, nUpper, scratch);
}

} // namespace

/// Sorts each row of `keys` in place.
template <typename KeyType> class Sort : public Vertex {
public:
  Vector<InOut<Vector<KeyType>>> keys;
  Output<Vector<KeyType>> keyScratch;
  bool descending;

  void compute() {
    using R = Run<KeyType, NoValue>;
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
    using R = Run<KeyType, ValueType>;
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
    using R = Run<KeyType, NoValue>;
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
    using R = Run<KeyType, ValueType>;
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
