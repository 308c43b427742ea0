// Binding a vertex's fields (poplar/Vertex.hpp) to its state in tile memory,
// for the glue popc appends to codelet sources (CodeletGlue.hpp): what each
// field type is called in the vertex table (FieldTraits::describe), how its
// state words become pointers (FieldTraits::bind), and the entry from the
// uninstrumented glue into the instrumented compute() (tessel::dev). Tessel
// internal: neither codelets nor host programs include this header.
#ifndef TESSEL_INTERNAL_FIELDBINDING_HPP
#define TESSEL_INTERNAL_FIELDBINDING_HPP

#include <poplar/Vertex.hpp>
#include <tessel/internal/CodeletABI.hpp>

#include <csetjmp>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <type_traits>

namespace tessel {

/// The one way into the private members of the field types: the binding
/// below points them at tile memory.
struct VertexFieldAccess {
  /// Points a Vector or a VectorList row at `n` elements.
  template <class C, class E>
  static void point(C &container, E *data, std::uint32_t n) {
    container.ptr = data;
    container.count = n;
  }
  /// Points a VectorList at `n` rows.
  template <class L, class R>
  static void pointRows(L &list, R *rows, std::uint32_t n) {
    list.rows = rows;
    list.count = n;
  }
  /// What an Input, Output or InOut holds (a pointer, or a vector or list).
  template <class E> static auto &storage(E &edge) { return edge.storage; }
};

} // namespace tessel

namespace tessel::abi {

using Access = VertexFieldAccess;

template <class F, class = void> struct FieldTraits;
template <class F> struct EdgeBinding;

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
    Access::point(field, b.address<T>(addr, count), count);
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
    auto &storage = Access::storage(f);
    storage.ptr = b.template address<T>(addr, 1);
    if (dir != Direction::Input)
      b.writable(storage.ptr, sizeof(T));
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
    auto &vector = Access::storage(f).value;
    Access::point(vector, b.template address<T>(addr, count), count);
    if (EdgeInfo<F>::dir != Direction::Input)
      b.writable(vector.data(), sizeof(T) * count);
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
      Access::point(rows[i], sub.template address<T>(addr, n), n);
      if (EdgeInfo<F>::dir != Direction::Input)
        sub.writable(rows[i].data(), sizeof(T) * n);
    }
    b.adopt(sub);
    Access::pointRows(Access::storage(f).value, rows, rows ? count : 0);
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
    Access::point(field, items, items ? count : 0);
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
