// The device-side codelet API: vertex base classes and the field types a
// vertex reads and writes tile memory through (Input, Output, InOut, Vector,
// VectorList). Codelets are compiled as native code with -ffp-contract=off;
// `half` is IEEE binary16 (HalfFloat.hpp). How popc's glue points these
// fields at vertex state is Tessel's business, in
// tessel/internal/FieldBinding.hpp, which codelets never include.
#ifndef POPLAR_VERTEX_HPP
#define POPLAR_VERTEX_HPP

#include <poplar/HalfFloat.hpp>
#include <poplar/VectorLayout.hpp>

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace tessel {
struct VertexFieldAccess;
} // namespace tessel

namespace poplar {

/// compute() (returning bool or void) runs on one worker.
class Vertex {};
/// compute(unsigned workerId) runs on every worker of the tile.
class MultiVertex {
public:
  static constexpr unsigned numWorkers() { return 6; }
};
/// compute() runs on the supervisor context; it occupies the whole tile.
class SupervisorVertex {};
class ExternalExchangeVertex : public Vertex {};
template <bool Pred>
using SupervisorVertexIf = std::conditional_t<Pred, SupervisorVertex, Vertex>;

/// A contiguous run of elements in tile memory. Only SPAN and SHORT_SPAN
/// vectors offer size() and iteration, as on the IPU.
template <typename T, VectorLayout L = VectorLayout::SPAN,
          unsigned MinAlign = alignof(T), bool Interleaved = false>
class Vector {
public:
  using value_type = T;
  static constexpr VectorLayout layout = L;
  static constexpr bool hasSize =
      L == VectorLayout::SPAN || L == VectorLayout::SHORT_SPAN;

  T &operator[](std::size_t i) const { return ptr[i]; }
  T *data() const { return ptr; }
  template <bool B = hasSize> std::size_t size() const {
    static_assert(B, "only SPAN and SHORT_SPAN vectors know their size");
    return count;
  }
  template <bool B = hasSize> T *begin() const {
    static_assert(B, "only SPAN and SHORT_SPAN vectors can be iterated");
    return ptr;
  }
  template <bool B = hasSize> T *end() const {
    static_assert(B, "only SPAN and SHORT_SPAN vectors can be iterated");
    return ptr + count;
  }

private:
  friend struct tessel::VertexFieldAccess;
  T *ptr = nullptr;
  std::uint32_t count = 0;
};

/// A jagged list of vectors: list[i][j].
template <typename T, VectorListLayout L = VectorListLayout::DELTANELEMENTS,
          unsigned MinAlign = alignof(T), bool Interleaved = false>
class VectorList {
public:
  using value_type = T;
  static constexpr VectorListLayout layout = L;
  /// One vector of the list.
  class Row {
  public:
    T &operator[](std::size_t i) const { return ptr[i]; }
    std::size_t size() const { return count; }
    T *begin() const { return ptr; }
    T *end() const { return ptr + count; }
    T *data() const { return ptr; }

