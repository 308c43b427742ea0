// ArrayRef: a non-owning view of a contiguous array, built implicitly from
// vectors, std::arrays, C arrays and braced lists.
#ifndef POPLAR_ARRAYREF_HPP
#define POPLAR_ARRAYREF_HPP

#include <array>
#include <cassert>
#include <cstddef>
#include <initializer_list>
#include <vector>

namespace poplar {

template <class T> class ArrayRef {
public:
  using value_type = T;
  using const_iterator = const T *;
  using iterator = const T *;

  ArrayRef() = default;
  ArrayRef(std::nullptr_t) = delete;
  ArrayRef(const T *p, std::size_t size) : ptr(p), len(size) {}
  ArrayRef(const std::vector<T> &v) : ptr(v.data()), len(v.size()) {}
  template <std::size_t N>
  ArrayRef(const std::array<T, N> &a) : ptr(a.data()), len(N) {}
  template <std::size_t N> ArrayRef(const T (&a)[N]) : ptr(a), len(N) {}
  /// The list must outlive the ArrayRef: fine for a call argument, which is
  /// what braced lists are for (GCC's lifetime warning does not know that).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winit-list-lifetime"
#endif
  ArrayRef(std::initializer_list<T> list)
      : ptr(list.begin() == list.end() ? nullptr : list.begin()),
        len(list.size()) {}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

  const T *data() const { return ptr; }
  std::size_t size() const { return len; }
  bool empty() const { return len == 0; }
  const T &front() const {
    assert(len);
    return ptr[0];
  }
  const T &back() const {
    assert(len);
    return ptr[len - 1];
  }
  const T &operator[](std::size_t i) const {
    assert(i < len);
    return ptr[i];
  }
  const T *begin() const { return ptr; }
  const T *end() const { return ptr + len; }
  std::vector<T> cloneAsVector() const {
    return std::vector<T>(begin(), end());
  }

private:
  const T *ptr = nullptr;
  std::size_t len = 0;
};

template <class T> bool operator==(ArrayRef<T> a, ArrayRef<T> b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i]))
      return false;
  return true;
}
template <class T> bool operator!=(ArrayRef<T> a, ArrayRef<T> b) {
  return !(a == b);
}

} // namespace poplar

#endif
