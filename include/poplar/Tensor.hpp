// poplar::Tensor: a view of elements of graph variables with a shape. Views
// never copy: slicing, reshaping and shuffling build new views of the same
// variables, and writing through any view changes the variables.
#ifndef POPLAR_TENSOR_HPP
#define POPLAR_TENSOR_HPP

#include <poplar/ArrayRef.hpp>
#include <poplar/Interval.hpp>
#include <poplar/Type.hpp>
#include <poplar/UpsampleMethod.hpp>
#include <poplar/VariableRef.hpp>

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace tessel {
struct TensorImpl;
struct TensorAccess;
} // namespace tessel

namespace poplar {

class Tensor {
public:
  /// An invalid tensor; valid() is false and using it throws.
  Tensor();
  Tensor(const Tensor &);
  Tensor(Tensor &&) noexcept;
  Tensor &operator=(const Tensor &);
  Tensor &operator=(Tensor &&) noexcept;
  ~Tensor();

  Type elementType() const;

  // Indexing and slicing. Out-of-range indices throw poplar::index_error.
  /// Row i: dimension 0 dropped, so t[i][j] chains.
  Tensor operator[](std::size_t i) const &;
  Tensor &&operator[](std::size_t i) &&;
  Tensor slice(std::size_t begin, std::size_t end, unsigned dimension) const &;
  Tensor &&slice(std::size_t begin, std::size_t end, unsigned dimension) &&;
  Tensor slice(std::size_t begin, std::size_t end) const {
    return slice(begin, end, 0);
  }
  Tensor slice(const Interval &region, unsigned dimension = 0) const &;
  Tensor &&slice(const Interval &region, unsigned dimension = 0) &&;
  /// The box [begin[d], end[d]) of every dimension d (one bound each).
  Tensor slice(ArrayRef<std::size_t> begin, ArrayRef<std::size_t> end) const;
  std::vector<Tensor> slices(ArrayRef<Interval> intervals,
                             unsigned dimension = 0) const;
  /// One tensor per group: its intervals concatenated along `dimension`.
  std::vector<Tensor>
  slices(const std::vector<std::vector<Interval>> &intervals,
         unsigned dimension = 0) const;
  /// slice(i, i + 1, dimension) for each index i.
  std::vector<Tensor> slices(ArrayRef<unsigned> indices,
                             unsigned dimension = 0) const;
  /// t.index({i, j}) is t[i][j].
  Tensor index(ArrayRef<std::size_t> indices) const;

  // Reshaping and reordering. Shape mismatches and invalid permutations
  // throw poplar::tensor_creation_error.
  Tensor flatten() const;
  /// Dimensions [dimBegin, dimEnd) become one.
  Tensor flatten(unsigned dimBegin, unsigned dimEnd) const;
  Tensor reshape(ArrayRef<std::size_t> shape) const;
  Tensor reshapePartial(unsigned beginIndex, unsigned endIndex,
                        ArrayRef<std::size_t> newDims) const;
  /// Result dimension i is dimension permutation[i] of this tensor.
  Tensor dimShuffle(ArrayRef<unsigned> permutation) const;
  /// Moves dimension source[i] to destination[i]; the others keep their
  /// relative order.
  Tensor dimShufflePartial(ArrayRef<unsigned> source,
                           ArrayRef<unsigned> destination) const;
  Tensor dimRoll(unsigned dimIdx, unsigned newIdx = 0) const;
  /// Rank 2 only.
  Tensor transpose() const;
  /// A singleton dimension before each listed dimension of this tensor
  /// (index rank() appends one): {N}.expand({0, 1}) has shape {1, N, 1}.
  Tensor expand(ArrayRef<std::size_t> indices) const;
  /// Removes the listed dimensions, each of size 1.
  Tensor squeeze(ArrayRef<std::size_t> indices) const;
  /// The whole of dimension `dim` repeated N times: [a b] -> [a b a b].
  Tensor broadcast(unsigned N, unsigned dim) const;
  /// Indices 0, stride, 2*stride, ... of `dimension`.
  Tensor subSample(unsigned stride, unsigned dimension) const;
  /// Each index of `dimension` repeated `scale` times: [a b] -> [a a b b].
  Tensor upsample(unsigned scale, unsigned dimension,
                  UpsampleMethod method) const;
  Tensor reverse(unsigned dimension) const;
  /// The same elements seen as `type`, which must have the same size
  /// (poplar::type_error otherwise).
  Tensor reinterpret(const Type &type) const;

  // Shape queries.
  std::size_t numElements() const;
  std::size_t dim(unsigned i) const;
  std::vector<std::size_t> shape() const;
  unsigned rank() const;
  std::string shapeToString() const;

  // Aliasing and regions.
  /// True when the elements are one contiguous range of one variable.
  bool isContiguous() const;
  bool containsAliases() const;
  bool containsConstant() const;
  /// Neither aliased nor constant.
  bool isParallelWriteable() const;
  /// Intervals of the flattened tensor, each contiguous in one variable.
  std::vector<Interval> getContiguousRegions() const;
  /// The variable elements behind those intervals, in the same order.
  std::vector<VariableInterval> getVarRegions() const;
  bool intersectsWith(const Tensor &other) const;
  /// True, with *value set, when every element is the same constant.
  template <class T> bool getConstantValue(T *value) const {
    return getConstantValueImpl(value, equivalent_device_type<T>().value);
  }

  // Debugging.
  /// Prints operator<<'s form to std::cerr.
  void dump() const;
  /// Prints each region, with the tensor elements it covers, to std::cerr.
  void dumpRegions() const;
  std::string getVarStr() const;
  std::string getDebugStr() const;
  bool valid() const { return static_cast<bool>(impl); }
  bool hasMetadata() const { return false; }
  Tensor getMetadata() const;

private:
  explicit Tensor(std::shared_ptr<const tessel::TensorImpl> impl);
  const tessel::TensorImpl &get() const;
  bool getConstantValueImpl(void *value, const Type &hostType) const;
  std::shared_ptr<const tessel::TensorImpl> impl;
  friend struct tessel::TensorAccess;
};

/// Same graph, element type, shape and elements in the same order.
bool operator==(const Tensor &a, const Tensor &b);
bool operator!=(const Tensor &a, const Tensor &b);
/// Type, shape and regions, e.g. `float {2,3} x[0:6)`.
std::ostream &operator<<(std::ostream &os, const Tensor &t);

Tensor concat(ArrayRef<Tensor> ts, unsigned dimension = 0);
inline Tensor concat(const Tensor &first, const Tensor &second,
                     unsigned dimension = 0) {
  return concat({first, second}, dimension);
}
/// `second` becomes one more element of `first` along `dimension`.
Tensor append(const Tensor &first, const Tensor &second, unsigned dimension);
inline Tensor append(const Tensor &first, const Tensor &second) {
  return append(first, second, 0);
}

} // namespace poplar

#endif
