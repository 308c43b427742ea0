// The device-side codelet API: vertex base classes, the field types a vertex
// reads and writes tile memory through (Input, Output, InOut, Vector,
// VectorList), and the binding of those fields to vertex state that popc's
// generated glue uses (see CodeletABI.hpp). Codelets are compiled as native
// code with -ffp-contract=off; `half` is IEEE binary16 (HalfFloat.hpp).
#ifndef POPLAR_VERTEX_HPP
#define POPLAR_VERTEX_HPP

#include <poplar/CodeletABI.hpp>
#include <poplar/HalfFloat.hpp>
#include <poplar/VectorLayout.hpp>

#include <csetjmp>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace tessel::abi {
template <class F, class = void> struct FieldTraits;
template <class F> struct EdgeBinding;
struct Binder;
} // namespace tessel::abi

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
  template <class, class> friend struct tessel::abi::FieldTraits;
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
    template <class, class> friend struct tessel::abi::FieldTraits;
    T *ptr = nullptr;
    std::uint32_t count = 0;
  };
  Row operator[](std::size_t i) const { return rows[i]; }
  std::size_t size() const { return count; }
  const Row *begin() const { return rows; }
  const Row *end() const { return rows + count; }

private:
  template <class, class> friend struct tessel::abi::FieldTraits;
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
  template <class, class> friend struct tessel::abi::FieldTraits;
  template <class> friend struct tessel::abi::EdgeBinding;
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

// ---------------------------------------------------------------------------
// Binding fields to vertex state (used by popc's generated glue only).
namespace tessel::abi {

template <class T> struct ElementName;
#define TESSEL_ELEMENT_NAME(T, N)                                              \
  template <> struct ElementName<T> { static constexpr const char *value = N; };
TESSEL_ELEMENT_NAME(bool, "bool")
TESSEL_ELEMENT_NAME(char, "char")
TESSEL_ELEMENT_NAME(signed char, "signed char")
TESSEL_ELEMENT_NAME(unsigned char, "unsigned char")
TESSEL_ELEMENT_NAME(short, "short")
TESSEL_ELEMENT_NAME(unsigned short, "unsigned short")
TESSEL_ELEMENT_NAME(int, "int")
TESSEL_ELEMENT_NAME(unsigned int, "unsigned int")
TESSEL_ELEMENT_NAME(long long, "long long")
TESSEL_ELEMENT_NAME(unsigned long long, "unsigned long long")
TESSEL_ELEMENT_NAME(float, "float")
TESSEL_ELEMENT_NAME(poplar::half, "half")
#undef TESSEL_ELEMENT_NAME

template <class T, class = void> struct IsElement : std::false_type {};
template <class T>
struct IsElement<T, std::void_t<decltype(ElementName<T>::value)>>
    : std::true_type {};

struct WritableRange {
  std::uintptr_t begin;
  std::uintptr_t end;
};

/// Reads vertex state words and turns addresses into pointers into the
/// tile's memory. Never allocates through the C++ library: this code is not
/// instrumented, and it must not call code that is.
struct Binder {
  std::uint8_t *base;
  std::uint32_t tileBytes;
  const std::uint32_t *cursor;
  const std::uint32_t *end;
  bool ok;
  WritableRange *ranges;
  std::uint32_t numRanges;
  std::uint32_t maxRanges;
  std::uint8_t *arena;
  std::size_t arenaUsed;
  std::size_t arenaBytes;

