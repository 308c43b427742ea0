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
  /// An invalid type: toString() gives "<invalid>"; it compares below every
  /// valid type, so it is still a usable map key.
  constexpr Type() = default;
  /// Tessel internal: the type with index `id` in the type table.
  explicit constexpr Type(unsigned id) : id(id) {}

  /// Poplar's name: "float", "half", "unsigned int", ...
  std::string toString() const;
  std::size_t hash() const { return std::hash<unsigned>()(id); }
  bool isFloatingPoint() const;
  /// True for QUARTER, whose values need a QUARTER_METADATA scale.
  bool requiresMetadata() const;
  constexpr bool isValid() const { return id != 0; }
  /// Tessel internal: the index in the type table.
  constexpr unsigned getId() const { return id; }

  constexpr bool operator==(const Type &o) const { return id == o.id; }
  constexpr bool operator!=(const Type &o) const { return id != o.id; }
  constexpr bool operator<(const Type &o) const { return id < o.id; }

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
/// LONG and UNSIGNED_LONG name host types; tensors cannot have them.
inline constexpr Type LONG{9};
inline constexpr Type UNSIGNED_LONG{10};
inline constexpr Type LONGLONG{11};
inline constexpr Type UNSIGNED_LONGLONG{12};
inline constexpr Type QUARTER{13};
inline constexpr Type QUARTER_METADATA{14};
inline constexpr Type HALF{15};
inline constexpr Type FLOAT{16};
/// Tessel extension, host only: a C++ double, accepted wherever host values
/// are converted to device values (constants, initial values,
/// convertToDeviceType). The IPU has no double, so tensors cannot have it.
inline constexpr Type DOUBLE{17};

/// The type of host values of C++ type T: `equivalent_device_type<T>().value`.
/// There is one for every arithmetic type; `double` maps to the host-only
/// DOUBLE, which converts to any device type.
template <class T> struct equivalent_device_type {};
template <> struct equivalent_device_type<bool> { Type value = BOOL; };
template <> struct equivalent_device_type<char> { Type value = CHAR; };
template <> struct equivalent_device_type<unsigned char> {
  Type value = UNSIGNED_CHAR;
};
template <> struct equivalent_device_type<signed char> {
  Type value = SIGNED_CHAR;
};
template <> struct equivalent_device_type<short> { Type value = SHORT; };
template <> struct equivalent_device_type<unsigned short> {
  Type value = UNSIGNED_SHORT;
};
template <> struct equivalent_device_type<int> { Type value = INT; };
template <> struct equivalent_device_type<unsigned> {
  Type value = UNSIGNED_INT;
};
template <> struct equivalent_device_type<long> { Type value = LONG; };
template <> struct equivalent_device_type<unsigned long> {
  Type value = UNSIGNED_LONG;
};
template <> struct equivalent_device_type<long long> { Type value = LONGLONG; };
template <> struct equivalent_device_type<unsigned long long> {
  Type value = UNSIGNED_LONGLONG;
};
template <> struct equivalent_device_type<float> { Type value = FLOAT; };
template <> struct equivalent_device_type<double> { Type value = DOUBLE; };

} // namespace poplar

namespace std {
template <> struct hash<poplar::Type> {
  std::size_t operator()(const poplar::Type &t) const { return t.hash(); }
};
} // namespace std

#endif
