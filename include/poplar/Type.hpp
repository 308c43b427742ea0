// poplar::Type: the element types of tensors, and the type constants.
#ifndef POPLAR_TYPE_HPP
#define POPLAR_TYPE_HPP

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>

namespace poplar {

class Type {
public:
  /// An invalid type ("<invalid>"); usable as a map key.
  Type() = default;
  /// Tessel internal: the type with index `id` in the type table.
  explicit constexpr Type(unsigned id) : id(id) {}

  std::string toString() const;
  std::size_t hash() const { return std::hash<unsigned>()(id); }
  bool isFloatingPoint() const;
  bool requiresMetadata() const;
  bool isValid() const { return id != 0; }
  /// Tessel internal: the index in the type table.
  unsigned getId() const { return id; }

  bool operator==(const Type &o) const { return id == o.id; }
  bool operator!=(const Type &o) const { return id != o.id; }
  bool operator<(const Type &o) const { return id < o.id; }

private:
  unsigned id = 0;
};

std::ostream &operator<<(std::ostream &os, const Type &t);

// The ids are the rows of Tessel's type table (compiler/core/TypeTable.cpp).
inline constexpr Type BOOL{1};
inline constexpr Type CHAR{2};
inline constexpr Type UNSIGNED_CHAR{3};
inline constexpr Type SIGNED_CHAR{4};
inline constexpr Type SHORT{5};
inline constexpr Type UNSIGNED_SHORT{6};
inline constexpr Type INT{7};
inline constexpr Type UNSIGNED_INT{8};
inline constexpr Type LONG{9};
inline constexpr Type UNSIGNED_LONG{10};
inline constexpr Type LONGLONG{11};
inline constexpr Type UNSIGNED_LONGLONG{12};
inline constexpr Type QUARTER{13};
inline constexpr Type QUARTER_METADATA{14};
inline constexpr Type HALF{15};
inline constexpr Type FLOAT{16};
/// Host-only: a C++ double, accepted as a source of constant values. There
/// is no double on the device.
inline constexpr Type DOUBLE{17};

/// The device type with the same representation as host type T.
template <class T> struct equivalent_device_type {};
template <> struct equivalent_device_type<bool> { const Type &value = BOOL; };
template <> struct equivalent_device_type<char> { const Type &value = CHAR; };
template <> struct equivalent_device_type<unsigned char> {
  const Type &value = UNSIGNED_CHAR;
};
template <> struct equivalent_device_type<signed char> {
  const Type &value = SIGNED_CHAR;
};
template <> struct equivalent_device_type<short> { const Type &value = SHORT; };
template <> struct equivalent_device_type<unsigned short> {
  const Type &value = UNSIGNED_SHORT;
};
template <> struct equivalent_device_type<int> { const Type &value = INT; };
template <> struct equivalent_device_type<unsigned> {
  const Type &value = UNSIGNED_INT;
};
template <> struct equivalent_device_type<long> { const Type &value = LONG; };
template <> struct equivalent_device_type<unsigned long> {
  const Type &value = UNSIGNED_LONG;
};
template <> struct equivalent_device_type<long long> {
  const Type &value = LONGLONG;
};
template <> struct equivalent_device_type<unsigned long long> {
  const Type &value = UNSIGNED_LONGLONG;
};
template <> struct equivalent_device_type<float> { const Type &value = FLOAT; };
template <> struct equivalent_device_type<double> {
  const Type &value = DOUBLE;
};

} // namespace poplar

namespace std {
template <> struct hash<poplar::Type> {
  std::size_t operator()(const poplar::Type &t) const { return t.hash(); }
};
} // namespace std

#endif