  std::uint32_t word() {
    if (cursor >= end) {
      ok = false;
      return 0;
    }
    std::uint32_t w;
    std::memcpy(&w, cursor, 4);
    ++cursor;
    return w;
  }
  template <class E> E *address(std::uint32_t addr, std::uint32_t count) {
    const std::uint64_t end =
        std::uint64_t(addr) + std::uint64_t(count) * sizeof(E);
    if (end > tileBytes) {
      ok = false;
      return nullptr;
    }
    return reinterpret_cast<E *>(base + addr);
  }
  void writable(const void *p, std::size_t bytes) {
    if (!bytes || !p)
      return;
    if (numRanges == maxRanges) {
      ok = false;
      return;
    }
    const auto b = reinterpret_cast<std::uintptr_t>(p);
    ranges[numRanges++] = {b, b + bytes};
  }
  template <class E> E *allocate(std::uint32_t count) {
    std::size_t at = (arenaUsed + alignof(E) - 1) & ~(alignof(E) - 1);
    if (at + sizeof(E) * std::size_t(count) > arenaBytes) {
      ok = false;
      return nullptr;
    }
    arenaUsed = at + sizeof(E) * std::size_t(count);
    E *items = reinterpret_cast<E *>(arena + at);
    for (std::uint32_t i = 0; i < count; ++i)
      new (&items[i]) E();
    return items;
  }
  /// A sub-binder reading a table of `words` words at `addr`.
  Binder table(std::uint32_t addr, std::uint32_t words) {
    Binder sub = *this;
    sub.cursor = address<std::uint32_t>(addr, words);
    sub.end = sub.cursor ? sub.cursor + words : nullptr;
    if (!sub.cursor || (addr & 3)) {
      ok = false;
      sub.ok = false;
      sub.cursor = sub.end = nullptr;
    }
    return sub;
  }
  /// Takes back what a sub-binder allocated and registered.
  void adopt(const Binder &sub) {
    ok = ok && sub.ok;
    numRanges = sub.numRanges;
    arenaUsed = sub.arenaUsed;
  }
};

template <class E>
constexpr FieldInfo elementField(const char *name, FieldKind kind,
                                 Direction dir, std::uint8_t layout,
                                 bool interleaved, std::uint32_t minAlign) {
  return FieldInfo{name,
                   kind,
                   dir,
                   layout,
                   std::uint8_t(interleaved),
                   ElementName<std::remove_cv_t<E>>::value,
                   std::uint32_t(sizeof(E)),
                   minAlign};
}

template <class F, class> struct FieldTraits {
  static_assert(sizeof(F) == 0,
                "unsupported vertex field type: use Input/Output/InOut of a "
                "scalar, Vector or VectorList, a Vector of edges, a state "
                "Vector or a scalar of a device type");
};

/// Scalar state: `unsigned n;`
template <class T>
struct FieldTraits<T, std::enable_if_t<IsElement<T>::value>> {
  static constexpr FieldInfo describe(const char *name) {
    return elementField<T>(name, FieldKind::Scalar, Direction::None, 0, false,
                           alignof(T));
  }
  static void bind(Binder &b, T &field) {
    const std::uint32_t words = stateWords(FieldKind::Scalar, sizeof(T));
    if (b.end - b.cursor < std::ptrdiff_t(words)) {
      b.ok = false;
      return;
    }
    std::memcpy(&field, b.cursor, sizeof(T));
    b.cursor += words;
  }
};

/// State vector: `Vector<unsigned> offsets;`
template <class T, poplar::VectorLayout L, unsigned A, bool I>
struct FieldTraits<poplar::Vector<T, L, A, I>,
                   std::enable_if_t<IsElement<T>::value>> {
  static constexpr FieldInfo describe(const char *name) {
    return elementField<T>(name, FieldKind::StateVector, Direction::None,
                           std::uint8_t(L), I, A);
  }
  static void bind(Binder &b, poplar::Vector<T, L, A, I> &field) {
    const std::uint32_t addr = b.word(), count = b.word();
    field.ptr = b.address<T>(addr, count);
    field.count = count;
  }
};

template <class Edge> struct EdgeInfo;
template <class T> struct EdgeInfo<poplar::Input<T>> {
  using Value = T;
  static constexpr Direction dir = Direction::Input;
};
template <class T> struct EdgeInfo<poplar::Output<T>> {
  using Value = T;
  static constexpr Direction dir = Direction::Output;
};
template <class T> struct EdgeInfo<poplar::InOut<T>> {
  using Value = T;
  static constexpr Direction dir = Direction::InOut;
};
template <class F, class = void> struct IsEdge : std::false_type {};
template <class F>
struct IsEdge<F, std::void_t<typename EdgeInfo<F>::Value>> : std::true_type {};

/// Binds one scalar edge.
template <template <class> class W, class T> struct EdgeBinding<W<T>> {
  static constexpr Direction dir = EdgeInfo<W<T>>::dir;
  static void bindScalar(Binder &b, W<T> &f, std::uint32_t addr) {
    f.storage.ptr = b.template address<T>(addr, 1);
    if (dir != Direction::Input)
      b.writable(f.storage.ptr, sizeof(T));
  }
};

/// Input<float>, Output<half>, ...
template <template <class> class W, class T>
struct FieldTraits<
    W<T>, std::enable_if_t<IsEdge<W<T>>::value && IsElement<T>::value>> {
  static constexpr FieldInfo describe(const char *name) {
    return elementField<T>(name, FieldKind::Edge, EdgeInfo<W<T>>::dir, 0, false,
                           alignof(T));
  }
  static void bind(Binder &b, W<T> &f) {
    EdgeBinding<W<T>>::bindScalar(b, f, b.word());
  }
  static void bindEntry(Binder &b, W<T> &f) {
    const std::uint32_t addr = b.word();
    b.word(); // count, always 1
    EdgeBinding<W<T>>::bindScalar(b, f, addr);
  }
};

/// Input<Vector<float>>, InOut<Vector<half, ONE_PTR, 8>>, ...
template <template <class> class W, class T, poplar::VectorLayout L, unsigned A,
          bool I>
struct FieldTraits<
    W<poplar::Vector<T, L, A, I>>,
    std::enable_if_t<IsEdge<W<poplar::Vector<T, L, A, I>>>::value &&
                     IsElement<T>::value>> {
  using F = W<poplar::Vector<T, L, A, I>>;
  static constexpr FieldInfo describe(const char *name) {
    return elementField<T>(name, FieldKind::EdgeVector, EdgeInfo<F>::dir,
                           std::uint8_t(L), I, A);
  }
  static void bind(Binder &b, F &f) {
    const std::uint32_t addr = b.word(), count = b.word();
    f.storage.value.ptr = b.template address<T>(addr, count);
    f.storage.value.count = count;
    if (EdgeInfo<F>::dir != Direction::Input)
      b.writable(f.storage.value.ptr, sizeof(T) * count);
  }
  static void bindEntry(Binder &b, F &f) { bind(b, f); }
};

/// Input<VectorList<float, DELTAN>>, ...
template <template <class> class W, class T, poplar::VectorListLayout L,
          unsigned A, bool I>
struct FieldTraits<
    W<poplar::VectorList<T, L, A, I>>,
    std::enable_if_t<IsEdge<W<poplar::VectorList<T, L, A, I>>>::value &&
                     IsElement<T>::value>> {
  using F = W<poplar::VectorList<T, L, A, I>>;
  using List = poplar::VectorList<
      std::conditional_t<EdgeInfo<F>::dir == Direction::Input, const T, T>, L,
      A, I>;
  using Row = typename List::Row;
  static constexpr FieldInfo describe(const char *name) {
    return elementField<T>(name, FieldKind::EdgeVectorList, EdgeInfo<F>::dir,
                           std::uint8_t(L), I, A);
  }
  static void bind(Binder &b, F &f) {
    const std::uint32_t table = b.word(), count = b.word();
    Row *rows = b.template allocate<Row>(count);
    Binder sub = b.table(table, 2 * count);
    for (std::uint32_t i = 0; rows && i < count; ++i) {
      const std::uint32_t addr = sub.word(), n = sub.word();
      rows[i].ptr = sub.template address<T>(addr, n);
      rows[i].count = n;
      if (EdgeInfo<F>::dir != Direction::Input)
        sub.writable(rows[i].ptr, sizeof(T) * n);
    }
    b.adopt(sub);
    f.storage.value.rows = rows;
    f.storage.value.count = rows ? count : 0;
  }
};

/// Vector<Input<float>> and Vector<Input<Vector<float>>, ONE_PTR>: a vector
/// of edges, connected with an ArrayRef<Tensor> or v["f"][i].
template <class E, poplar::VectorLayout L, unsigned A, bool I>
struct FieldTraits<poplar::Vector<E, L, A, I>,
                   std::enable_if_t<IsEdge<E>::value>> {
  using Inner = FieldTraits<E>;
  static constexpr FieldInfo describe(const char *name) {
    FieldInfo info = Inner::describe(name);
    info.kind = info.kind == FieldKind::Edge ? FieldKind::VectorOfEdges
                                             : FieldKind::VectorOfEdgeVectors;
    info.layout = std::uint8_t(L);
    return info;
  }
  static void bind(Binder &b, poplar::Vector<E, L, A, I> &field) {
    const std::uint32_t table = b.word(), count = b.word();
    E *items = b.template allocate<E>(count);
    Binder sub = b.table(table, 2 * count);
    for (std::uint32_t i = 0; items && i < count; ++i)
      Inner::bindEntry(sub, items[i]);
    b.adopt(sub);
    field.ptr = items;
    field.count = items ? count : 0;
  }
};

template <class V> constexpr VertexBase vertexBase() {
  if constexpr (std::is_base_of_v<poplar::MultiVertex, V>)
    return VertexBase::MultiVertex;
  else if constexpr (std::is_base_of_v<poplar::SupervisorVertex, V>)
    return VertexBase::SupervisorVertex;
  else
    return VertexBase::Vertex;
}

template <class V> constexpr bool returnsBool() {
  if constexpr (vertexBase<V>() == VertexBase::MultiVertex)
    return std::is_same_v<decltype(std::declval<V &>().compute(0u)), bool>;
  else
    return std::is_same_v<decltype(std::declval<V &>().compute()), bool>;
}

template <class F> constexpr FieldInfo describeField(const char *name) {
  return FieldTraits<F>::describe(name);
}
template <class F> void bindField(Binder &b, F &field) {
  FieldTraits<F>::bind(b, field);
}

/// The rest of the per-thread state, after the members the instrumentation
/// pass addresses.
struct ExecStateFull : ExecState {
  static constexpr std::uint32_t kMaxRanges = 1u << 14;
  static constexpr std::size_t kArenaBytes = std::size_t(1) << 20;
  /// What a vertex may read besides its writable ranges: its tile's
  /// memory, its stack, its object, the binder's arena, its codelet object.
  static constexpr std::uint32_t kMaxReadRanges = 32;
  WritableRange ranges[kMaxRanges];
  std::uint32_t numRanges;
  WritableRange readRanges[kMaxReadRanges];
  std::uint32_t numReadRanges;
  std::jmp_buf escape;
  RunStatus status;
  std::uintptr_t faultAddress;
  std::uint64_t faultBytes;
  /// The running vertex's context, for its printf output.
  const RunContext *context;
  alignas(16) std::uint8_t arena[kArenaBytes];
};

} // namespace tessel::abi

namespace tessel::dev {
/// Calls the vertex's compute; instrumented like the codelet itself. Never
/// inlined, so the uninstrumented glue around it stays apart.
template <class V>
__attribute__((noinline)) bool invokeCompute(V &v, unsigned workerId) {
  if constexpr (abi::vertexBase<V>() == abi::VertexBase::MultiVertex) {
    if constexpr (abi::returnsBool<V>())
      return v.compute(workerId);
    else
      return v.compute(workerId), true;
  } else {
    (void)workerId;
    if constexpr (abi::returnsBool<V>())
      return v.compute();
    else
      return v.compute(), true;
  }
}
} // namespace tessel::dev

#endif
