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

  // Indexing and slicing.
  Tensor operator[](std::size_t i) const &;
  Tensor &&operator[](std::size_t i) &&;
  Tensor slice(std::size_t begin, std::size_t end, unsigned dimension) const &;
  Tensor &&slice(std::size_t begin, std::size_t end, unsigned dimension) &&;
  Tensor slice(std::size_t begin, std::size_t end) const {
    return slice(begin, end, 0);
  }
  Tensor slice(const Interval &region, unsigned dimension = 0) const &;
  Tensor &&slice(const Interval &region, unsigned dimension = 0) &&;
  Tensor slice(ArrayRef<std::size_t> begin, ArrayRef<std::size_t> end) const;
  std::vector<Tensor> slices(ArrayRef<Interval> intervals,
                             unsigned dimension = 0) const;
  std::vector<Tensor>
  slices(const std::vector<std::vector<Interval>> &intervals,
         unsigned dimension = 0) const;
  std::vector<Tensor> slices(ArrayRef<unsigned> indices,
                             unsigned dimension = 0) const;
  Tensor index(ArrayRef<std::size_t> indices) const;

  // Reshaping and reordering.
  Tensor flatten() const;
  Tensor flatten(unsigned dimBegin, unsigned dimEnd) const;
  Tensor reshape(ArrayRef<std::size_t> shape) const;
  Tensor reshapePartial(unsigned beginIndex, unsigned endIndex,
                        ArrayRef<std::size_t> newDims) const;
  Tensor dimShuffle(ArrayRef<unsigned> permutation) const;
  Tensor dimShufflePartial(ArrayRef<unsigned> source,
                           ArrayRef<unsigned> destination) const;
  Tensor dimRoll(unsigned dimIdx, unsigned newIdx = 0) const;
  Tensor transpose() const;
  Tensor expand(ArrayRef<std::size_t> indices) const;
  Tensor squeeze(ArrayRef<std::size_t> indices) const;
  Tensor broadcast(unsigned N, unsigned dim) const;
  Tensor subSample(unsigned stride, unsigned dimension) const;
  Tensor upsample(unsigned scale, unsigned dimension,
                  UpsampleMethod method) const;
  Tensor reverse(unsigned dimension) const;
  Tensor reinterpret(const Type &type) const;

  // Shape queries.
  std::size_t numElements() const;
  std::size_t dim(unsigned i) const;
  std::vector<std::size_t> shape() const;
  unsigned rank() const;
  std::string shapeToString() const;

  // Aliasing and regions.
  bool isContiguous() const;
  bool containsAliases() const;
  bool containsConstant() const;
  bool isParallelWriteable() const;
  std::vector<Interval> getContiguousRegions() const;
  std::vector<VariableInterval> getVarRegions() const;
  bool intersectsWith(const Tensor &other) const;
  /// True, with *value set, when every element is the same constant.
  template <class T> bool getConstantValue(T *value) const {
    return getConstantValueImpl(value, equivalent_device_type<T>().value);
  }

  // Debugging.
  void dump() const;
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

bool operator==(const Tensor &a, const Tensor &b);
bool operator!=(const Tensor &a, const Tensor &b);
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