  private:
    friend struct tessel::VertexFieldAccess;
    T *ptr = nullptr;
    std::uint32_t count = 0;
  };
  Row operator[](std::size_t i) const { return rows[i]; }
  std::size_t size() const { return count; }
  const Row *begin() const { return rows; }
  const Row *end() const { return rows + count; }

private:
  friend struct tessel::VertexFieldAccess;
  Row *rows = nullptr;
  std::uint32_t count = 0;
};

namespace detail {
template <class T> struct IsVector : std::false_type {};
template <class T, VectorLayout L, unsigned A, bool I>
struct IsVector<Vector<T, L, A, I>> : std::true_type {};
template <class T> struct IsVectorList : std::false_type {};
template <class T, VectorListLayout L, unsigned A, bool I>
struct IsVectorList<VectorList<T, L, A, I>> : std::true_type {};

template <class T>
constexpr bool isContainer = IsVector<T>::value || IsVectorList<T>::value;

template <class T, bool Const>
using Elt = std::conditional_t<Const, const T, T>;

/// What an edge field holds: a pointer for a scalar, the (const-qualified)
/// vector or list itself otherwise.
template <class T, bool Const, bool = isContainer<T>> struct EdgeStorage;
template <class T, bool Const> struct EdgeStorage<T, Const, false> {
  Elt<T, Const> *ptr = nullptr;
  Elt<T, Const> &get() const { return *ptr; }
};
template <class T, VectorLayout L, unsigned A, bool I, bool Const>
struct EdgeStorage<Vector<T, L, A, I>, Const, true> {
  Vector<Elt<T, Const>, L, A, I> value;
  const Vector<Elt<T, Const>, L, A, I> &get() const { return value; }
};
template <class T, VectorListLayout L, unsigned A, bool I, bool Const>
struct EdgeStorage<VectorList<T, L, A, I>, Const, true> {
  VectorList<Elt<T, Const>, L, A, I> value;
  const VectorList<Elt<T, Const>, L, A, I> &get() const { return value; }
};

/// The members every edge offers; Input views its data as const.
template <class T, bool Const> class EdgeBase {
  using Storage = EdgeStorage<T, Const>;
  using Value =
      std::remove_reference_t<decltype(std::declval<Storage>().get())>;

public:
  operator Value &() const { return storage.get(); }
  Value &operator*() const { return storage.get(); }
  Value *operator->() const { return &storage.get(); }
  template <class U = T, typename = std::enable_if_t<isContainer<U>>>
  decltype(auto) operator[](std::size_t i) const {
    return storage.get()[i];
  }
  template <class U = T, typename = std::enable_if_t<isContainer<U>>>
  std::size_t size() const {
    return storage.get().size();
  }
  template <class U = T, typename = std::enable_if_t<isContainer<U>>>
  auto begin() const {
    return storage.get().begin();
  }
  template <class U = T, typename = std::enable_if_t<isContainer<U>>>
  auto end() const {
    return storage.get().end();
  }
  template <class U = T, typename = std::enable_if_t<IsVector<U>::value>>
  auto data() const {
    return storage.get().data();
  }

protected:
  friend struct tessel::VertexFieldAccess;
  Storage storage;
};
} // namespace detail

/// Read-only data connected to a tensor.
template <class T> class Input : public detail::EdgeBase<T, true> {};

/// Data the vertex writes: `*out = x`, `out = x`, `out[i] = x`.
template <class T> class Output : public detail::EdgeBase<T, false> {
public:
  template <class U,
            typename = std::enable_if_t<!detail::isContainer<T> &&
                                        std::is_convertible_v<const U &, T>>>
  Output &operator=(const U &value) {
    *this->storage.ptr = value;
    return *this;
  }
};

/// Data the vertex reads and writes: `x += 1`, `x[i] *= 2`.
template <class T> class InOut : public detail::EdgeBase<T, false> {
public:
  template <class U,
            typename = std::enable_if_t<!detail::isContainer<T> &&
                                        std::is_convertible_v<const U &, T>>>
  InOut &operator=(const U &value) {
    *this->storage.ptr = value;
    return *this;
  }
  template <class U, typename = std::enable_if_t<!detail::isContainer<T> &&
                                                 sizeof(U) != 0>>
  InOut &operator+=(const U &v) {
    *this->storage.ptr += v;
    return *this;
  }
  template <class U, typename = std::enable_if_t<!detail::isContainer<T> &&
                                                 sizeof(U) != 0>>
  InOut &operator-=(const U &v) {
    *this->storage.ptr -= v;
    return *this;
  }
  template <class U, typename = std::enable_if_t<!detail::isContainer<T> &&
                                                 sizeof(U) != 0>>
  InOut &operator*=(const U &v) {
    *this->storage.ptr *= v;
    return *this;
  }
  template <class U, typename = std::enable_if_t<!detail::isContainer<T> &&
                                                 sizeof(U) != 0>>
  InOut &operator/=(const U &v) {
    *this->storage.ptr /= v;
    return *this;
  }
};

/// Marks a constraint on a vertex's fields; Tessel accepts and ignores it.
#define TESSEL_UNUSED_CONSTRAINT(...)

} // namespace poplar

#endif
