// A tree of profile values (maps, vectors, strings, numbers, booleans): the
// type of the legacy Engine::getGraphProfile / getExecutionProfile, which
// Tessel fills from its profile (docs/profile-format.md).
#ifndef POPLAR_PROFILEVALUE_HPP
#define POPLAR_PROFILEVALUE_HPP

#include <poplar/StringRef.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace poplar {

class ProfileValue {
public:
  enum class Type { BOOL_, STRING, NUMBER, VECTOR, MAP };
  using String = std::string;
  using Vector = std::vector<ProfileValue>;
  using Map = std::map<std::string, ProfileValue>;
  using Number = double;
  using Boolean = bool;

  /// An empty map.
  ProfileValue() : kind(Type::MAP) {}
  ProfileValue(String s) : kind(Type::STRING), string(std::move(s)) {}
  ProfileValue(const char *s) : ProfileValue(String(s)) {}
  ProfileValue(Vector v) : kind(Type::VECTOR), vector(std::move(v)) {}
  ProfileValue(Map m) : kind(Type::MAP), map(std::move(m)) {}
  ProfileValue(Number n) : kind(Type::NUMBER), number(n) {}
  ProfileValue(Boolean b) : kind(Type::BOOL_), boolean(b) {}

  Type type() const { return kind; }

  // Each throws poplar::type_error when the value is of another type (and
  // asInt / asUint when the number is not such an integer).
  const String &asString() const;
  bool asBool() const;
  std::int64_t asInt() const;
  std::uint64_t asUint() const;
  double asDouble() const;
  const Map &asMap() const;
  const Vector &asVector() const;

  /// Elements of a vector or entries of a map (type_error otherwise).
  std::size_t size() const;
  /// The map's entry `key`; index_error when there is none.
  const ProfileValue &operator[](StringRef key) const;
  /// The vector's element `i`; index_error when out of range.
  const ProfileValue &operator[](std::size_t i) const;
  /// The map's entry `key`, or null when there is none.
  const ProfileValue *getOrNull(StringRef key) const;

  /// A vector of unsigned integers as one.
  std::vector<std::uint64_t> toUintVector() const;
  /// The sum of a vector of numbers.
  double sumDouble() const;
  std::int64_t sumInt() const;
  std::uint64_t sumUint() const;
  /// The sum of a vector of vectors of integers.
  std::int64_t sum2DInt() const;
  std::uint64_t sum2DUint() const;

  bool operator==(const ProfileValue &o) const;
  bool operator!=(const ProfileValue &o) const { return !(*this == o); }

private:
  void expect(Type t, const char *what) const;

  Type kind;
  String string;
  Vector vector;
  Map map;
  Number number = 0;
  Boolean boolean = false;
};

/// Writes `value` as JSON (indented when `prettyPrint`).
void serializeToJSON(std::ostream &out, const ProfileValue &value,
                     bool prettyPrint = false);

} // namespace poplar

#endif
